package io.saccade.os.futex;

import io.saccade.os.linux.LinuxLibc;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The child side of {@link FutexCrossProcessIT}: maps the shared file, publishes its thread id and a ready flag,
 * waits on the futex word, and prints what happened.
 */
public final class FutexWaiter {
    /** Offset of the futex word. */
    static final long WORD = 0;
    /** Offset of the ready flag the child raises before waiting. */
    static final long READY = 64;
    /** Offset of the waiting thread's kernel id. */
    static final long TID = 128;
    /** Length of the shared file. */
    static final long LENGTH = 4096;

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private FutexWaiter() {
    }

    /**
     * @param args shared file, timeout in milliseconds.
     * @throws IOException when the file cannot be mapped.
     */
    public static void main(final String[] args) throws IOException {
        final Path file = Path.of(args[0]);
        final long timeoutNanos = Long.parseLong(args[1]) * 1_000_000L;
        try (Arena arena = Arena.ofShared();
             FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            final MemorySegment shared = channel.map(FileChannel.MapMode.READ_WRITE, 0, LENGTH, arena);
            INT.setVolatile(shared, TID, LinuxLibc.gettid());
            INT.setVolatile(shared, READY, 1);
            final long start = System.nanoTime();
            final boolean woken = new FutexWordSignal().await(shared, WORD, 0, timeoutNanos);
            final long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.println((woken ? "WOKEN" : "TIMEOUT") + " value=" + (int)INT.getVolatile(shared, WORD)
                + " waitedMillis=" + waitedMillis);
        }
    }
}
