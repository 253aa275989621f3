package io.saccade.accelerator.service;

import io.saccade.protocol.ring.InvalidRingException;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.SlotRingReader;
import io.saccade.protocol.ring.SlotView;
import io.saccade.protocol.ring.WordSignal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The tensor ring of one input spec, opened when preprocess has created it and reopened when it is replaced. The
 * ring's own reader follows a restarted writer (new generation); this class only covers the file not being there
 * yet, which is normal at start-up: preprocess creates the ring after it sees the registration.
 */
public final class TensorSource implements AutoCloseable {
    private final Path file;
    private final WordSignal signal;
    private final long retryNanos;
    private SlotRingReader reader;

    /**
     * @param file       the ring file.
     * @param signal     how to wait for a publish.
     * @param retryNanos how long to wait before looking for a missing ring again.
     */
    public TensorSource(final Path file, final WordSignal signal, final long retryNanos) {
        this.file = file;
        this.signal = signal;
        this.retryNanos = retryNanos;
    }

    /**
     * @param timeoutNanos longest wait.
     * @return the newest slot newer than the last one returned, or {@code null} on timeout or while the ring is
     *     unavailable.
     * @throws InvalidRingException when the file is there but is not a tensor ring.
     */
    SlotView awaitNewest(final long timeoutNanos) throws InvalidRingException {
        try {
            if (reader == null) {
                reader = SlotRingReader.open(file, RingKind.TENSOR, signal);
            }
            return reader.awaitNewest(timeoutNanos);
        } catch (final IOException ex) {
            close();
            LockSupport.parkNanos(Math.min(timeoutNanos, retryNanos));
            return null;
        }
    }

    /** @return whether the ring is open. */
    boolean isOpen() {
        return reader != null;
    }

    /** @return the ring file. */
    Path file() {
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
