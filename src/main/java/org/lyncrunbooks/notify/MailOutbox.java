package org.lyncrunbooks.notify;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends notifications on a thread of its own, so that no process ever waits for mail or fails because of it: each
 * is claimed once in the {@link NotificationLog} (two nodes, one mail), then tried up to
 * {@code lync.notify.mail.attempts} times with a doubling wait; one that still fails is logged as one WARN line and
 * shows in the {@code notifications} health component. Does nothing while {@code spring.mail.host} is not set.
 */
@Component
class MailOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(MailOutbox.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final NotificationLog log;
    private final GroupMembers members;
    private final NotifyProperties.Mail properties;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lync-notify");
        thread.setDaemon(true);
        return thread;
    });

    MailOutbox(ObjectProvider<JavaMailSender> sender, NotificationLog log, GroupMembers members,
               NotifyProperties properties, Clock clock) {
        this.sender = sender;
        this.log = log;
        this.members = members;
        this.properties = properties.mail();
        this.clock = clock;
    }

    /** Whether mail is configured ({@code spring.mail.host}). */
    boolean enabled() {
        return sender.getIfAvailable() != null;
    }

    /** Queues the mail and returns at once. */
    void submit(Notification notification) {
        if (notification.groups().isEmpty()) {
            return;
        }
        if (!enabled()) {
            LOG.debug("mail is off (spring.mail.host is not set): not sending '{}'", notification.subject());
            return;
        }
        executor.execute(() -> {
            try {
                if (log.claim(notification, clock.instant())) {
                    attempt(notification, 1);
                }
            } catch (RuntimeException e) {
                LOG.warn("mail '{}' not sent: {}", notification.subject(), e.toString());
            }
        });
    }

    private void attempt(Notification notification, int attempt) {
        Set<String> to = recipients(notification);
        if (to.isEmpty()) {
            LOG.info("mail '{}' has no recipient: no member of {} has an e-mail address", notification.subject(),
                    notification.groups());
            log.record(notification.dedupKey(), NotificationLog.Status.NO_RECIPIENTS, attempt, null, clock.instant());
            return;
        }
        try {
            send(notification, to);
            log.record(notification.dedupKey(), NotificationLog.Status.SENT, attempt, null, clock.instant());
            LOG.info("mail '{}' sent to {} recipient(s) of {}", notification.subject(), to.size(), notification.groups());
        } catch (MailException | MessagingException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (attempt < properties.attempts()) {
                log.record(notification.dedupKey(), NotificationLog.Status.SENDING, attempt, error, clock.instant());
                long delay = properties.delayBefore(attempt + 1).toMillis();
                LOG.debug("mail '{}' attempt {} failed ({}); next in {} ms", notification.subject(), attempt, error, delay);
                executor.schedule(() -> attemptSafely(notification, attempt + 1), delay, TimeUnit.MILLISECONDS);
            } else {
                log.record(notification.dedupKey(), NotificationLog.Status.FAILED, attempt, error, clock.instant());
                LOG.warn("mail '{}' not sent after {} attempts: {}", notification.subject(), attempt, error);
            }
        }
    }

    private void attemptSafely(Notification notification, int attempt) {
        try {
            attempt(notification, attempt);
        } catch (RuntimeException e) {
            LOG.warn("mail '{}' not sent: {}", notification.subject(), e.toString());
        }
    }

    private Set<String> recipients(Notification notification) {
        Set<String> to = new LinkedHashSet<>();
        for (String group : notification.groups()) {
            to.addAll(members.addresses(group));
            to.addAll(properties.extra(group));
        }
        return to;
    }

    private void send(Notification notification, Set<String> to) throws MessagingException {
        JavaMailSender mail = sender.getObject();
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(properties.from());
        helper.setTo(to.toArray(String[]::new));
        helper.setSubject(notification.subject());
        helper.setText(notification.text(), notification.html());
        message.setHeader("X-Lync-Runbooks-Event", notification.event());
        mail.send(message);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
