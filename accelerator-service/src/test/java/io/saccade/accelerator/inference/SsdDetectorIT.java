package io.saccade.accelerator.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.accelerator.model.InferenceRuntime;
import io.saccade.accelerator.model.ModelCard;
import io.saccade.accelerator.model.Precision;
import io.saccade.accelerator.testing.FaceTruth;
import io.saccade.accelerator.testing.TestAssets;
import io.saccade.accelerator.testing.TestFrames;
import io.saccade.protocol.message.Box;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.time.NanoClock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SsdDetectorIT {
    /** darknet's dog.jpg (768x576): where the dog, the bicycle and the car are, as fractions of the picture. */
    private static final Map<String, Box> DOG_JPG = Map.of(
        "Dog", box(128, 224, 314, 540),
        "Bicycle", box(124, 122, 592, 450),
        "Car", box(468, 74, 686, 171));

    @ParameterizedTest
    @CsvSource({"onnxruntime, fp32", "tflite, fp32", "tflite, fp16"})
    void shouldFindTheDogTheBicycleAndTheCarInDarknetsDogPicture(final String runtime, final String precision)
        throws Exception {
        final ModelCard card = TestAssets.CATALOG.get("ssd-mobilenetv2-oidv4");
        try (Detector detector = open(card, EngineConfig.CPU.withRuntime(InferenceRuntime.of(runtime))
            .withPrecision(Precision.of(precision)))) {
            assertTrue(detector.engine().startsWith(runtime.equals("tflite") ? "SaccadeTFLite" : "OnnxRuntime"),
                detector.engine());
            final List<Detection> found = detector.detect(TestFrames.tensorOf(TestAssets.sample("dog.jpg"),
                card.input()));

            assertEquals(DOG_JPG.keySet(), found.stream().map(Detection::label).collect(Collectors.toSet()),
                found.toString());
            for (final Detection detection : found) {
                final float overlap = FaceTruth.iou(detection.box(), DOG_JPG.get(detection.label()));
                assertTrue(overlap >= 0.6f, detection + " overlaps the labelled box by IoU " + overlap);
            }
        }
    }

    @Test
    void shouldRunTheSsdOnOnnxRuntimeUnlessAskedOtherwise() throws Exception {
        final ModelCard card = TestAssets.CATALOG.get("ssd-mobilenetv2-oidv4");
        try (Detector detector = open(card, EngineConfig.CPU)) {
            assertTrue(detector.engine().startsWith("OnnxRuntime"), detector.engine());
            assertTrue(detector.engine().contains("converted from TFLite, 241 operators"), detector.engine());
            assertEquals(672_993_008L, detector.multiplyAdds().orElseThrow());
        }
    }

    @Test
    void shouldAnswerLikeTfLiteWhenConvertedToOnnx() throws Exception {
        final ModelCard card = TestAssets.CATALOG.get("ssd-mobilenetv2-oidv4");
        final EngineConfig settings = EngineConfig.CPU.withThreads(2);
        try (Detector tflite = open(card, settings.withRuntime(InferenceRuntime.TFLITE));
             Detector onnx = open(card, settings.withRuntime(InferenceRuntime.ONNXRUNTIME))) {
            for (final String picture : List.of("dog.jpg", "faces/2008_002506.jpg", "faces/2009_004587.jpg")) {
                final FrameTensor frame = TestFrames.tensorOf(TestAssets.sample(picture), card.input());
                final List<Detection> expected = tflite.detect(frame);
                final List<Detection> actual = onnx.detect(frame);

                assertEquals(expected.size(), actual.size(), picture + ": " + expected + " vs " + actual);
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(expected.get(i).label(), actual.get(i).label(), picture);
                    assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-3f, picture);
                    assertTrue(FaceTruth.iou(expected.get(i).box(), actual.get(i).box()) > 0.99f,
                        picture + ": " + expected.get(i) + " vs " + actual.get(i));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void shouldRunAlmostEveryOperatorOnXnnpack(final Precision precision) throws Exception {
        final ModelCard card = TestAssets.CATALOG.get("ssd-mobilenetv2-oidv4");
        try (Detector detector = open(card, EngineConfig.CPU.withRuntime(InferenceRuntime.TFLITE)
            .withPrecision(precision))) {
            final Matcher execution = Pattern.compile("XNNPACK (fp\\d+), (\\d+) of (\\d+) operators")
                .matcher(detector.engine());

            assertTrue(execution.find(), detector.engine());
            assertEquals(precision.toString(), execution.group(1));
            // 241 operators (144 of them fp16 -> fp32 weight conversions); TFLite keeps the two 6-way concatenations.
            assertEquals(241, Integer.parseInt(execution.group(3)), detector.engine());
            assertTrue(Integer.parseInt(execution.group(2)) >= 239, detector.engine());
            // 55 convolutions and 17 depthwise convolutions: 673 million multiply-adds at 300x300.
            assertEquals(672_993_008L, detector.multiplyAdds().orElseThrow());
        }
    }

    @ParameterizedTest
    @EnumSource(value = InferenceRuntime.class, names = {"TFLITE", "ONNXRUNTIME"})
    void shouldGiveTheSameAnswerOnEveryRunOfTheSameFrame(final InferenceRuntime runtime) throws Exception {
        final ModelCard card = TestAssets.CATALOG.get("ssd-mobilenetv2-oidv4");
        try (Detector detector = open(card, EngineConfig.CPU.withThreads(2).withRuntime(runtime))) {
            final FrameTensor frame = TestFrames.tensorOf(TestAssets.sample("dog.jpg"), card.input());
            final List<Detection> first = detector.detect(frame);

            for (int run = 0; run < 5; run++) {
                assertEquals(first, detector.detect(frame), "run " + run);
            }
        }
    }

    @Test
    void shouldRefuseFp16OnOnnxRuntime() {
        final ModelCard card = TestAssets.CATALOG.get("ssd-mobilenetv2-oidv4");

        final DetectorException refused = assertThrows(DetectorException.class, () -> open(card,
            EngineConfig.CPU.withRuntime(InferenceRuntime.ONNXRUNTIME).withPrecision(Precision.FP16)));
        assertTrue(refused.getMessage().contains("fp32 only"), refused.getMessage());
    }

    private static Detector open(final ModelCard card, final EngineConfig settings) throws Exception {
        return Detector.open(card, TestAssets.modelFile(card), TestAssets.labels(card), settings, NanoClock.system());
    }

    private static Box box(final float left, final float top, final float right, final float bottom) {
        return new Box(left / 768f, top / 576f, right / 768f, bottom / 576f);
    }
}
