package org.lyncrunbooks.notify;

import org.springframework.stereotype.Component;

/** Hands an event to every channel that is configured: mail and the webhook. */
@Component
class Notifications {

    private final MailOutbox mail;
    private final WebhookOutbox webhook;

    Notifications(MailOutbox mail, WebhookOutbox webhook) {
        this.mail = mail;
        this.webhook = webhook;
    }

    /** Whether any channel is configured. */
    boolean enabled() {
        return mail.enabled() || webhook.enabled();
    }

    boolean mailEnabled() {
        return mail.enabled();
    }

    boolean webhookEnabled() {
        return webhook.enabled();
    }

    /** Queues the event on every configured channel and returns at once. */
    void submit(Notification notification) {
        mail.submit(notification);
        webhook.submit(notification);
    }
}
