package io.saccade.preprocess.reassembly;

/**
 * A complete JPEG frame as reassembled on this node, in a pooled buffer. Ownership moves from the reassembler to
 * the mailbox to the decode stage, which gives it back to its {@link JpegFramePool}.
 */
public final class JpegFrame {
    private final byte[] data;
    private int length;
    private long streamId;
    private long frameSeq;
    private long captureTimeNanos;
    private int sendDelayMicros;
    private long firstFragmentAtNanos;
    private long completedAtNanos;
    private boolean recovered;

    JpegFrame(final int capacity) {
        this.data = new byte[capacity];
    }

    void stamp(final long streamId, final long frameSeq, final long captureTimeNanos, final int sendDelayMicros,
               final long firstFragmentAtNanos) {
        this.streamId = streamId;
        this.frameSeq = frameSeq;
        this.captureTimeNanos = captureTimeNanos;
        this.sendDelayMicros = sendDelayMicros;
        this.firstFragmentAtNanos = firstFragmentAtNanos;
        this.length = 0;
        this.recovered = false;
    }

    void complete(final int length, final long completedAtNanos, final boolean recovered) {
        this.length = length;
        this.completedAtNanos = completedAtNanos;
        this.recovered = recovered;
    }

    /** @return the buffer; the first {@link #length()} bytes are the JPEG. */
    public byte[] data() {
        return data;
    }

    /** @return bytes of JPEG. */
    public int length() {
        return length;
    }

    /** @return stream (robot) id. */
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

    /** @return microseconds the robot took from capture to sending. */
    public int sendDelayMicros() {
        return sendDelayMicros;
    }

    /** @return when the frame's first fragment arrived, on this node's monotonic clock. */
    public long firstFragmentAtNanos() {
        return firstFragmentAtNanos;
    }

    /** @return when the frame became complete, on this node's monotonic clock. */
    public long completedAtNanos() {
        return completedAtNanos;
    }

    /** @return whether forward error correction rebuilt lost fragments. */
    public boolean recovered() {
        return recovered;
    }

    @Override
    public String toString() {
        return "frame " + streamId + "/" + frameSeq + " (" + length + " bytes" + (recovered ? ", recovered" : "") + ")";
    }
}
