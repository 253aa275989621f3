package io.saccade.protocol.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The one readiness signal a Saccade service gives whoever started it (the demo, a benchmark, a test): with
 * {@code --ready-file FILE} the service writes, once it is started, a small JSON document there, atomically (a
 * temporary file renamed into place), so a supervisor never reads half of it and never parses log text.
 *
 * @param service    the service's kind, e.g. {@code preprocess}.
 * @param name       which one, e.g. {@code preprocess node-1}.
 * @param pid        its process id.
 * @param healthPort where its {@code /live}, {@code /ready} and {@code /metrics} are served, or -1.
 */
public record ReadyFile(String service, String name, long pid, int healthPort) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /**
     * Writes this signal to a file, replacing an older one.
     *
     * @param file where.
     * @throws IOException when it cannot be written.
     */
    public void writeTo(final Path file) throws IOException {
        final Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        final Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        JSON.writeValue(temporary.toFile(), this);
        try {
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (final AtomicMoveNotSupportedException ex) {
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Waits for a service's signal; the supervisor deletes the file before starting the service.
     *
     * @param file    where the service was told to write it.
     * @param timeout how long to wait.
     * @param alive   whether the service still runs; waiting ends as soon as it does not.
     * @return the signal, or {@code null} when the service ended or the time ran out first.
     * @throws IOException when the file exists but cannot be read as a signal.
     */
    public static ReadyFile await(final Path file, final Duration timeout, final BooleanSupplier alive)
        throws IOException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0 && alive.getAsBoolean()) {
            try {
                return JSON.readValue(Files.readAllBytes(file), ReadyFile.class);
            } catch (final NoSuchFileException ex) {
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
        return null;
    }
}
