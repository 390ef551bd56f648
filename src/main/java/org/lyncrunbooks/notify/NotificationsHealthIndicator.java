package org.lyncrunbooks.notify;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The health component {@code notifications}: DOWN while mails (or webhook calls) have failed after all their
 * retries since the last one that went out (the details name the newest one and why), so that monitoring notices
 * that people are not being told; UP with {@code mail: off} while neither mail nor the webhook is configured.
 */
@Component
class NotificationsHealthIndicator extends AbstractHealthIndicator {

    private final Notifications outbox;
    private final NotificationLog log;

    NotificationsHealthIndicator(Notifications outbox, NotificationLog log) {
        super("the notifications health check failed");
        this.outbox = outbox;
        this.log = log;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!outbox.enabled()) {
            builder.up().withDetail("mail", "off (spring.mail.host is not set)").withDetail("webhook", "off");
            return;
        }
        NotificationLog.Failures failures = log.failuresSinceLastSent();
        builder.withDetail("mail", outbox.mailEnabled() ? "on" : "off").withDetail("webhook", outbox.webhookEnabled() ? "on" : "off")
                .withDetail("sent", log.count(NotificationLog.Status.SENT))
                .withDetail("failedSinceLastSent", failures.count());
        if (failures.count() == 0) {
            builder.up();
            return;
        }
        builder.down().withDetail("lastFailure", java.util.Map.of("subject", failures.lastSubject(),
                "at", failures.lastAt().toString(), "error", String.valueOf(failures.lastError())));
    }
}
