package io.saccade.accelerator.detect;

import java.util.Arrays;

/**
 * How per-anchor class scores become one (class, score) per anchor: the best class that is not ignored, through a
 * sigmoid when the model emits logits, kept when at least {@code minScore}.
 *
 * @param classes        scores per anchor.
 * @param sigmoid        whether the outputs are logits.
 * @param clip           logits are clipped to +-clip before the sigmoid (0 for no clipping), as MediaPipe does.
 * @param minScore       lowest score kept.
 * @param ignoredClasses class ids never reported (e.g. 0, background).
 */
public record Scoring(int classes, boolean sigmoid, float clip, float minScore, int[] ignoredClasses) {
    /** Validates the scoring. */
    public Scoring {
        if (classes < 1) {
            throw new IllegalArgumentException("a detector needs at least one class, got " + classes);
        }
        if (!(minScore >= 0f && minScore <= 1f)) {
            throw new IllegalArgumentException("minimum score must be in [0, 1], got " + minScore);
        }
        if (clip < 0f) {
            throw new IllegalArgumentException("score clipping must not be negative, got " + clip);
        }
        ignoredClasses = ignoredClasses == null ? new int[0] : ignoredClasses.clone();
        if (Arrays.stream(ignoredClasses).anyMatch(id -> id < 0 || id >= classes)) {
            throw new IllegalArgumentException("ignored classes must be within 0.." + (classes - 1));
        }
        if (ignoredClasses.length == classes) {
            throw new IllegalArgumentException("every class is ignored");
        }
    }

    @Override
    public int[] ignoredClasses() {
        return ignoredClasses.clone();
    }

    /**
     * @param raw a model score output.
     * @return the score it stands for, in [0, 1].
     */
    public float score(final float raw) {
        if (!sigmoid) {
            return Math.clamp(raw, 0f, 1f);
        }
        final float clipped = clip > 0f ? Math.clamp(raw, -clip, clip) : raw;
        return (float)(1.0 / (1.0 + Math.exp(-clipped)));
    }

    /**
     * @param classId a class id.
     * @return whether it is never reported.
     */
    public boolean ignores(final int classId) {
        for (final int ignored : ignoredClasses) {
            if (ignored == classId) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Scoring that && classes == that.classes && sigmoid == that.sigmoid
            && clip == that.clip && minScore == that.minScore && Arrays.equals(ignoredClasses, that.ignoredClasses);
    }

    @Override
    public int hashCode() {
        return 31 * classes + Arrays.hashCode(ignoredClasses);
    }

    @Override
    public String toString() {
        return "Scoring[" + classes + " classes, sigmoid " + sigmoid + ", min " + minScore + "]";
    }
}
