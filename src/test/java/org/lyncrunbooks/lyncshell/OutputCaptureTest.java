package org.lyncrunbooks.lyncshell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class OutputCaptureTest {

    private static String capture(String text, int limit) throws InterruptedException {
        OutputCapture capture = OutputCapture.start(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test-capture", limit);
        assertThat(capture.awaitEnd(System.nanoTime() + 10_000_000_000L)).isTrue();
        return capture.text();
    }

    @Test
    void keepsShortOutputWhole() throws InterruptedException {
        assertThat(capture("Zürich\n", 64)).isEqualTo("Zürich\n");
    }

    @Test
    void keepsEmptyOutputEmpty() throws InterruptedException {
        assertThat(capture("", 64)).isEmpty();
    }

    @Test
    void keepsOutputOfExactlyTheLimitWithoutNote() throws InterruptedException {
        assertThat(capture("0123456789", 10)).isEqualTo("0123456789");
    }

    @Test
    void keepsTheLastBytesAndSaysHowManyWereDropped() throws InterruptedException {
        assertThat(capture("0123456789abcdef", 10))
                .isEqualTo("[output truncated: 6 earlier bytes dropped, the last 10 kept]\n6789abcdef");
    }

    @Test
    void doesNotStartWithHalfACharacterWhenTheCutSplitsOne() throws InterruptedException {
        // "ü" is two bytes in UTF-8: keeping 9 bytes of "üüüüü" would start inside the first kept "ü".
        String text = capture("üüüüü", 9);

        assertThat(text).isEqualTo("[output truncated: 2 earlier bytes dropped, the last 8 kept]\nüüüü");
    }

    @Test
    void saysSoWhenTheStreamIsStillOpenAtTheDeadline() throws IOException, InterruptedException {
        PipedInputStream in = new PipedInputStream();
        try (PipedOutputStream writer = new PipedOutputStream(in)) {
            writer.write("partial\n".getBytes(StandardCharsets.UTF_8));
            writer.flush();
            OutputCapture capture = OutputCapture.start(in, "test-capture-open", 64);

            boolean ended = capture.awaitEnd(System.nanoTime() + 200_000_000L);

            assertThat(ended).isFalse();
            assertThat(capture.text()).endsWith("\n[capture stopped: the stream was still open after the process"
                    + " ended]");
        }
    }
}
