package io.saccade.accelerator.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.saccade.accelerator.engine.tflite.TfLiteEngine;
import io.saccade.accelerator.engine.tflite.TfLiteToOnnx;
import io.saccade.accelerator.model.InferenceRuntime;
import io.saccade.accelerator.model.ModelCard;
import io.saccade.accelerator.model.ModelFormat;
import io.saccade.accelerator.model.Precision;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.time.NanoClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One loaded detector: a DJL model on the engine its card names, a predictor, and the post-processing head. Loading
 * (and warm-up) is slow and happens once at start-up; {@link #detect(FrameTensor)} is the per-frame call.
 * Not thread-safe: one frame in flight.
 */
public final class Detector implements FrameDetector, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Detector.class.getName());

    private final ModelCard card;
    private final Model model;
    private final Predictor<FrameTensor, List<Detection>> predictor;
    private final String engineDescription;
    private final long loadNanos;

    private Detector(final ModelCard card, final Model model, final Predictor<FrameTensor, List<Detection>> predictor,
                     final String engineName, final long loadNanos) {
        this.card = card;
        this.model = model;
        this.predictor = predictor;
        this.loadNanos = loadNanos;
        final Engine engine = Engine.getEngine(engineName);
        final String execution = model.getProperty(TfLiteEngine.EXECUTION);
        this.engineDescription = engine.getEngineName() + " " + engine.getVersion()
            + (execution == null ? "" : " (" + execution + ")");
    }

    /**
     * Loads the model on the runtime the settings ask for, or with {@link InferenceRuntime#AUTO} the fastest one
     * that runs it: a TFLite model in fp32 is converted to ONNX and run by ONNX Runtime (~1.8x faster than
     * XNNPACK on the SSD here), unless one of its operators does not convert; then it stays on TFLite, saying why.
     *
     * @param card      what to load.
     * @param modelFile the model file.
     * @param labels    class names by id.
     * @param settings  runtime, precision, threads and device.
     * @param clock     for the load time.
     * @return the detector.
     * @throws DetectorException naming the model and file when it cannot be loaded as asked.
     */
    public static Detector open(final ModelCard card, final Path modelFile, final List<String> labels,
                                final EngineConfig settings, final NanoClock clock) {
        final InferenceRuntime runtime = settings.runtime();
        final ModelFormat format = card.format();
        final boolean convert = format == ModelFormat.TFLITE && settings.precision() == Precision.FP32
            && runtime != InferenceRuntime.TFLITE;
        if (format == ModelFormat.TFLITE && runtime == InferenceRuntime.ONNXRUNTIME && !convert) {
            throw new DetectorException("model " + card.id() + " runs on ONNX Runtime in fp32 only, not "
                + settings.precision() + "; use runtime tflite for " + settings.precision());
        }
        if (format == ModelFormat.ONNX && runtime == InferenceRuntime.TFLITE
            || format == ModelFormat.OPENVINO && runtime != InferenceRuntime.AUTO) {
            throw new DetectorException("model " + card.id() + " is " + format.toString().toLowerCase(Locale.ROOT)
                + " and cannot run on runtime " + runtime);
        }
        if (!convert) {
            return load(card, modelFile, labels, Device.cpu(), options(card, format, settings), clock);
        }
        final long start = clock.nanoTime();
        final TfLiteToOnnx.Converted converted;
        try {
            converted = TfLiteToOnnx.convert(modelFile);
        } catch (final IllegalArgumentException ex) {
            if (runtime == InferenceRuntime.ONNXRUNTIME) {
                throw new DetectorException("model " + card.id() + " cannot run on ONNX Runtime: " + ex.getMessage(),
                    ex);
            }
            LOG.log(System.Logger.Level.INFO, "{0} runs on TFLite: {1}", card.id(), ex.getMessage());
            return load(card, modelFile, labels, Device.cpu(), options(card, format, settings), clock);
        }
        final Map<String, String> options = options(card, ModelFormat.ONNX, settings);
        return open(card, ModelFormat.ONNX.engineName(), Device.cpu(), "converted from " + modelFile, clock, start,
            model -> {
                model.load(new ByteArrayInputStream(converted.onnx()), options);
                model.setProperty(TfLiteEngine.EXECUTION, "converted from TFLite, " + converted.operators()
                    + " operators");
                model.setProperty(TfLiteEngine.MULTIPLY_ADDS, Long.toString(converted.multiplyAdds()));
            }, labels);
    }

    private static Map<String, String> options(final ModelCard card, final ModelFormat format,
                                               final EngineConfig settings) {
        try {
            return format.engineOptions(settings.threads(), settings.device(), settings.precision());
        } catch (final IllegalArgumentException ex) {
            throw new DetectorException("model " + card.id() + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Loads the model on the engine of its format, as it is.
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
        return open(card, card.format().engineName(), device, "from " + modelFile, clock, clock.nanoTime(),
            model -> model.load(modelFile, null, options), labels);
    }

    /** Loading a DJL model from somewhere. */
    private interface Loader {
        void load(Model model) throws IOException, MalformedModelException;
    }

    private static Detector open(final ModelCard card, final String engineName, final Device device,
                                 final String source, final NanoClock clock, final long start, final Loader loader,
                                 final List<String> labels) {
        final Model model;
        try {
            model = Model.newInstance(card.id(), device, engineName);
        } catch (final EngineException | IllegalArgumentException ex) {
            throw new DetectorException("engine " + engineName + " for model " + card.id()
                + " is not available: " + ex.getMessage(), ex);
        }
        try {
            loader.load(model);
            final DetectorTranslator translator = new DetectorTranslator(card.input(), card.newHead(labels),
                card.outputs());
            return new Detector(card, model, model.newPredictor(translator), engineName, clock.nanoTime() - start);
        } catch (final IOException | MalformedModelException | EngineException | IllegalArgumentException ex) {
            model.close();
            throw new DetectorException("cannot load model " + card.id() + " " + source + ": " + ex.getMessage(), ex);
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

    /** @return engine name and version, and how the engine runs the model when it says so. */
    public String engine() {
        return engineDescription;
    }

    /**
     * @return multiply-adds of one inference in the model's convolutions and fully connected layers, when the
     *         engine counts them (TFLite); empty otherwise.
     */
    public OptionalLong multiplyAdds() {
        final String count = model.getProperty(TfLiteEngine.MULTIPLY_ADDS);
        return count == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(count));
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
