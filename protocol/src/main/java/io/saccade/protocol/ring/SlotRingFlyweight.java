package io.saccade.protocol.ring;

import static io.saccade.protocol.ring.SlotRingDescriptor.*;

import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.tensor.InputSpecFormatException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Accessors for a slot ring laid out as {@link SlotRingDescriptor} says, over a mapped {@link MemorySegment}.
 * Fields other processes race on (head, signal, seqlocks) come with the memory ordering their protocol needs; the
 * writer and reader protocols themselves live with the code that writes and reads rings.
 * <p>
 * Large because it is the one place that knows the ring file's layout; every offset and its seqlock access is here, so
 * the writer and the reader cannot disagree.
 */
public final class SlotRingFlyweight {
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = I64.varHandle();
    private static final VarHandle INT = I32.varHandle();

    private MemorySegment segment;
    private MemorySegment[] payloads = new MemorySegment[0];

    /**
     * Points this view at a ring whose header has been validated or written.
     *
     * @param segment the whole mapped file.
     * @return this view.
     */
    public SlotRingFlyweight wrap(final MemorySegment segment) {
        this.segment = segment;
        final int slots = slotCount();
        final int capacity = slotCapacity();
        payloads = new MemorySegment[slots];
        for (int slot = 0; slot < slots; slot++) {
            payloads[slot] = segment.asSlice(payloadOffset(slot, slots, capacity), capacity);
        }
        return this;
    }

    /**
     * Checks that a mapped file is a ring of this layout version and kind, and as long as its header says.
     *
     * @param segment the whole mapped file.
     * @param file    its path, for the message.
     * @param kind    the kind the caller expects.
     * @throws InvalidRingException naming the file and what is wrong.
     */
    public static void validate(final MemorySegment segment, final Path file, final RingKind kind)
        throws InvalidRingException {
        if (segment.byteSize() < HEADER_LENGTH) {
            throw new InvalidRingException(file, "only " + segment.byteSize() + " bytes, shorter than a header");
        }
        if (segment.get(I64, MAGIC_OFFSET) != MAGIC) {
            throw new InvalidRingException(file, "not a slot ring (bad magic)");
        }
        final int version = segment.get(I32, VERSION_OFFSET);
        if (version != VERSION) {
            throw new InvalidRingException(file, "layout version " + version + ", this build reads " + VERSION);
        }
        final RingKind actual = RingKind.ofCode(segment.get(I32, KIND_OFFSET));
        if (actual != kind) {
            throw new InvalidRingException(file, "holds " + actual + " slots, expected " + kind);
        }
        validateGeometry(segment, file);
    }

    private static void validateGeometry(final MemorySegment segment, final Path file) throws InvalidRingException {
        final int slots = segment.get(I32, SLOT_COUNT_OFFSET);
        final int capacity = segment.get(I32, SLOT_CAPACITY_OFFSET);
        if (slots < 1 || slots > MAX_SLOTS || capacity < 1 || capacity > MAX_SLOT_CAPACITY) {
            throw new InvalidRingException(file, "impossible geometry: " + slots + " slots of " + capacity + " bytes");
        }
        final long expected = fileLength(slots, capacity);
        if (segment.byteSize() != expected) {
            throw new InvalidRingException(file, "length " + segment.byteSize() + " bytes, but " + slots
                + " slots of " + capacity + " bytes need " + expected);
        }
        try {
            InputSpec.readFrom(segment, INPUT_SPEC_OFFSET);
        } catch (final InputSpecFormatException ex) {
            throw new InvalidRingException(file, ex.getMessage());
        }
    }

