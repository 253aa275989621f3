package io.saccade.robot.source;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import io.saccade.protocol.time.NanoClock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.OpenCVFrameGrabber;

/** Opens the {@link FrameSource} a {@link SourceSpec} names. */
public final class FrameSources {
    private static final int STREAM_TIMEOUT_MICROS = 5_000_000;

    private FrameSources() {
    }

    /**
     * @param spec   which source.
     * @param width  frame width a camera is asked for and synthetic frames have.
     * @param height frame height a camera is asked for and synthetic frames have.
     * @param fps    frame rate a camera is asked for.
     * @param loop   whether a video file starts over at its end.
     * @param clock  stamps capture times.
     * @return the open source; live sources come drained, newest frame first.
     * @throws FrameSourceException naming the source when it cannot be opened.
     */
    public static FrameSource open(final SourceSpec spec, final int width, final int height, final int fps,
                                   final boolean loop, final NanoClock clock) throws FrameSourceException {
        av_log_set_level(AV_LOG_ERROR);
        return switch (spec.kind()) {
            case SYNTHETIC -> new SyntheticFrameSource(width, height, clock);
            case FILE -> openFile(Path.of(spec.location()), loop, clock);
            case CAMERA -> new LatestFrameSource(openCamera(spec, width, height, fps, clock), clock);
            case STREAM -> new LatestFrameSource(openStream(spec.location(), clock), clock);
        };
    }

    private static FrameSource openFile(final Path file, final boolean loop, final NanoClock clock)
        throws FrameSourceException {
        if (!Files.isReadable(file)) {
            throw new FrameSourceException("video file " + file.toAbsolutePath() + " does not exist or is unreadable",
                null);
        }
        return new GrabberFrameSource(new FFmpegFrameGrabber(file.toFile()), "file:" + file, false, loop, clock);
    }

    private static FrameSource openCamera(final SourceSpec spec, final int width, final int height, final int fps,
                                          final NanoClock clock) throws FrameSourceException {
        final int index = spec.cameraIndex();
        if (!Files.exists(Path.of("/dev/video" + index))) {
            throw new FrameSourceException("camera /dev/video" + index + " does not exist (is it plugged in, and is "
                + "/dev/video" + index + " mapped into this container?)", null);
        }
        final OpenCVFrameGrabber grabber = new OpenCVFrameGrabber(index);
        grabber.setImageWidth(width);
        grabber.setImageHeight(height);
        grabber.setFrameRate(fps);
        return new GrabberFrameSource(grabber, "camera:/dev/video" + index, true, false, clock);
    }

    private static FrameSource openStream(final String url, final NanoClock clock) throws FrameSourceException {
        final FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url);
        grabber.setOption("rw_timeout", Integer.toString(STREAM_TIMEOUT_MICROS));
        grabber.setOption("fflags", "nobuffer");
        grabber.setOption("flags", "low_delay");
        if (url.startsWith("rtsp")) {
            grabber.setOption("rtsp_transport", "tcp");
        }
        return new GrabberFrameSource(grabber, url, true, false, clock);
    }
}
