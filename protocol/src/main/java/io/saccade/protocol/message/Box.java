package io.saccade.protocol.message;

/**
 * An axis-aligned box in normalised frame coordinates: (0, 0) is the top-left corner of the frame, (1, 1) the
 * bottom-right, whatever the frame's resolution.
 *
 * @param x0 left edge.
 * @param y0 top edge.
 * @param x1 right edge, not left of {@code x0}.
 * @param y1 bottom edge, not above {@code y0}.
 */
public record Box(float x0, float y0, float x1, float y1) {
    /** Validates the edges. */
    public Box {
        FieldRules.unit(x0, "box x0");
        FieldRules.unit(y0, "box y0");
        FieldRules.unit(x1, "box x1");
        FieldRules.unit(y1, "box y1");
        if (x1 < x0 || y1 < y0) {
            throw new IllegalArgumentException("box edges are crossed: " + x0 + "," + y0 + " .. " + x1 + "," + y1);
        }
    }

    /** @return the box's area as a fraction of the frame. */
    public float area() {
        return (x1 - x0) * (y1 - y0);
    }
}
