package io.saccade.coordinator.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.message.Action;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.DecisionTimings;
import io.saccade.protocol.message.Hop;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.LatencyLedger;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.LedgerHop;
import io.saccade.protocol.message.ResultTimings;
import io.saccade.protocol.message.RobotClock;
import io.saccade.protocol.ring.FrameStamp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerKeeperTest {
    /** The robot's clock reads 7 s more than this node's. */
    private static final long ROBOT_MINUS_NODE = 7_000_000_000L;
    private static final long HOLD = 1_000_000_000L;

    private final List<String> observed = new ArrayList<>();
    private final LedgerKeeper keeper = new LedgerKeeper("node-a", 10, HOLD,
        (hop, model) -> step -> observed.add(hop + (model == null ? "" : "/" + model) + "=" + step));

    @Test
    void shouldLayTheDecisionPathOnTheRobotsClock() {
        // Frame 20 captured at robot time 10 s, sent 3 ms later, ready on this node 5 ms after capture.
        final long capture = 10_000_000_000L;
        final long ready = capture + 5_000_000 - ROBOT_MINUS_NODE;
        keeper.frame(frame(20, capture, ready, 3_000, 40));

        keeper.decided(decision(20, capture, ready, ready + 2_500_000), 0, 0);

        assertEquals(List.of("SEND=3000", "RECEIVE=2000", "DECIDED=2500"), observed);
        final List<HopSummary> rows = keeper.snapshot().summaries();
        assertEquals(List.of(Hop.SEND, Hop.RECEIVE, Hop.DECIDED), rows.stream().map(HopSummary::hop).toList());
        assertEquals(7_500, rows.get(2).atP50(), "decided 7.5 ms after capture");
        assertEquals(40, keeper.snapshot().uncertaintyMicros());
    }

    @Test
    void shouldCloseTheDecisionPathWithTheRobotsReceiptOncePerDecision() {
        final long capture = 10_000_000_000L;
        final long ready = capture + 5_000_000 - ROBOT_MINUS_NODE;
        keeper.frame(frame(20, capture, ready, 3_000, 40));
        keeper.decided(decision(20, capture, ready, ready + 2_500_000), 0, 0);

        assertTrue(keeper.delivered(1, 20, 9_100, 0));
        assertEquals(false, keeper.delivered(1, 20, 9_100, 0), "a duplicated receipt");
        assertEquals(false, keeper.delivered(1, 21, 9_100, 0), "a decision this member did not make");
        assertEquals(false, keeper.delivered(2, 20, 9_100, 0), "another stream's frame 20");

        assertEquals("DELIVERED=1600", observed.getLast(), "decided at 7.5 ms, arrived at 9.1 ms");
        assertEquals(Hop.DELIVERED, keeper.snapshot().summaries().getLast().hop());
    }

    @Test
    void shouldHoldAReceiptThatOvertookItsDecisionsRecord() {
        final long capture = 10_000_000_000L;
        final long ready = capture + 5_000_000 - ROBOT_MINUS_NODE;
        keeper.frame(frame(20, capture, ready, 3_000, 40));

        assertEquals(false, keeper.delivered(1, 20, 9_100, 0), "the robot answered before the leader noted it");
        keeper.decided(decision(20, capture, ready, ready + 2_500_000), 0, 0);

        assertEquals("DELIVERED=1600", observed.getLast());
        final LatencyLedger ledger = keeper.due(HOLD).getFirst();
        assertEquals(Hop.DELIVERED, ledger.hops().getLast().hop(), "the sampled ledger is closed by it too");
        assertEquals(false, keeper.delivered(1, 20, 9_100, 0), "one receipt per decision");
    }

    @Test
    void shouldLayAResultsPathWithItsOwnNodesClockAndTheArrivalWithThisOnes() {
        final long capture = 10_000_000_000L;
        keeper.frame(frame(1, capture, capture - ROBOT_MINUS_NODE + 4_000_000, 3_000, 40));
        // On node-b (another clock entirely): ready at 50 ms, slot +1 ms, inference 2..22 ms, published at 23 ms;
        // node-b placed "ready" at 4.2 ms after capture.
        final ResultTimings timings = new ResultTimings(50_000_000, 51_000_000, 52_000_000, 72_000_000, 73_000_000,
            new RobotClock(4_200, 90, 3_000));
        final long arrival = capture - ROBOT_MINUS_NODE + 28_000_000;

        keeper.result(result(1, capture, timings), arrival, 0);

        assertEquals(List.of("RECEIVE/ssd=1200", "SLOT_WRITTEN/ssd=1000", "INFERENCE_START/ssd=1000",
            "INFERENCE_END/ssd=20000", "RESULT_PUBLISHED/ssd=1000", "RESULT_RECEIVED/ssd=800"), observed);
        final HopSummary received = keeper.snapshot().summaries().getLast();
        assertEquals(Hop.RESULT_RECEIVED, received.hop());
        assertEquals("ssd", received.model());
        assertEquals(28_000, received.atP50());
    }

    @Test
    void shouldAssembleEveryTenthDecidedFrameIntoALedgerOnceItsResultsHadTimeToArrive() {
        final long capture = 10_000_000_000L;
        final long ready = capture - ROBOT_MINUS_NODE + 5_000_000;
        keeper.frame(frame(30, capture, ready, 3_000, 40));
        keeper.decided(decision(30, capture, ready, ready + 2_000_000), 100, 0);
        keeper.decided(decision(31, capture, ready, ready + 2_000_000), 100, 0);
        keeper.result(result(30, capture, new ResultTimings(0, 1_000_000, 1_000_000, 21_000_000, 21_000_000,
            new RobotClock(5_000, 150, 3_000))), ready + 30_000_000, 0);

        assertTrue(keeper.due(100 + HOLD - 1).isEmpty(), "still waiting for results");
        final List<LatencyLedger> due = keeper.due(100 + HOLD);

        assertEquals(1, due.size(), "only frame 30 is sampled");
        final LatencyLedger ledger = due.getFirst();
        assertEquals(30, ledger.frameSeq());
        assertEquals(150, ledger.offsetUncertaintyMicros(), "the larger of the two nodes' uncertainties");
        assertEquals(List.of(
            new LedgerHop(Hop.CAPTURE, "robot", null, 0),
            new LedgerHop(Hop.SEND, "robot", null, 3_000),
            new LedgerHop(Hop.RECEIVE, "node-a", null, 5_000),
            new LedgerHop(Hop.RECEIVE, "node-b", "ssd", 5_000),
            new LedgerHop(Hop.SLOT_WRITTEN, "node-b", "ssd", 6_000),
            new LedgerHop(Hop.INFERENCE_START, "node-b", "ssd", 6_000),
            new LedgerHop(Hop.DECIDED, "node-a", null, 7_000),
            new LedgerHop(Hop.INFERENCE_END, "node-b", "ssd", 26_000),
            new LedgerHop(Hop.RESULT_PUBLISHED, "node-b", "ssd", 26_000),
            new LedgerHop(Hop.RESULT_RECEIVED, "node-a", "ssd", 35_000)), ledger.hops());
        assertTrue(keeper.due(100 + 2 * HOLD).isEmpty(), "each ledger is returned once");
    }

    @Test
    void shouldCountWhatItCannotPlaceBeforeAnyOffsetIsMeasured() {
        keeper.frame(new FrameStamp().set(1, 1, 0, 640, 480));
        keeper.decided(decision(1, 0, 0, 1_000_000), 0, 0);
        keeper.result(result(1, 0, new ResultTimings(0, 0, 0, 0, 0)), 0, 0);

        assertEquals(2, keeper.snapshot().unplaced());
        assertTrue(keeper.snapshot().summaries().isEmpty());
        assertEquals(-1, keeper.snapshot().uncertaintyMicros());
        assertNull(keeper.snapshot().series(Hop.DECIDED, null, 0, 10));
    }

    @Test
    void shouldGiveTheMedianOfEachSecond() {
        final long capture = 10_000_000_000L;
        final long ready = capture - ROBOT_MINUS_NODE + 5_000_000;
        keeper.frame(frame(1, capture, ready, 3_000, 40));
        keeper.decided(decision(1, capture, ready, ready + 1_000_000), 0, 100_000);
        keeper.decided(decision(2, capture, ready, ready + 3_000_000), 0, 100_500);
        keeper.decided(decision(3, capture, ready, ready + 9_000_000), 0, 100_900);
        keeper.decided(decision(4, capture, ready, ready + 2_000_000), 0, 102_000);

        final long[] series = keeper.snapshot().series(Hop.DECIDED, null, 100, 3);

        assertEquals(8_000, series[0], "median of 6, 8 and 14 ms");
        assertEquals(-1, series[1]);
        assertEquals(7_000, series[2]);
    }

    private static FrameStamp frame(final long seq, final long capture, final long ready, final int sendDelay,
                                    final int uncertainty) {
        return new FrameStamp().set(1, seq, capture, 640, 480).frameReadyAtNanos(ready)
            .clock((int)((ready + ROBOT_MINUS_NODE - capture) / 1_000), uncertainty, sendDelay);
    }

    private static Decision decision(final long seq, final long capture, final long ready, final long decided) {
        return new Decision(1, seq, capture, Action.GO, "clear", List.of(), List.of(), new LeaderStamp("a", 1),
            new DecisionTimings(ready, decided));
    }

    private static InferenceResult result(final long seq, final long capture, final ResultTimings timings) {
        return new InferenceResult(1, seq, capture, "ssd", "node-b", "CPU", timings, List.of());
    }
}
