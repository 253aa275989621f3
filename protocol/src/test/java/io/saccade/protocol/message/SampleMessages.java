package io.saccade.protocol.message;

import java.util.List;

/** One fixed, fully populated message of every type. */
final class SampleMessages {
    static final Box BOX = new Box(0.25f, 0.5f, 0.75f, 1f);
    static final LeaderStamp LEADER = new LeaderStamp("coord-a", 3);

    private SampleMessages() {
    }

    static InferenceResult result() {
        return new InferenceResult(7, 42, 1_000_000, "ssd", "node-1", "CPU",
            new ResultTimings(100, 200, 300, 20_300, 20_400, new RobotClock(1_500, 40, 900)),
            List.of(new Detection("Person", 1, 0.875f, BOX)));
    }

    static Decision decision() {
        return new Decision(7, 43, 1_033_000, Action.SLOW, "Person in zone ahead",
            List.of(new DecisionLabel("ssd", "Person", 0.875f, BOX, 42, 33_000, 0.125f, true)),
            List.of(new ModelState("ssd", Freshness.FRESH, 42, 33_000),
                new ModelState("face", Freshness.MISSING, 0, 0)),
            LEADER, new DecisionTimings(5_000, 5_100));
    }

    static ServiceStatus status() {
        return new ServiceStatus(ServiceStatus.VERSION, "node-1", "accelerator-ssd", ServiceRole.ACCELERATOR,
            ServiceState.READY, "ssd", "CPU", 1500, 29.5, 1000, 12, 0, null, 1_700_000_000_000L);
    }

    static MemberHeartbeat heartbeat() {
        return new MemberHeartbeat(MemberHeartbeat.VERSION, "coord-a", "node-1", 77, MemberState.ALIVE, 3, 3, true,
            1_700_000_000_000L);
    }

    static LeaderAnnouncement leader() {
        return new LeaderAnnouncement(LeaderAnnouncement.VERSION, LEADER, List.of("coord-a", "coord-b"),
            1_700_000_000_000L);
    }

    static WorkPlan plan() {
        return new WorkPlan(WorkPlan.VERSION, "ssd", LEADER, List.of("node-1", "node-2"), 1_700_000_000_000L);
    }

    static LatencyLedger ledger() {
        return new LatencyLedger(LatencyLedger.VERSION, 7, 42,
            List.of(new LedgerHop(Hop.CAPTURE, "7", null, 0), new LedgerHop(Hop.RECEIVE, "node-1", null, 1_200),
                new LedgerHop(Hop.INFERENCE_END, "node-1", "ssd", 21_000)), 150);
    }

    static List<Message> all() {
        return List.of(result(), decision(), status(), heartbeat(), leader(), plan(), ledger());
    }
}
