package io.saccade.protocol.ring;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * The newest slot as a reader sees it: the frame it came from, and its payload in place in shared memory, without a
 * copy. The writer may overwrite the slot at any time, so whoever uses the payload calls {@link #isIntact()} after
 * using it (or {@link #copyTo}, which does) and throws the result away when it is not. Reused by its reader.
 */
public final class SlotView {
    private final FrameStamp frame = new FrameStamp();
    private SlotRingFlyweight ring;
    private int slot;
    private long lock;
    private long head;
    private int length;
    private int specId;

    void set(final SlotRingFlyweight ring, final int slot, final long lock, final long head) {
        this.ring = ring;
        this.slot = slot;
        this.lock = lock;
        this.head = head;
        this.length = ring.length(slot);
        this.specId = ring.specId(slot);
        ring.readFrame(slot, frame);
    }

    /** @return the frame the payload was made from. */
    public FrameStamp frame() {
        return frame;
    }

    /** @return the payload in shared memory; {@link #length()} bytes of it are valid. */
    public MemorySegment payload() {
        return ring.payload(slot);
    }

    /** @return bytes of payload. */
    public int length() {
        return length;
    }

    /** @return id of the input spec the payload was made for. */
    public int specId() {
        return specId;
    }

    /** @return which publish this was: the ring's head when it was read. */
    public long head() {
        return head;
    }

    /**
     * @return whether the writer has left the slot alone since it was read: only then is anything read from the
     *     payload meaningful.
     */
    public boolean isIntact() {
        VarHandle.loadLoadFence();
        return ring.slotLockOpaque(slot) == lock;
    }

    /**
     * Copies the payload out and checks it was not overwritten meanwhile.
     *
     * @param destination at least {@link #length()} bytes.
     * @return whether the copy is whole; when not, its content is garbage.
     */
    public boolean copyTo(final MemorySegment destination) {
        MemorySegment.copy(payload(), 0, destination, 0, length);
        return isIntact();
    }
}
