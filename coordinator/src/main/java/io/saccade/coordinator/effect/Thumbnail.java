package io.saccade.coordinator.effect;

/**
 * One frame's grey thumbnail, row-major, one byte per pixel. Mutable and reused by {@link ThumbnailHistory}.
 */
public final class Thumbnail {
    private final int width;
    private final int height;
    private final byte[] pixels;
    private long streamId = -1;
    private long frameSeq;
    private long captureTimeNanos;
    private long frameReadyAtNanos;

    /**
     * @param width  pixels per row.
     * @param height rows.
     */
    public Thumbnail(final int width, final int height) {
        this.width = width;
        this.height = height;
        this.pixels = new byte[width * height];
    }

    /**
     * Labels the pixels with the frame they came from.
     *
     * @param streamId          stream id.
     * @param frameSeq          frame sequence number.
     * @param captureTimeNanos  capture time on the robot's clock.
     * @param frameReadyAtNanos when the frame was reassembled, on this node's clock.
     * @return this thumbnail.
     */
    public Thumbnail frame(final long streamId, final long frameSeq, final long captureTimeNanos,
                           final long frameReadyAtNanos) {
        this.streamId = streamId;
        this.frameSeq = frameSeq;
        this.captureTimeNanos = captureTimeNanos;
        this.frameReadyAtNanos = frameReadyAtNanos;
        return this;
    }

    /** Marks the thumbnail empty, e.g. when its pixels turned out torn. */
    public void invalidate() {
        streamId = -1;
    }

    /** @return pixels per row. */
    public int width() {
        return width;
    }

    /** @return rows. */
    public int height() {
        return height;
    }

    /** @return the pixels, row-major, writable. */
    public byte[] pixels() {
        return pixels;
    }

    /** @return stream id, or -1 while empty. */
    public long streamId() {
        return streamId;
    }

    /** @return frame sequence number. */
    public long frameSeq() {
        return frameSeq;
    }

    /** @return capture time on the robot's clock. */
    public long captureTimeNanos() {
        return captureTimeNanos;
    }

    /** @return when the frame was reassembled, on this node's clock. */
    public long frameReadyAtNanos() {
        return frameReadyAtNanos;
    }
}
