package io.saccade.protocol.time;

/**
 * A monotonic clock in nanoseconds. Logic takes time from an injected clock so that tests can drive it; only
 * {@code main} methods reach for {@link #system()}.
 */
@FunctionalInterface
public interface NanoClock {
    /** @return nanoseconds since an arbitrary, fixed origin; only differences mean anything. */
    long nanoTime();

    /** @return the JVM's monotonic clock (CLOCK_MONOTONIC on Linux, shared by all processes of a host). */
    static NanoClock system() {
        return System::nanoTime;
    }
}
