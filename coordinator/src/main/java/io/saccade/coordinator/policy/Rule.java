package io.saccade.coordinator.policy;

import io.saccade.protocol.message.Action;
import io.saccade.protocol.message.Box;
import io.saccade.protocol.message.DecisionLabel;
import java.util.List;

/**
 * One policy rule: a label matches when its class is listed, it comes from a listed model (any model when none
 * is), its score and area reach the minimums and its box overlaps the zone. A matching label asks for the rule's
 * action, and for at least {@link Action#SLOW} when it is not effective any more.
 *
 * @param name     the rule's name, quoted in the decision's reason.
 * @param classes  class names that match, exactly as the model's labels spell them.
 * @param models   models whose labels match; empty for any.
 * @param zone     where in the frame, normalised; {@code null} for anywhere.
 * @param minScore lowest score that matches, 0..1 (default 0).
 * @param minArea  smallest box area that matches, as a fraction of the frame, 0..1 (default 0).
 * @param action   what a match asks for.
 * @param priority higher wins; among equal priorities the more restrictive action wins.
 */
public record Rule(String name, List<String> classes, List<String> models, Box zone, Float minScore, Float minArea,
                   Action action, int priority) {
    /** Validates the rule, naming it. */
    public Rule {
        Policy.require(name != null && !name.isBlank(), "rules: every rule needs a name");
        Policy.require(classes != null && !classes.isEmpty(), "rule " + name
            + ": classes must list at least one class");
        classes = List.copyOf(classes);
        models = List.copyOf(models == null ? List.of() : models);
        minScore = minScore == null ? 0f : minScore;
        minArea = minArea == null ? 0f : minArea;
        Policy.require(minScore >= 0 && minScore <= 1, "rule " + name + ": minScore must be 0..1, got " + minScore);
        Policy.require(minArea >= 0 && minArea <= 1, "rule " + name + ": minArea must be 0..1, got " + minArea);
        Policy.require(action != null, "rule " + name + ": action must be GO, SLOW or STOP");
    }

    /**
     * @param label a label.
     * @return whether this rule applies to it.
     */
    public boolean matches(final DecisionLabel label) {
        return classes.contains(label.label())
            && (models.isEmpty() || models.contains(label.model()))
            && label.score() >= minScore
            && label.box().area() >= minArea
            && (zone == null || overlaps(zone, label.box()));
    }

    private static boolean overlaps(final Box a, final Box b) {
        return a.x0() < b.x1() && b.x0() < a.x1() && a.y0() < b.y1() && b.y0() < a.y1();
    }
}