    /**
     * Writes the static part of a header: magic, version, kind, geometry and spec. Generation, writer and head are
     * set separately.
     *
     * @param kind         what the ring carries.
     * @param spec         the input spec of its payloads.
     * @param slotCount    slots in the ring.
     * @param slotCapacity payload capacity of one slot.
     * @return this view.
     */
    public SlotRingFlyweight writeHeader(final RingKind kind, final InputSpec spec, final int slotCount,
                                         final int slotCapacity) {
        segment.set(I64, MAGIC_OFFSET, MAGIC);
        segment.set(I32, VERSION_OFFSET, VERSION);
        segment.set(I32, KIND_OFFSET, kind.code());
        segment.set(I32, SLOT_COUNT_OFFSET, slotCount);
        segment.set(I32, SLOT_CAPACITY_OFFSET, slotCapacity);
        spec.writeTo(segment, INPUT_SPEC_OFFSET);
        return this;
    }

    /** @return the mapped file. */
    public MemorySegment segment() {
        return segment;
    }

    /** @return the magic. */
    public long magic() {
        return segment.get(I64, MAGIC_OFFSET);
    }

    /** @return the layout version. */
    public int version() {
        return segment.get(I32, VERSION_OFFSET);
    }

    /** @return what the ring carries, or {@code null} for an unknown code. */
    public RingKind kind() {
        return RingKind.ofCode(segment.get(I32, KIND_OFFSET));
    }

    /** @return the generation, read with acquire semantics. */
    public long generationAcquire() {
        return (long)LONG.getAcquire(segment, (long)GENERATION_OFFSET);
    }

    /**
     * @param generation the new generation, published with release semantics.
     * @return this view.
     */
    public SlotRingFlyweight generationRelease(final long generation) {
        LONG.setRelease(segment, (long)GENERATION_OFFSET, generation);
        return this;
    }

    /** @return the inode of the writer's pid namespace, 0 when unknown. */
    public long writerPidNamespace() {
        return segment.get(I64, WRITER_PID_NAMESPACE_OFFSET);
    }

    /**
     * @param namespace inode of the writer's pid namespace, 0 when unknown.
     * @return this view.
     */
    public SlotRingFlyweight writerPidNamespace(final long namespace) {
        segment.set(I64, WRITER_PID_NAMESPACE_OFFSET, namespace);
        return this;
    }

    /** @return the writer's last heartbeat, node monotonic nanoseconds, read with acquire semantics. */
    public long writerHeartbeatAcquire() {
        return (long)LONG.getAcquire(segment, (long)WRITER_HEARTBEAT_OFFSET);
    }

    /**
     * @param nanos the writer's heartbeat, node monotonic nanoseconds, stored with release semantics.
     * @return this view.
     */
    public SlotRingFlyweight writerHeartbeatRelease(final long nanos) {
        LONG.setRelease(segment, (long)WRITER_HEARTBEAT_OFFSET, nanos);
        return this;
    }

    /** @return the writer's process id. */
    public long writerPid() {
        return segment.get(I64, WRITER_PID_OFFSET);
    }

    /** @return the writer's process start time in epoch milliseconds, 0 when unknown. */
    public long writerStartMillis() {
        return segment.get(I64, WRITER_START_OFFSET);
    }

    /**
     * @param pid        the writer's process id.
     * @param startMillis its start time in epoch milliseconds, 0 when unknown.
     * @return this view.
     */
    public SlotRingFlyweight writer(final long pid, final long startMillis) {
        segment.set(I64, WRITER_PID_OFFSET, pid);
        segment.set(I64, WRITER_START_OFFSET, startMillis);
        return this;
    }

    /** @return slots in the ring. */
    public int slotCount() {
        return segment.get(I32, SLOT_COUNT_OFFSET);
    }

    /** @return payload capacity of one slot. */
    public int slotCapacity() {
        return segment.get(I32, SLOT_CAPACITY_OFFSET);
    }

    /** @return the input spec of the payloads; the header must have been validated. */
    public InputSpec inputSpec() {
        return InputSpec.readFrom(segment, INPUT_SPEC_OFFSET);
    }

    /** @return slots published so far, read with acquire semantics. */
    public long headAcquire() {
        return (long)LONG.getAcquire(segment, (long)HEAD_OFFSET);
    }

    /**
     * @param head slots published so far, stored with release semantics.
     * @return this view.
     */
    public SlotRingFlyweight headRelease(final long head) {
        LONG.setRelease(segment, (long)HEAD_OFFSET, head);
        return this;
    }

