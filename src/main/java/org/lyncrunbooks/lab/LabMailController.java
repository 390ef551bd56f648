package org.lyncrunbooks.lab;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.lyncrunbooks.workflow.CurrentUser;
import org.lyncrunbooks.workflow.Groups;
import org.lyncrunbooks.workflow.SeedUser;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/lab/mail}: the mails the lab's catcher received that are addressed to the logged-in lab user
 * (a lab administrator sees all of them), newest first, with their plain-text body.
 */
@RestController
@Profile(LabProfileActivator.LAB_PROFILE)
@ConditionalOnProperty(LabMailCatcher.PORT)
class LabMailController {

    private final LabMailCatcher catcher;
    private final CurrentUser user;
    private final List<SeedUser> users;

    LabMailController(LabMailCatcher catcher, CurrentUser user, List<SeedUser> users) {
        this.catcher = catcher;
        this.user = user;
        this.users = users;
    }

    @GetMapping("/api/lab/mail")
    List<Map<String, Object>> mail() throws MessagingException, IOException {
        String me = user.id();
        boolean admin = user.isMemberOf(Groups.ADMINISTRATORS);
        Optional<String> address = users.stream().filter(u -> u.id().equals(me)).map(SeedUser::email).findFirst();
        List<Map<String, Object>> result = new ArrayList<>();
        List<MimeMessage> messages = new ArrayList<>(catcher.messages());
        Collections.reverse(messages);
        for (MimeMessage message : messages) {
            List<String> to = Arrays.stream(Optional.ofNullable(message.getAllRecipients()).orElse(new Address[0]))
                    .map(Address::toString).toList();
            if (!admin && (address.isEmpty() || !to.contains(address.get()))) {
                continue;
            }
            Map<String, Object> mail = new LinkedHashMap<>();
            mail.put("subject", message.getSubject());
            mail.put("from", Arrays.stream(message.getFrom()).map(Address::toString).toList());
            mail.put("to", to);
            mail.put("sentAt", message.getSentDate() == null ? null : message.getSentDate().toInstant().toString());
            mail.put("event", Optional.ofNullable(message.getHeader("X-Lync-Runbooks-Event")).map(h -> h[0]).orElse(null));
            mail.put("text", text(message));
            result.add(mail);
        }
        return result;
    }

    /** The message's plain-text part. */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = text(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }
}
