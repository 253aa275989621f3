package io.saccade.accelerator.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AnchorsTest {
    static final AnchorOptions SSD = new AnchorOptions(300, 300, 0.2f, 0.95f, new int[] {16, 32, 64, 128, 256, 512},
        new float[] {1f, 2f, 0.5f, 3f, 0.3333f}, true, 1f, false, 0.5f);
    static final AnchorOptions FACE_FRONT = new AnchorOptions(128, 128, 0.1484375f, 0.75f, new int[] {8, 16, 16, 16},
        new float[] {1f}, false, 1f, true, 0.5f);
    static final AnchorOptions FACE_FULL_RANGE = new AnchorOptions(192, 192, 0.1484375f, 0.75f, new int[] {4},
        new float[] {1f}, false, 0f, true, 0.5f);

    @Test
    void shouldLayOutAsManyAnchorsAsEachModelHasOutputRows() {
        assertEquals(1917, Anchors.generate(SSD).size(), "SSD MobileNetV2 300: 19x19x3 + (10x10+5x5+3x3+2x2+1)x6");
        assertEquals(896, Anchors.generate(FACE_FRONT).size(), "BlazeFace front: 16x16x2 + 8x8x6");
        assertEquals(2304, Anchors.generate(FACE_FULL_RANGE).size(), "BlazeFace full range: 48x48x1");
        assertEquals(1917, Anchors.count(SSD));
    }

    @Test
    void shouldReduceTheLowestSsdLayerToThreeFixedAnchors() {
        final Anchors anchors = Anchors.generate(SSD);

        assertEquals(0.5f / 19, anchors.centreX(0), 1e-6f);
        assertEquals(0.5f / 19, anchors.centreY(0), 1e-6f);
        assertEquals(0.1f, anchors.width(0), 1e-6f);
        assertEquals(0.1f, anchors.height(0), 1e-6f);
        final float scale = 0.2f;
        assertEquals(scale * (float)Math.sqrt(2), anchors.width(1), 1e-6f);
        assertEquals(scale / (float)Math.sqrt(2), anchors.height(1), 1e-6f);
        assertEquals(1.5f / 19, anchors.centreX(3), 1e-6f, "the fourth anchor is in the next column");
    }

    @Test
    void shouldInterpolateTheExtraAnchorTowardsTheNextLayersScale() {
        final Anchors anchors = Anchors.generate(SSD);
        final int secondLayer = 19 * 19 * 3;
        final float scale = 0.2f + 0.75f / 5;
        final float next = 0.2f + 0.75f * 2 / 5;

        assertEquals(scale, anchors.width(secondLayer), 1e-6f, "aspect ratio 1");
        assertEquals((float)Math.sqrt(scale * next), anchors.width(secondLayer + 5), 1e-6f, "interpolated anchor");
        assertEquals(0.5f / 10, anchors.centreX(secondLayer), 1e-6f);
    }

    @Test
    void shouldGiveFixedSizeAnchorsUnitSize() {
        final Anchors anchors = Anchors.generate(FACE_FRONT);

        assertEquals(1f, anchors.width(895));
        assertEquals(1f, anchors.height(0));
        assertEquals(7.5f / 8, anchors.centreX(895), 1e-6f, "last anchor in the last 16-stride cell");
    }

    @Test
    void shouldRejectOptionsThatLayOutNothing() {
        assertThrows(IllegalArgumentException.class, () -> new AnchorOptions(300, 300, 0.2f, 0.95f, new int[0],
            new float[] {1f}, false, 0f, false, 0.5f));
        assertThrows(IllegalArgumentException.class, () -> new AnchorOptions(300, 300, 0.9f, 0.2f, new int[] {8},
            new float[] {1f}, false, 0f, false, 0.5f));
    }
}
