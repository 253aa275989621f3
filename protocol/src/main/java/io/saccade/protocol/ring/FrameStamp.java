package io.saccade.protocol.ring;

/**
 * Identity, size and timing of the frame a slot's payload was made from. A mutable holder, reused frame after frame
 * by the thread that owns it, so that writing and reading slots allocates nothing.
 */
public final class FrameStamp {
    private long streamId;
    private long frameSeq;
    private long captureTimeNanos;
    private long frameReadyAtNanos;
    private long writtenAtNanos;
    private int frameWidth;
    private int frameHeight;
    private int readyAfterCaptureMicros;
    private int clockUncertaintyMicros = -1;
    private int sendDelayMicros;

    /**
     * Sets the frame's identity and size.
     *
     * @param streamId         stream (robot) id, unsigned 32-bit.
     * @param frameSeq         frame sequence number.
     * @param captureTimeNanos capture time on the robot's monotonic clock.
     * @param frameWidth       frame width in pixels.
     * @param frameHeight      frame height in pixels.
     * @return this holder.
     */
    public FrameStamp set(final long streamId, final long frameSeq, final long captureTimeNanos, final int frameWidth,
                          final int frameHeight) {
        this.streamId = streamId;
        this.frameSeq = frameSeq;
        this.captureTimeNanos = captureTimeNanos;
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
        this.readyAfterCaptureMicros = 0;
        this.clockUncertaintyMicros = -1;
        this.sendDelayMicros = 0;
        return this;
    }

    /**
     * Places the frame on the robot's time axis; left unset (uncertainty -1) until the node has measured the offset
     * between its clock and the robot's.
     *
     * @param readyAfterCaptureMicros when it was reassembled, in microseconds after capture on the robot's clock.
     * @param clockUncertaintyMicros  how far that may be off; -1 when no offset has been measured.
     * @param sendDelayMicros         the robot's capture-to-send delay.
     * @return this holder.
     */
    public FrameStamp clock(final int readyAfterCaptureMicros, final int clockUncertaintyMicros,
                            final int sendDelayMicros) {
        this.readyAfterCaptureMicros = readyAfterCaptureMicros;
        this.clockUncertaintyMicros = Math.max(-1, clockUncertaintyMicros);
        this.sendDelayMicros = sendDelayMicros;
        return this;
    }

    /**
     * @param nanos when the frame was reassembled, on the node's monotonic clock.
     * @return this holder.
     */
    public FrameStamp frameReadyAtNanos(final long nanos) {
        this.frameReadyAtNanos = nanos;
        return this;
    }

    /**
     * @param nanos when the slot was written, on the node's monotonic clock.
     * @return this holder.
     */
    public FrameStamp writtenAtNanos(final long nanos) {
        this.writtenAtNanos = nanos;
        return this;
    }

    /** @return stream (robot) id, unsigned 32-bit. */
    public long streamId() {
        return streamId;
    }

    /** @return frame sequence number. */
    public long frameSeq() {
        return frameSeq;
    }

    /** @return capture time on the robot's monotonic clock. */
    public long captureTimeNanos() {
        return captureTimeNanos;
    }

    /** @return when the frame was reassembled, on the node's monotonic clock. */
    public long frameReadyAtNanos() {
        return frameReadyAtNanos;
    }

    /** @return when the slot was written, on the node's monotonic clock. */
    public long writtenAtNanos() {
        return writtenAtNanos;
    }

    /** @return whether the frame was placed on the robot's time axis. */
    public boolean hasClock() {
        return clockUncertaintyMicros >= 0;
    }

    /** @return when the frame was reassembled, in microseconds after capture on the robot's clock. */
    public int readyAfterCaptureMicros() {
        return readyAfterCaptureMicros;
    }

    /** @return how far {@link #readyAfterCaptureMicros} may be off; -1 when unmeasured. */
    public int clockUncertaintyMicros() {
        return clockUncertaintyMicros;
    }

    /** @return the robot's capture-to-send delay in microseconds. */
    public int sendDelayMicros() {
        return sendDelayMicros;
    }

    /**
     * @return the robot's clock minus this node's, as this frame's stamps imply; meaningful only when
     *     {@link #hasClock()}.
     */
    public long robotMinusNodeNanos() {
        return captureTimeNanos + readyAfterCaptureMicros * 1_000L - frameReadyAtNanos;
    }

    /** @return frame width in pixels. */
    public int frameWidth() {
        return frameWidth;
    }

    /** @return frame height in pixels. */
    public int frameHeight() {
        return frameHeight;
    }

    @Override
    public String toString() {
        return "frame " + streamId + "/" + frameSeq + " " + frameWidth + "x" + frameHeight;
    }
}
