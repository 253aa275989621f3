package io.saccade.accelerator.detect;

import io.saccade.protocol.message.Box;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.tensor.Letterbox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a single-shot detector's raw outputs into detections in frame coordinates: best class per anchor, score
 * threshold, box decoding against the anchors, non-maximum suppression, then back through the letterbox.
 * <p>
 * The engine adapter copies the model's outputs into {@link #rawBoxes()} and {@link #rawScores()} (concatenating
 * multi-scale outputs in anchor order) and calls {@link #decode(Letterbox)}. All working arrays are allocated once;
 * a frame allocates only the detections it returns. One instance per inference thread.
 */
public final class DetectionHead {
    private final Anchors anchors;
    private final BoxCoding coding;
    private final Scoring scoring;
    private final Suppression suppression;
    private final String[] labels;
    private final boolean[] reported;
    private final float[] rawBoxes;
    private final float[] rawScores;
    private final float[] boxes;
    private final float[] scores;
    private final int[] classIds;
    private final long[] order;
    private final boolean[] consumed;

    /**
     * @param anchors     the model's anchors.
     * @param coding      how boxes are encoded.
     * @param scoring     how scores are read.
     * @param suppression how overlapping boxes are merged.
     * @param labels      class names by class id; ids beyond it are reported as {@code class-<id>}.
     */
    public DetectionHead(final Anchors anchors, final BoxCoding coding, final Scoring scoring,
                         final Suppression suppression, final List<String> labels) {
        this.anchors = anchors;
        this.coding = coding;
        this.scoring = scoring;
        this.suppression = suppression;
        this.labels = labels.toArray(String[]::new);
        this.reported = new boolean[scoring.classes()];
        for (int classId = 0; classId < reported.length; classId++) {
            reported[classId] = !scoring.ignores(classId);
        }
        final int count = anchors.size();
        this.rawBoxes = new float[count * coding.valuesPerAnchor()];
        this.rawScores = new float[count * scoring.classes()];
        this.boxes = new float[count * 4];
        this.scores = new float[count];
        this.classIds = new int[count];
        this.order = new long[count];
        this.consumed = new boolean[count];
    }

    /** @return where the engine puts the box output: {@code anchors x valuesPerAnchor} floats. */
    public float[] rawBoxes() {
        return rawBoxes;
    }

    /** @return where the engine puts the score output: {@code anchors x classes} floats. */
    public float[] rawScores() {
        return rawScores;
    }

    /** @return how many anchors the model must have. */
    public int anchorCount() {
        return anchors.size();
    }

    /**
     * @param letterbox where the frame sat inside the model input.
     * @return the detections, best first, with boxes as fractions of the frame.
     */
    public List<Detection> decode(final Letterbox letterbox) {
        final int candidates = collectCandidates();
        for (int i = 0; i < candidates; i++) {
            order[i] = (long)Float.floatToIntBits(scores[i]) << 32 | i;
        }
        Arrays.sort(order, 0, candidates); // non-negative floats sort like their bits
        Arrays.fill(consumed, 0, candidates, false);
        final List<Detection> detections = new ArrayList<>();
        for (int rank = candidates - 1; rank >= 0 && detections.size() < suppression.maxDetections(); rank--) {
            final int best = (int)order[rank];
            if (!consumed[best]) {
                consumed[best] = true;
                suppressAround(best, rank);
                final Detection detection = toFrame(best, letterbox);
                if (detection != null) {
                    detections.add(detection);
                }
            }
        }
        return detections;
    }

    private int collectCandidates() {
        final int classes = scoring.classes();
        int candidates = 0;
        for (int anchor = 0; anchor < anchors.size(); anchor++) {
            int bestClass = -1;
            float bestRaw = Float.NEGATIVE_INFINITY;
            for (int c = 0, base = anchor * classes; c < classes; c++) {
                if (reported[c] && rawScores[base + c] > bestRaw) {
                    bestRaw = rawScores[base + c];
                    bestClass = c;
                }
            }
            final float score = scoring.score(bestRaw);
            if (score >= scoring.minScore()) {
                coding.decode(rawBoxes, anchors, anchor, boxes, candidates * 4);
                scores[candidates] = score;
                classIds[candidates] = bestClass;
                candidates++;
            }
        }
        return candidates;
    }

    /** Consumes every lower-ranked candidate overlapping {@code best}; when weighted, blends them into it. */
    private void suppressAround(final int best, final int rank) {
        float x0 = 0f;
        float y0 = 0f;
        float x1 = 0f;
        float y1 = 0f;
        float weight = 0f;
        if (suppression.weighted()) {
            x0 = boxes[best * 4] * scores[best];
            y0 = boxes[best * 4 + 1] * scores[best];
            x1 = boxes[best * 4 + 2] * scores[best];
            y1 = boxes[best * 4 + 3] * scores[best];
            weight = scores[best];
        }
        for (int lower = rank - 1; lower >= 0; lower--) {
            final int other = (int)order[lower];
            if (consumed[other] || suppression.perClass() && classIds[other] != classIds[best]
                || Suppression.iou(boxes, best, other) <= suppression.iouThreshold()) {
                continue;
            }
            consumed[other] = true;
            if (suppression.weighted()) {
                x0 += boxes[other * 4] * scores[other];
                y0 += boxes[other * 4 + 1] * scores[other];
                x1 += boxes[other * 4 + 2] * scores[other];
                y1 += boxes[other * 4 + 3] * scores[other];
                weight += scores[other];
            }
        }
        if (suppression.weighted()) {
            boxes[best * 4] = x0 / weight;
            boxes[best * 4 + 1] = y0 / weight;
            boxes[best * 4 + 2] = x1 / weight;
            boxes[best * 4 + 3] = y1 / weight;
        }
    }

    private Detection toFrame(final int candidate, final Letterbox letterbox) {
        final int i = candidate * 4;
        final float x0 = letterbox.frameX(boxes[i] * letterbox.inputWidth());
        final float y0 = letterbox.frameY(boxes[i + 1] * letterbox.inputHeight());
        final float x1 = letterbox.frameX(boxes[i + 2] * letterbox.inputWidth());
        final float y1 = letterbox.frameY(boxes[i + 3] * letterbox.inputHeight());
        if (x1 <= x0 || y1 <= y0) {
            return null; // entirely in the letterbox padding or outside the frame
        }
        final int classId = classIds[candidate];
        return new Detection(label(classId), classId, scores[candidate], new Box(x0, y0, x1, y1));
    }

    private String label(final int classId) {
        return classId < labels.length ? labels[classId] : "class-" + classId;
    }
}
