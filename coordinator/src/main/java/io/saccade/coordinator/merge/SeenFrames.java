package io.saccade.coordinator.merge;

import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The frames this node has seen from each robot (its thumbnails: sequence number and capture time on the robot's
 * clock), so that a result can be checked against the frame it claims to be about. The last {@value #CAPACITY}
 * frames of a stream are kept, each in the slot its sequence number picks, behind a per-slot version (a seqlock), so
 * the decision thread records without locking and the MQTT thread checks without ever seeing half a slot. A frame
 * this node did not decode (its decoder took a newer one, or the frame was lost on the way) still passes when it lies
 * between two frames that were seen and its capture time lies between theirs: capture times rise with sequence
 * numbers, which is what a forged or stale result cannot fake without knowing the real frames.
 * <p>
 * One writer (the decision thread), any number of readers.
 */
public final class SeenFrames {
    /** Frames remembered per stream: about 8 s at 30 fps. */
    public static final int CAPACITY = 256;
    /** How far on either side of an unseen frame a seen one is looked for. */
    static final int BRACKET = 32;

    private static final int MASK = CAPACITY - 1;
    /** What {@link Stream#capture} answers for a frame it does not hold; no robot's clock reads this. */
    private static final long NONE = Long.MIN_VALUE;

    private final Map<Long, Stream> streams = new ConcurrentHashMap<>();

    /** One stream's ring: per slot a version (odd while written), the sequence number and the capture time. */
    private static final class Stream {
        private final AtomicLongArray slots = new AtomicLongArray(3 * CAPACITY);
        private volatile long newest;

        void record(final long frameSeq, final long captureNanos) {
            final int base = 3 * (int)(frameSeq & MASK);
            final long version = slots.getPlain(base);
            slots.setPlain(base, version + 1);
            VarHandle.storeStoreFence();
            slots.setPlain(base + 1, frameSeq);
            slots.setPlain(base + 2, captureNanos);
            slots.setRelease(base, version + 2);
            if (Long.compareUnsigned(frameSeq, newest) > 0) {
                newest = frameSeq;
            }
        }

        /** @return the frame's capture time, or {@link #NONE} when its slot holds another frame or is being written. */
        long capture(final long frameSeq) {
            final int base = 3 * (int)(frameSeq & MASK);
            final long before = slots.getAcquire(base);
            final long seq = slots.getPlain(base + 1);
            final long capture = slots.getPlain(base + 2);
            VarHandle.loadLoadFence();
            final long after = slots.getPlain(base);
            return (before & 1) == 0 && before == after && before != 0 && seq == frameSeq ? capture : NONE;
        }
    }

    /**
     * Records a frame this node received; decision thread only.
     *
     * @param streamId     its stream.
     * @param frameSeq     its sequence number.
     * @param captureNanos its capture time on the robot's clock.
     */
    public void record(final long streamId, final long frameSeq, final long captureNanos) {
        Stream stream = streams.get(streamId);
        if (stream == null) {
            stream = new Stream();
            streams.put(streamId, stream);
        }
        stream.record(frameSeq, captureNanos);
    }

    /**
     * @param streamId a stream.
     * @return the newest frame seen of it; 0 when none was.
     */
    public long newest(final long streamId) {
        final Stream stream = streams.get(streamId);
        return stream == null ? 0 : stream.newest;
    }

    /**
     * @param streamId     a result's stream.
     * @param frameSeq     the frame it says it is about.
     * @param captureNanos the capture time it gives for that frame.
     * @return {@link ResultVerdict#SEEN_FRAME} or {@link ResultVerdict#BETWEEN_SEEN_FRAMES} when the claim fits the
     *     frames seen here, else why not.
     */
    public ResultVerdict check(final long streamId, final long frameSeq, final long captureNanos) {
        final Stream stream = streams.get(streamId);
        if (stream == null) {
            return ResultVerdict.UNKNOWN_STREAM;
        }
        if (Long.compareUnsigned(frameSeq, stream.newest) > 0) {
            return ResultVerdict.FUTURE_FRAME;
        }
        final long seen = stream.capture(frameSeq);
        if (seen != NONE) {
            return seen == captureNanos ? ResultVerdict.SEEN_FRAME : ResultVerdict.CAPTURE_MISMATCH;
        }
        final long before = nearest(stream, frameSeq, -1);
        final long after = nearest(stream, frameSeq, 1);
        if (before == NONE || after == NONE) {
            return ResultVerdict.UNSEEN_FRAME;
        }
        return before < captureNanos && captureNanos < after ? ResultVerdict.BETWEEN_SEEN_FRAMES
            : ResultVerdict.CAPTURE_MISMATCH;
    }

    private static long nearest(final Stream stream, final long frameSeq, final int direction) {
        for (int distance = 1; distance <= BRACKET; distance++) {
            final long capture = stream.capture(frameSeq + (long)direction * distance);
            if (capture != NONE) {
                return capture;
            }
        }
        return NONE;
    }
}
