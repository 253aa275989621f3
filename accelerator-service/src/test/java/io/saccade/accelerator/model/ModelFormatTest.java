package io.saccade.accelerator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelFormatTest {
    @Test
    void shouldHandTheTfLiteEngineItsPrecision() {
        assertEquals(Map.of("threads", "2", "precision", "fp16"), ModelFormat.TFLITE.engineOptions(2, "CPU",
            Precision.FP16));
        assertEquals(Map.of("intraOpNumThreads", "1", "interOpNumThreads", "1"), ModelFormat.ONNX.engineOptions(1,
            "CPU", Precision.FP32));
    }

    @Test
    void shouldRefuseHalfPrecisionWhereTheEngineChoosesItsOwn() {
        for (final ModelFormat format : new ModelFormat[] {ModelFormat.ONNX, ModelFormat.OPENVINO}) {
            final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> format.engineOptions(1, "CPU", Precision.FP16));
            assertTrue(refused.getMessage().contains("fp16 is for TFLite models"), refused.getMessage());
        }
    }

    @Test
    void shouldReadNamesInAnyCaseAndListTheKnownOnesOtherwise() {
        assertEquals(Precision.FP16, Precision.of(" FP16 "));
        assertEquals(InferenceRuntime.ONNXRUNTIME, InferenceRuntime.of("onnxruntime"));

        assertEquals("precision must be one of fp32, fp16, got 'fp8'",
            assertThrows(IllegalArgumentException.class, () -> Precision.of("fp8")).getMessage());
        assertEquals("runtime must be one of auto, tflite, onnxruntime, got 'null'",
            assertThrows(IllegalArgumentException.class, () -> InferenceRuntime.of(null)).getMessage());
    }
}
