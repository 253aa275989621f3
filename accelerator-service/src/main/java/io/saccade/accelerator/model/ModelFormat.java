package io.saccade.accelerator.model;

import io.saccade.accelerator.engine.tflite.TfLiteEngine;

/** A model file format and the DJL engine that runs it. */
public enum ModelFormat {
    /** TensorFlow Lite flat buffer, run by Saccade's own TFLite engine (XNNPACK). */
    TFLITE(TfLiteEngine.ENGINE_NAME),
    /** ONNX, run by DJL's ONNX Runtime engine. */
    ONNX("OnnxRuntime"),
    /** OpenVINO IR ({@code .xml} + {@code .bin}) or ONNX, run by Saccade's OpenVINO engine. */
    OPENVINO("SaccadeOpenVINO");

    private final String engineName;

    ModelFormat(final String engineName) {
        this.engineName = engineName;
    }

    /** @return the DJL engine name. */
    public String engineName() {
        return engineName;
    }
}
