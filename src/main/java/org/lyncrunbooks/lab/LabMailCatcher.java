package org.lyncrunbooks.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;

/**
 * The lab's mail server: a real SMTP server (GreenMail) inside the application on a free loopback port, so that the
 * lab sends its notifications by the same code as production (Spring's mail sender, SMTP) and a lab user reads
 * what was sent at {@code GET /api/lab/mail}. It runs only in the lab profile and only when no
 * {@code spring.mail.host} is configured; {@code lync.lab.mail-catcher=false} turns it off (then mail is off too).
 * It keeps the messages in memory only.
 */
@Component
@Profile(LabProfileActivator.LAB_PROFILE)
@ConditionalOnProperty(LabMailCatcher.PORT)
class LabMailCatcher {

    static final String PORT = "lync.lab.mail-catcher-port";
    private static final String LOOPBACK = "127.0.0.1";

    private final GreenMail server;

    LabMailCatcher(org.springframework.core.env.Environment environment) {
        int port = Integer.parseInt(environment.getRequiredProperty(PORT));
        server = new GreenMail(new ServerSetup(port, LOOPBACK, ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** Points {@code spring.mail.*} at the catcher on a free port, unless a mail host is configured. */
    static void configure(ConfigurableEnvironment environment) {
        if (environment.getProperty("spring.mail.host") != null
                || "false".equalsIgnoreCase(environment.getProperty("lync.lab.mail-catcher"))) {
            return;
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the lab's mail catcher", e);
        }
        environment.getPropertySources().addLast(new MapPropertySource("labMailCatcher", Map.of(
                "spring.mail.host", LOOPBACK, "spring.mail.port", String.valueOf(port), PORT, String.valueOf(port))));
    }

    /** Every message received so far, oldest first. */
    List<MimeMessage> messages() {
        return List.of(server.getReceivedMessages());
    }

    @PreDestroy
    void stop() {
        server.stop();
    }
}
