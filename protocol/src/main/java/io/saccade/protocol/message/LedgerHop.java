package io.saccade.protocol.message;

/**
 * One step of a latency ledger.
 *
 * @param hop      which step.
 * @param node     where it happened: a node name, or the robot's stream id as text for robot-side steps.
 * @param model    the model whose path (inference, result) the step is on; {@code null} on the decision's path.
 * @param atMicros when, in microseconds after capture on the common time axis; may be slightly negative within the
 *                 clock offset uncertainty.
 */
public record LedgerHop(Hop hop, String node, String model, long atMicros) {
    /** Validates the fields. */
    public LedgerHop {
        FieldRules.present(hop, "hop");
        FieldRules.name(node, "node");
        if (model != null) {
            FieldRules.name(model, "model");
        }
    }
}
