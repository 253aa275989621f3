package io.saccade.protocol.message;

/**
 * One thing a model found in a frame.
 *
 * @param label   class name, e.g. {@code Person}.
 * @param classId the model's class index.
 * @param score   confidence in [0, 1].
 * @param box     where, in normalised frame coordinates.
 */
public record Detection(String label, int classId, float score, Box box) {
    /** Validates the fields. */
    public Detection {
        FieldRules.present(label, "label");
        FieldRules.notNegative(classId, "classId");
        FieldRules.unit(score, "score");
        FieldRules.present(box, "box");
    }
}
