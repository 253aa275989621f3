package io.saccade.accelerator.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.message.Detection;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.tensor.Letterbox;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drives the head with hand-made outputs over a 4x4 grid of unit anchors on a 100x100 input, so every expected
 * box can be worked out on paper: with fixed anchors and scale 100, raw box values are input pixels.
 */
class DetectionHeadTest {
    private static final AnchorOptions GRID = new AnchorOptions(100, 100, 0.5f, 0.5f, new int[] {25},
        new float[] {1f}, false, 0f, true, 0.5f);
    private static final BoxCoding PIXELS = new BoxCoding(BoxCoding.Order.XYWH, 4, 100, 100, 100, 100, false);
    private static final InputSpec SQUARE = InputSpec.parse("100x100:rgb:nhwc:f32:letterbox");
    private static final Letterbox SAME_SIZE = Letterbox.fit(100, 100, SQUARE);
    private static final float HIGH = 5f;
    private static final float LOW = -5f;

    @Test
    void shouldDecodeABoxRelativeToItsAnchor() {
        final DetectionHead head = head(2, false, true);
        setBox(head, 5, 2f, -3f, 20f, 10f); // anchor 5 is centred at (37.5, 37.5)
        setScore(head, 5, 1, HIGH);

        final Detection only = head.decode(SAME_SIZE).getFirst();

        assertEquals("b", only.label());
        assertEquals(0.295f, only.box().x0(), 1e-5f);
        assertEquals(0.295f, only.box().y0(), 1e-5f);
        assertEquals(0.495f, only.box().x1(), 1e-5f);
        assertEquals(0.395f, only.box().y1(), 1e-5f);
        assertEquals(1 / (1 + Math.exp(-HIGH)), only.score(), 1e-6);
    }

    @Test
    void shouldKeepOnlyTheBestOfOverlappingBoxesOfOneClass() {
        final DetectionHead head = head(2, false, true);
        setBox(head, 5, 0f, 0f, 20f, 20f);
        setBox(head, 6, -23f, 0f, 20f, 20f); // anchor 6 is 25 px right: the boxes overlap by IoU 0.74
        setScore(head, 5, 0, 2f);
        setScore(head, 6, 0, 3f);

        final List<Detection> found = head.decode(SAME_SIZE);

        assertEquals(1, found.size(), found.toString());
        assertEquals(1 / (1 + Math.exp(-3f)), found.getFirst().score(), 1e-6);
    }

    @Test
    void shouldKeepOverlappingBoxesOfDifferentClassesWhenSuppressingPerClass() {
        final DetectionHead head = head(2, false, true);
        setBox(head, 5, 0f, 0f, 20f, 20f);
        setBox(head, 6, -25f, 0f, 20f, 20f);
        setScore(head, 5, 0, 2f);
        setScore(head, 6, 1, 3f);

        assertEquals(List.of("b", "a"), head.decode(SAME_SIZE).stream().map(Detection::label).toList());
    }

    @Test
    void shouldBlendOverlappingBoxesByScoreWhenWeighted() {
        final DetectionHead head = head(1, true, false);
        setBox(head, 5, 0f, 0f, 20f, 20f);
        setBox(head, 6, -23f, 0f, 20f, 20f); // 2 px right of the first
        setScore(head, 5, 0, 0f); // 0.5
        setScore(head, 6, 0, 0f); // 0.5

        final Detection blended = head.decode(SAME_SIZE).getFirst();

        assertEquals(0.285f, blended.box().x0(), 1e-5f, "halfway between 27.5 and 29.5 px");
        assertEquals(0.5f, blended.score(), 1e-6f, "the best score, not a sum");
    }

    @Test
    void shouldIgnoreBackgroundAndScoresBelowTheThreshold() {
        final DetectionHead head = new DetectionHead(Anchors.generate(GRID), PIXELS,
            new Scoring(3, true, 0f, 0.5f, new int[] {0}), new Suppression(0.5f, false, true, 10),
            List.of("background", "a", "b"));
        setBox(head, 0, 0f, 0f, 10f, 10f);
        setBox(head, 1, 0f, 0f, 10f, 10f);
        Arrays.fill(head.rawScores(), -20f);
        head.rawScores()[0] = HIGH; // anchor 0: background wins, but is ignored; class 1 is low
        head.rawScores()[1] = LOW;
        head.rawScores()[2] = LOW;
        head.rawScores()[4] = -0.1f; // anchor 1, class 1: just under 0.5

        assertTrue(head.decode(SAME_SIZE).isEmpty());
    }

    @Test
    void shouldMapBoxesThroughTheLetterboxAndDropBoxesInThePadding() {
        final DetectionHead head = head(1, false, false);
        final Letterbox wide = Letterbox.fit(200, 100, SQUARE); // content 100x50 at rows 25..75
        setBox(head, 5, 0f, 0f, 20f, 10f); // (27.5..47.5, 32.5..42.5) in the input
        setBox(head, 0, 0f, 0f, 10f, 10f); // rows 7.5..17.5: all padding
        setScore(head, 5, 0, HIGH);
        setScore(head, 0, 0, HIGH);

        final List<Detection> found = head.decode(wide);

        assertEquals(1, found.size(), found.toString());
        assertEquals(0.275f, found.getFirst().box().x0(), 1e-5f);
        assertEquals(0.15f, found.getFirst().box().y0(), 1e-5f);
        assertEquals(0.35f, found.getFirst().box().y1(), 1e-5f);
    }

    @Test
    void shouldReportAtMostMaxDetectionsBestFirst() {
        final DetectionHead head = new DetectionHead(Anchors.generate(GRID), PIXELS,
            new Scoring(1, true, 0f, 0.5f, null), new Suppression(0.5f, false, false, 3), List.of("a"));
        for (int anchor = 0; anchor < 16; anchor++) {
            setBox(head, anchor, 0f, 0f, 10f, 10f);
            setScore(head, anchor, 0, anchor / 4f);
        }

        final List<Detection> found = head.decode(SAME_SIZE);

        assertEquals(3, found.size());
        assertTrue(found.get(0).score() > found.get(1).score() && found.get(1).score() > found.get(2).score());
    }

    private static DetectionHead head(final int classes, final boolean weighted, final boolean perClass) {
        return new DetectionHead(Anchors.generate(GRID), PIXELS, new Scoring(classes, true, 0f, 0.4f, null),
            new Suppression(0.5f, weighted, perClass, 10), List.of("a", "b"));
    }

    private static void setBox(final DetectionHead head, final int anchor, final float dx, final float dy,
                               final float width, final float height) {
        final float[] boxes = head.rawBoxes();
        boxes[anchor * 4] = dx;
        boxes[anchor * 4 + 1] = dy;
        boxes[anchor * 4 + 2] = width;
        boxes[anchor * 4 + 3] = height;
    }

    private static void setScore(final DetectionHead head, final int anchor, final int classId, final float raw) {
        final int classes = head.rawScores().length / head.anchorCount();
        Arrays.fill(head.rawScores(), anchor * classes, anchor * classes + classes, -20f);
        head.rawScores()[anchor * classes + classId] = raw;
    }
}
