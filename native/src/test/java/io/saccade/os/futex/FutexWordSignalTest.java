package io.saccade.os.futex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.saccade.os.linux.LinuxLibc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FutexWordSignalTest {
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final Arena arena = Arena.ofShared();
    private final MemorySegment word = arena.allocate(64, 64);
    private FutexWordSignal signal;

    @BeforeEach
    void requireLinux() {
        assumeTrue(LinuxLibc.isAvailable(), () -> "needs Linux FFM bindings: " + LinuxLibc.check());
        signal = new FutexWordSignal();
    }

    @AfterEach
    void free() {
        arena.close();
    }

    @Test
    void shouldTimeOutWhenNobodyChangesTheWord() {
        assertFalse(signal.await(word, 0, 0, TimeUnit.MILLISECONDS.toNanos(20)));
    }

    @Test
    void shouldReturnAtOnceWhenTheWordAlreadyChanged() {
        INT.setVolatile(word, 0L, 7);

        assertTrue(signal.await(word, 0, 6, TimeUnit.SECONDS.toNanos(30)));
    }

    @Test
    void shouldWakeAWaitingThread() throws Exception {
        final CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(
            () -> signal.await(word, 0, 0, TimeUnit.SECONDS.toNanos(30)));

        while (!woken.isDone()) {
            INT.setVolatile(word, 0L, 1);
            signal.signalAll(word, 0);
            Thread.onSpinWait();
        }

        assertTrue(woken.get(10, TimeUnit.SECONDS));
        assertEquals(1, (int)INT.getVolatile(word, 0L));
    }

    @Test
    void shouldRefuseMisalignedOrOutOfBoundsWords() {
        assertThrows(IllegalArgumentException.class, () -> signal.await(word, 2, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> signal.signalAll(word, 62));
        assertThrows(IllegalArgumentException.class, () -> signal.signalAll(MemorySegment.ofArray(new int[4]), 0));
    }
}
