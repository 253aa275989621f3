package io.saccade.protocol.ring;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Portable {@link WordSignal}: polls the word, parking the thread for a short interval between reads. Needs no OS
 * support, costs up to one interval of latency and some CPU; used where futexes are unavailable, and as the
 * baseline the futex is measured against.
 */
public final class ParkingWordSignal implements WordSignal {
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final long intervalNanos;

    /**
     * @param intervalNanos time parked between two reads of the word; 0 spins without parking.
     */
    public ParkingWordSignal(final long intervalNanos) {
        if (intervalNanos < 0) {
            throw new IllegalArgumentException("poll interval must not be negative, got " + intervalNanos);
        }
        this.intervalNanos = intervalNanos;
    }

    @Override
    public boolean await(final MemorySegment segment, final long offset, final int observed, final long timeoutNanos) {
        final long deadline = System.nanoTime() + timeoutNanos;
        while ((int)INT.getVolatile(segment, offset) == observed) {
            final long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            if (intervalNanos == 0) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(Math.min(intervalNanos, remaining));
            }
        }
        return true;
    }

    @Override
    public void signalAll(final MemorySegment segment, final long offset) {
        // Pollers notice the change on their own.
    }
}
