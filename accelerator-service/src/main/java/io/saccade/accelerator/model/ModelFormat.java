package io.saccade.accelerator.model;

import io.saccade.accelerator.engine.openvino.OpenVinoEngine;
import io.saccade.accelerator.engine.tflite.TfLiteEngine;
import java.util.Map;

/** A model file format and the DJL engine that runs it. */
public enum ModelFormat {
    /** TensorFlow Lite flat buffer, run by Saccade's own TFLite engine (XNNPACK). */
    TFLITE(TfLiteEngine.ENGINE_NAME),
    /** ONNX, run by DJL's ONNX Runtime engine. */
    ONNX("OnnxRuntime"),
    /** OpenVINO IR ({@code .xml} + {@code .bin}) or ONNX, run by Saccade's OpenVINO engine. */
    OPENVINO(OpenVinoEngine.ENGINE_NAME);

    private final String engineName;

    ModelFormat(final String engineName) {
        this.engineName = engineName;
    }

    /**
     * @param threads   inference threads.
     * @param device    device name (OpenVINO only; the others run on the CPU).
     * @param precision arithmetic of the CPU engine; only TFLite models can run in {@link Precision#FP16}.
     * @return the options {@code Model.load} takes for this engine, as strings (ONNX Runtime requires that).
     * @throws IllegalArgumentException when the engine cannot run in that precision.
     */
    public Map<String, String> engineOptions(final int threads, final String device, final Precision precision) {
        if (precision != Precision.FP32 && this != TFLITE) {
            throw new IllegalArgumentException(engineName + " runs models in the precision the model and device "
                + "define; precision " + precision + " is for TFLite models (XNNPACK)");
        }
        return switch (this) {
            case TFLITE -> Map.of("threads", Integer.toString(threads), "precision", precision.toString());
            case ONNX -> Map.of("intraOpNumThreads", Integer.toString(threads), "interOpNumThreads", "1");
            case OPENVINO -> Map.of("device", device, "threads", Integer.toString(threads));
        };
    }

    /** @return the DJL engine name. */
    public String engineName() {
        return engineName;
    }
}
