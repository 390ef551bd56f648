package org.lyncrunbooks.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The optional webhook ({@code lync.notify.webhook.url}): one JSON POST per event, with a {@code dedupKey} that stays
 * the same for every event of one process instance ({@code backup-health} for the health), and {@code action}
 * {@code trigger} or {@code resolve}, so that an incident tool (PagerDuty's Events API style) opens one incident per
 * run and resolves it when the run succeeds. Claimed once for all nodes and retried like mail; any 2xx answer counts
 * as delivered.
 */
@Component
class WebhookOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookOutbox.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final NotificationLog log;
    private final NotifyProperties properties;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lync-notify-webhook");
        thread.setDaemon(true);
        return thread;
    });

    WebhookOutbox(NotificationLog log, NotifyProperties properties, Clock clock) {
        this.log = log;
        this.properties = properties;
        this.clock = clock;
    }

    boolean enabled() {
        return properties.webhook().url() != null;
    }

    void submit(Notification notification) {
        if (!enabled()) {
            return;
        }
        String key = "webhook:" + notification.dedupKey();
        executor.execute(() -> {
            try {
                if (log.claim(key, "webhook-" + notification.event(), notification.subject(), clock.instant())) {
                    attempt(key, notification, 1);
                }
            } catch (RuntimeException e) {
                LOG.warn("webhook call for '{}' not made: {}", notification.subject(), e.toString());
            }
        });
    }

    private void attempt(String key, Notification notification, int attempt) {
        String error;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(properties.webhook().url()).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(notification))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                log.record(key, NotificationLog.Status.SENT, attempt, null, clock.instant());
                LOG.info("webhook told of '{}'", notification.subject());
                return;
            }
            error = "HTTP " + response.statusCode();
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        NotifyProperties.Mail retries = properties.mail();
        if (attempt < retries.attempts()) {
            log.record(key, NotificationLog.Status.SENDING, attempt, error, clock.instant());
            String failed = error;
            executor.schedule(() -> {
                try {
                    attempt(key, notification, attempt + 1);
                } catch (RuntimeException e) {
                    LOG.warn("webhook call for '{}' not made: {} (before: {})", notification.subject(), e, failed);
                }
            }, retries.delayBefore(attempt + 1).toMillis(), TimeUnit.MILLISECONDS);
        } else {
            log.record(key, NotificationLog.Status.FAILED, attempt, error, clock.instant());
            LOG.warn("webhook call for '{}' failed after {} attempts: {}", notification.subject(), attempt, error);
        }
    }

    private String body(Notification notification) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dedupKey", notification.incident());
        body.put("action", notification.resolves() ? "resolve" : "trigger");
        body.put("event", notification.event());
        body.put("summary", notification.subject());
        body.put("source", "lync-runbooks");
        body.put("groups", notification.groups());
        body.put("link", notification.link());
        body.put("at", clock.instant().toString());
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
