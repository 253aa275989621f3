package io.saccade.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {
    private final ReplayWindow window = new ReplayWindow(64);

    @Test
    void shouldAcceptAnythingOnAFreshStream() {
        assertTrue(window.accepts(0));
        assertTrue(window.accepts(Long.MAX_VALUE));
    }

    @Test
    void shouldAcceptLateFramesWithinTheWindowAndRefuseOlderOnes() {
        window.advance(1_000);

        assertTrue(window.accepts(1_001));
        assertTrue(window.accepts(1_000));
        assertTrue(window.accepts(937));
        assertFalse(window.accepts(936));
        assertFalse(window.accepts(0));
    }

    @Test
    void shouldNeverMoveBackwards() {
        window.advance(1_000);
        window.advance(10);

        assertFalse(window.accepts(10));
    }

    @Test
    void shouldTreatSequenceNumbersAsUnsignedSoANewBootEpochJumpsAhead() {
        final long oldEpoch = 5L << 32;
        final long newEpoch = 0x8000_0001L << 32;
        window.advance(oldEpoch + 77);

        assertTrue(window.accepts(newEpoch));
        window.advance(newEpoch);
        assertFalse(window.accepts(oldEpoch + 78), "the old boot's frames are now replays");
    }

    @Test
    void shouldAcceptLowSequenceNumbersBeforeTheWindowFillsUp() {
        window.advance(3);

        assertTrue(window.accepts(0));
    }

    @Test
    void shouldRefuseAnEmptyWindow() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(0));
    }
}
