package io.saccade.protocol.tensor;

import java.util.Arrays;

/**
 * Per-channel normalisation of pixel values: {@code value = (pixel - mean[c]) / std[c]}, channels in the model's
 * colour order. The same thing as a scale and an offset: {@code value = pixel * scale[c] + offset[c]}.
 */
public final class Normalisation {
    /** No normalisation: pixel values 0..255 pass through. */
    public static final Normalisation IDENTITY = uniform(0f, 1f);

    private static final int CHANNELS = 3;

    private final float[] mean;
    private final float[] std;

    private Normalisation(final float[] mean, final float[] std) {
        for (int c = 0; c < CHANNELS; c++) {
            if (!Float.isFinite(mean[c]) || !Float.isFinite(std[c]) || std[c] == 0f) {
                throw new IllegalArgumentException(
                    "normalisation needs finite means and finite non-zero stds, got mean="
                    + Arrays.toString(mean) + " std=" + Arrays.toString(std));
            }
        }
        this.mean = mean;
        this.std = std;
    }

    /**
     * @param mean subtracted from every channel.
     * @param std  divides every channel.
     * @return the same normalisation for all channels.
     */
    public static Normalisation uniform(final float mean, final float std) {
        return new Normalisation(new float[] {mean, mean, mean}, new float[] {std, std, std});
    }

    /**
     * @param mean three means, in the model's colour order.
     * @param std  three standard deviations, in the model's colour order.
     * @return a per-channel normalisation.
     */
    public static Normalisation perChannel(final float[] mean, final float[] std) {
        if (mean.length != CHANNELS || std.length != CHANNELS) {
            throw new IllegalArgumentException("normalisation needs 3 means and 3 stds, got " + mean.length + " and "
                + std.length);
        }
        return new Normalisation(mean.clone(), std.clone());
    }

    /**
     * @param channel channel index in the model's colour order.
     * @return the mean subtracted from that channel.
     */
    public float mean(final int channel) {
        return mean[channel];
    }

    /**
     * @param channel channel index in the model's colour order.
     * @return the divisor of that channel.
     */
    public float std(final int channel) {
        return std[channel];
    }

    /**
     * @param channel channel index in the model's colour order.
     * @return the factor a pixel value is multiplied with.
     */
    public float scale(final int channel) {
        return 1f / std[channel];
    }

    /**
     * @param channel channel index in the model's colour order.
     * @return the value added after scaling.
     */
    public float offset(final int channel) {
        return -mean[channel] / std[channel];
    }

    /** @return whether pixel values pass through unchanged. */
    public boolean isIdentity() {
        return equals(IDENTITY);
    }

    /** @return whether all channels share one mean and one std. */
    public boolean isUniform() {
        return mean[0] == mean[1] && mean[1] == mean[2] && std[0] == std[1] && std[1] == std[2];
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Normalisation that && Arrays.equals(mean, that.mean) && Arrays.equals(std, that.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "mean=" + Arrays.toString(mean) + " std=" + Arrays.toString(std);
    }
}
