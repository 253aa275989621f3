package io.saccade.protocol.message;

import java.util.List;

/**
 * What the robot should do for one frame, and the evidence behind it. The leader makes one for every frame.
 *
 * @param version          layout version, {@value #VERSION}.
 * @param streamId         stream (robot) id.
 * @param frameSeq         the frame decided.
 * @param captureTimeNanos its capture time on the robot's monotonic clock.
 * @param action           go, slow or stop.
 * @param reason           the rule that chose the action, for people.
 * @param labels           the labels considered, with their effectiveness.
 * @param models           each required model's freshness.
 * @param leader           leader and epoch that decided.
 * @param timings          when the frame was ready and decided on the leader's node.
 */
public record Decision(int version, long streamId, long frameSeq, long captureTimeNanos, Action action, String reason,
                       List<DecisionLabel> labels, List<ModelState> models, LeaderStamp leader,
                       DecisionTimings timings) implements Message {
    /** The layout version this build writes and reads. */
    public static final int VERSION = 1;

    /** Validates the fields. */
    public Decision {
        FieldRules.version(version, VERSION, "decision");
        FieldRules.streamId(streamId);
        FieldRules.present(action, "action");
        FieldRules.present(reason, "reason");
        labels = FieldRules.list(labels, "labels");
        models = FieldRules.list(models, "models");
        FieldRules.present(leader, "leader");
        FieldRules.present(timings, "timings");
    }

    /**
     * A decision of the current version.
     *
     * @param streamId         stream (robot) id.
     * @param frameSeq         the frame decided.
     * @param captureTimeNanos its capture time on the robot's monotonic clock.
     * @param action           go, slow or stop.
     * @param reason           the rule that chose the action.
     * @param labels           the labels considered.
     * @param models           each required model's freshness.
     * @param leader           leader and epoch that decided.
     * @param timings          when the frame was ready and decided.
     */
    public Decision(final long streamId, final long frameSeq, final long captureTimeNanos, final Action action,
                    final String reason, final List<DecisionLabel> labels, final List<ModelState> models,
                    final LeaderStamp leader, final DecisionTimings timings) {
        this(VERSION, streamId, frameSeq, captureTimeNanos, action, reason, labels, models, leader, timings);
    }

    /**
     * @return the age of the oldest evidence used, microseconds: the largest age among the models that had a
     *     result; -1 when none had.
     */
    public long oldestEvidenceMicros() {
        long oldest = -1;
        for (final ModelState model : models) {
            if (model.freshness() != Freshness.MISSING) {
                oldest = Math.max(oldest, model.ageMicros());
            }
        }
        return oldest;
    }
}
