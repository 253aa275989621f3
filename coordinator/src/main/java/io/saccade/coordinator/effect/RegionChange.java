package io.saccade.coordinator.effect;

import io.saccade.protocol.message.Box;

/**
 * How much a labelled region changed between two thumbnails of the same stream: the fraction of the region's
 * pixels whose grey level moved by more than a noise floor, after removing the region's mean shift (so that an
 * exposure change or flicker alone does not count as change). The region is the label's box, widened by a margin
 * on every side so that something entering it counts too. In [0, 1]; 0 for identical regions.
 * <p>
 * Cost: two passes over at most the whole thumbnail (4,800 pixels at 80x60), a few microseconds.
 */
public final class RegionChange {
    private final float margin;
    private final int noise;

    /**
     * @param margin how much to widen the box on each side, as a fraction of its width and height.
     * @param noise  grey-level difference that still counts as unchanged (JPEG and sensor noise), 0..255.
     */
    public RegionChange(final float margin, final int noise) {
        if (margin < 0 || margin > 1 || noise < 0 || noise > 255) {
            throw new IllegalArgumentException("region change needs margin 0..1 and noise 0..255, got " + margin
                + " and " + noise);
        }
        this.margin = margin;
        this.noise = noise;
    }

    /**
     * @param source  thumbnail of the frame the label was computed on.
     * @param current thumbnail of the frame being decided.
     * @param box     the label's box in normalised coordinates.
     * @return the changed fraction of the region, in [0, 1].
     */
    public float score(final Thumbnail source, final Thumbnail current, final Box box) {
        if (source.width() != current.width() || source.height() != current.height()) {
            return 1f;
        }
        final int width = source.width();
        final int height = source.height();
        final float padX = (box.x1() - box.x0()) * margin;
        final float padY = (box.y1() - box.y0()) * margin;
        final int x0 = clamp((int)Math.floor((box.x0() - padX) * width), width - 1);
        final int y0 = clamp((int)Math.floor((box.y0() - padY) * height), height - 1);
        final int x1 = Math.max(x0 + 1, clamp((int)Math.ceil((box.x1() + padX) * width), width));
        final int y1 = Math.max(y0 + 1, clamp((int)Math.ceil((box.y1() + padY) * height), height));
        final byte[] a = source.pixels();
        final byte[] b = current.pixels();
        long shift = 0;
        for (int y = y0; y < y1; y++) {
            for (int i = y * width + x0, end = y * width + x1; i < end; i++) {
                shift += (b[i] & 0xFF) - (a[i] & 0xFF);
            }
        }
        final int pixels = (x1 - x0) * (y1 - y0);
        final int meanShift = Math.round((float)shift / pixels);
        int changed = 0;
        for (int y = y0; y < y1; y++) {
            for (int i = y * width + x0, end = y * width + x1; i < end; i++) {
                if (Math.abs((b[i] & 0xFF) - (a[i] & 0xFF) - meanShift) > noise) {
                    changed++;
                }
            }
        }
        return (float)changed / pixels;
    }

    private static int clamp(final int value, final int max) {
        return Math.max(0, Math.min(max, value));
    }
}
