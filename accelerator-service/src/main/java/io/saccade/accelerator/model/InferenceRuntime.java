package io.saccade.accelerator.model;

import java.util.Locale;

/** Which runtime runs a model whose format more than one can run. */
public enum InferenceRuntime {
    /**
     * The fastest that runs the model as asked: a TFLite model in fp32 is converted to ONNX for ONNX Runtime when
     * every operator converts, and stays on TFLite otherwise (and in fp16); other formats run on their own engine.
     */
    AUTO,
    /** TFLite models on Saccade's TFLite engine (XNNPACK). */
    TFLITE,
    /** ONNX models, and TFLite models converted to ONNX (fp32 only; refused when an operator does not convert). */
    ONNXRUNTIME;

    /**
     * @param name {@code auto}, {@code tflite} or {@code onnxruntime}, any case.
     * @return the runtime.
     * @throws IllegalArgumentException listing the names when there is no such runtime.
     */
    public static InferenceRuntime of(final String name) {
        return Names.parse(InferenceRuntime.class, "runtime", name);
    }

    /** @return the name as options and flags spell it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
