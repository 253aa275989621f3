package io.saccade.protocol.ring;

import static io.saccade.protocol.ring.SlotRingDescriptor.RETIRED;
import static io.saccade.protocol.ring.SlotRingDescriptor.SIGNAL_OFFSET;

import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.time.NanoClock;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * The single writer of a slot ring. {@link #claim()} hands out the payload of the next slot, which the caller fills
 * in place (a decoder writes the tensor straight into shared memory); {@link #publish} makes it the newest slot and
 * wakes the readers. The slot's seqlock is odd from claim to publish, so a reader never takes a half-written slot,
 * even when this process is killed in between.
 * <p>
 * Opening a ring takes over a file left by a writer that is gone, retires a file of another geometry, and refuses
 * a file a live writer still writes. Single-threaded; the rules are in {@code protocol/spec/slot-ring.md}.
 * <p>
 * Large because creating, taking over and replacing a ring file safely (owner checks, crash recovery) belongs with the
 * write path it protects.
 */
public final class SlotRingWriter implements AutoCloseable {
    /** A writer silent for longer than this is gone, whatever its pid says. */
    public static final long STALE_HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(3);

    private static final System.Logger LOG = System.getLogger(SlotRingWriter.class.getName());

    private final Path file;
    private final Arena arena;
    private final SlotRingFlyweight ring = new SlotRingFlyweight();
    private final WordSignal signal;
    private final NanoClock clock;
    private final InputSpec spec;
    private final int specId;
    private final int slotCount;
    private long head;
    private int claimed = -1;
    private long claimedLock;

    private SlotRingWriter(final Path file, final Arena arena, final MemorySegment segment, final WordSignal signal,
                           final NanoClock clock) {
        this.file = file;
        this.arena = arena;
        this.signal = signal;
        this.clock = clock;
        ring.wrap(segment);
        this.spec = ring.inputSpec();
        this.specId = spec.id();
        this.slotCount = ring.slotCount();
        this.head = ring.headAcquire();
    }

    /**
     * Opens the ring at {@code file} for writing, creating, taking over or replacing the file as needed.
     *
     * @param file         the ring file, on tmpfs.
     * @param kind         what the ring carries.
     * @param spec         the input spec of its payloads.
     * @param slotCount    slots, at least 2 so readers can finish the newest while the next is written.
     * @param slotCapacity payload bytes per slot.
     * @param signal       wakes readers.
     * @param clock        the node's monotonic clock, for heartbeats.
     * @return the writer.
     * @throws IOException          when the file cannot be created or mapped.
     * @throws RingBusyException    when a live writer still writes the file.
     * @throws InvalidRingException when the existing file is not a ring and cannot be replaced.
     */
    public static SlotRingWriter open(final Path file, final RingKind kind, final InputSpec spec, final int slotCount,
                                      final int slotCapacity, final WordSignal signal, final NanoClock clock)
        throws IOException, RingBusyException, InvalidRingException {
        if (slotCount < 2 || slotCount > SlotRingDescriptor.MAX_SLOTS || slotCapacity < spec.tensorBytes()
            || slotCapacity > SlotRingDescriptor.MAX_SLOT_CAPACITY) {
            throw new IllegalArgumentException("ring " + file + " needs 2.." + SlotRingDescriptor.MAX_SLOTS
                + " slots of at least " + spec.tensorBytes() + " bytes, got " + slotCount + " of " + slotCapacity);
        }
        if (Files.exists(file)) {
            final SlotRingWriter existing = takeOver(file, kind, spec, slotCount, slotCapacity, signal, clock);
            if (existing != null) {
                return existing;
            }
        }
        return create(file, kind, spec, slotCount, slotCapacity, signal, clock);
    }

    /** Takes over a compatible file of a gone writer; returns null after retiring an incompatible one. */
    private static SlotRingWriter takeOver(final Path file, final RingKind kind, final InputSpec spec,
                                           final int slotCount, final int slotCapacity, final WordSignal signal,
                                           final NanoClock clock)
        throws IOException, RingBusyException, InvalidRingException {
        final Arena arena = Arena.ofShared();
        try {
            final MemorySegment segment = map(file, arena);
            SlotRingFlyweight.validate(segment, file, kind);
            final SlotRingFlyweight old = new SlotRingFlyweight().wrap(segment);
            refuseIfAlive(file, old, clock);
            if (!old.inputSpec().equals(spec) || old.slotCount() != slotCount || old.slotCapacity() != slotCapacity) {
                retire(old, signal);
                arena.close();
                return null;
            }
            final SlotRingWriter writer = new SlotRingWriter(file, arena, segment, signal, clock);
            writer.becomeWriter(old.generationAcquire() + 1);
            LOG.log(System.Logger.Level.INFO, "took over slot ring {0} (generation {1})", file,
                old.generationAcquire());
            return writer;
        } catch (final InvalidRingException ex) {
            arena.close();
            LOG.log(System.Logger.Level.WARNING, "replacing {0}: {1}", file, ex.getMessage());
            return null;
        } catch (final IOException | RingBusyException | RuntimeException ex) {
            arena.close();
            throw ex;
        }
    }

    private static void refuseIfAlive(final Path file, final SlotRingFlyweight old, final NanoClock clock)
        throws RingBusyException {
        final ProcessIdentity writer = new ProcessIdentity(old.writerPid(), old.writerStartMillis(),
            old.writerPidNamespace());
        if (writer.equals(ProcessIdentity.current()) || old.generationAcquire() == RETIRED) {
            return;
        }
        final long silentNanos = clock.nanoTime() - old.writerHeartbeatAcquire();
        final ProcessIdentity.Liveness liveness = writer.liveness();
        if (liveness == ProcessIdentity.Liveness.ALIVE
            || liveness == ProcessIdentity.Liveness.UNKNOWN && silentNanos < STALE_HEARTBEAT_NANOS) {
            throw new RingBusyException(file, writer, liveness == ProcessIdentity.Liveness.ALIVE
                ? "the process runs" : "heartbeat " + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms ago");
        }
    }

    private static void retire(final SlotRingFlyweight old, final WordSignal signal) {
        old.generationRelease(RETIRED);
        old.incrementSignal();
        signal.signalAll(old.segment(), SIGNAL_OFFSET);
    }

    private static SlotRingWriter create(final Path file, final RingKind kind, final InputSpec spec,
                                         final int slotCount, final int slotCapacity, final WordSignal signal,
                                         final NanoClock clock) throws IOException {
        final Path temporary = file.resolveSibling(file.getFileName() + ".creating-" + ProcessHandle.current().pid());
        final long length = SlotRingDescriptor.fileLength(slotCount, slotCapacity);
        allocate(temporary, length);
        final Arena arena = Arena.ofShared();
        try {
            final MemorySegment segment = map(temporary, arena);
            new SlotRingFlyweight().wrap(segment).writeHeader(kind, spec, slotCount, slotCapacity);
            final SlotRingWriter writer = new SlotRingWriter(file, arena, segment, signal, clock);
            writer.becomeWriter(1);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return writer;
        } catch (final IOException | RuntimeException ex) {
            arena.close();
            Files.deleteIfExists(temporary);
            throw ex;
        }
    }

    /**
     * Writes the whole file with zeros, so tmpfs commits its pages now: a full tmpfs fails here with an error
     * instead of killing the process with SIGBUS at the first write into an unbacked page.
     */
    private static void allocate(final Path file, final long length) throws IOException {
        final java.nio.ByteBuffer zeros = java.nio.ByteBuffer.allocateDirect(1 << 16);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long written = 0; written < length; ) {
                zeros.clear().limit((int)Math.min(zeros.capacity(), length - written));
                written += channel.write(zeros, written);
            }
        } catch (final IOException ex) {
            Files.deleteIfExists(file);
            throw new IOException("cannot allocate " + length + " bytes for " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static MemorySegment map(final Path file, final Arena arena) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size(), arena);
        }
    }

    /** Records this process as the writer, repairs slots a killed writer left odd, and publishes the generation. */
    private void becomeWriter(final long generation) {
        final ProcessIdentity self = ProcessIdentity.current();
        ring.writer(self.pid(), self.startMillis()).writerPidNamespace(self.pidNamespace());
        for (int slot = 0; slot < slotCount; slot++) {
            final long lock = ring.slotLockAcquire(slot);
            if ((lock & 1) != 0) {
                ring.describe(slot, new FrameStamp(), 0, 0).slotLockRelease(slot, lock + 1);
            }
        }
        heartbeat();
        ring.generationRelease(generation);
    }

    /**
     * Starts writing the next slot: marks it as being written and hands out its payload to fill.
     *
     * @return the slot's payload, {@link #capacity()} bytes; valid until {@link #publish} or {@link #abort}.
     */
    public MemorySegment claim() {
        if (claimed >= 0) {
            throw new IllegalStateException("slot " + claimed + " of " + file + " is claimed and not yet published");
        }
        claimed = (int)Long.remainderUnsigned(head, slotCount);
        claimedLock = ring.slotLockAcquire(claimed) + 1;
        ring.slotLockOpaque(claimed, claimedLock);
        VarHandle.storeStoreFence();
        return ring.payload(claimed);
    }

    /**
     * Makes the claimed slot the newest and wakes the readers.
     *
     * @param frame  identity, size and timing of the frame the payload was made from; written-at is set here.
     * @param length bytes of payload written.
     */
    public void publish(final FrameStamp frame, final int length) {
        if (claimed < 0) {
            throw new IllegalStateException("nothing claimed in " + file);
        }
        final long now = clock.nanoTime();
        ring.describe(claimed, frame.writtenAtNanos(now), specId, length);
        ring.slotLockRelease(claimed, claimedLock + 1);
        ring.headRelease(++head);
        ring.writerHeartbeatRelease(now);
        ring.incrementSignal();
        signal.signalAll(ring.segment(), SIGNAL_OFFSET);
        claimed = -1;
    }

    /** Gives up the claimed slot without publishing it; it is left stable and empty. */
    public void abort() {
        if (claimed >= 0) {
            ring.describe(claimed, new FrameStamp(), 0, 0);
            ring.slotLockRelease(claimed, claimedLock + 1);
            claimed = -1;
        }
    }

    /** Tells would-be writers that this one is alive; call at least once a second while idle. */
    public void heartbeat() {
        ring.writerHeartbeatRelease(clock.nanoTime());
    }

    /** @return the ring file. */
    public Path file() {
        return file;
    }

    /** @return the input spec of the payloads. */
    public InputSpec spec() {
        return spec;
    }

    /** @return payload bytes per slot. */
    public int capacity() {
        return ring.slotCapacity();
    }

    /** @return slots published, over all writers of the file. */
    public long head() {
        return head;
    }

    /** @return the file's generation. */
    public long generation() {
        return ring.generationAcquire();
    }

    /** Unmaps the file, leaving it for readers and the next writer. */
    @Override
    public void close() {
        abort();
        arena.close();
    }
}
