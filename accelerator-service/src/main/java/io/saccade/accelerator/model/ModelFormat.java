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
     * @param threads inference threads.
     * @param device  device name (OpenVINO only; the others run on the CPU).
     * @return the options {@code Model.load} takes for this engine, as strings (ONNX Runtime requires that).
     */
    public Map<String, String> engineOptions(final int threads, final String device) {
        return switch (this) {
            case TFLITE -> Map.of("threads", Integer.toString(threads));
            case ONNX -> Map.of("intraOpNumThreads", Integer.toString(threads), "interOpNumThreads", "1");
            case OPENVINO -> Map.of("device", device, "threads", Integer.toString(threads));
        };
    }

    /** @return the DJL engine name. */
    public String engineName() {
        return engineName;
    }
}
