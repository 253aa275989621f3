package io.saccade.demo;

import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.InvalidMessageException;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.message.ModelState;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.telemetry.Quantiles;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The demo's one-line status, from the decisions topic: decisions per second, capture -> decision as seen by an
 * MQTT subscriber on this machine (the robot's capture clock is this machine's monotonic clock, shared by every
 * process), the leader, each model's freshness and the current action. The robot's own UDP-path numbers are in its
 * log. Thread-safe.
 */
final class LiveStatus {
    private static final int WINDOW = 4096;

    private final MessageCodec codec = new MessageCodec();
    private final NanoClock clock;
    private final long[] latencies = new long[WINDOW];
    private int count;
    private long invalid;
    private Decision last;

    LiveStatus(final NanoClock clock) {
        this.clock = clock;
    }

    void onDecision(final String topic, final byte[] payload) {
        final long now = clock.nanoTime();
        final Decision decision;
        try {
            decision = codec.decode(payload, Decision.class);
        } catch (final InvalidMessageException ex) {
            synchronized (this) {
                invalid++;
            }
            return;
        }
        synchronized (this) {
            if (count < WINDOW) {
                latencies[count++] = now - decision.captureTimeNanos();
            }
            last = decision;
        }
    }

    /**
     * Summarises the decisions since the last call and starts a new interval.
     *
     * @param intervalNanos the interval's length.
     * @return the status text.
     */
    synchronized String next(final long intervalNanos) {
        final long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        final String text;
        if (last == null) {
            text = "waiting for the first decision";
        } else {
            text = String.format(Locale.ROOT, "decided %.1f/s | capture->decision (MQTT) p50 %s p99 %s | leader %s "
                    + "epoch %d | %s | %s: %s", count * 1e9 / intervalNanos, millis(sorted, 0.50), millis(sorted, 0.99),
                last.leader().leader(), last.leader().epoch(), last.models().stream().map(LiveStatus::model)
                    .collect(Collectors.joining(", ")), last.action(), last.reason())
                + (invalid > 0 ? " | " + invalid + " invalid" : "");
        }
        count = 0;
        return text;
    }

    private static String model(final ModelState state) {
        return state.model() + " " + state.freshness() + " " + state.ageMicros() / 1_000 + " ms";
    }

    private static String millis(final long[] sorted, final double quantile) {
        if (sorted.length == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f ms", Quantiles.nearestRank(sorted, quantile) / 1e6);
    }
}
