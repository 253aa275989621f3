package io.saccade.coordinator.ledger;

import io.saccade.protocol.message.Hop;

/**
 * Recent statistics of one hop on one path, in microseconds after capture on the robot's clock.
 *
 * @param hop        the step.
 * @param model      the model whose path it is on; {@code null} on the decision's path.
 * @param samples    how many recent frames the figures cover.
 * @param atP50      median time after capture the frames reached this step.
 * @param atP99      99th percentile of the same.
 * @param stepP50    median time from the previous step of the same path.
 * @param stepP99    99th percentile of the same.
 */
public record HopSummary(Hop hop, String model, int samples, long atP50, long atP99, long stepP50, long stepP99) {
}
