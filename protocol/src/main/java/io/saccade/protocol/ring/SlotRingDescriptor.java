package io.saccade.protocol.ring;

import io.saccade.protocol.tensor.InputSpec;

/**
 * Layout of a slot ring: a memory-mapped file on tmpfs through which one writer process hands fixed-size payloads
 * (model input tensors, or thumbnails) to reader processes on the same node. All integers are little-endian; the
 * specification with the writer/reader rules is {@code protocol/spec/slot-ring.md}.
 * <pre>
 *  file header (1024 bytes)
 *  +---------------------------------------------------------------+
 *  |                 magic "SACCRING" (u64)                        |    0
 *  +-------------------------------+-------------------------------+
 *  |       layout version (u32)    |        ring kind (u32)        |    8
 *  +-------------------------------+-------------------------------+
 *  |       generation (u64): bumped by every writer start          |   16
 *  +---------------------------------------------------------------+
 *  |       writer pid (i64)                                        |   24
 *  +---------------------------------------------------------------+
 *  |       writer process start time, epoch milliseconds (i64)     |   32
 *  +-------------------------------+-------------------------------+
 *  |       slot count (u32)        |   slot capacity, bytes (u32)  |   40
 *  +-------------------------------+-------------------------------+
 *  |       writer pid namespace inode (u64), 0 when unknown        |   48
 *  +---------------------------------------------------------------+
 *  |       input spec, binary form (64 bytes)                      |   64
 *  +---------------------------------------------------------------+
 *  |       head (u64): slots published so far; own cache line      |  128
 *  +---------------------------------------------------------------+
 *  |       signal (u32): futex word, bumped on publish; own line   |  192
 *  +---------------------------------------------------------------+
 *  |       writer heartbeat, node monotonic ns (i64); own line     |  256
 *  +---------------------------------------------------------------+
 *  |       reserved, zero                                          |  264..1023
 *  +---------------------------------------------------------------+
 *  slot descriptors at 1024, one 64-byte cache line each
 *  +---------------------------------------------------------------+
 *  |       seqlock (u64): odd while the writer is in the slot      |  +0
 *  |       frame sequence (u64)                                    |  +8
 *  |       capture time, robot monotonic ns (i64)                  | +16
 *  |       written at, node monotonic ns (i64)                     | +24
 *  |       frame ready at, node monotonic ns (i64)                 | +32
 *  |  stream id (u32)              |  payload length (u32)         | +40
 *  |  input spec id (u32)          | frame width(u16)|height(u16)  | +48
 *  |  ready after capture, us (i32)| send delay us | clock unc.+1  | +56
 *  +---------------------------------------------------------------+
 *  payloads at the next 4096-byte boundary, each slot's payload on a 64-byte boundary
 * </pre>
 */
public final class SlotRingDescriptor {
    /** "SACCRING" in ASCII, read as a little-endian u64. */
    public static final long MAGIC = 0x474E495243434153L;
    /** The only layout version this code reads and writes. */
    public static final int VERSION = 1;

    /** Offset of the magic (u64). */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the layout version (u32). */
    public static final int VERSION_OFFSET = 8;
    /** Offset of the ring kind (u32), see {@link RingKind}. */
    public static final int KIND_OFFSET = 12;
    /** Offset of the generation (u64). */
    public static final int GENERATION_OFFSET = 16;
    /** Offset of the writer's process id (i64). */
    public static final int WRITER_PID_OFFSET = 24;
    /** Offset of the writer's process start time in epoch milliseconds (i64); 0 when unknown. */
    public static final int WRITER_START_OFFSET = 32;
    /** Offset of the slot count (u32). */
    public static final int SLOT_COUNT_OFFSET = 40;
    /** Offset of the payload capacity of one slot (u32). */
    public static final int SLOT_CAPACITY_OFFSET = 44;
    /** Offset of the inode of the writer's pid namespace (u64), 0 when unknown. */
    public static final int WRITER_PID_NAMESPACE_OFFSET = 48;
    /** Offset of the binary input spec ({@link InputSpec#BINARY_LENGTH} bytes). */
    public static final int INPUT_SPEC_OFFSET = 64;
    /** Offset of the head: the number of slots published so far (u64). */
    public static final int HEAD_OFFSET = 128;
    /** Offset of the signal word (u32) readers wait on. */
    public static final int SIGNAL_OFFSET = 192;
    /** Offset of the writer's heartbeat (i64), node monotonic nanoseconds, refreshed at least every second. */
    public static final int WRITER_HEARTBEAT_OFFSET = 256;
    /** Generation a writer stores when it retires a file (replaced by a file of another geometry). */
    public static final long RETIRED = -1;
    /** Length of the file header; slot descriptors follow. */
    public static final int HEADER_LENGTH = 1024;

