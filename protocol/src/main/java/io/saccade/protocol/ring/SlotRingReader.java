package io.saccade.protocol.ring;

import static io.saccade.protocol.ring.SlotRingDescriptor.RETIRED;
import static io.saccade.protocol.ring.SlotRingDescriptor.SIGNAL_OFFSET;

import io.saccade.protocol.tensor.InputSpec;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A reader of a slot ring: always the newest published slot, never one it already returned, never a torn one.
 * Sleeps on the ring's signal word (a futex with the native signal) until the writer publishes. Follows the file
 * through writer restarts (a new generation) and replacements (a retired file), so a preprocess restart costs the
 * reader nothing but the frames it did not see. Single-threaded.
 */
public final class SlotRingReader implements AutoCloseable {
    private static final int RETRIES = 16;

    private final Path file;
    private final RingKind kind;
    private final WordSignal signal;
    private final SlotView view = new SlotView();
    private Arena arena;
    private final SlotRingFlyweight ring = new SlotRingFlyweight();
    private long generation;
    private long lastHead;

    private SlotRingReader(final Path file, final RingKind kind, final WordSignal signal) {
        this.file = file;
        this.kind = kind;
        this.signal = signal;
    }

    /**
     * Maps an existing ring for reading.
     *
     * @param file   the ring file.
     * @param kind   what it must carry.
     * @param signal how to sleep until the writer publishes.
     * @return the reader.
     * @throws IOException          when the file cannot be mapped.
     * @throws InvalidRingException when it is not a ring of this version and kind; the message names it.
     */
    public static SlotRingReader open(final Path file, final RingKind kind, final WordSignal signal)
        throws IOException, InvalidRingException {
        final SlotRingReader reader = new SlotRingReader(file, kind, signal);
        reader.map();
        return reader;
    }

    private void map() throws IOException, InvalidRingException {
        final Arena mapping = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            final MemorySegment segment = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), mapping);
            SlotRingFlyweight.validate(segment, file, kind);
            ring.wrap(segment);
        } catch (final IOException | InvalidRingException | RuntimeException ex) {
            mapping.close();
            throw ex;
        }
        if (arena != null) {
            arena.close();
        }
        arena = mapping;
        generation = ring.generationAcquire();
        lastHead = 0;
    }

    /**
     * Reads the newest slot if it is newer than the last one returned.
     *
     * @return a view of it (reused: valid until the next call), or {@code null} when nothing newer was published.
     * @throws IOException          when a replaced file cannot be reopened.
     * @throws InvalidRingException when a replaced file is not a ring.
     */
    public SlotView pollNewest() throws IOException, InvalidRingException {
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            if (followWriter()) {
                continue;
            }
            final long head = ring.headAcquire();
            if (head == lastHead || head == 0) {
                return null;
            }
            final int slot = (int)Long.remainderUnsigned(head - 1, ring.slotCount());
            final long lock = ring.slotLockAcquire(slot);
            if ((lock & 1) != 0) {
                continue;
            }
            view.set(ring, slot, lock, head);
            VarHandle.loadLoadFence();
            if (ring.slotLockOpaque(slot) == lock) {
                lastHead = head;
                return view;
            }
        }
        return null;
    }

    /**
     * Waits for a slot newer than the last one returned.
     *
     * @param timeoutNanos longest wait.
     * @return a view of the newest slot, or {@code null} when none was published in time.
     * @throws IOException          when a replaced file cannot be reopened.
     * @throws InvalidRingException when a replaced file is not a ring.
     */
    public SlotView awaitNewest(final long timeoutNanos) throws IOException, InvalidRingException {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            final int observed = ring.signalVolatile();
            final SlotView newest = pollNewest();
            if (newest != null) {
                return newest;
            }
            final long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return null;
            }
            signal.await(ring.segment(), SIGNAL_OFFSET, observed, remaining);
        }
    }

    /** Reopens a retired file and starts over after a writer restart; returns whether anything changed. */
    private boolean followWriter() throws IOException, InvalidRingException {
        final long current = ring.generationAcquire();
        if (current == generation) {
            return false;
        }
        if (current == RETIRED) {
            map();
        } else {
            generation = current;
            lastHead = 0;
        }
        return true;
    }

    /** @return the input spec of the payloads. */
    public InputSpec spec() {
        return ring.inputSpec();
    }

    /** @return the generation of the writer whose slots are read. */
    public long generation() {
        return generation;
    }

    /** @return the ring file. */
    public Path file() {
        return file;
    }

    /** Unmaps the file. Views handed out must not be used any more. */
    @Override
    public void close() {
        arena.close();
    }
}
