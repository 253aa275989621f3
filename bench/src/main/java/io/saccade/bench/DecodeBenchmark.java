package io.saccade.bench;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import io.saccade.preprocess.decode.JpegDecoder;
import io.saccade.preprocess.decode.TensorConverter;
import io.saccade.preprocess.decode.ThumbnailConverter;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.robot.encode.JpegEncoder;
import io.saccade.robot.source.SyntheticFrameSource;
import io.saccade.runtime.telemetry.Hardware;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/** The decode stage's cost per frame: JPEG decode, then each tensor and the thumbnail, with the real classes. */
final class DecodeBenchmark {
    private static final InputSpec SSD_FP16 = InputSpec.parse("300x300:rgb:nhwc:f16:stretch:mean=127.5:std=127.5");
    private static final InputSpec SSD_F32 = InputSpec.parse("300x300:rgb:nhwc:f32:stretch:mean=127.5:std=127.5");
    private static final InputSpec FACE = InputSpec.parse("128x128:rgb:nhwc:f32:stretch:mean=127.5:std=127.5");
    private static final InputSpec PLANAR = InputSpec.parse("300x300:bgr:nchw:f16:letterbox:mean=104,117,123:std=58");

    private final int frames;
    private final Path jpegFile;

    DecodeBenchmark(final int frames, final Path jpegFile) {
        this.frames = frames;
        this.jpegFile = jpegFile;
    }

    void run() throws IOException {
        final byte[] jpeg = jpegFile == null ? texturedFrame() : Files.readAllBytes(jpegFile);
        try (JpegDecoder decoder = new JpegDecoder(jpeg.length);
             TensorConverter ssdFp16 = new TensorConverter(SSD_FP16);
             TensorConverter ssdF32 = new TensorConverter(SSD_F32);
             TensorConverter face = new TensorConverter(FACE);
             TensorConverter planar = new TensorConverter(PLANAR);
             ThumbnailConverter thumbnail = new ThumbnailConverter(80, 60);
             Arena arena = Arena.ofConfined()) {
            final Mat probe = decoder.decode(jpeg, jpeg.length);
            System.out.printf("## Decode and preprocess: one %dx%d JPEG of %d bytes (%s)%n%n", probe.cols(),
                probe.rows(), jpeg.length, jpegFile == null ? "synthetic, textured, quality 80" : jpegFile);
            final MemorySegment out = arena.allocate(SSD_F32.tensorBytes(), 64);
            final Histogram decode = Percentiles.nanos();
            final Histogram[] converts = {Percentiles.nanos(), Percentiles.nanos(), Percentiles.nanos(),
                Percentiles.nanos(), Percentiles.nanos()};
            final Histogram total = Percentiles.nanos();
            final TensorConverter[] tensors = {ssdFp16, ssdF32, face, planar};
            final long[] elapsed = new long[converts.length];
            for (int frame = -300; frame < frames; frame++) {
                final long start = System.nanoTime();
                final Mat bgr = decoder.decode(jpeg, jpeg.length);
                final long decodeNanos = System.nanoTime() - start;
                for (int i = 0; i < tensors.length; i++) {
                    final long before = System.nanoTime();
                    tensors[i].convert(bgr, out);
                    elapsed[i] = System.nanoTime() - before;
                }
                final long before = System.nanoTime();
                thumbnail.convert(bgr, out);
                elapsed[4] = System.nanoTime() - before;
                if (frame >= 0) {
                    decode.recordValue(decodeNanos);
                    for (int i = 0; i < converts.length; i++) {
                        converts[i].recordValue(elapsed[i]);
                    }
                    total.recordValue(decodeNanos + elapsed[0] + elapsed[4]);
                }
            }
            System.out.println("| step | p50 ms | p99 ms |");
            System.out.println("|---|---|---|");
            line("JPEG decode (OpenCV, libjpeg-turbo)", decode);
            line("to 300x300 RGB fp16, normalised (SSD)", converts[0]);
            line("to 300x300 RGB fp32, normalised", converts[1]);
            line("to 128x128 RGB fp32, normalised (BlazeFace)", converts[2]);
            line("to 300x300 BGR fp16 planar, letterbox, per-channel mean/std", converts[3]);
            line("80x60 grey thumbnail", converts[4]);
            line("total for decode + SSD fp16 + thumbnail", total);
        }
        System.out.println("\nHardware: " + Hardware.describe());
    }

    private static void line(final String step, final Histogram histogram) {
        System.out.printf("| %s | %s | %s |%n", step, Percentiles.millis(histogram, 50),
            Percentiles.millis(histogram, 99));
    }

    /** A 640x480 frame with the synthetic scene over blurred noise, which compresses like a camera image. */
    private static byte[] texturedFrame() {
        try (SyntheticFrameSource scene = new SyntheticFrameSource(640, 480, () -> 0L);
             JpegEncoder encoder = new JpegEncoder(640, 480, 80);
             Mat image = new Mat();
             Mat noise = new Mat(480, 640, CV_8UC3)) {
            scene.render(7, image);
            final byte[] grain = new byte[640 * 480 * 3];
            final java.util.Random random = new java.util.Random(5);
            for (int i = 0; i < grain.length; i++) {
                grain[i] = (byte)random.nextInt(64);
            }
            noise.data().put(grain);
            GaussianBlur(noise, noise, new Size(3, 3), 0);
            org.bytedeco.opencv.global.opencv_core.add(image, noise, image);
            final int length = encoder.encode(image);
            return java.util.Arrays.copyOf(encoder.bytes(), length);
        }
    }
}
