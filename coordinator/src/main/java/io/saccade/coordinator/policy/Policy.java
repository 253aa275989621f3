package io.saccade.coordinator.policy;

import io.saccade.protocol.message.Action;
import io.saccade.protocol.message.Box;
import io.saccade.protocol.mqtt.TopicTree;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the leader does with the labels it has: read from a YAML file (documented in {@code etc/policy.yaml}),
 * validated here so that a bad file stops the coordinator at start with the offending key named.
 *
 * @param defaultAction    the action when no rule matches and the evidence is fresh.
 * @param staleAfterMillis evidence older than this is stale for models without their own bound.
 * @param required         models whose fresh evidence the robot cannot do without.
 * @param effectiveness    when a label computed on an older frame still holds.
 * @param rules            label rules; the matching rule with the highest priority chooses the action.
 */
public record Policy(Action defaultAction, long staleAfterMillis, List<RequiredModel> required,
                     Effectiveness effectiveness, List<Rule> rules) {
    /**
     * The policy the local demo runs with (the same as {@code etc/policy.yaml}): stop for a person or face in the
     * path, slow for an obstacle in the path or a person anywhere; the SSD is required.
     */
    public static final Policy DEFAULTS = defaults();

    /** Validates the policy, naming what is wrong. */
    public Policy {
        require(defaultAction != null, "defaultAction must be GO, SLOW or STOP");
        require(staleAfterMillis >= 1, "staleAfterMillis must be at least 1, got " + staleAfterMillis);
        required = (required == null ? List.<RequiredModel>of() : required).stream()
            .map(model -> model.resolved(staleAfterMillis)).toList();
        require(effectiveness != null, "effectiveness is required");
        rules = List.copyOf(rules == null ? List.of() : rules);
        final Set<String> names = new HashSet<>();
        rules.forEach(rule -> require(names.add(rule.name()), "rules: two rules are named '" + rule.name() + "'"));
        final Set<String> models = new HashSet<>();
        required.forEach(model -> require(models.add(model.model()), "required: model '" + model.model()
            + "' is listed twice"));
    }

    /**
     * @param model a model id.
     * @return its requirement, or {@code null} when the model is optional.
     */
    public RequiredModel requirement(final String model) {
        for (final RequiredModel candidate : required) {
            if (candidate.model().equals(model)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * @param model a model id.
     * @return how old its evidence may be and still count as fresh.
     */
    public long staleAfterMillis(final String model) {
        final RequiredModel requirement = requirement(model);
        return requirement == null ? staleAfterMillis : requirement.staleAfterMillis();
    }

    /**
     * A model the robot must have fresh evidence from.
     *
     * @param model               model id.
     * @param staleAfterMillis    older evidence is stale and forces at least SLOW; defaults to the policy's bound.
     * @param failSafeAfterMillis no fresh evidence for longer than this (or none at all) forces STOP; defaults to
     *                            the larger of 1000 and the stale bound.
     */
    public record RequiredModel(String model, Long staleAfterMillis, Long failSafeAfterMillis) {
        /** Validates the requirement. */
        public RequiredModel {
            TopicTree.requireSegment(model, "required.model");
            require(staleAfterMillis == null || failSafeAfterMillis == null
                || staleAfterMillis >= 1 && failSafeAfterMillis >= staleAfterMillis, "required model " + model
                + ": need 1 <= staleAfterMillis <= failSafeAfterMillis, got " + staleAfterMillis + " and "
                + failSafeAfterMillis);
        }

        /**
         * @param policyStaleAfterMillis the policy's staleness bound.
         * @return this requirement with its defaults filled in, validated.
         */
        RequiredModel resolved(final long policyStaleAfterMillis) {
            final long stale = staleAfterMillis == null ? policyStaleAfterMillis : staleAfterMillis;
            final long failSafe = failSafeAfterMillis == null ? Math.max(1_000L, stale) : failSafeAfterMillis;
            return new RequiredModel(model, stale, failSafe); // the constructor checks the filled-in values
        }
    }

    /**
     * When a label still holds for a newer frame.
     *
     * @param maxChange  largest region-change score at which a label is still effective, 0..1.
     * @param margin     how much the label's box is widened on each side before comparing, 0..1 of its size.
     * @param pixelNoise grey-level difference that is noise, not change, 0..255.
     */
    public record Effectiveness(float maxChange, float margin, int pixelNoise) {
        /** Validates the settings. */
        public Effectiveness {
            require(maxChange >= 0 && maxChange <= 1, "effectiveness.maxChange must be 0..1, got " + maxChange);
            require(margin >= 0 && margin <= 1, "effectiveness.margin must be 0..1, got " + margin);
            require(pixelNoise >= 0 && pixelNoise <= 255, "effectiveness.pixelNoise must be 0..255, got "
                + pixelNoise);
        }
    }

    private static Policy defaults() {
        final List<String> people = List.of("Person", "face");
        final Box path = new Box(0.25f, 0.3f, 0.75f, 1f);
        return new Policy(Action.GO, 300, List.of(new RequiredModel("ssd-mobilenetv2-oidv4", 500L, 1_000L)),
            new Effectiveness(0.2f, 0.1f, 12),
            List.of(new Rule("person-in-path", people, List.of(), path, 0.5f, 0f, Action.STOP, 100),
                new Rule("obstacle-in-path", List.of("Dog", "Cat", "Cattle", "Bicycle", "Car", "Vehicle", "Chair",
                    "Table", "Desk", "Box"), List.of(), path, 0.5f, 0.02f, Action.SLOW, 60),
                new Rule("person-in-view", people, List.of(), null, 0.5f, 0f, Action.SLOW, 50)));
    }

    static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
