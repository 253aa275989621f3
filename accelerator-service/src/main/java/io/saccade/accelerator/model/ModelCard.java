package io.saccade.accelerator.model;

import io.saccade.accelerator.detect.AnchorOptions;
import io.saccade.accelerator.detect.Anchors;
import io.saccade.accelerator.detect.BoxCoding;
import io.saccade.accelerator.detect.DetectionHead;
import io.saccade.accelerator.detect.Scoring;
import io.saccade.accelerator.detect.Suppression;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.tensor.InputSpec;
import java.util.List;

/**
 * Everything the service needs to know about one detector.
 *
 * @param id      model id, as used in topics and the registry.
 * @param file    model file name in the models cache (or an absolute path).
 * @param format  file format, which picks the engine.
 * @param input   the input spec preprocess must produce.
 * @param labels  class names by class id, either inline or (one entry) {@code @file} in the models cache.
 * @param anchors anchor layout.
 * @param boxes   box coding.
 * @param scores  score reading.
 * @param nms     suppression.
 * @param outputs which outputs are boxes and scores.
 */
public record ModelCard(String id, String file, ModelFormat format, InputSpec input, List<String> labels,
                        AnchorOptions anchors, BoxCoding boxes, Scoring scores, Suppression nms,
                        ModelOutputs outputs) {
    /** Validates the card. */
    public ModelCard {
        TopicTree.requireSegment(id, "model id");
        if (file == null || file.isBlank() || format == null || input == null || anchors == null || boxes == null
            || scores == null || nms == null || outputs == null) {
            throw new IllegalArgumentException("model " + id + " needs file, format, input, anchors, boxes, scores, "
                + "nms and outputs");
        }
        if (anchors.inputWidth() != input.width() || anchors.inputHeight() != input.height()) {
            throw new IllegalArgumentException("model " + id + ": anchors are laid out for " + anchors.inputWidth()
                + "x" + anchors.inputHeight() + " but the input is " + input.width() + "x" + input.height());
        }
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** @return the labels file name when the labels live in a file, else {@code null}. */
    public String labelsFile() {
        return labels.size() == 1 && labels.getFirst().startsWith("@") ? labels.getFirst().substring(1) : null;
    }

    /**
     * @param labelNames the resolved class names.
     * @return a fresh post-processing head (one per inference thread).
     */
    public DetectionHead newHead(final List<String> labelNames) {
        return new DetectionHead(Anchors.generate(anchors), boxes, scores, nms, labelNames);
    }
}
