package io.saccade.protocol.message;

/**
 * A label a decision rests on, with how much its evidence can still be trusted.
 *
 * @param model             model that produced it.
 * @param label             class name.
 * @param score             the model's confidence in [0, 1].
 * @param box               where, in normalised frame coordinates of the source frame.
 * @param sourceFrameSeq    the frame the model saw.
 * @param evidenceAgeMicros time from the source frame's capture to the decided frame's capture.
 * @param change            how much the box's region changed between the two frames, in [0, 1].
 * @param effective         whether the region is unchanged enough for the label to still hold.
 */
public record DecisionLabel(String model, String label, float score, Box box, long sourceFrameSeq,
                            long evidenceAgeMicros, float change, boolean effective) {
    /** Validates the fields. */
    public DecisionLabel {
        FieldRules.name(model, "model");
        FieldRules.present(label, "label");
        FieldRules.unit(score, "score");
        FieldRules.present(box, "box");
        FieldRules.notNegative(evidenceAgeMicros, "evidenceAgeMicros");
        FieldRules.unit(change, "change");
    }
}
