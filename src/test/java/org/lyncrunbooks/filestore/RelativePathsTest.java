package org.lyncrunbooks.filestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RelativePathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"../x", "/etc/passwd", "a/../../x", "a/..", "..", ".", "a\\b", "C:\\x", "a//b", "a/", "/",
            "", "a\0b", "a/./b"})
    void refusesPathsThatCouldLeaveTheRoot(String path) {
        assertThatThrownBy(() -> RelativePaths.check(path))
                .isInstanceOf(FileStoreException.class)
                .hasMessageStartingWith("unsafe path '");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b/c.txt", "..hidden", "a/...", "Meeting.Active", "name with spaces/ü.pptx", "a:b"})
    void acceptsOrdinaryRelativePaths(String path) {
        assertThatCode(() -> RelativePaths.check(path)).doesNotThrowAnyException();
    }

    @Test
    void quotesControlCharactersSoAHostileNameCannotForgeALogLine() {
        assertThat(RelativePaths.quote("a\r\nINFO forged\u0000")).isEqualTo("'a\\u000d\\u000aINFO forged\\u0000'");
    }

    @Test
    void shortensVeryLongNamesInMessages() {
        assertThat(RelativePaths.quote("x".repeat(10_000))).hasSizeLessThan(320).endsWith("…'");
    }
}
