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

    /** Longest span a message's stamps may cover, so that no difference or sum of them can overflow. */
    static final long MAX_SPAN_NANOS = 3_600_000_000_000L;

    /**
     * @param from  the earlier stamp.
     * @param to    the later stamp.
     * @param field what the stamps are, for the message.
     */
    static void span(final long from, final long to, final String field) {
        final long span = to - from; // negative when out of order, or when the true difference overflowed
        if (span < 0 || span > MAX_SPAN_NANOS) {
            throw new IllegalArgumentException(field + " must be in order and span at most an hour, got " + from
                + " .. " + to);
        }
    }

    /**
     * @param value  microseconds.
     * @param field  what they are, for the message.
     * @return the value, when it lies within an hour either side of zero.
     */
    static long withinAnHour(final long value, final String field) {
        if (value < -MAX_SPAN_NANOS / 1_000 || value > MAX_SPAN_NANOS / 1_000) {
            throw new IllegalArgumentException(field + " must be within an hour (3600000000 us), got " + value);
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
