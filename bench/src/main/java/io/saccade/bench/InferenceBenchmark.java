package io.saccade.bench;

import io.saccade.accelerator.assets.AssetException;
import io.saccade.accelerator.assets.AssetManifest;
import io.saccade.accelerator.assets.AssetStore;
import io.saccade.accelerator.inference.Detector;
import io.saccade.accelerator.inference.DetectorException;
import io.saccade.accelerator.inference.EngineConfig;
import io.saccade.accelerator.inference.FrameTensor;
import io.saccade.accelerator.model.InferenceRuntime;
import io.saccade.accelerator.model.ModelCard;
import io.saccade.accelerator.model.ModelCatalog;
import io.saccade.accelerator.model.ModelFormat;
import io.saccade.accelerator.model.Precision;
import io.saccade.accelerator.service.AcceleratorAgent;
import io.saccade.os.futex.FutexWordSignal;
import io.saccade.preprocess.decode.JpegDecoder;
import io.saccade.preprocess.decode.TensorConverter;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.ring.FrameStamp;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.RingSource;
import io.saccade.protocol.ring.SlotRingWriter;
import io.saccade.protocol.ring.WordSignal;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.agent.AgentRunner;
import io.saccade.runtime.telemetry.Hardware;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Per model, runtime and precision (TFLite models also converted for ONNX Runtime): load time, inference time with 1
 * and 2 threads, the arithmetic rate against the
 * core's measured peak, and slot written -> result ready to publish (copy out of the ring, validate, infer, decode,
 * encode the JSON) through the service's own agent.
 * <p>
 * Large because it measures every model on every runtime it can load, with the same frame and the same table.
 */
final class InferenceBenchmark {
    private static final Map<String, String> IMAGES = Map.of("ssd-mobilenetv2-oidv4", "dog.jpg",
        "face-full-range", "faces/2008_002470.jpg", "face-front-128", "faces/Tom_Cruise_avp_2014_4.jpg");
    private static final int WARM_UP = 10;
    private static final int PEAK_TRIALS = 12;

    private final int runs;
    private final AssetStore assets = new AssetStore(AssetStore.defaultRoot(System.getenv()), AssetManifest.bundled());
    private final NanoClock clock = NanoClock.system();
    private final List<String> notRun = new ArrayList<>();
    private double peakGflops;

    InferenceBenchmark(final int runs) {
        this.runs = runs;
    }

    void run() throws Exception {
        final ModelCatalog catalog = ModelCatalog.load(null);
        peakGflops = FmaPeak.gflops(PEAK_TRIALS);
        System.out.printf("## Inference: %d runs per row after %d warm-up runs, real images%n%n", runs, WARM_UP);
        System.out.printf("One core's single-precision peak, measured: %.1f GFLOP/s (%d-bit fused multiply-adds, "
            + "best of %d runs of ten independent chains).%n%n", peakGflops, FmaPeak.vectorBits(), PEAK_TRIALS);
        System.out.println("| model | engine | precision | threads | load ms | p50 ms | p99 ms | GFLOP/s at p50 "
            + "| of peak | slot -> result p50 ms | p99 ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (final String id : IMAGES.keySet().stream().sorted().toList()) {
            final ModelCard card = catalog.get(id);
            final FrameTensor frame = tensorOf(assets.sample(IMAGES.get(id)), card);
            for (final EngineConfig variant : variants(card)) {
                for (final int threads : new int[] {1, 2}) {
                    try {
                        row(card, frame, variant.withThreads(threads));
                    } catch (final DetectorException ex) {
                        notRun.add(card.id() + " on " + variant.runtime() + " " + variant.precision() + ": "
                            + ex.getMessage());
                        break;
                    }
                }
            }
        }
        notRun.forEach(reason -> System.out.println("\nNot run: " + reason));
        System.out.println("\nGFLOP/s: the multiply-adds of the model's convolutions and fully connected layers "
            + "(counted from the graph, TFLite models) x 2 over the median time; of peak: over the peak above times "
            + "the threads. slot -> result: a frame written to a tensor ring (tmpfs) every 1.5x the median "
            + "inference time, read by the service's AcceleratorAgent (futex wake-up, copy, seqlock check, "
            + "inference, post-processing, JSON); the MQTT send itself is not included.");
        System.out.println("Hardware: " + Hardware.describe());
    }

    /** TFLite models: converted for ONNX Runtime, and on TFLite in both precisions; the others as they are. */
    private static List<EngineConfig> variants(final ModelCard card) {
        final EngineConfig onnx = EngineConfig.CPU.withRuntime(InferenceRuntime.ONNXRUNTIME);
        if (card.format() != ModelFormat.TFLITE) {
            return List.of(EngineConfig.CPU);
        }
        final EngineConfig tflite = EngineConfig.CPU.withRuntime(InferenceRuntime.TFLITE);
        return List.of(onnx, tflite, tflite.withPrecision(Precision.FP16));
    }

