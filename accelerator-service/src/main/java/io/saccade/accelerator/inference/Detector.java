package io.saccade.accelerator.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.saccade.accelerator.model.ModelCard;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.time.NanoClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One loaded detector: a DJL model on the engine its card names, a predictor, and the post-processing head. Loading
 * (and warm-up) is slow and happens once at start-up; {@link #detect(FrameTensor)} is the per-frame call.
 * Not thread-safe: one frame in flight.
 */
public final class Detector implements FrameDetector, AutoCloseable {
    private final ModelCard card;
    private final Model model;
    private final Predictor<FrameTensor, List<Detection>> predictor;
    private final String engineDescription;
    private final long loadNanos;

    private Detector(final ModelCard card, final Model model, final Predictor<FrameTensor, List<Detection>> predictor,
                     final long loadNanos) {
        this.card = card;
        this.model = model;
        this.predictor = predictor;
        this.loadNanos = loadNanos;
        final Engine engine = Engine.getEngine(card.format().engineName());
        this.engineDescription = engine.getEngineName() + " " + engine.getVersion();
    }

    /**
     * Loads the model and compiles it for the device.
     *
     * @param card      what to load.
     * @param modelFile the model file.
     * @param labels    class names by id.
     * @param device    DJL device ({@code cpu()} for the CPU engines).
     * @param options   engine options, e.g. {@code threads} for TFLite, {@code intraOpNumThreads} for ONNX Runtime,
     *                  {@code device} for OpenVINO.
     * @param clock     for the load time.
     * @return the detector.
     * @throws DetectorException naming the model and file when the engine or the model cannot be loaded.
     */
    public static Detector load(final ModelCard card, final Path modelFile, final List<String> labels,
                                final Device device, final Map<String, ?> options, final NanoClock clock) {
        final long start = clock.nanoTime();
        final Model model;
        try {
            model = Model.newInstance(card.id(), device, card.format().engineName());
        } catch (final EngineException | IllegalArgumentException ex) {
            throw new DetectorException("engine " + card.format().engineName() + " for model " + card.id()
                + " is not available: " + ex.getMessage(), ex);
        }
        try {
            model.load(modelFile, null, options);
            final DetectorTranslator translator = new DetectorTranslator(card.input(), card.newHead(labels),
                card.outputs());
            return new Detector(card, model, model.newPredictor(translator), clock.nanoTime() - start);
        } catch (final IOException | MalformedModelException | EngineException | IllegalArgumentException ex) {
            model.close();
            throw new DetectorException("cannot load model " + card.id() + " from " + modelFile + ": "
                + ex.getMessage(), ex);
        }
    }

    /**
     * @param frame the frame's tensor.
     * @return what the model found, best first.
     * @throws DetectorException when inference fails.
     */
    @Override
    public List<Detection> detect(final FrameTensor frame) {
        try {
            return predictor.predict(frame);
        } catch (final TranslateException | EngineException ex) {
            throw new DetectorException("model " + card.id() + " failed on a frame: " + ex.getMessage(), ex);
        }
    }

    /** @return engine name and version. */
    public String engine() {
        return engineDescription;
    }

    /** @return how long loading took. */
    public long loadNanos() {
        return loadNanos;
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
