package io.saccade.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReplayGuardTest {
    private static final long NOW = 1_800_000_000_000_000L;
    private static final long SKEW = 10_000_000L;

    private final ReplayGuard guard = new ReplayGuard(16, SKEW);

    @Test
    void shouldAcceptRisingCountersAndRefuseRepeatsAndOlderOnes() {
        assertEquals(ReplayVerdict.FRESH, guard.check("n/a", "t", NOW - 100, 0, false, NOW));
        assertEquals(ReplayVerdict.FRESH, guard.check("n/a", "t", NOW - 50, 0, false, NOW));
        assertEquals(ReplayVerdict.DUPLICATE, guard.check("n/a", "t", NOW - 50, 0, false, NOW));
        assertEquals(ReplayVerdict.REPLAYED, guard.check("n/a", "t", NOW - 100, 0, false, NOW));
        assertEquals(ReplayVerdict.FRESH, guard.check("n/a", "t", NOW - 49, 0, false, NOW));
    }

    @Test
    void shouldKeepOneWindowPerTopicSoAnOlderRetainedMessageStillCounts() {
        assertEquals(ReplayVerdict.FRESH, guard.check("c/a", "members/a", NOW - 10, 0, false, NOW));
        assertEquals(ReplayVerdict.FRESH, guard.check("c/a", "leader", NOW - 500, 0, false, NOW),
            "the retained announcement is older than the heartbeat heard first");
        assertEquals(ReplayVerdict.REPLAYED, guard.check("c/a", "leader", NOW - 600, 0, false, NOW));
        assertEquals(ReplayVerdict.FRESH, guard.check("c/b", "leader", NOW - 600, 0, false, NOW), "another sender");
    }

    @Test
    void shouldRefuseACounterBeyondTheClockAndTheSkew() {
        assertEquals(ReplayVerdict.FUTURE, guard.check("n/a", "t", NOW + SKEW + 1, 0, false, NOW));
        assertEquals(ReplayVerdict.FUTURE, guard.check("n/a", "t", Long.MAX_VALUE, 0, false, NOW));
        assertEquals(ReplayVerdict.FRESH, guard.check("n/a", "t", NOW + SKEW, 0, false, NOW),
            "the refused counters left nothing behind");
    }

    @Test
    void shouldAcceptTheWillOfTheCurrentSessionOnceAndNoOlderOne() {
        final long firstSession = NOW - 1_000;
        assertEquals(ReplayVerdict.FRESH, guard.check("n/a", "status", firstSession + 10, firstSession, false, NOW));
        assertEquals(ReplayVerdict.FRESH, guard.check("n/a", "status", firstSession, firstSession, true, NOW),
            "the Will is older than the statuses of its session on the same topic");
        assertEquals(ReplayVerdict.DUPLICATE, guard.check("n/a", "status", firstSession, firstSession, true, NOW));

        final long secondSession = NOW - 500;
        assertEquals(ReplayVerdict.FRESH, guard.check("n/a", "status", secondSession + 1, secondSession, false,
            NOW));
        assertEquals(ReplayVerdict.STALE_WILL, guard.check("n/a", "status", firstSession, firstSession, true, NOW),
            "a recorded Will of a dead session cannot take the live one down");
        assertEquals(ReplayVerdict.REPLAYED, guard.check("n/a", "status", firstSession + 10, firstSession, false,
            NOW));
        assertEquals(ReplayVerdict.FRESH, guard.check("n/a", "status", secondSession, secondSession, true, NOW));
    }

    @Test
    void shouldAcceptTheWillOfASenderNeverHeardFrom() {
        assertEquals(ReplayVerdict.FRESH, guard.check("n/b", "status", NOW - 9, NOW - 9, true, NOW));
    }

    @Test
    void shouldForgetTheLeastRecentlyHeardSenderBeyondItsBound() {
        final ReplayGuard small = new ReplayGuard(2, SKEW);
        small.check("a", "t", NOW - 3, 0, false, NOW);
        small.check("b", "t", NOW - 3, 0, false, NOW);
        small.check("a", "t", NOW - 2, 0, false, NOW);
        small.check("c", "t", NOW - 3, 0, false, NOW);

        assertEquals(2, small.senders());
        assertEquals(ReplayVerdict.REPLAYED, small.check("a", "t", NOW - 3, 0, false, NOW), "a was heard recently");
        assertEquals(ReplayVerdict.FRESH, small.check("b", "t", NOW - 3, 0, false, NOW), "b was forgotten");
    }
}
