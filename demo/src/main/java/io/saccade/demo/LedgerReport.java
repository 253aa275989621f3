package io.saccade.demo;

import static io.saccade.runtime.telemetry.Quantiles.nearestRank;

import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.Freshness;
import io.saccade.protocol.message.Hop;
import io.saccade.protocol.message.InvalidMessageException;
import io.saccade.protocol.message.LatencyLedger;
import io.saccade.protocol.message.LedgerHop;
import io.saccade.protocol.message.Message;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.message.ModelState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end benchmark's table, from what any subscriber can see: the leader's latency ledgers (one per decided
 * frame when the coordinators run with {@code --ledger-every 1}) and its decisions. Per hop and path: when frames
 * reached it after capture and how long the step from the previous hop took, median and p99; the offsets'
 * uncertainty; evidence age per model. Thread-safe: fed by the MQTT thread, printed by the main one.
 */
final class LedgerReport {
    private final MessageCodec codec = new MessageCodec();
    private final Map<Row, List<long[]>> rows = new LinkedHashMap<>();
    private final Map<String, List<Long>> evidence = new LinkedHashMap<>();
    private final List<Long> uncertainty = new ArrayList<>();
    private long ledgers;
    private long decisions;
    private long invalid;

    /** A table row: a path (the decision's, or a model's) and one of its hops. */
    private record Row(String path, Hop hop) {
    }

    synchronized void reset() {
        rows.clear();
        evidence.clear();
        uncertainty.clear();
        ledgers = 0;
        decisions = 0;
        invalid = 0;
    }

    void onLedger(final String topic, final byte[] payload) {
        final LatencyLedger ledger = decode(payload, LatencyLedger.class);
        if (ledger == null) {
            return;
        }
        synchronized (this) {
            ledgers++;
            uncertainty.add(ledger.offsetUncertaintyMicros());
            final Map<String, Long> previous = new LinkedHashMap<>();
            long sent = -1; // a model's path branches off the decision path where the robot sent the frame
            for (final LedgerHop hop : ledger.hops()) {
                final String path = hop.model() == null ? "decision" : hop.model();
                if (hop.hop() == Hop.SEND) {
                    sent = hop.atMicros();
                }
                final long before = previous.getOrDefault(path, hop.model() == null ? 0L : sent);
                rows.computeIfAbsent(new Row(path, hop.hop()), key -> new ArrayList<>())
                    .add(new long[] {hop.atMicros(), before < 0 ? Long.MIN_VALUE : hop.atMicros() - before});
                previous.put(path, hop.atMicros());
            }
        }
    }

    void onDecision(final String topic, final byte[] payload) {
        final Decision decision = decode(payload, Decision.class);
        if (decision == null) {
            return;
        }
        synchronized (this) {
            decisions++;
            for (final ModelState model : decision.models()) {
                evidence.computeIfAbsent(model.model(), key -> new ArrayList<>())
                    .add(model.freshness() == Freshness.MISSING ? Long.MAX_VALUE : model.ageMicros());
            }
        }
    }

    synchronized String table(final double seconds) {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d ledgers, %d decisions in %.0f s (%d unreadable)%n", ledgers,
            decisions, seconds, invalid));
        out.append("| path | hop | frames | after capture p50 ms | p99 ms | step p50 ms | step p99 ms |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        rows.forEach((row, samples) -> {
            final long[] at = samples.stream().mapToLong(sample -> sample[0]).sorted().toArray();
            final long[] steps = samples.stream().mapToLong(sample -> sample[1]).filter(v -> v != Long.MIN_VALUE)
                .sorted().toArray();
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %s | %s |%n", row.path(),
                row.hop().name().toLowerCase(Locale.ROOT),
                at.length, nearestRank(at, 0.5) / 1e3, nearestRank(at, 0.99) / 1e3, steps.length == 0 ? "-"
                    : String.format(Locale.ROOT, "%.2f", nearestRank(steps, 0.5) / 1e3), steps.length == 0 ? "-"
                    : String.format(Locale.ROOT, "%.2f", nearestRank(steps, 0.99) / 1e3)));
        });
        final long[] offsets = uncertainty.stream().mapToLong(Long::longValue).sorted().toArray();
        if (offsets.length > 0) {
            out.append(String.format(Locale.ROOT, "Clock offset uncertainty per ledger: p50 %.3f ms, max %.3f ms%n",
                nearestRank(offsets, 0.5) / 1e3, offsets[offsets.length - 1] / 1e3));
        }
        evidence.forEach((model, ages) -> {
            final long[] sorted = ages.stream().mapToLong(Long::longValue).sorted().toArray();
            final long missing = Arrays.stream(sorted).filter(age -> age == Long.MAX_VALUE).count();
            final long[] present = Arrays.stream(sorted).filter(age -> age != Long.MAX_VALUE).toArray();
            out.append(String.format(Locale.ROOT, "Evidence age of %s: p50 %s ms, p99 %s ms, missing in %d of %d "
                + "decisions%n", model, present.length == 0 ? "-" : String.format(Locale.ROOT, "%.1f",
                nearestRank(present, 0.5) / 1e3), present.length == 0 ? "-" : String.format(Locale.ROOT, "%.1f",
                nearestRank(present, 0.99) / 1e3), missing, sorted.length));
        });
        return out.toString();
    }

    /** @return the message, or {@code null} when the payload is not one (counted as unreadable). */
    private <T extends Message> T decode(final byte[] payload, final Class<T> type) {
        try {
            return codec.decode(payload, type);
        } catch (final InvalidMessageException ex) {
            synchronized (this) {
                invalid++;
            }
            return null;
        }
    }
}
