package org.lyncrunbooks.backupset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SetIdTest {

    @Test
    void isTheStartTimeInUtcWithASuffixOnCollision() {
        SetId id = SetId.of(Instant.parse("2026-11-26T02:00:00.734Z"));

        assertThat(id).hasToString("20261126T020000Z");
        assertThat(id.next()).hasToString("20261126T020000Z-2");
        assertThat(id.next().next()).hasToString("20261126T020000Z-3");
    }

    @Test
    void parsesOnlyExactIds() {
        assertThat(SetId.parse("20261126T020000Z")).contains(SetId.of(Instant.parse("2026-11-26T02:00:00Z")));
        assertThat(SetId.parse("20261126T020000Z-12")).map(SetId::sequence).contains(12);
        assertThat(SetId.parse("20261126T020000Z.partial")).isEmpty();
        assertThat(SetId.parse("../20261126T020000Z")).isEmpty();
        assertThat(SetId.parse("20261126T020000Z-1")).isEmpty();
        assertThat(SetId.parse("20261399T020000Z")).isEmpty();
        assertThat(SetId.parse("20261126T020000Z\n")).isEmpty();
        assertThat(SetId.parse(null)).isEmpty();
    }

    @Test
    void ordersByTimeThenBySuffixNotAsText() {
        SetId first = SetId.parse("20261126T020000Z-9").orElseThrow();
        SetId second = SetId.parse("20261126T020000Z-10").orElseThrow();
        SetId later = SetId.parse("20261127T020000Z").orElseThrow();

        assertThat(first).isLessThan(second);
        assertThat(second).isLessThan(later);
    }
}
