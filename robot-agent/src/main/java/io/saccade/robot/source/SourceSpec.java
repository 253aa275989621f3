package io.saccade.robot.source;

import java.util.Locale;

/**
 * Which frame source to use, as written in configuration:
 * <ul>
 * <li>{@code synthetic}: moving shapes, no file or device;</li>
 * <li>{@code file:<path>} or a path ending in a video extension: a video file;</li>
 * <li>{@code camera:<n>} or {@code camera:/dev/video<n>}: a V4L2 camera;</li>
 * <li>{@code rtsp://..}, {@code rtmp://..}, {@code http://..}, {@code https://..}, {@code udp://..}: a network
 * stream.</li>
 * </ul>
 *
 * @param kind     what kind of source.
 * @param location the path, device index or URL; empty for synthetic.
 */
public record SourceSpec(Kind kind, String location) {
    /** The kinds of source. */
    public enum Kind {
        /** Generated frames. */
        SYNTHETIC,
        /** A video file. */
        FILE,
        /** A V4L2 camera device. */
        CAMERA,
        /** A network stream URL. */
        STREAM
    }

    /**
     * @param text the configured source.
     * @return the spec.
     * @throws IllegalArgumentException when the text names no source kind.
     */
    public static SourceSpec parse(final String text) {
        final String spec = text.strip();
        final String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.equals("synthetic")) {
            return new SourceSpec(Kind.SYNTHETIC, "");
        }
        if (lower.startsWith("file:")) {
            return new SourceSpec(Kind.FILE, spec.substring(5));
        }
        if (lower.startsWith("camera:")) {
            return new SourceSpec(Kind.CAMERA, spec.substring(7));
        }
        if (lower.matches("^(rtsp|rtsps|rtmp|http|https|udp|tcp|srt)://.+")) {
            return new SourceSpec(Kind.STREAM, spec);
        }
        if (lower.matches(".+\\.(avi|mp4|mkv|mov|webm|mjpeg|mjpg|m4v)$")) {
            return new SourceSpec(Kind.FILE, spec);
        }
        throw new IllegalArgumentException("source '" + text + "' is none of: synthetic, file:<path>, camera:<n>, "
            + "camera:/dev/video<n>, or a stream URL (rtsp://, http://, ...)");
    }

    /**
     * @return the camera's device index.
     * @throws IllegalArgumentException when the location is not {@code <n>} or {@code /dev/video<n>}.
     */
    public int cameraIndex() {
        final String index = location.startsWith("/dev/video") ? location.substring("/dev/video".length()) : location;
        try {
            return Integer.parseInt(index);
        } catch (final NumberFormatException ex) {
            throw new IllegalArgumentException("camera '" + location + "' must be a device index or /dev/video<n>");
        }
    }

    @Override
    public String toString() {
        return kind == Kind.SYNTHETIC ? "synthetic" : kind.name().toLowerCase(Locale.ROOT) + ":" + location;
    }
}
