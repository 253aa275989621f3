package io.saccade.protocol.auth;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A sender's message counter for {@link ReplayGuard}: strictly increasing, and at least the wall clock in
 * microseconds, so that a restarted sender continues above everything it sent before without keeping state (it
 * would have to send more than one message per microsecond for its counter to run ahead of the clock). A sender
 * whose clock was stepped back keeps counting from its last value; one that restarts with its clock set back
 * further than it ran is refused until its clock catches up, which is why cluster nodes need NTP. Thread-safe.
 */
public final class MessageCounter {
    private final AtomicLong last = new AtomicLong();
    private final LongSupplier wallMicros;

    /**
     * @param wallMicros wall-clock microseconds since the epoch.
     */
    public MessageCounter(final LongSupplier wallMicros) {
        this.wallMicros = wallMicros;
    }

    /** @return the next counter value. */
    public long next() {
        final long now = wallMicros.getAsLong();
        return last.updateAndGet(previous -> Math.max(previous + 1, now));
    }
}
