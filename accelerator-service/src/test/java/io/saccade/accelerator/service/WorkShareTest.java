package io.saccade.accelerator.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.WorkPlan;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class WorkShareTest {
    private final WorkShare share = new WorkShare("node-2");

    @Test
    void shouldRunEveryFrameWithoutAPlan() {
        assertTrue(LongStream.range(0, 10).allMatch(share));
    }

    @Test
    void shouldRunItsShareOfTheFrames() {
        share.offer(plan(5, "node-1", "node-2"));

        assertFalse(share.test(10));
        assertTrue(share.test(11));
        assertFalse(share.test(12));
    }

    @Test
    void shouldRunEveryFrameWhenThePlanDoesNotListIt() {
        share.offer(plan(5, "node-1", "node-3"));
        assertTrue(LongStream.range(0, 10).allMatch(share));

        share.offer(plan(6));
        assertTrue(LongStream.range(0, 10).allMatch(share));
    }

    @Test
    void shouldIgnoreAPlanOfAnOlderLeadership() {
        share.offer(plan(6, "node-2"));

        assertFalse(share.offer(plan(5, "node-1", "node-2")));
        assertTrue(share.test(10), "still alone in the epoch-6 plan");
    }

    @Test
    void shouldAdaptWhenThePlanLosesANode() {
        share.offer(plan(6, "node-1", "node-2", "node-3"));
        assertFalse(share.test(12));

        assertTrue(share.offer(plan(6, "node-2", "node-3")));
        assertTrue(share.test(12));
    }

    private static WorkPlan plan(final long epoch, final String... nodes) {
        return new WorkPlan(WorkPlan.VERSION, "ssd", new LeaderStamp("coordinator-1", epoch), List.of(nodes), 0);
    }
}
