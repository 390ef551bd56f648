package org.lyncrunbooks.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.springframework.web.util.HtmlUtils;

/**
 * The body of a mail as lines of label and value plus one link, written both as plain text and as HTML (escaped),
 * so that every mail has the same shape and nothing but names, times and links goes into it.
 */
final class MailText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final String headline;
    private final List<String[]> rows = new ArrayList<>();
    private String linkText;
    private String link;

    MailText(String headline) {
        this.headline = headline;
    }

    MailText row(String label, Object value) {
        if (value != null && !value.toString().isBlank()) {
            rows.add(new String[] {label, value instanceof Instant i ? TIME.format(i) : value.toString()});
        }
        return this;
    }

    MailText link(String text, String url) {
        this.linkText = text;
        this.link = url;
        return this;
    }

    String text() {
        StringBuilder text = new StringBuilder(headline).append("\n\n");
        rows.forEach(r -> text.append(r[0]).append(": ").append(r[1]).append('\n'));
        if (link != null) {
            text.append('\n').append(linkText).append(": ").append(link).append('\n');
        }
        return text.append("\n-- \nlync-runbooks\n").toString();
    }

    String html() {
        StringBuilder html = new StringBuilder("<html><body><p>").append(HtmlUtils.htmlEscape(headline)).append("</p><table>");
        rows.forEach(r -> html.append("<tr><th align=\"left\">").append(HtmlUtils.htmlEscape(r[0])).append("</th><td>")
                .append(HtmlUtils.htmlEscape(r[1])).append("</td></tr>"));
        html.append("</table>");
        if (link != null) {
            html.append("<p><a href=\"").append(HtmlUtils.htmlEscape(link)).append("\">").append(HtmlUtils.htmlEscape(linkText))
                    .append("</a></p>");
        }
        return html.append("<p>-- <br>lync-runbooks</p></body></html>").toString();
    }
}
