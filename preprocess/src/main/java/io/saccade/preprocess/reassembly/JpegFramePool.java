package io.saccade.preprocess.reassembly;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded supply of frame buffers, shared by frames being reassembled, frames waiting in the mailbox and the
 * frame being decoded. Buffers are made on first need, up to the bound; after that, none is made or dropped, so
 * memory is bounded whatever arrives. Thread-safe.
 */
public final class JpegFramePool {
    private final int bufferBytes;
    private final int maxBuffers;
    private final ArrayBlockingQueue<JpegFrame> free;
    private final AtomicInteger made = new AtomicInteger();

    /**
     * @param maxBuffers  most buffers ever made.
     * @param bufferBytes capacity of each.
     */
    public JpegFramePool(final int maxBuffers, final int bufferBytes) {
        this.maxBuffers = maxBuffers;
        this.bufferBytes = bufferBytes;
        this.free = new ArrayBlockingQueue<>(maxBuffers);
    }

    /** @return a free buffer, or {@code null} when all are in use. */
    public JpegFrame acquire() {
        final JpegFrame frame = free.poll();
        if (frame != null) {
            return frame;
        }
        final int count = made.get();
        return count < maxBuffers && made.compareAndSet(count, count + 1) ? new JpegFrame(bufferBytes) : free.poll();
    }

    /**
     * @param frame a buffer from this pool, no longer used by the caller.
     */
    public void release(final JpegFrame frame) {
        if (!free.offer(frame)) {
            throw new IllegalStateException("released more frames than the pool made: " + frame);
        }
    }

    /** @return capacity of each buffer. */
    public int bufferBytes() {
        return bufferBytes;
    }

    /** @return buffers made so far. */
    public int made() {
        return made.get();
    }

    /** @return buffers made and not in use. */
    public int available() {
        return free.size();
    }
}