    /** @return the signal word, read with volatile semantics. */
    public int signalVolatile() {
        return (int)INT.getVolatile(segment, (long)SIGNAL_OFFSET);
    }

    /** @return the signal word after adding one to it atomically. */
    public int incrementSignal() {
        return (int)INT.getAndAdd(segment, (long)SIGNAL_OFFSET, 1) + 1;
    }

    /**
     * @param slot slot index.
     * @return its seqlock, read with acquire semantics.
     */
    public long slotLockAcquire(final int slot) {
        return (long)LONG.getAcquire(segment, descriptorOffset(slot) + SLOT_LOCK_OFFSET);
    }

    /**
     * @param slot slot index.
     * @return its seqlock, read in program order but without ordering other accesses.
     */
    public long slotLockOpaque(final int slot) {
        return (long)LONG.getOpaque(segment, descriptorOffset(slot) + SLOT_LOCK_OFFSET);
    }

    /**
     * @param slot  slot index.
     * @param value the new seqlock value, stored in program order without ordering other accesses.
     * @return this view.
     */
    public SlotRingFlyweight slotLockOpaque(final int slot, final long value) {
        LONG.setOpaque(segment, descriptorOffset(slot) + SLOT_LOCK_OFFSET, value);
        return this;
    }

    /**
     * @param slot  slot index.
     * @param value the new seqlock value, stored with release semantics.
     * @return this view.
     */
    public SlotRingFlyweight slotLockRelease(final int slot, final long value) {
        LONG.setRelease(segment, descriptorOffset(slot) + SLOT_LOCK_OFFSET, value);
        return this;
    }

    /**
     * @param slot slot index.
     * @return the frame sequence of its payload.
     */
    public long frameSeq(final int slot) {
        return segment.get(I64, descriptorOffset(slot) + SLOT_FRAME_SEQ_OFFSET);
    }

    /**
     * @param slot slot index.
     * @return capture time of its frame on the robot's monotonic clock.
     */
    public long captureTimeNanos(final int slot) {
        return segment.get(I64, descriptorOffset(slot) + SLOT_CAPTURE_TIME_OFFSET);
    }

    /**
     * @param slot slot index.
     * @return when it was written, on the node's monotonic clock.
     */
    public long writtenAtNanos(final int slot) {
        return segment.get(I64, descriptorOffset(slot) + SLOT_WRITTEN_AT_OFFSET);
    }

    /**
     * @param slot slot index.
     * @return when its frame was reassembled, on the node's monotonic clock.
     */
    public long frameReadyAtNanos(final int slot) {
        return segment.get(I64, descriptorOffset(slot) + SLOT_FRAME_READY_AT_OFFSET);
    }

    /**
     * @param slot slot index.
     * @return the stream id of its frame, unsigned.
     */
    public long streamId(final int slot) {
        return Integer.toUnsignedLong(segment.get(I32, descriptorOffset(slot) + SLOT_STREAM_ID_OFFSET));
    }

    /**
     * @param slot slot index.
     * @return bytes of payload it holds.
     */
    public int length(final int slot) {
        return segment.get(I32, descriptorOffset(slot) + SLOT_LENGTH_OFFSET);
    }

    /**
     * @param slot slot index.
     * @return id of the input spec its payload was made for.
     */
    public int specId(final int slot) {
        return segment.get(I32, descriptorOffset(slot) + SLOT_SPEC_ID_OFFSET);
    }

    /**
     * @param slot slot index.
     * @return width of the source frame.
     */
    public int frameWidth(final int slot) {
        return Short.toUnsignedInt(segment.get(I16, descriptorOffset(slot) + SLOT_FRAME_WIDTH_OFFSET));
    }

    /**
     * @param slot slot index.
     * @return height of the source frame.
     */
    public int frameHeight(final int slot) {
        return Short.toUnsignedInt(segment.get(I16, descriptorOffset(slot) + SLOT_FRAME_HEIGHT_OFFSET));
    }

