package io.saccade.protocol.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LetterboxTest {
    @Test
    void shouldCentreAWideFrameBetweenBandsTopAndBottom() {
        final Letterbox box = Letterbox.fit(640, 480, InputSpec.parse("300x300:rgb:nhwc:f32:letterbox"));

        assertEquals(new Letterbox(640, 480, 300, 300, 300, 225, 0, 37), box);
        assertEquals(0f, box.frameY(37));
        assertEquals(1f, box.frameY(262));
        assertEquals(0.5f, box.frameX(150));
        assertEquals(0f, box.frameY(10), "padding maps to the frame's edge");
    }

    @Test
    void shouldCentreATallFrameBetweenBandsLeftAndRight() {
        final Letterbox box = Letterbox.fit(480, 640, InputSpec.parse("300x300:rgb:nhwc:f32:letterbox"));

        assertEquals(225, box.contentWidth());
        assertEquals(37, box.padLeft());
        assertEquals(0, box.padTop());
    }

    @Test
    void shouldFillTheInputWhenStretching() {
        final Letterbox box = Letterbox.fit(640, 480, InputSpec.parse("128x128:rgb:nhwc:f32:stretch"));

        assertEquals(new Letterbox(640, 480, 128, 128, 128, 128, 0, 0), box);
        assertEquals(0.25f, box.frameX(32));
    }

    @Test
    void shouldRefuseAnEmptyFrame() {
        assertThrows(IllegalArgumentException.class,
            () -> Letterbox.fit(0, 480, InputSpec.parse("128x128:rgb:nhwc:f32:stretch")));
    }
}
