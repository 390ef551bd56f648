package org.lyncrunbooks.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A GreenMail SMTP server on a loopback port of its own, for the notification tests and the cluster test (where two
 * application JVMs send to it); started and stopped at will.
 */
public final class Smtp {

    public final int port;
    private GreenMail server;

    public Smtp() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Smtp start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return this;
    }

    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** The messages received by the running server, oldest first. */
    public List<MimeMessage> messages() {
        return server == null ? List.of() : List.of(server.getReceivedMessages());
    }

    /** The mails whose subject starts with {@code prefix}, one per mail. */
    public List<MimeMessage> withSubject(String prefix) {
        return distinct(messages().stream().filter(m -> subject(m).startsWith(prefix)).toList());
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The addresses the message went to (SMTP envelope recipients are the To header here). */
    public static List<String> to(MimeMessage message) {
        try {
            return Arrays.stream(message.getAllRecipients()).map(Address::toString).sorted().toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message's part of {@code mimeType} ({@code text/plain}, {@code text/html}), decoded. */
    public static String part(MimeMessage message, String mimeType) {
        try {
            return part((Part) message, mimeType);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType)) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** One message per mail: GreenMail keeps a copy in every recipient's mailbox. */
    public static List<MimeMessage> distinct(List<MimeMessage> messages) {
        Map<String, MimeMessage> byId = new LinkedHashMap<>();
        for (MimeMessage message : messages) {
            try {
                byId.putIfAbsent(message.getMessageID(), message);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(byId.values());
    }
}
