package io.saccade.robot.control;

import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.EpochBound;
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
 *   <li>A leadership epoch beyond the robot's wall clock plus the skew allowance is refused before it can raise the
 *       fence: accepted, it would fence every real leader off until the clock got there.</li>
 *   <li>A decision about a frame captured more than {@code maxAge} ago (robot clock: the frame's capture against
 *       the decision's arrival) is refused after it raised the fence, and never reaches the motors or the
 *       watchdog: the robot has moved on since that frame.</li>
 * </ul>
 * Thread-safe: the UDP and MQTT paths both offer.
 */
public final class DecisionGate {
    private final long streamId;
    private final long firstFrameSeq;
    private final long maxAgeNanos;
    private final EpochBound epochs;
    private LeaderStamp highest;
    private long lastFrameSeq;
    private boolean decided;

    /**
     * @param streamId      this robot's stream.
     * @param firstFrameSeq the first frame number of this boot (its boot epoch in the high 32 bits): decisions for
     *                      frames before it are from an earlier boot, which a replay right after a restart would
     *                      otherwise slip through.
     * @param maxAgeNanos   decisions about frames captured longer ago than this are not applied.
     * @param epochs        the epochs this robot believes.
     */
    public DecisionGate(final long streamId, final long firstFrameSeq, final long maxAgeNanos,
                        final EpochBound epochs) {
        if (maxAgeNanos <= 0) {
            throw new IllegalArgumentException("the decision age limit must be positive, got " + maxAgeNanos);
        }
        this.streamId = streamId;
        this.firstFrameSeq = firstFrameSeq;
        this.maxAgeNanos = maxAgeNanos;
        this.epochs = epochs;
    }

    /**
     * @param decision     a decision that passed authentication.
     * @param arrivedNanos when it arrived, on the robot's monotonic clock (the one its frames' capture times are on).
     * @return {@link DecisionEvent#ACCEPTED}, or why it was refused.
     */
    public synchronized DecisionEvent offer(final Decision decision, final long arrivedNanos) {
        if (decision.streamId() != streamId) {
            return DecisionEvent.OTHER_STREAM;
        }
        if (Long.compareUnsigned(decision.frameSeq(), firstFrameSeq) < 0) {
            return DecisionEvent.STALE_FRAME;
        }
        final LeaderStamp stamp = decision.leader();
        if (!epochs.admits(stamp)) {
            return DecisionEvent.FUTURE_EPOCH;
        }
        if (highest != null && stamp.compareTo(highest) < 0) {
            return DecisionEvent.STALE_EPOCH;
        }
        highest = stamp;
        final DecisionEvent timely = timeliness(decision.captureTimeNanos(), arrivedNanos);
        if (timely != null) {
            return timely;
        }
        if (decided && Long.compareUnsigned(decision.frameSeq(), lastFrameSeq) <= 0) {
            return decision.frameSeq() == lastFrameSeq ? DecisionEvent.DUPLICATE : DecisionEvent.STALE_FRAME;
        }
        decided = true;
        lastFrameSeq = decision.frameSeq();
        return DecisionEvent.ACCEPTED;
    }

    /** Too old or from the future, or {@code null} when in time; no difference of the peer's number can overflow. */
    private DecisionEvent timeliness(final long captureNanos, final long arrivedNanos) {
        if (captureNanos > arrivedNanos) {
            return DecisionEvent.FUTURE_CAPTURE;
        }
        final long age = arrivedNanos - captureNanos; // negative only when the true age overflowed: far too old
        return age < 0 || age > maxAgeNanos ? DecisionEvent.TOO_OLD : null;
    }

    /** @return the highest leadership seen, or {@code null}. */
    public synchronized LeaderStamp highest() {
        return highest;
    }
}
