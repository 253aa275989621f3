package io.saccade.protocol.frame;

import static io.saccade.protocol.frame.FrameFragmentDescriptor.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A reusable view over one frame fragment in a {@link ByteBuffer}, laid out as {@link FrameFragmentDescriptor}
 * says. Wrapping allocates nothing, so one instance serves every datagram a thread handles; the buffer's position,
 * limit and byte order are never touched.
 * <p>
 * Readers call {@link #verify()} before trusting any other field.
 * <p>
 * Large because every field of the fragment header has its accessor and its check here, next to the layout they read.
 */
public final class FrameFragmentFlyweight {
    private static final VarHandle U16 = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U32 = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ByteBuffer buffer;
    private int offset;
    private int length;

    /**
     * Points this view at a fragment.
     *
     * @param buffer holding the datagram.
     * @param offset where the datagram starts.
     * @param length datagram length in bytes (for a fragment being written: the capacity available).
     * @return this view.
     */
    public FrameFragmentFlyweight wrap(final ByteBuffer buffer, final int offset, final int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** @return the wrapped buffer. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** @return where the datagram starts in the buffer. */
    public int offset() {
        return offset;
    }

    /** @return the wrapped length. */
    public int length() {
        return length;
    }

    /**
     * Checks that the wrapped bytes can be a fragment of this version, reading only inside the wrapped range.
     *
     * @return {@link FragmentVerdict#VALID}, or why not.
     */
    public FragmentVerdict verify() {
        if (length < HEADER_LENGTH + TAG_LENGTH) {
            return FragmentVerdict.TRUNCATED;
        }
        if (magic() != MAGIC) {
            return FragmentVerdict.BAD_MAGIC;
        }
        if (version() != VERSION) {
            return FragmentVerdict.UNSUPPORTED_VERSION;
        }
        if ((flags() & ~KNOWN_FLAGS) != 0) {
            return FragmentVerdict.UNKNOWN_FLAGS;
        }
        if (datagramLength(payloadLength()) != length) {
            return FragmentVerdict.LENGTH_MISMATCH;
        }
        return isPossibleGeometry() ? FragmentVerdict.VALID : FragmentVerdict.BAD_GEOMETRY;
    }

    private boolean isPossibleGeometry() {
        final int shard = payloadLength();
        final int data = dataCount();
        final int fragments = fragmentCount();
        final int groups = fecGroupCount();
        final long frame = frameLength();
        if (shard == 0 || data == 0 || data > fragments || fragmentIndex() >= fragments) {
            return false;
        }
        if (groups == 0 || groups > data) {
            return false;
        }
        if (frame <= (long)(data - 1) * shard || frame > (long)data * shard) {
            return false;
        }
        return FecLayout.dataInGroup(0, data, groups) + FecLayout.parityInGroup(0, data, fragments, groups)
            <= MAX_SHARDS_PER_GROUP;
    }

    /** @return the magic, {@link FrameFragmentDescriptor#MAGIC} for a fragment. */
    public int magic() {
        return u16(MAGIC_OFFSET);
    }

    /** @return the layout version. */
    public int version() {
        return u8(VERSION_OFFSET);
    }

    /** @return the flag bits. */
    public int flags() {
        return u8(FLAGS_OFFSET);
    }

    /** @return whether a cluster node relayed this fragment. */
    public boolean isRelayed() {
        return (flags() & FLAG_RELAYED) != 0;
    }

    /** @return the stream (robot) id, unsigned. */
    public long streamId() {
        return Integer.toUnsignedLong((int)U32.get(buffer, offset + STREAM_ID_OFFSET));
    }

    /** @return the frame sequence number. */
    public long frameSeq() {
        return (long)U64.get(buffer, offset + FRAME_SEQ_OFFSET);
    }

    /** @return capture time on the robot's monotonic clock, nanoseconds. */
    public long captureTimeNanos() {
        return (long)U64.get(buffer, offset + CAPTURE_TIME_OFFSET);
    }

    /** @return length of the whole frame in bytes, unsigned. */
    public long frameLength() {
        return Integer.toUnsignedLong((int)U32.get(buffer, offset + FRAME_LENGTH_OFFSET));
    }

    /** @return index of this fragment in its frame. */
    public int fragmentIndex() {
        return u16(FRAGMENT_INDEX_OFFSET);
    }

    /** @return fragments in the frame, data and parity. */
    public int fragmentCount() {
        return u16(FRAGMENT_COUNT_OFFSET);
    }

    /** @return data fragments in the frame. */
    public int dataCount() {
        return u16(DATA_COUNT_OFFSET);
    }

    /** @return FEC groups the frame's shards are interleaved over. */
    public int fecGroupCount() {
        return u8(FEC_GROUP_COUNT_OFFSET);
    }

    /** @return id of the key the tag was computed with. */
    public int keyId() {
        return u8(KEY_ID_OFFSET);
    }

    /** @return payload (shard) length in bytes. */
    public int payloadLength() {
        return u16(PAYLOAD_LENGTH_OFFSET);
    }

    /** @return microseconds from capture to sending, saturated at 65535. */
    public int sendDelayMicros() {
        return u16(SEND_DELAY_OFFSET);
    }

    /** @return whether this fragment carries parity rather than frame bytes. */
    public boolean isParity() {
        return fragmentIndex() >= dataCount();
    }

    /** @return absolute index of the payload in the buffer. */
    public int payloadOffset() {
        return offset + HEADER_LENGTH;
    }

    /** @return absolute index of the tag in the buffer. */
    public int tagOffset() {
        return payloadOffset() + payloadLength();
    }

    /**
     * Writes the magic and version: the first step of building a fragment.
     *
     * @return this view.
     */
    public FrameFragmentFlyweight writePreamble() {
        U16.set(buffer, offset + MAGIC_OFFSET, (short)MAGIC);
        buffer.put(offset + VERSION_OFFSET, (byte)VERSION);
        return this;
    }

    /**
     * @param flags flag bits.
     * @return this view.
     */
    public FrameFragmentFlyweight flags(final int flags) {
        buffer.put(offset + FLAGS_OFFSET, (byte)flags);
        return this;
    }

    /**
     * @param streamId unsigned 32-bit stream id.
     * @return this view.
     */
    public FrameFragmentFlyweight streamId(final long streamId) {
        U32.set(buffer, offset + STREAM_ID_OFFSET, (int)streamId);
        return this;
    }

    /**
     * @param frameSeq frame sequence number.
     * @return this view.
     */
    public FrameFragmentFlyweight frameSeq(final long frameSeq) {
        U64.set(buffer, offset + FRAME_SEQ_OFFSET, frameSeq);
        return this;
    }

    /**
     * @param nanos capture time on the robot's monotonic clock.
     * @return this view.
     */
    public FrameFragmentFlyweight captureTimeNanos(final long nanos) {
        U64.set(buffer, offset + CAPTURE_TIME_OFFSET, nanos);
        return this;
    }

    /**
     * @param frameLength unsigned 32-bit frame length.
     * @return this view.
     */
    public FrameFragmentFlyweight frameLength(final long frameLength) {
        U32.set(buffer, offset + FRAME_LENGTH_OFFSET, (int)frameLength);
        return this;
    }

    /**
     * @param index fragment index.
     * @return this view.
     */
    public FrameFragmentFlyweight fragmentIndex(final int index) {
        U16.set(buffer, offset + FRAGMENT_INDEX_OFFSET, (short)index);
        return this;
    }

    /**
     * @param count fragments in the frame.
     * @return this view.
     */
    public FrameFragmentFlyweight fragmentCount(final int count) {
        U16.set(buffer, offset + FRAGMENT_COUNT_OFFSET, (short)count);
        return this;
    }

    /**
     * @param count data fragments in the frame.
     * @return this view.
     */
    public FrameFragmentFlyweight dataCount(final int count) {
        U16.set(buffer, offset + DATA_COUNT_OFFSET, (short)count);
        return this;
    }

    /**
     * @param count FEC groups.
     * @return this view.
     */
    public FrameFragmentFlyweight fecGroupCount(final int count) {
        buffer.put(offset + FEC_GROUP_COUNT_OFFSET, (byte)count);
        return this;
    }

    /**
     * @param keyId id of the key the tag is computed with.
     * @return this view.
     */
    public FrameFragmentFlyweight keyId(final int keyId) {
        buffer.put(offset + KEY_ID_OFFSET, (byte)keyId);
        return this;
    }

    /**
     * @param length payload (shard) length.
     * @return this view.
     */
    public FrameFragmentFlyweight payloadLength(final int length) {
        U16.set(buffer, offset + PAYLOAD_LENGTH_OFFSET, (short)length);
        return this;
    }

    /**
     * @param micros microseconds from capture to sending; saturated to the field's range.
     * @return this view.
     */
    public FrameFragmentFlyweight sendDelayMicros(final long micros) {
        U16.set(buffer, offset + SEND_DELAY_OFFSET, (short)Math.clamp(micros, 0, MAX_SEND_DELAY_MICROS));
        return this;
    }

    private int u8(final int field) {
        return buffer.get(offset + field) & 0xFF;
    }

    private int u16(final int field) {
        return (short)U16.get(buffer, offset + field) & 0xFFFF;
    }
}
