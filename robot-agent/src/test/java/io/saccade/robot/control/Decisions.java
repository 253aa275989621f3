package io.saccade.robot.control;

import io.saccade.protocol.message.Action;
import io.saccade.protocol.message.Box;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.DecisionLabel;
import io.saccade.protocol.message.DecisionTimings;
import io.saccade.protocol.message.EpochBound;
import io.saccade.protocol.message.Freshness;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.ModelState;
import java.util.List;

/** Decisions for robot-side tests. */
final class Decisions {
    /** The age limit robot-side tests run with, as the robot's default. */
    static final long MAX_AGE_NANOS = 150_000_000L;
    /** The wall clock robot-side tests run at, milliseconds; far above the epochs of {@link #of}. */
    static final long WALL_MILLIS = 1_800_000_000_000L;

    private Decisions() {
    }

    /**
     * @return stream 1's gate with the robot's default limits: decisions older than 150 ms, and epochs beyond
     *     {@link #WALL_MILLIS} plus 10 s, are refused.
     */
    static DecisionGate gate() {
        return new DecisionGate(1, 0, MAX_AGE_NANOS, new EpochBound(() -> WALL_MILLIS, 10_000));
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
