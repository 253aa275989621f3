package io.saccade.os.futex;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.saccade.os.linux.LinuxLibc;
import io.saccade.os.testing.ChildJvm;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A futex word in a file two JVMs map: one waits, the other wakes it, or nobody does and it times out. */
class FutexCrossProcessIT {
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final Arena arena = Arena.ofShared();
    private Path file;
    private MemorySegment shared;

    @BeforeEach
    void mapSharedFile() throws IOException {
        assumeTrue(LinuxLibc.isAvailable(), () -> "needs Linux FFM bindings: " + LinuxLibc.check());
        final Path shm = Path.of("/dev/shm");
        file = Files.isWritable(shm) ? Files.createTempFile(shm, "saccade-futex", ".test")
            : Files.createTempFile("saccade-futex", ".test");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            shared = channel.map(FileChannel.MapMode.READ_WRITE, 0, FutexWaiter.LENGTH, arena);
        }
    }

    @AfterEach
    void unmap() throws IOException {
        arena.close();
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void shouldWakeAWaiterInAnotherProcess() throws Exception {
        try (ChildJvm child = ChildJvm.start(FutexWaiter.class, file.toString(), "60000")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> (int)INT.getVolatile(shared, FutexWaiter.READY) == 1);
            final int tid = (int)INT.getVolatile(shared, FutexWaiter.TID);
            await().atMost(Duration.ofSeconds(30)).until(() -> isAsleepInFutex(child.pid(), tid));

            INT.setVolatile(shared, FutexWaiter.WORD, 42);
            new FutexWordSignal().signalAll(shared, FutexWaiter.WORD);

            assertEquals(0, child.awaitExit(30), child.output());
            assertTrue(child.output().lines().anyMatch(line -> line.startsWith("WOKEN value=42")), child.output());
        }
    }

    @Test
    void shouldTimeOutInAnotherProcessWhenNobodyWakes() throws Exception {
        try (ChildJvm child = ChildJvm.start(FutexWaiter.class, file.toString(), "200")) {
            assertEquals(0, child.awaitExit(30), child.output());
            assertTrue(child.output().lines().anyMatch(line -> line.startsWith("TIMEOUT value=0")), child.output());
        }
    }

    /** The kernel names the function a sleeping thread waits in; before a wake we want it inside the futex. */
    private static boolean isAsleepInFutex(final long pid, final int tid) throws IOException {
        final Path task = Path.of("/proc", Long.toString(pid), "task", Integer.toString(tid));
        final String wchan = Files.readString(task.resolve("wchan"));
        if (!"0".equals(wchan)) {
            return wchan.contains("futex");
        }
        final String stat = Files.readString(task.resolve("stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2) == 'S';
    }
}
