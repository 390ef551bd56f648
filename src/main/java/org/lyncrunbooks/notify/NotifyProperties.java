package org.lyncrunbooks.notify;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who hears of what ({@code lync.notify}). Mail itself is Spring Boot's ({@code spring.mail.*}) and off while
 * {@code spring.mail.host} is not set.
 *
 * @param mail                 the mails (their retry settings serve the webhook too)
 * @param webhook              the optional webhook
 * @param healthCheckInterval  how often the backup health and the runs in progress are looked at
 * @param slowRunFactor        a run taking longer than this times the median of the last good runs is mailed
 * @param slowRunsOf           the processes whose runs are watched for that
 */
@Validated
@ConfigurationProperties("lync.notify")
record NotifyProperties(@Valid @NotNull Mail mail, Webhook webhook, @NotNull Duration healthCheckInterval,
                        @DecimalMin("1.0") double slowRunFactor, List<String> slowRunsOf) {

    NotifyProperties {
        webhook = webhook == null ? new Webhook(null) : webhook;
        slowRunsOf = slowRunsOf == null ? List.of() : List.copyOf(slowRunsOf);
    }

    /** @param url where each event is POSTed as JSON; none: no webhook */
    record Webhook(URI url) {
    }

    /**
     * @param from              the sender address
     * @param extraRecipients   per group, addresses that receive that group's mail besides its members
     *                          ({@code lync.notify.mail.extra-recipients.lync-operators: [oncall@contoso.com]})
     * @param failureGroups     who hears that a run failed and that the backup health changed
     * @param runGroups         who hears that a run of {@code announcedProcesses} started or ended
     * @param announcedProcesses the processes whose start and successful end are announced (recoveries, failovers)
     * @param attempts          how often a mail is tried before it counts as failed
     * @param backoff           the wait before the second attempt; it doubles for each further attempt
     * @param maxBackoff        the longest wait between two attempts
     */
    record Mail(@NotNull String from, Map<String, List<String>> extraRecipients, @NotNull List<String> failureGroups,
                @NotNull List<String> runGroups, @NotNull List<String> announcedProcesses, @Min(1) int attempts,
                @NotNull Duration backoff, @NotNull Duration maxBackoff) {

        Mail {
            extraRecipients = extraRecipients == null ? Map.of() : Map.copyOf(extraRecipients);
        }

        /** The extra addresses of {@code group}. */
        List<String> extra(String group) {
            return extraRecipients.getOrDefault(group, List.of());
        }

        /** The wait before attempt {@code attempt} (2, 3, …). */
        Duration delayBefore(int attempt) {
            Duration delay = backoff;
            for (int i = 2; i < attempt && delay.compareTo(maxBackoff) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
        }
    }
}
