package io.saccade.protocol.clock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The best clock sample per stream, handed from the thread that probes to the threads that stamp frames. Readers
 * get the offset with the drift since the sample added to its uncertainty.
 */
public final class ClockTable {
    private final Map<Long, ClockSample> best = new ConcurrentHashMap<>();

    /**
     * @param streamId the robot's stream.
     * @param sample   the sample to trust from now on.
     */
    public void update(final long streamId, final ClockSample sample) {
        best.put(streamId, sample);
    }

    /**
     * @param streamId the robot's stream.
     */
    public void forget(final long streamId) {
        best.remove(streamId);
    }

    /**
     * @param streamId the robot's stream.
     * @param nowNanos now, on this node's clock.
     * @return robot clock minus this node's clock for that stream, or {@code null} when not measured.
     */
    public ClockOffset offset(final long streamId, final long nowNanos) {
        final ClockSample sample = best.get(streamId);
        return sample == null ? null : OffsetEstimator.offset(sample, nowNanos);
    }
}
