package io.saccade.protocol.message;

import io.saccade.protocol.mqtt.TopicTree;
import java.util.List;

/** The checks message records apply to their fields, so a decoded message is valid or not built at all. */
final class FieldRules {
    private FieldRules() {
    }

    static void version(final int version, final int supported, final String message) {
        if (version != supported) {
            throw new IllegalArgumentException(message + " version " + version + " is not supported (this build "
                + "reads version " + supported + ")");
        }
    }

    static String name(final String value, final String field) {
        return TopicTree.requireSegment(value, field);
    }

    static <T> T present(final T value, final String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static <T> List<T> list(final List<T> values, final String field) {
        present(values, field);
        for (final T value : values) {
            present(value, field + " element");
        }
        return List.copyOf(values);
    }

    static long streamId(final long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("streamId must be an unsigned 32-bit number, got " + value);
        }
        return value;
    }

    static long notNegative(final long value, final String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + value);
        }
        return value;
    }

    static double notNegative(final double value, final String field) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number >= 0, got " + value);
        }
        return value;
    }

    static float unit(final float value, final String field) {
        if (!(value >= 0f && value <= 1f)) {
            throw new IllegalArgumentException(field + " must be within [0, 1], got " + value);
        }
        return value;
    }
}
