package io.saccade.coordinator.policy;

import io.saccade.coordinator.effect.RegionChange;
import io.saccade.coordinator.effect.Thumbnail;
import io.saccade.protocol.message.Action;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.DecisionLabel;
import io.saccade.protocol.message.DecisionTimings;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.message.Freshness;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.ModelState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Turns the newest result of every model into a decision for the frame at hand. For each label: its evidence age
 * (capture of the frame decided minus capture of the frame the model saw, both on the robot's clock, so no clock
 * offset enters), the change of its region between the two frames' thumbnails, and whether it is still
 * effective. Then the action, in this order:
 * <ol>
 *   <li>the matching rule with the highest priority (ties: the more restrictive action); a label that is not
 *       effective asks for at least SLOW; no match: the default action;</li>
 *   <li>a required model whose newest result is stale: at least SLOW;</li>
 *   <li>a required model with no result, or none fresher than its fail-safe bound: STOP.</li>
 * </ol>
 * Pure apart from the thumbnails it reads; used by the decision thread only.
 */
public final class Decider {
    private final Policy policy;
    private final RegionChange change;

    /**
     * @param policy the policy.
     */
    public Decider(final Policy policy) {
        this.policy = policy;
        this.change = new RegionChange(policy.effectiveness().margin(), policy.effectiveness().pixelNoise());
    }

    /**
     * @param current   thumbnail of the frame being decided.
     * @param history   thumbnails of earlier frames of the stream by sequence number ({@code null} when gone).
     * @param results   the newest result of each model for the stream.
     * @param leader    the deciding leadership.
     * @param nowNanos  this node's monotonic time, for the timings.
     * @return the decision.
     */
    public Decision decide(final Thumbnail current, final LongFunction<Thumbnail> history,
                           final Collection<InferenceResult> results, final LeaderStamp leader, final long nowNanos) {
        final List<DecisionLabel> labels = new ArrayList<>();
        final List<ModelState> models = new ArrayList<>(results.size() + policy.required().size());
        for (final InferenceResult result : results) {
            if (fromAnEarlierBoot(current, result)) {
                continue; // its age cannot be known: as good as missing
            }
            final long ageMicros = ageMicros(current, result);
            models.add(new ModelState(result.model(), ageMicros <= millisToMicros(policy.staleAfterMillis(
                result.model())) ? Freshness.FRESH : Freshness.STALE, result.frameSeq(), ageMicros));
            final Thumbnail source = result.frameSeq() == current.frameSeq() ? current
                : history.apply(result.frameSeq());
            for (final Detection detection : result.detections()) {
                final float changed = source == null ? 1f : change.score(source, current, detection.box());
                labels.add(new DecisionLabel(result.model(), detection.label(), detection.score(), detection.box(),
                    result.frameSeq(), ageMicros, changed, changed <= policy.effectiveness().maxChange()));
            }
        }
        final Verdict verdict = applyRules(labels);
        final Verdict checked = checkRequired(verdict, models);
        return new Decision(current.streamId(), current.frameSeq(), current.captureTimeNanos(), checked.action,
            checked.reason, labels, models, leader, new DecisionTimings(Math.min(current.frameReadyAtNanos(),
                nowNanos), nowNanos));
    }

    private record Verdict(Action action, String reason) {
    }

    private Verdict applyRules(final List<DecisionLabel> labels) {
        Rule winner = null;
        Action action = policy.defaultAction();
        DecisionLabel because = null;
        for (final DecisionLabel label : labels) {
            for (final Rule rule : policy.rules()) {
                if (!rule.matches(label)) {
                    continue;
                }
                final Action asked = label.effective() ? rule.action() : rule.action().atLeast(Action.SLOW);
                if (winner == null || rule.priority() > winner.priority()
                    || rule.priority() == winner.priority() && asked.compareTo(action) > 0) {
                    winner = rule;
                    action = asked;
                    because = label;
                }
            }
        }
        if (winner == null) {
            return new Verdict(action, "default: no rule matched");
        }
        return new Verdict(action, String.format(Locale.ROOT, "rule %s: %s %.2f from %s%s", winner.name(),
            because.label(), because.score(), because.model(), because.effective() ? ""
                : String.format(Locale.ROOT, " (not effective: change %.2f)", because.change())));
    }

    private Verdict checkRequired(final Verdict verdict, final List<ModelState> models) {
        Verdict checked = verdict;
        for (final Policy.RequiredModel required : policy.required()) {
            final ModelState state = find(models, required.model());
            if (state == null) {
                models.add(new ModelState(required.model(), Freshness.MISSING, 0, 0));
                return new Verdict(Action.STOP, "fail-safe: no result from " + required.model() + " yet");
            }
            if (state.ageMicros() > millisToMicros(required.failSafeAfterMillis())) {
                return new Verdict(Action.STOP, "fail-safe: newest " + required.model() + " result is "
                    + state.ageMicros() / 1_000 + " ms old");
            }
            if (state.freshness() == Freshness.STALE && checked.action.compareTo(Action.SLOW) < 0) {
                checked = new Verdict(Action.SLOW, "stale: newest " + required.model() + " result is "
                    + state.ageMicros() / 1_000 + " ms old");
            }
        }
        return checked;
    }

    private static ModelState find(final List<ModelState> models, final String model) {
        for (final ModelState state : models) {
            if (state.model().equals(model)) {
                return state;
            }
        }
        return null;
    }

    /**
     * An older frame captured "later": the robot restarted, its monotonic clock with it, and its frame numbers
     * jumped ahead (boot epoch in the high bits).
     */
    private static boolean fromAnEarlierBoot(final Thumbnail current, final InferenceResult result) {
        return Long.compareUnsigned(result.frameSeq(), current.frameSeq()) < 0
            && result.captureTimeNanos() > current.captureTimeNanos();
    }

    private static long ageMicros(final Thumbnail current, final InferenceResult result) {
        return Math.max(0, current.captureTimeNanos() - result.captureTimeNanos()) / 1_000;
    }

    private static long millisToMicros(final long millis) {
        return TimeUnit.MILLISECONDS.toMicros(millis);
    }

}
