package io.saccade.protocol.message;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EpochBoundTest {
    private final EpochBound bound = new EpochBound(() -> 1_800_000_000_000L, 10_000);

    @Test
    void shouldAdmitEpochsUpToTheClockPlusTheSkewOnly() {
        assertTrue(bound.admits(0));
        assertTrue(bound.admits(1_800_000_010_000L));
        assertFalse(bound.admits(1_800_000_010_001L));
        assertFalse(bound.admits(Long.MAX_VALUE), "the far-future epoch that would fence every leader off");
        assertFalse(bound.admits(new LeaderStamp("c", Long.MAX_VALUE)));
    }

    @Test
    void shouldRefuseANegativeSkew() {
        assertThrows(IllegalArgumentException.class, () -> new EpochBound(() -> 0, -1));
    }
}
