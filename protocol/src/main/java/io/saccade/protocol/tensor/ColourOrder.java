package io.saccade.protocol.tensor;

/** Order of the colour channels a model expects. */
public enum ColourOrder {
    /** Red, green, blue. */
    RGB(3),
    /** Blue, green, red (OpenCV's native order). */
    BGR(3),
    /** One luminance channel. */
    GREY(1);

    private final int channels;

    ColourOrder(final int channels) {
        this.channels = channels;
    }

    /** @return channels this order has. */
    public int channels() {
        return channels;
    }
}
