package io.saccade.protocol.message;

/**
 * How current one model's evidence is for a decision.
 *
 * @param model          model id.
 * @param freshness      fresh, stale or missing.
 * @param sourceFrameSeq the frame of its newest result; 0 when missing.
 * @param ageMicros      age of its newest result at decision time; 0 when missing.
 */
public record ModelState(String model, Freshness freshness, long sourceFrameSeq, long ageMicros) {
    /** Validates the fields. */
    public ModelState {
        FieldRules.name(model, "model");
        FieldRules.present(freshness, "freshness");
        FieldRules.notNegative(ageMicros, "ageMicros");
    }
}
