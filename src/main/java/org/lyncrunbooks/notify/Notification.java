package org.lyncrunbooks.notify;

import java.util.List;

/**
 * One event to tell people of: a mail to the members of {@code groups} (and their extra recipients) and, when
 * configured, a webhook call — each at most once however many nodes see the event, {@code dedupKey} naming the
 * event ({@code task:<id>}, {@code failed:<process instance>:<end event>}). Its texts hold names, times and links
 * only, never a variable's content.
 *
 * @param incident the webhook's stable {@code dedupKey}: the process instance, or {@code backup-health}
 * @param resolves whether the event ends what earlier events of {@code incident} opened (a run that succeeded, the
 *                 health UP again)
 * @param link     the page the event is about (the task in Tasklist, Cockpit, the backup health)
 */
record Notification(String dedupKey, String event, List<String> groups, String subject, String text, String html,
                    String incident, boolean resolves, String link) {
}
