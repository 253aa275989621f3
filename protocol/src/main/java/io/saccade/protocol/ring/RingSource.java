package io.saccade.protocol.ring;

import io.saccade.protocol.tensor.InputSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * A ring of one kind at a known path, opened when its writer has created it and reopened when it goes away. The
 * ring's own reader follows a restarted writer (new generation) and a replaced file; this class covers the file not
 * being there yet, which is normal at start-up (preprocess creates a tensor ring after it sees the registration,
 * and the thumbnail ring with its first frame), and a file that is not a ring of the kind: both are retried after
 * a pause, never in a busy loop, and the latter is kept for the caller to report. Single-threaded.
 */
public final class RingSource implements AutoCloseable {
    private final Path file;
    private final RingKind kind;
    private final WordSignal signal;
    private final long retryNanos;
    private SlotRingReader reader;
    private InvalidRingException invalid;

    /**
     * @param file       the ring file.
     * @param kind       what it must carry.
     * @param signal     how to wait for a publish.
     * @param retryNanos how long to wait before looking for a missing ring again.
     */
    public RingSource(final Path file, final RingKind kind, final WordSignal signal, final long retryNanos) {
        this.file = file;
        this.kind = kind;
        this.signal = signal;
        this.retryNanos = retryNanos;
    }

    /**
     * @param timeoutNanos longest wait.
     * @return the newest slot newer than the last one returned (a view valid until the next call), or {@code null}
     *     on timeout or while the ring is unavailable (missing, or not a ring of the kind: see {@link #takeInvalid}).
     */
    public SlotView awaitNewest(final long timeoutNanos) {
        try {
            if (reader == null) {
                reader = SlotRingReader.open(file, kind, signal);
            }
            return reader.awaitNewest(timeoutNanos);
        } catch (final InvalidRingException ex) {
            invalid = ex;
        } catch (final IOException ex) {
            invalid = null;
        }
        close();
        LockSupport.parkNanos(Math.min(timeoutNanos, retryNanos));
        return null;
    }

    /**
     * @return why the file was refused on the last attempt to read it, once; {@code null} when it was not.
     */
    public InvalidRingException takeInvalid() {
        final InvalidRingException taken = invalid;
        invalid = null;
        return taken;
    }

    /** @return whether the ring is open. */
    public boolean isOpen() {
        return reader != null;
    }

    /** @return the input spec of the ring's payloads, or {@code null} while it is not open. */
    public InputSpec spec() {
        return reader == null ? null : reader.spec();
    }

    /** @return the ring file. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
