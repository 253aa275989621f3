package io.saccade.robot.control;

import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.DecisionLabel;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * What the robot measures about the decisions it applies, all on its own monotonic clock (the decision carries the
 * frame's capture time from that clock, so no offset enters): capture to decision, evidence age (the oldest model
 * evidence the decision used), and the share of decisions whose labels were all effective; and, from the timings
 * every decision carries, how long the leader's node took from the frame being reassembled to the decision (one
 * node's clock). Thread-safe.
 */
public final class DecisionStats {
    private static final long MAX_MICROS = 60_000_000L;

    private final Histogram latency = new Histogram(MAX_MICROS, 3);
    private final Histogram evidence = new Histogram(MAX_MICROS, 3);
    private final Histogram deciding = new Histogram(MAX_MICROS, 3);
    private long decisions;
    private long allEffective;
    private long labels;
    private long effectiveLabels;

    /**
     * @param decision     an accepted decision.
     * @param arrivedNanos when it arrived, on the clock that stamped the frame's capture.
     */
    public synchronized void record(final Decision decision, final long arrivedNanos) {
        latency.recordValue(clamp((arrivedNanos - decision.captureTimeNanos()) / 1_000));
        deciding.recordValue(clamp(decision.timings().decideMicros()));
        final long oldest = decision.oldestEvidenceMicros();
        if (oldest >= 0) {
            evidence.recordValue(clamp(oldest));
        }
        decisions++;
        int effective = 0;
        for (final DecisionLabel label : decision.labels()) {
            if (label.effective()) {
                effective++;
            }
        }
        labels += decision.labels().size();
        effectiveLabels += effective;
        if (effective == decision.labels().size()) {
            allEffective++;
        }
    }

    /**
     * A summary of what was recorded.
     *
     * @param decisions          decisions recorded.
     * @param latencyP50Micros   capture to decision, median.
     * @param latencyP99Micros   capture to decision, 99th percentile.
     * @param latencyMaxMicros   capture to decision, worst.
     * @param evidenceP50Micros  evidence age, median.
     * @param evidenceP99Micros  evidence age, 99th percentile.
     * @param allEffectiveShare  share of decisions whose labels were all effective.
     * @param labelsPerDecision  labels per decision, on average.
     * @param effectiveLabelShare share of all labels that were effective.
     * @param readyToDecidedP50Micros on the leader's node, frame reassembled -> decision made, median.
     * @param readyToDecidedP99Micros the same, 99th percentile.
     */
    public record Summary(long decisions, long latencyP50Micros, long latencyP99Micros, long latencyMaxMicros,
                          long evidenceP50Micros, long evidenceP99Micros, double allEffectiveShare,
                          double labelsPerDecision, double effectiveLabelShare, long readyToDecidedP50Micros,
                          long readyToDecidedP99Micros) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d decisions, capture->decision p50 %.2f ms p99 %.2f ms "
                    + "max %.2f ms, evidence age p50 %.1f ms p99 %.1f ms, %.1f labels per decision, %.1f %% of labels "
                    + "effective, all labels effective in %.1f %% of decisions; on the leader's node frame ready -> "
                    + "decided p50 %.2f ms p99 %.2f ms", decisions, latencyP50Micros / 1e3, latencyP99Micros / 1e3,
                latencyMaxMicros / 1e3, evidenceP50Micros / 1e3, evidenceP99Micros / 1e3, labelsPerDecision,
                100 * effectiveLabelShare, 100 * allEffectiveShare, readyToDecidedP50Micros / 1e3,
                readyToDecidedP99Micros / 1e3);
        }
    }

    /** @return the summary so far. */
    public synchronized Summary summary() {
        return new Summary(decisions, latency.getValueAtPercentile(50), latency.getValueAtPercentile(99),
            latency.getMaxValue(), evidence.getValueAtPercentile(50), evidence.getValueAtPercentile(99),
            decisions == 0 ? 0 : (double)allEffective / decisions, decisions == 0 ? 0 : (double)labels / decisions,
            labels == 0 ? 0 : (double)effectiveLabels / labels, deciding.getValueAtPercentile(50),
            deciding.getValueAtPercentile(99));
    }

    /** Starts over, e.g. after a warm-up. */
    public synchronized void reset() {
        latency.reset();
        evidence.reset();
        deciding.reset();
        decisions = 0;
        allEffective = 0;
        labels = 0;
        effectiveLabels = 0;
    }

    private static long clamp(final long micros) {
        return Math.max(0, Math.min(MAX_MICROS, micros));
    }
}
