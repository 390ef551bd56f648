package org.lyncrunbooks.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.lyncrunbooks.testsupport.Smtp;

/**
 * Reliability scenario 16, two nodes: two outboxes with connection pools of their own on one real PostgreSQL 15
 * (the engine database two nodes share) create their table at the same moment and see the same events at the same
 * moment — the backup health turning DOWN is seen by every node — and each mail goes out once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailTwoNodesIT {

    private EmbeddedPostgres postgres;
    private final Smtp smtp = new Smtp();
    private final List<MailOutbox> nodes = new ArrayList<>();

    @BeforeAll
    void startPostgresMailAndTwoNodesAtOnce() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        smtp.start();
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<MailOutbox>> starting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            starting.add(CompletableFuture.supplyAsync(() -> {
                together(together);
                return node();
            }));
        }
        for (CompletableFuture<MailOutbox> node : starting) {
            nodes.add(node.get());
        }
    }

    @AfterAll
    void stop() throws Exception {
        nodes.forEach(MailOutbox::stop);
        smtp.stop();
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void anEventBothNodesSeeAtOnceIsMailedOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            Notification down = new Notification(BackupHealthWatch.DOWN + ":20261207T020000Z:" + round, BackupHealthWatch.DOWN,
                    List.of("lync-operators"), "Backup health DOWN " + round, "text", "<p>html</p>", BackupHealthWatch.INCIDENT, false,
                    "https://lync-runbooks.contoso.local/actuator/health/backup");
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<Void>> seen = new ArrayList<>();
            for (MailOutbox node : nodes) {
                seen.add(CompletableFuture.runAsync(() -> {
                    together(together);
                    node.submit(down);
                }));
            }
            for (CompletableFuture<Void> s : seen) {
                s.get();
            }
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.withSubject("Backup health DOWN").size() == 10);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> smtp.withSubject("Backup health DOWN").size() == 10);
        for (int round = 0; round < 10; round++) {
            String subject = "Backup health DOWN " + round;
            assertThat(smtp.withSubject("Backup health DOWN").stream().filter(m -> Smtp.subject(m).equals(subject)))
                    .as(subject).hasSize(1);
        }
    }

    private MailOutbox node() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.port);
        NotifyProperties properties = new NotifyProperties(new NotifyProperties.Mail("lync-runbooks@contoso.com", Map.of(),
                List.of("lync-operators"), List.of("lync-managers"), List.of(), 3, Duration.ofMillis(200),
                Duration.ofSeconds(1)), null, Duration.ofMinutes(1), 2.0, List.of());
        GroupMembers members = group -> List.of("lab-operator@lab.contoso.local");
        return new MailOutbox(new StaticListableBeanFactory(Map.of("mailSender", sender)).getBeanProvider(JavaMailSender.class),
                new NotificationLog(postgres.getPostgresDatabase()), members, properties, Clock.systemUTC());
    }

    private static void together(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
