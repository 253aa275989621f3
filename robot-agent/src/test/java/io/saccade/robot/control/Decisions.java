package io.saccade.robot.control;

import io.saccade.protocol.message.Action;
import io.saccade.protocol.message.Box;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.DecisionLabel;
import io.saccade.protocol.message.DecisionTimings;
import io.saccade.protocol.message.Freshness;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.ModelState;
import java.util.List;

/** Decisions for robot-side tests. */
final class Decisions {
    private Decisions() {
    }

    static Decision of(final long seq, final String leader, final long epoch, final Action action) {
        return of(1, seq, leader, epoch, action, seq * 1_000_000L);
    }

    static Decision of(final long stream, final long seq, final String leader, final long epoch, final Action action,
                       final long captureNanos) {
        return new Decision(stream, seq, captureNanos, action, "test",
            List.of(new DecisionLabel("ssd", "Person", 0.9f, new Box(0.1f, 0.1f, 0.2f, 0.2f), seq - 2, 66_000, 0.05f,
                true)),
            List.of(new ModelState("ssd", Freshness.FRESH, seq - 2, 66_000)), new LeaderStamp(leader, epoch),
            new DecisionTimings(10, 20));
    }
}
