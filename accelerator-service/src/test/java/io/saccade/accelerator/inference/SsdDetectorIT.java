package io.saccade.accelerator.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.saccade.accelerator.model.ModelCard;
import io.saccade.accelerator.testing.FaceTruth;
import io.saccade.accelerator.testing.TestAssets;
import io.saccade.accelerator.testing.TestFrames;
import io.saccade.protocol.message.Box;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.time.NanoClock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SsdDetectorIT {
    /** darknet's dog.jpg (768x576): where the dog, the bicycle and the car are, as fractions of the picture. */
    private static final Map<String, Box> DOG_JPG = Map.of(
        "Dog", box(128, 224, 314, 540),
        "Bicycle", box(124, 122, 592, 450),
        "Car", box(468, 74, 686, 171));

    @Test
    void shouldFindTheDogTheBicycleAndTheCarInDarknetsDogPicture() throws Exception {
        final ModelCard card = TestAssets.CATALOG.get("ssd-mobilenetv2-oidv4");
        try (Detector detector = Detector.load(card, TestAssets.modelFile(card), TestAssets.labels(card),
            Device.cpu(), Map.of("threads", 1), NanoClock.system())) {
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
    void shouldGiveTheSameAnswerOnEveryRunOfTheSameFrame() throws Exception {
        final ModelCard card = TestAssets.CATALOG.get("ssd-mobilenetv2-oidv4");
        try (Detector detector = Detector.load(card, TestAssets.modelFile(card), TestAssets.labels(card),
            Device.cpu(), Map.of("threads", 2), NanoClock.system())) {
            final FrameTensor frame = TestFrames.tensorOf(TestAssets.sample("dog.jpg"), card.input());
            final List<Detection> first = detector.detect(frame);

            for (int run = 0; run < 5; run++) {
                assertEquals(first, detector.detect(frame), "run " + run);
            }
        }
    }

    private static Box box(final float left, final float top, final float right, final float bottom) {
        return new Box(left / 768f, top / 576f, right / 768f, bottom / 576f);
    }
}
