package io.saccade.robot.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.saccade.protocol.message.Action;
import io.saccade.protocol.message.LeaderStamp;
import org.junit.jupiter.api.Test;

class DecisionGateTest {
    private final DecisionGate gate = new DecisionGate(1);

    @Test
    void shouldAcceptEachFrameOnceInOrder() {
        assertEquals(DecisionEvent.ACCEPTED, gate.offer(Decisions.of(10, "a", 5, Action.GO)));
        assertEquals(DecisionEvent.DUPLICATE, gate.offer(Decisions.of(10, "a", 5, Action.GO)), "the MQTT copy");
        assertEquals(DecisionEvent.STALE_FRAME, gate.offer(Decisions.of(9, "a", 5, Action.GO)), "a late or replayed one");
        assertEquals(DecisionEvent.ACCEPTED, gate.offer(Decisions.of(12, "a", 5, Action.GO)), "gaps are fine");
    }

    @Test
    void shouldAcceptOnlyTheHigherEpochWhenTwoLeadersDecideAtOnce() {
        assertEquals(DecisionEvent.ACCEPTED, gate.offer(Decisions.of(10, "a", 5, Action.GO)));
        assertEquals(DecisionEvent.ACCEPTED, gate.offer(Decisions.of(11, "b", 6, Action.STOP)));

        assertEquals(DecisionEvent.STALE_EPOCH, gate.offer(Decisions.of(12, "a", 5, Action.GO)),
            "the deposed leader decides a newer frame: refused");
        assertEquals(DecisionEvent.STALE_EPOCH, gate.offer(Decisions.of(11, "a", 5, Action.GO)),
            "the deposed leader's decision of the same frame: refused, not applied twice");
        assertEquals(DecisionEvent.ACCEPTED, gate.offer(Decisions.of(12, "b", 6, Action.STOP)));
        assertEquals(new LeaderStamp("b", 6), gate.highest());
    }

    @Test
    void shouldRaiseTheFenceEvenWhenTheNewLeadersFirstFrameIsNotNewer() {
        gate.offer(Decisions.of(10, "a", 5, Action.GO));

        assertEquals(DecisionEvent.DUPLICATE, gate.offer(Decisions.of(10, "b", 6, Action.GO)),
            "frame 10 was decided already, by anyone");
        assertEquals(DecisionEvent.STALE_EPOCH, gate.offer(Decisions.of(11, "a", 5, Action.GO)));
    }

    @Test
    void shouldBreakAnEpochTieByLeaderId() {
        gate.offer(Decisions.of(10, "b", 5, Action.GO));

        assertEquals(DecisionEvent.STALE_EPOCH, gate.offer(Decisions.of(11, "a", 5, Action.GO)));
    }

    @Test
    void shouldRefuseFramesFromBeforeThisBootEvenAsTheFirstDecision() {
        final DecisionGate restarted = new DecisionGate(1, 8L << 32);

        assertEquals(DecisionEvent.STALE_FRAME, restarted.offer(Decisions.of((7L << 32) + 500, "a", 5, Action.GO)),
            "a replay of the previous boot's decision");
        assertEquals(DecisionEvent.ACCEPTED, restarted.offer(Decisions.of(8L << 32, "a", 5, Action.GO)));
    }

    @Test
    void shouldIgnoreOtherRobotsStreams() {
        assertEquals(DecisionEvent.OTHER_STREAM, gate.offer(Decisions.of(2, 10, "a", 5, Action.GO, 0)));
        assertEquals(DecisionEvent.ACCEPTED, gate.offer(Decisions.of(1, "a", 5, Action.GO)));
    }
}