    private void row(final ModelCard card, final FrameTensor frame, final EngineConfig settings) throws Exception {
        final int threads = settings.threads();
        try (Detector detector = load(card, settings)) {
            final Histogram inference = Percentiles.nanos();
            for (int run = -WARM_UP; run < runs; run++) {
                final long start = clock.nanoTime();
                detector.detect(frame);
                if (run >= 0) {
                    inference.recordValue(clock.nanoTime() - start);
                }
            }
            final long median = inference.getValueAtPercentile(50);
            final Histogram slotToResult = slotToResult(card, detector, frame, median * 3 / 2);
            final OptionalLong multiplyAdds = detector.multiplyAdds();
            final double gflops = multiplyAdds.isPresent() ? 2.0 * multiplyAdds.getAsLong() / median : 0;
            System.out.printf("| %s | %s | %s | %d | %d | %s | %s | %s | %s | %s | %s |%n", card.id(),
                detector.engine(), settings.precision(), threads, TimeUnit.NANOSECONDS.toMillis(detector.loadNanos()),
                Percentiles.millis(inference, 50), Percentiles.millis(inference, 99),
                multiplyAdds.isPresent() ? String.format("%.1f", gflops) : "-",
                multiplyAdds.isPresent() ? String.format("%.0f %%", 100 * gflops / (threads * peakGflops)) : "-",
                Percentiles.millis(slotToResult, 50), Percentiles.millis(slotToResult, 99));
        }
    }

    private Histogram slotToResult(final ModelCard card, final Detector detector, final FrameTensor frame,
                                   final long periodNanos) throws Exception {
        final Path dir = Files.createTempDirectory(Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm")
            : Path.of(System.getProperty("java.io.tmpdir")), "saccade-bench-");
        final Path ring = dir.resolve("tensor.ring");
        final WordSignal signal = FutexWordSignal.forThisPlatform();
        final Histogram latency = Percentiles.nanos();
        final MessageCodec codec = new MessageCodec();
        final int frames = Math.max(20, runs / 2);
        try (SlotRingWriter writer = SlotRingWriter.open(ring, RingKind.TENSOR, card.input(), 3,
            card.input().tensorBytes(), signal, clock)) {
            final AcceleratorAgent agent = new AcceleratorAgent(new RingSource(ring, RingKind.TENSOR, signal,
                1_000_000), detector,
                new FrameTensor(card.input()), result -> record(result, codec, latency),
                new AcceleratorAgent.Identity(card.id(), "bench", "CPU"), clock);
            final AgentRunner reader = AgentRunner.builder(agent).clock(clock).start();
            final MemorySegment source = MemorySegment.ofBuffer(frame.tensor());
            for (long seq = 1; seq <= frames; seq++) {
                final long next = clock.nanoTime() + periodNanos;
                MemorySegment.copy(source, 0, writer.claim(), 0, source.byteSize());
                final long now = clock.nanoTime();
                writer.publish(new FrameStamp().set(1, seq, now, frame.frameWidth(), frame.frameHeight())
                    .frameReadyAtNanos(now), card.input().tensorBytes());
                while (clock.nanoTime() < next) {
                    LockSupport.parkNanos(next - clock.nanoTime());
                }
            }
            reader.close();
        } finally {
            Files.deleteIfExists(ring);
            Files.deleteIfExists(dir);
        }
        return latency;
    }

    private boolean record(final InferenceResult result, final MessageCodec codec, final Histogram latency) {
        codec.encode(result);
        latency.recordValue(clock.nanoTime() - result.timings().slotWrittenAtNanos());
        return true;
    }

    private Detector load(final ModelCard card, final EngineConfig settings) throws AssetException, IOException {
        final Path file = assets.model(card.file());
        final List<String> labels = card.labelsFile() == null ? card.labels()
            : Files.readAllLines(assets.model(card.labelsFile()));
        return Detector.open(card, file, labels, settings, clock);
    }

    private static FrameTensor tensorOf(final Path image, final ModelCard card) throws IOException {
        final byte[] jpeg = Files.readAllBytes(image);
        final FrameTensor tensor = new FrameTensor(card.input());
        try (JpegDecoder decoder = new JpegDecoder(jpeg.length);
             TensorConverter converter = new TensorConverter(card.input())) {
            final Mat bgr = decoder.decode(jpeg, jpeg.length);
            converter.convert(bgr, MemorySegment.ofBuffer(tensor.tensor()));
            return tensor.frameSize(bgr.cols(), bgr.rows());
        }
    }
}
