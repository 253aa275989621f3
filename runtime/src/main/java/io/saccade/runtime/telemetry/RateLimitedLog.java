package io.saccade.runtime.telemetry;

import io.saccade.protocol.time.NanoClock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A diagnostic for bad input from outside that may arrive by the thousand: the first occurrence is logged at once,
 * later ones at most once per interval, with how many were suppressed in between. Counting is the job of
 * {@link EnumCounters}; this only keeps the log readable. Thread-safe.
 */
public final class RateLimitedLog {
    private final System.Logger logger;
    private final NanoClock clock;
    private final long intervalNanos;
    private final AtomicLong nextAllowedNanos;
    private final AtomicLong suppressed = new AtomicLong();

    /**
     * @param logger        where to log.
     * @param clock         time source.
     * @param intervalNanos least time between two lines.
     */
    public RateLimitedLog(final System.Logger logger, final NanoClock clock, final long intervalNanos) {
        this.logger = logger;
        this.clock = clock;
        this.intervalNanos = intervalNanos;
        this.nextAllowedNanos = new AtomicLong(clock.nanoTime());
    }

    /**
     * Logs a warning unless one was logged less than an interval ago. The message is only built when logged.
     *
     * @param message builds the text.
     * @return whether a line was written.
     */
    public boolean warn(final java.util.function.Supplier<String> message) {
        if (!acquire()) {
            return false;
        }
        write(message.get());
        return true;
    }

    /**
     * Takes the right to write one line, for callers on a hot path that would rather not allocate a supplier: when
     * this returns {@code true}, build the text and pass it to {@link #write}; otherwise it was counted as suppressed.
     *
     * @return whether a line may be written now.
     */
    public boolean acquire() {
        final long now = clock.nanoTime();
        final long next = nextAllowedNanos.get();
        if (now - next < 0 || !nextAllowedNanos.compareAndSet(next, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * Writes the line {@link #acquire()} allowed, with how many were suppressed since the last one.
     *
     * @param message the text.
     */
    public void write(final String message) {
        final long skipped = suppressed.getAndSet(0);
        logger.log(System.Logger.Level.WARNING, skipped == 0 ? message : message + " (" + skipped
            + " similar suppressed)");
    }
}
