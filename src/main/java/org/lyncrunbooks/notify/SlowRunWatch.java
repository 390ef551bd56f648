package org.lyncrunbooks.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Mails {@code failureGroups} once when a run of a watched process ({@code lync.notify.slow-runs-of}) has taken longer
 * than {@code lync.notify.slow-run-factor} times the median of its last successful runs — while it still runs, so
 * that a hanging run is noticed before the morning. Needs at least {@link #MIN_RUNS} successful runs to compare with.
 */
@Component
class SlowRunWatch {

    static final String SLOW = "slow-run";
    static final int MIN_RUNS = 3;
    private static final int RUNS_COMPARED = 10;

    private final RunDurations durations;
    private final Notifications outbox;
    private final Links links;
    private final NotifyProperties properties;
    private final Clock clock;

    SlowRunWatch(RunDurations durations, Notifications outbox, Links links, NotifyProperties properties, Clock clock) {
        this.durations = durations;
        this.outbox = outbox;
        this.links = links;
        this.properties = properties;
        this.clock = clock;
    }

    /** Looks at the runs in progress once and mails the ones that are too slow (once each). */
    void check() {
        if (!outbox.enabled()) {
            return;
        }
        Instant now = clock.instant();
        for (String process : properties.slowRunsOf()) {
            List<RunDurations.Running> running = durations.running(process);
            if (running.isEmpty()) {
                continue;
            }
            List<Duration> usual = durations.succeeded(process, RUNS_COMPARED);
            if (usual.size() < MIN_RUNS) {
                continue;
            }
            Duration median = median(usual);
            Duration limit = Duration.ofMillis((long) (median.toMillis() * properties.slowRunFactor()));
            for (RunDurations.Running run : running) {
                Duration taken = Duration.between(run.startedAt(), now);
                if (taken.compareTo(limit) > 0) {
                    String subject = "Slow: " + run.processName() + (run.businessKey() == null ? "" : " " + run.businessKey());
                    MailText body = new MailText(run.processName() + " has run for " + human(taken) + ", more than "
                            + properties.slowRunFactor() + " × its usual " + human(median) + ".")
                            .row("Run", run.businessKey())
                            .row("Started", run.startedAt())
                            .row("Usual (median of the last " + usual.size() + " good runs)", human(median))
                            .link("Cockpit", links.cockpit());
                    outbox.submit(new Notification(SLOW + ":" + run.processInstanceId(), SLOW, properties.mail().failureGroups(),
                            subject, body.text(), body.html(), run.processInstanceId(), false, links.cockpit()));
                }
            }
        }
    }

    static Duration median(List<Duration> durations) {
        List<Duration> sorted = new ArrayList<>(durations);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    private static String human(Duration duration) {
        return duration.withNanos(0).toString().substring(2).toLowerCase();
    }
}
