package org.lyncrunbooks.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.lyncrunbooks.workflow.SecurityProperties;
import org.springframework.mock.env.MockEnvironment;

class SlowRunWatchTest {

    static final Instant NOW = Instant.parse("2026-12-07T04:00:00Z");
    static final String BACKUP = "lync-backup-cycle";

    final Notifications notifications = mock(Notifications.class);

    @Test
    void aRunLongerThanTwiceTheMedianOfTheGoodRunsIsMailedToTheFailureGroups() {
        SlowRunWatch watch = watch(List.of(minutes(30), minutes(40), minutes(35), minutes(300)),
                new RunDurations.Running("pi-1", "20261207T020000Z", "Lync backup cycle", NOW.minus(minutes(80))));

        watch.check();

        ArgumentCaptor<Notification> sent = ArgumentCaptor.forClass(Notification.class);
        verify(notifications).submit(sent.capture());
        assertThat(sent.getValue().dedupKey()).isEqualTo("slow-run:pi-1");
        assertThat(sent.getValue().subject()).isEqualTo("Slow: Lync backup cycle 20261207T020000Z");
        assertThat(sent.getValue().groups()).containsExactly("lync-operators", "lync-managers");
        assertThat(sent.getValue().text()).contains("has run for 1h20m").contains("usual 37m30s");
    }

    @Test
    void aRunWithinTwiceTheMedianOrWithoutEnoughHistoryIsNotMailed() {
        watch(List.of(minutes(30), minutes(40), minutes(35)),
                new RunDurations.Running("pi-2", "set", "Lync backup cycle", NOW.minus(minutes(69)))).check();
        watch(List.of(minutes(1), minutes(1)),
                new RunDurations.Running("pi-3", "set", "Lync backup cycle", NOW.minus(minutes(600)))).check();

        verify(notifications, never()).submit(any());
    }

    @Test
    void theMedianOfAnEvenNumberOfRunsIsTheMeanOfTheMiddleTwo() {
        assertThat(SlowRunWatch.median(List.of(minutes(10), minutes(40), minutes(20), minutes(30)))).isEqualTo(minutes(25));
        assertThat(SlowRunWatch.median(List.of(minutes(10), minutes(40), minutes(20)))).isEqualTo(minutes(20));
    }

    private SlowRunWatch watch(List<Duration> good, RunDurations.Running running) {
        when(notifications.enabled()).thenReturn(true);
        RunDurations durations = new RunDurations() {
            @Override
            public List<Duration> succeeded(String processKey, int last) {
                return BACKUP.equals(processKey) ? good.subList(0, Math.min(last, good.size())) : List.of();
            }

            @Override
            public List<Running> running(String processKey) {
                return BACKUP.equals(processKey) ? List.of(running) : List.of();
            }
        };
        NotifyProperties properties = new NotifyProperties(new NotifyProperties.Mail("lync-runbooks@contoso.com", Map.of(),
                List.of("lync-operators", "lync-managers"), List.of("lync-managers"), List.of(), 3, Duration.ofSeconds(1),
                Duration.ofSeconds(5)), null, Duration.ofMinutes(1), 2.0, List.of(BACKUP, "lync-restore-drill"));
        Links links = new Links(new SecurityProperties(null, "https://lync-runbooks.contoso.local"), new MockEnvironment());
        return new SlowRunWatch(durations, notifications, links, properties, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }
}
