package io.saccade.preprocess.handoff;

import io.saccade.preprocess.reassembly.JpegFrame;
import io.saccade.preprocess.reassembly.JpegFramePool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The hand-off from reassembly to decoding: one slot per stream holding only the newest complete frame. A frame
 * that arrives before the previous one of its stream was taken replaces it (the older goes back to the pool,
 * counted as superseded), so the consumer always decodes the freshest frame and nothing queues. One producer (the
 * ingress event loop), one consumer (the decode thread).
 */
public final class LatestFrameMailbox {
    private final JpegFramePool pool;
    private final long[] streamIds;
    private final AtomicReferenceArray<JpegFrame> slots;
    private final AtomicLong superseded = new AtomicLong();
    private int streams;
    private int nextSlot;
    private volatile Thread waiter;

    /**
     * @param maxStreams streams that may have a slot.
     * @param pool       where replaced and consumed frames go back.
     */
    public LatestFrameMailbox(final int maxStreams, final JpegFramePool pool) {
        this.pool = pool;
        this.streamIds = new long[maxStreams];
        this.slots = new AtomicReferenceArray<>(maxStreams);
    }

    /**
     * Puts a frame in its stream's slot, replacing any frame not yet taken. Producer thread only.
     *
     * @param frame a complete frame; the mailbox owns it now.
     */
    public void offer(final JpegFrame frame) {
        final int slot = slotOf(frame.streamId());
        if (slot < 0) {
            superseded.incrementAndGet();
            pool.release(frame);
            return;
        }
        final JpegFrame replaced = slots.getAndSet(slot, frame);
        if (replaced != null) {
            superseded.incrementAndGet();
            pool.release(replaced);
        }
        final Thread sleeping = waiter;
        if (sleeping != null) {
            LockSupport.unpark(sleeping);
        }
    }

    /**
     * Takes the newest frame of some stream, visiting streams in turn. Consumer thread only.
     *
     * @return a frame, or {@code null} when no slot holds one.
     */
    public JpegFrame poll() {
        final int count = slots.length();
        for (int i = 0; i < count; i++) {
            final int slot = (nextSlot + i) % count;
            final JpegFrame frame = slots.getAndSet(slot, null);
            if (frame != null) {
                nextSlot = slot + 1;
                return frame;
            }
        }
        return null;
    }

    /**
     * Takes a frame, waiting for one for at most the timeout. Consumer thread only.
     *
     * @param timeoutNanos longest wait.
     * @return a frame, or {@code null} when none came in time.
     */
    public JpegFrame take(final long timeoutNanos) {
        final long deadline = System.nanoTime() + timeoutNanos;
        JpegFrame frame = poll();
        while (frame == null) {
            final long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || Thread.currentThread().isInterrupted()) {
                return null;
            }
            waiter = Thread.currentThread();
            frame = poll();
            if (frame == null) {
                LockSupport.parkNanos(this, remaining);
                frame = poll();
            }
            waiter = null;
        }
        return frame;
    }

    /**
     * Gives a taken frame back to the pool. Consumer thread only.
     *
     * @param frame a frame returned by {@link #poll()} or {@link #take(long)}.
     */
    public void release(final JpegFrame frame) {
        pool.release(frame);
    }

    /** @return frames replaced before anybody took them: the latest-wins skips. */
    public long superseded() {
        return superseded.get();
    }

    private int slotOf(final long streamId) {
        for (int slot = 0; slot < streams; slot++) {
            if (streamIds[slot] == streamId) {
                return slot;
            }
        }
        if (streams == streamIds.length) {
            return -1;
        }
        streamIds[streams] = streamId;
        return streams++;
    }
}