    /**
     * Writes a slot's descriptor fields (the seqlock excepted).
     *
     * @param slot    slot index.
     * @param frame   identity and timing of the frame the payload was made from.
     * @param specId  id of the input spec the payload was made for.
     * @param length  bytes of payload.
     * @return this view.
     */
    public SlotRingFlyweight describe(final int slot, final FrameStamp frame, final int specId, final int length) {
        final long base = descriptorOffset(slot);
        segment.set(I64, base + SLOT_FRAME_SEQ_OFFSET, frame.frameSeq());
        segment.set(I64, base + SLOT_CAPTURE_TIME_OFFSET, frame.captureTimeNanos());
        segment.set(I64, base + SLOT_WRITTEN_AT_OFFSET, frame.writtenAtNanos());
        segment.set(I64, base + SLOT_FRAME_READY_AT_OFFSET, frame.frameReadyAtNanos());
        segment.set(I32, base + SLOT_STREAM_ID_OFFSET, (int)frame.streamId());
        segment.set(I32, base + SLOT_LENGTH_OFFSET, length);
        segment.set(I32, base + SLOT_SPEC_ID_OFFSET, specId);
        segment.set(I16, base + SLOT_FRAME_WIDTH_OFFSET, (short)frame.frameWidth());
        segment.set(I16, base + SLOT_FRAME_HEIGHT_OFFSET, (short)frame.frameHeight());
        segment.set(I32, base + SLOT_READY_AFTER_CAPTURE_OFFSET, frame.readyAfterCaptureMicros());
        segment.set(I16, base + SLOT_SEND_DELAY_OFFSET, (short)saturate(frame.sendDelayMicros()));
        segment.set(I16, base + SLOT_CLOCK_UNCERTAINTY_OFFSET, (short)(frame.hasClock()
            ? saturate(frame.clockUncertaintyMicros() + 1L) : 0));
        return this;
    }

    /**
     * Copies a slot's frame fields into a reusable holder; the caller validates the seqlock around this.
     *
     * @param slot slot index.
     * @param into the holder to fill.
     * @return the holder.
     */
    public FrameStamp readFrame(final int slot, final FrameStamp into) {
        return into.set(streamId(slot), frameSeq(slot), captureTimeNanos(slot), frameWidth(slot), frameHeight(slot))
            .frameReadyAtNanos(frameReadyAtNanos(slot))
            .writtenAtNanos(writtenAtNanos(slot))
            .clock(readyAfterCaptureMicros(slot), clockUncertaintyMicros(slot), sendDelayMicros(slot));
    }

    /**
     * @param slot slot index.
     * @return when its frame was reassembled, in microseconds after capture on the robot's clock; meaningless when
     *     {@link #clockUncertaintyMicros} is negative.
     */
    public int readyAfterCaptureMicros(final int slot) {
        return segment.get(I32, descriptorOffset(slot) + SLOT_READY_AFTER_CAPTURE_OFFSET);
    }

    /**
     * @param slot slot index.
     * @return the robot's capture-to-send delay in microseconds (65535: that or more).
     */
    public int sendDelayMicros(final int slot) {
        return Short.toUnsignedInt(segment.get(I16, descriptorOffset(slot) + SLOT_SEND_DELAY_OFFSET));
    }

    /**
     * @param slot slot index.
     * @return how far the robot/node clock offset behind {@link #readyAfterCaptureMicros} may be off, in
     *     microseconds (65534: that or more); -1 when the node had not measured it.
     */
    public int clockUncertaintyMicros(final int slot) {
        return Short.toUnsignedInt(segment.get(I16, descriptorOffset(slot) + SLOT_CLOCK_UNCERTAINTY_OFFSET)) - 1;
    }

    private static int saturate(final long value) {
        return (int)Math.max(0, Math.min(0xFFFF, value));
    }

    /**
     * @param slot slot index.
     * @return its payload bytes, a view cached at {@link #wrap} time.
     */
    public MemorySegment payload(final int slot) {
        return payloads[slot];
    }
}