    /** Length of one slot descriptor. */
    public static final int DESCRIPTOR_LENGTH = 64;
    /** Offset of the seqlock (u64) in a descriptor. */
    public static final int SLOT_LOCK_OFFSET = 0;
    /** Offset of the frame sequence (u64) in a descriptor. */
    public static final int SLOT_FRAME_SEQ_OFFSET = 8;
    /** Offset of the capture time (i64) in a descriptor. */
    public static final int SLOT_CAPTURE_TIME_OFFSET = 16;
    /** Offset of the time the slot was written, on the node's monotonic clock (i64). */
    public static final int SLOT_WRITTEN_AT_OFFSET = 24;
    /** Offset of the time the frame was reassembled, on the node's monotonic clock (i64). */
    public static final int SLOT_FRAME_READY_AT_OFFSET = 32;
    /** Offset of the stream id (u32) in a descriptor. */
    public static final int SLOT_STREAM_ID_OFFSET = 40;
    /** Offset of the payload length (u32) in a descriptor. */
    public static final int SLOT_LENGTH_OFFSET = 44;
    /** Offset of the id of the input spec the payload was made for (u32). */
    public static final int SLOT_SPEC_ID_OFFSET = 48;
    /** Offset of the source frame width (u16). */
    public static final int SLOT_FRAME_WIDTH_OFFSET = 52;
    /** Offset of the source frame height (u16). */
    public static final int SLOT_FRAME_HEIGHT_OFFSET = 54;
    /** Offset of the frame's reassembly time on the robot's clock, microseconds after capture (i32). */
    public static final int SLOT_READY_AFTER_CAPTURE_OFFSET = 56;
    /** Offset of the robot's capture-to-send delay, microseconds (u16, saturating). */
    public static final int SLOT_SEND_DELAY_OFFSET = 60;
    /** Offset of the clock offset's uncertainty in microseconds plus one (u16, saturating; 0: not measured). */
    public static final int SLOT_CLOCK_UNCERTAINTY_OFFSET = 62;

    /** Payloads start on a page boundary. */
    public static final int PAYLOAD_REGION_ALIGNMENT = 4096;
    /** Each slot's payload starts on a cache-line boundary. */
    public static final int PAYLOAD_ALIGNMENT = 64;
    /** Most slots a ring may have. */
    public static final int MAX_SLOTS = 4096;
    /** Most payload bytes one slot may hold (64 MiB). */
    public static final int MAX_SLOT_CAPACITY = 64 << 20;

    private SlotRingDescriptor() {
    }

    /**
     * @param slot slot index.
     * @return offset of that slot's descriptor.
     */
    public static long descriptorOffset(final int slot) {
        return HEADER_LENGTH + (long)slot * DESCRIPTOR_LENGTH;
    }

    /**
     * @param slotCount slots in the ring.
     * @return offset of the first payload.
     */
    public static long payloadRegionOffset(final int slotCount) {
        return align(descriptorOffset(slotCount), PAYLOAD_REGION_ALIGNMENT);
    }

    /**
     * @param slotCapacity payload capacity of one slot.
     * @return distance between the starts of two neighbouring payloads.
     */
    public static long payloadStride(final int slotCapacity) {
        return align(slotCapacity, PAYLOAD_ALIGNMENT);
    }

    /**
     * @param slot         slot index.
     * @param slotCount    slots in the ring.
     * @param slotCapacity payload capacity of one slot.
     * @return offset of that slot's payload.
     */
    public static long payloadOffset(final int slot, final int slotCount, final int slotCapacity) {
        return payloadRegionOffset(slotCount) + slot * payloadStride(slotCapacity);
    }

    /**
     * @param slotCount    slots in the ring.
     * @param slotCapacity payload capacity of one slot.
     * @return length of the whole ring file.
     */
    public static long fileLength(final int slotCount, final int slotCapacity) {
        return align(payloadOffset(slotCount, slotCount, slotCapacity), PAYLOAD_REGION_ALIGNMENT);
    }

    private static long align(final long value, final int alignment) {
        return (value + alignment - 1) & -alignment;
    }
}
