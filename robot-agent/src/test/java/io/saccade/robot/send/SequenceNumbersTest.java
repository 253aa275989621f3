package io.saccade.robot.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceNumbersTest {
    private static final long ORIGIN = SequenceNumbers.EPOCH_ORIGIN_SECONDS;

    @TempDir
    Path dir;

    @Test
    void shouldPutTheEpochInTheHighBitsAndCountInTheLowBits() {
        final SequenceNumbers numbers = new SequenceNumbers(dir.resolve("epoch"), () -> ORIGIN + 1_000);

        assertEquals(1_000L << 32, numbers.next());
        assertEquals((1_000L << 32) + 1, numbers.next());
    }

    @Test
    void shouldGrowAcrossRestartsEvenWhenTheClockGoesBack() {
        final Path state = dir.resolve("epoch");
        final long first = new SequenceNumbers(state, () -> ORIGIN + 5_000).next();

        final long afterRestart = new SequenceNumbers(state, () -> ORIGIN + 10).next();

        assertTrue(Long.compareUnsigned(afterRestart, first) > 0, "the state file carries the epoch forward");
    }

    @Test
    void shouldGrowAcrossRestartsWithoutStateWhenTheClockMovesOn() throws IOException {
        final Path state = dir.resolve("epoch");
        final long first = new SequenceNumbers(state, () -> ORIGIN + 5_000).next();
        Files.delete(state);

        final long afterRestart = new SequenceNumbers(state, () -> ORIGIN + 5_001).next();

        assertTrue(Long.compareUnsigned(afterRestart, first) > 0, "the wall clock carries the epoch forward");
    }

    @Test
    void shouldKeepWorkingWhenTheStateCannotBeWritten() throws IOException {
        final Path blocked = Files.writeString(dir.resolve("not-a-dir"), "x").resolve("epoch");

        final SequenceNumbers numbers = new SequenceNumbers(blocked, () -> ORIGIN + 77);

        assertEquals(77L << 32, numbers.next());
    }

    @Test
    void shouldIgnoreAGarbledStateFile() throws IOException {
        final Path state = Files.writeString(dir.resolve("epoch"), "garbage");

        assertEquals(42L << 32, new SequenceNumbers(state, () -> ORIGIN + 42).next());
    }
}
