package io.saccade.accelerator.model;

import java.util.List;

/**
 * Which model outputs hold the boxes and which the scores, by tensor name. A multi-scale model lists several of
 * each, in anchor order; they are concatenated.
 *
 * @param boxes  box output names.
 * @param scores score output names.
 */
public record ModelOutputs(List<String> boxes, List<String> scores) {
    /** Validates the names. */
    public ModelOutputs {
        if (boxes == null || boxes.isEmpty() || scores == null || scores.isEmpty()) {
            throw new IllegalArgumentException("a detector names at least one box and one score output");
        }
        boxes = List.copyOf(boxes);
        scores = List.copyOf(scores);
    }
}
