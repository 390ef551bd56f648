package org.lyncrunbooks.notify;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Mails {@code failureGroups} when the health component {@code backup} turns DOWN and when it is UP again — once per
 * transition, not per probe, and once for all nodes: a DOWN is keyed by the newest good set it is about and the
 * number of UP mails before it (so a later probe, or another node, finds the same key), an UP likewise by the
 * set and the number of DOWN mails, and an UP is only sent when the last health mail of any node was a DOWN.
 */
@Component
class BackupHealthWatch {

    static final String DOWN = "backup-health-down";
    static final String UP = "backup-health-up";
    /** The webhook's dedupKey of the backup health's DOWN and UP. */
    static final String INCIDENT = "backup-health";
    private static final String COMPONENT = "backup";

    private final HealthContributorRegistry registry;
    private final Notifications outbox;
    private final NotificationLog log;
    private final Links links;
    private final NotifyProperties properties;

    BackupHealthWatch(HealthContributorRegistry registry, Notifications outbox, NotificationLog log, Links links,
                      NotifyProperties properties) {
        this.registry = registry;
        this.outbox = outbox;
        this.log = log;
        this.links = links;
        this.properties = properties;
    }

    /** Looks at the backup health once and mails a transition. */
    void check() {
        if (!outbox.enabled() || !(registry.getContributor(COMPONENT) instanceof HealthIndicator indicator)) {
            return;
        }
        Health health = indicator.getHealth(true);
        String set = newestSet(health).orElse("none");
        boolean down = Status.DOWN.equals(health.getStatus());
        boolean up = Status.UP.equals(health.getStatus());
        List<String> groups = properties.mail().failureGroups();
        if (down) {
            MailText body = new MailText("The backup health is DOWN: people cannot rely on the backups until this is fixed.");
            problems(health).forEach(p -> body.row("Problem", p));
            body.row("Newest good set", set).link("Backup health (managers and administrators)", links.backupHealth());
            outbox.submit(new Notification(DOWN + ":" + set + ":" + log.countEvent(UP), DOWN, groups, "Backup health DOWN", body.text(), body.html(),
                    INCIDENT, false, links.backupHealth()));
        } else if (up && log.newestEvent(List.of(DOWN, UP)).filter(DOWN::equals).isPresent()) {
            MailText body = new MailText("The backup health is UP again.").row("Newest good set", set)
                    .link("Backup health (managers and administrators)", links.backupHealth());
            outbox.submit(new Notification(UP + ":" + set + ":" + log.countEvent(DOWN), UP, groups, "Backup health UP again", body.text(), body.html(),
                    INCIDENT, true, links.backupHealth()));
        }
    }

    private static Optional<String> newestSet(Health health) {
        return health.getDetails().get("newestSet") instanceof Map<?, ?> set && set.get("id") != null
                ? Optional.of(set.get("id").toString()) : Optional.empty();
    }

    private static List<String> problems(Health health) {
        return health.getDetails().get("problems") instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
