package io.saccade.robot.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.message.Action;
import io.saccade.protocol.message.Decision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlLoopTest {
    private static final long MS = 1_000_000L;

    private long now = 1_000 * MS;
    private final List<Action> commanded = new ArrayList<>();
    private final List<Decision> applied = new ArrayList<>();
    private final MotorPort motor = new MotorPort() {
        @Override
        public void apply(final Action action) {
            commanded.add(action);
        }

        @Override
        public String describe() {
            return "recording";
        }

        @Override
        public void close() {
            commanded.add(Action.STOP);
        }
    };
    private final ControlLoop loop = new ControlLoop(Decisions.gate(), motor, 300 * MS, () -> now,
        (decision, arrived) -> applied.add(decision));

    @Test
    void shouldStartStoppedAndApplyEachAcceptedDecision() {
        loop.offer(Decisions.of(1, 10, "a", 5, Action.GO, now - 4 * MS));
        loop.offer(Decisions.of(1, 10, "a", 5, Action.GO, now - 4 * MS));
        loop.offer(Decisions.of(1, 11, "a", 5, Action.SLOW, now - 3 * MS));

        assertEquals(List.of(Action.STOP, Action.GO, Action.SLOW), commanded);
        assertEquals(2, applied.size());
        assertEquals(1, loop.events().get(DecisionEvent.DUPLICATE));
        assertEquals(Action.SLOW, loop.last().action());
    }

    @Test
    void shouldStopTheMotorsOnceWhenDecisionsStopComingAndResumeWithTheNext() {
        loop.offer(Decisions.of(1, 10, "a", 5, Action.GO, now));
        now += 300 * MS;
        assertFalse(loop.checkWatchdog(), "exactly one period is still fine");

        now += 1;
        assertTrue(loop.checkWatchdog());
        assertFalse(loop.checkWatchdog(), "stopped once, not on every check");
        assertTrue(loop.stoppedByWatchdog());
        assertEquals(List.of(Action.STOP, Action.GO, Action.STOP), commanded);
        assertEquals(1, loop.events().get(DecisionEvent.WATCHDOG_STOP));

        loop.offer(Decisions.of(1, 11, "a", 5, Action.GO, now));
        assertFalse(loop.stoppedByWatchdog());
        assertEquals(Action.GO, commanded.getLast());
    }

    @Test
    void shouldNotLetRefusedDecisionsFeedTheWatchdog() {
        loop.offer(Decisions.of(1, 10, "b", 6, Action.GO, now));
        now += 200 * MS;
        loop.offer(Decisions.of(1, 11, "a", 5, Action.GO, now));
        now += 101 * MS;

        assertTrue(loop.checkWatchdog(), "the deposed leader's decision did not count");
    }

    @Test
    void shouldMeasureCaptureToDecisionAndEvidenceAge() {
        loop.offer(Decisions.of(1, 10, "a", 5, Action.GO, now - 4 * MS));
        loop.offer(Decisions.of(1, 11, "a", 5, Action.GO, now - 6 * MS));

        final DecisionStats.Summary summary = loop.stats().summary();
        assertEquals(2, summary.decisions());
        assertEquals(4_000, summary.latencyP50Micros(), 5);
        assertEquals(6_000, summary.latencyMaxMicros(), 5);
        assertEquals(66_000, summary.evidenceP50Micros(), 100);
        assertEquals(1.0, summary.allEffectiveShare());
        assertEquals(1.0, summary.labelsPerDecision());
        assertEquals(1.0, summary.effectiveLabelShare());
        assertEquals(0, summary.readyToDecidedP50Micros(), "the test decisions say 10 ns -> 20 ns");
    }
}
