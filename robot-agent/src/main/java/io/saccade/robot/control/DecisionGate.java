package io.saccade.robot.control;

import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.LeaderStamp;

/**
 * Which decisions reach the motors: each frame's first decision from the highest leadership seen, in frame order.
 * <ul>
 *   <li>A decision stamped below the highest leadership seen is refused: that is the fence against a deposed
 *       leader that has not noticed yet (split brain).</li>
 *   <li>A decision from a higher leadership raises the fence even when its frame is not newer, so the old leader
 *       is cut off from that moment.</li>
 *   <li>A frame already decided, or older than the newest decided, is refused: UDP and MQTT deliver the same
 *       decision twice, and a replayed datagram is always an old frame. So no frame is ever decided twice, even
 *       by two leaders.</li>
 *   <li>A frame from before this boot of the robot is refused, so a replay right after a restart finds the gate
 *       closed too.</li>
 * </ul>
 * Thread-safe: the UDP and MQTT paths both offer.
 */
public final class DecisionGate {
    private final long streamId;
    private final long firstFrameSeq;
    private LeaderStamp highest;
    private long lastFrameSeq;
    private boolean decided;

    /**
     * A gate for a robot whose frame numbers start at 0.
     *
     * @param streamId this robot's stream.
     */
    public DecisionGate(final long streamId) {
        this(streamId, 0);
    }

    /**
     * @param streamId      this robot's stream.
     * @param firstFrameSeq the first frame number of this boot (its boot epoch in the high 32 bits): decisions for
     *                      frames before it are from an earlier boot, which a replay right after a restart would
     *                      otherwise slip through.
     */
    public DecisionGate(final long streamId, final long firstFrameSeq) {
        this.streamId = streamId;
        this.firstFrameSeq = firstFrameSeq;
    }

    /**
     * @param decision a decision that passed authentication.
     * @return {@link DecisionEvent#ACCEPTED}, or why it was refused.
     */
    public synchronized DecisionEvent offer(final Decision decision) {
        if (decision.streamId() != streamId) {
            return DecisionEvent.OTHER_STREAM;
        }
        if (Long.compareUnsigned(decision.frameSeq(), firstFrameSeq) < 0) {
            return DecisionEvent.STALE_FRAME;
        }
        final LeaderStamp stamp = decision.leader();
        if (highest != null && stamp.compareTo(highest) < 0) {
            return DecisionEvent.STALE_EPOCH;
        }
        highest = stamp;
        if (decided && Long.compareUnsigned(decision.frameSeq(), lastFrameSeq) <= 0) {
            return decision.frameSeq() == lastFrameSeq ? DecisionEvent.DUPLICATE : DecisionEvent.STALE_FRAME;
        }
        decided = true;
        lastFrameSeq = decision.frameSeq();
        return DecisionEvent.ACCEPTED;
    }

    /** @return the highest leadership seen, or {@code null}. */
    public synchronized LeaderStamp highest() {
        return highest;
    }
}
