package io.saccade.coordinator.effect;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The last {@code depth} thumbnails of one stream, found by frame sequence number in constant time (slot
 * {@code seq mod depth}, checked against the sequence it holds). The shared-memory ring keeps only a few frames
 * for readers that keep up; this copy, 4.8 KB a frame at 80x60, reaches back as far as the slowest model needs.
 * Owned by the decision thread.
 */
public final class ThumbnailHistory {
    private final Thumbnail[] slots;
    private final int width;
    private final int height;
    private Thumbnail newest;

    /**
     * @param depth  frames kept.
     * @param width  thumbnail width.
     * @param height thumbnail height.
     */
    public ThumbnailHistory(final int depth, final int width, final int height) {
        if (depth < 2) {
            throw new IllegalArgumentException("a thumbnail history needs at least 2 frames, got " + depth);
        }
        this.width = width;
        this.height = height;
        this.slots = new Thumbnail[depth];
        for (int i = 0; i < depth; i++) {
            slots[i] = new Thumbnail(width, height);
        }
    }

    /**
     * Copies a thumbnail in, replacing the one {@code depth} frames older.
     *
     * @param streamId          stream id.
     * @param frameSeq          frame sequence number.
     * @param captureTimeNanos  capture time on the robot's clock.
     * @param frameReadyAtNanos when the frame was reassembled, on this node's clock.
     * @param pixels            {@code width * height} grey bytes.
     * @return the stored thumbnail, valid until {@code depth} more are stored.
     */
    public Thumbnail put(final long streamId, final long frameSeq, final long captureTimeNanos,
                         final long frameReadyAtNanos, final MemorySegment pixels) {
        final Thumbnail slot = slots[index(frameSeq)];
        MemorySegment.copy(pixels, ValueLayout.JAVA_BYTE, 0, slot.pixels(), 0, slot.pixels().length);
        newest = slot.frame(streamId, frameSeq, captureTimeNanos, frameReadyAtNanos);
        return slot;
    }

    /**
     * @param frameSeq a frame sequence number.
     * @return its thumbnail, or {@code null} when it was never stored or has been overwritten.
     */
    public Thumbnail find(final long frameSeq) {
        final Thumbnail slot = slots[index(frameSeq)];
        return slot.streamId() >= 0 && slot.frameSeq() == frameSeq ? slot : null;
    }

    /** @return the thumbnail stored last, or {@code null}. */
    public Thumbnail newest() {
        return newest;
    }

    /** @return thumbnail width. */
    public int width() {
        return width;
    }

    /** @return thumbnail height. */
    public int height() {
        return height;
    }

    private int index(final long frameSeq) {
        return (int)Long.remainderUnsigned(frameSeq, slots.length);
    }
}
