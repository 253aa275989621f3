package io.saccade.robot.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.saccade.protocol.message.Action;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.EpochBound;
import io.saccade.protocol.message.LeaderStamp;
import org.junit.jupiter.api.Test;

class DecisionGateTest {
    private static final long MS = 1_000_000L;

    private final DecisionGate gate = Decisions.gate();

    @Test
    void shouldAcceptEachFrameOnceInOrder() {
        assertEquals(DecisionEvent.ACCEPTED, offer(gate, Decisions.of(10, "a", 5, Action.GO)));
        assertEquals(DecisionEvent.DUPLICATE, offer(gate, Decisions.of(10, "a", 5, Action.GO)), "the MQTT copy");
        assertEquals(DecisionEvent.STALE_FRAME, offer(gate, Decisions.of(9, "a", 5, Action.GO)),
            "a late or replayed one");
        assertEquals(DecisionEvent.ACCEPTED, offer(gate, Decisions.of(12, "a", 5, Action.GO)), "gaps are fine");
    }

    @Test
    void shouldAcceptOnlyTheHigherEpochWhenTwoLeadersDecideAtOnce() {
        assertEquals(DecisionEvent.ACCEPTED, offer(gate, Decisions.of(10, "a", 5, Action.GO)));
        assertEquals(DecisionEvent.ACCEPTED, offer(gate, Decisions.of(11, "b", 6, Action.STOP)));

        assertEquals(DecisionEvent.STALE_EPOCH, offer(gate, Decisions.of(12, "a", 5, Action.GO)),
            "the deposed leader decides a newer frame: refused");
        assertEquals(DecisionEvent.STALE_EPOCH, offer(gate, Decisions.of(11, "a", 5, Action.GO)),
            "the deposed leader's decision of the same frame: refused, not applied twice");
        assertEquals(DecisionEvent.ACCEPTED, offer(gate, Decisions.of(12, "b", 6, Action.STOP)));
        assertEquals(new LeaderStamp("b", 6), gate.highest());
    }

    @Test
    void shouldRaiseTheFenceEvenWhenTheNewLeadersFirstFrameIsNotNewer() {
        offer(gate, Decisions.of(10, "a", 5, Action.GO));

        assertEquals(DecisionEvent.DUPLICATE, offer(gate, Decisions.of(10, "b", 6, Action.GO)),
            "frame 10 was decided already, by anyone");
        assertEquals(DecisionEvent.STALE_EPOCH, offer(gate, Decisions.of(11, "a", 5, Action.GO)));
    }

    @Test
    void shouldBreakAnEpochTieByLeaderId() {
        offer(gate, Decisions.of(10, "b", 5, Action.GO));

        assertEquals(DecisionEvent.STALE_EPOCH, offer(gate, Decisions.of(11, "a", 5, Action.GO)));
    }

    @Test
    void shouldRefuseFramesFromBeforeThisBootEvenAsTheFirstDecision() {
        final DecisionGate restarted = new DecisionGate(1, 8L << 32, Decisions.MAX_AGE_NANOS,
            new EpochBound(() -> Decisions.WALL_MILLIS, 0));

        assertEquals(DecisionEvent.STALE_FRAME, offer(restarted, Decisions.of((7L << 32) + 500, "a", 5, Action.GO)),
            "a replay of the previous boot's decision");
        assertEquals(DecisionEvent.ACCEPTED, offer(restarted, Decisions.of(8L << 32, "a", 5, Action.GO)));
    }

    @Test
    void shouldIgnoreOtherRobotsStreams() {
        assertEquals(DecisionEvent.OTHER_STREAM, offer(gate, Decisions.of(2, 10, "a", 5, Action.GO, 0)));
        assertEquals(DecisionEvent.ACCEPTED, offer(gate, Decisions.of(1, "a", 5, Action.GO)));
    }

    @Test
    void shouldNotApplyADecisionAboutAFrameCapturedLongerAgoThanTheLimit() {
        final Decision old = Decisions.of(10, "a", 5, Action.GO);

        assertEquals(DecisionEvent.TOO_OLD, gate.offer(old, old.captureTimeNanos() + 151 * MS));
        assertEquals(DecisionEvent.ACCEPTED, gate.offer(old, old.captureTimeNanos() + 150 * MS),
            "the refused copy did not count as decided");
        assertEquals(DecisionEvent.FUTURE_CAPTURE, gate.offer(Decisions.of(11, "a", 5, Action.GO), 1));
        final Decision ancient = Decisions.of(1, 12, "a", 5, Action.GO, Long.MIN_VALUE);
        assertEquals(DecisionEvent.TOO_OLD, gate.offer(ancient, Long.MAX_VALUE), "no overflow makes it young");
    }

    @Test
    void shouldLetAnOldDecisionOfANewLeaderRaiseTheFenceWithoutReachingTheMotors() {
        offer(gate, Decisions.of(10, "a", 5, Action.GO));
        final Decision late = Decisions.of(11, "b", 6, Action.GO);

        assertEquals(DecisionEvent.TOO_OLD, gate.offer(late, late.captureTimeNanos() + 500 * MS));
        assertEquals(DecisionEvent.STALE_EPOCH, offer(gate, Decisions.of(12, "a", 5, Action.GO)),
            "the deposed leader is fenced off even so");
    }

    @Test
    void shouldRefuseAFarFutureEpochWithoutRaisingTheFence() {
        offer(gate, Decisions.of(10, "a", 5, Action.GO));

        assertEquals(DecisionEvent.FUTURE_EPOCH, offer(gate, Decisions.of(11, "x", Long.MAX_VALUE, Action.GO)));
        assertEquals(DecisionEvent.FUTURE_EPOCH, offer(gate, Decisions.of(12, "x", Decisions.WALL_MILLIS + 10_001,
            Action.GO)));
        assertEquals(new LeaderStamp("a", 5), gate.highest());
        assertEquals(DecisionEvent.ACCEPTED, offer(gate, Decisions.of(13, "a", 5, Action.GO)));
    }

    /** Offers a decision 1 ms after its frame's capture. */
    private static DecisionEvent offer(final DecisionGate target, final Decision decision) {
        return target.offer(decision, decision.captureTimeNanos() + MS);
    }
}
