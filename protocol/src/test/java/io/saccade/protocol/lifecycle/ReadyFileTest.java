package io.saccade.protocol.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadyFileTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadBackWhatAServiceWrote() throws IOException {
        final Path file = dir.resolve("run/preprocess-1.ready");
        final ReadyFile written = new ReadyFile("preprocess", "preprocess node-1", 4242, 38123);

        written.writeTo(file);

        assertEquals(written, ReadyFile.await(file, Duration.ofSeconds(1), () -> true));
        assertFalse(Files.exists(file.resolveSibling("preprocess-1.ready.tmp")), "written through a renamed file");
    }

    @Test
    void shouldStopWaitingWhenTheServiceEndedOrTheTimeRanOut() throws IOException {
        final Path file = dir.resolve("never.ready");

        assertNull(ReadyFile.await(file, Duration.ofMinutes(1), () -> false));
        assertNull(ReadyFile.await(file, Duration.ofMillis(50), () -> true));
    }

    @Test
    void shouldRefuseAFileThatIsNotASignal() throws IOException {
        final Path file = Files.writeString(dir.resolve("bad.ready"), "listening on 1883");

        assertThrows(IOException.class, () -> ReadyFile.await(file, Duration.ofSeconds(1), () -> true));
    }
}
