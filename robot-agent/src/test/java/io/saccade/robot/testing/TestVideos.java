package io.saccade.robot.testing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;

import io.saccade.robot.source.SyntheticFrameSource;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/** Writes small MJPEG videos of synthetic frames, so file and stream sources are tested without downloads. */
public final class TestVideos {
    private TestVideos() {
    }

    /**
     * @param file   where to write an AVI.
     * @param frames how many frames.
     * @param width  frame width.
     * @param height frame height.
     * @return the file.
     * @throws Exception when FFmpeg cannot write it.
     */
    public static Path write(final Path file, final int frames, final int width, final int height) throws Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height);
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
             SyntheticFrameSource source = new SyntheticFrameSource(width, height, () -> 0L);
             Mat image = new Mat()) {
            recorder.setFormat("avi");
            recorder.setVideoCodec(AV_CODEC_ID_MJPEG);
            recorder.setPixelFormat(AV_PIX_FMT_YUVJ420P);
            recorder.setFrameRate(30);
            recorder.start();
            for (int index = 0; index < frames; index++) {
                source.render(index, image);
                recorder.record(converter.convert(image));
            }
            recorder.stop();
        }
        return file;
    }
}
