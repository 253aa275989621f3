package io.saccade.accelerator.service;

import io.saccade.accelerator.inference.Detector;
import io.saccade.accelerator.inference.DetectorException;
import io.saccade.accelerator.inference.FrameDetector;
import io.saccade.accelerator.inference.FrameTensor;
import io.saccade.accelerator.model.ModelCard;
import io.saccade.accelerator.model.ModelFormat;
import io.saccade.os.cpu.CoreClass;
import io.saccade.os.cpu.CpuSet;
import io.saccade.os.cpu.CpuTopology;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.time.NanoClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The service's model, loaded on its engine and warmed up: what the inference agent runs (slowed by the configured
 * added latency, to emulate a slower accelerator), the device it names in results, and the cores its thread is
 * pinned to.
 */
final class LoadedModel implements AutoCloseable {
    private final Detector detector;
    private final long readyNanos;
    private final String device;
    private final CpuSet cores;
    private final long addedNanos;

    private LoadedModel(final Detector detector, final long readyNanos, final String device, final CpuSet cores,
                        final long addedNanos) {
        this.detector = detector;
        this.readyNanos = readyNanos;
        this.device = device;
        this.cores = cores;
        this.addedNanos = addedNanos;
    }

    /**
     * @param config the settings.
     * @return the device results name: the configured one, when the model's format can run there.
     * @throws AcceleratorStartException when the model runs on the CPU only and another device is configured.
     */
    static String device(final AcceleratorConfig config, final ModelCard card) {
        if (card.format() != ModelFormat.OPENVINO && !config.engine().onCpu()) {
            throw new AcceleratorStartException("model " + card.id() + " is " + card.format()
                + ", which runs on the CPU only; engine.device must be CPU, not " + config.engine().device(), null);
        }
        return config.engine().device().toUpperCase(Locale.ROOT);
    }

    /**
     * Loads, compiles and warms the model up.
     *
     * @param config the settings.
     * @param card   the model.
     * @param files  where its files are.
     * @param clock  times loading and warming up.
     * @return the model, ready to run.
     * @throws IOException               when its files cannot be read.
     * @throws AcceleratorStartException when the engine refuses it.
     */
    static LoadedModel load(final AcceleratorConfig config, final ModelCard card, final ModelFiles files,
                            final NanoClock clock) throws IOException {
        final String device = device(config, card);
        final Path modelFile = files.modelFile(card);
        final Detector detector;
        try {
            detector = Detector.open(card, modelFile, files.labels(card), config.engine().settings(), clock);
        } catch (final DetectorException ex) {
            throw new AcceleratorStartException(ex.getMessage() + " (model file " + modelFile + ")", ex);
        }
        try {
            final FrameTensor blank = new FrameTensor(card.input()).frameSize(card.input().width(),
                card.input().height());
            final long start = clock.nanoTime();
            for (int run = 0; run < config.engine().warmUpRuns(); run++) {
                detector.detect(blank);
            }
            return new LoadedModel(detector, detector.loadNanos() + clock.nanoTime() - start, device,
                cores(config), TimeUnit.MILLISECONDS.toNanos(config.engine().addedLatencyMillis()));
        } catch (final RuntimeException ex) {
            detector.close();
            throw ex;
        }
    }

    private static CpuSet cores(final AcceleratorConfig config) {
        final String cores = config.engine().cores();
        final CpuTopology topology = CpuTopology.read();
        if ("auto".equals(cores)) {
            return topology.cores(config.engine().onCpu() ? CoreClass.BIG : CoreClass.LITTLE);
        }
        return topology.select(cores);
    }

    /** @return what the inference agent runs: the detector, then the added latency when there is one. */
    FrameDetector detector() {
        return addedNanos == 0 ? detector : frame -> {
            final List<Detection> found = detector.detect(frame);
            LockSupport.parkNanos(addedNanos);
            return found;
        };
    }

    /** @return loading and warming up took this long. */
    long readyMillis() {
        return TimeUnit.NANOSECONDS.toMillis(readyNanos);
    }

    /** @return the device results name. */
    String device() {
        return device;
    }

    /** @return the cores the inference thread is pinned to. */
    CpuSet cores() {
        return cores;
    }

    /** @return the engine, name and version. */
    String engine() {
        return detector.engine();
    }

    @Override
    public void close() {
        detector.close();
    }
}
