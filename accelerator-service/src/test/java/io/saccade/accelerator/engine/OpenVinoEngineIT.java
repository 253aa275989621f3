package io.saccade.accelerator.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.saccade.accelerator.inference.Detector;
import io.saccade.accelerator.inference.DetectorException;
import io.saccade.accelerator.model.ModelCard;
import io.saccade.accelerator.model.ModelFormat;
import io.saccade.accelerator.model.Precision;
import io.saccade.accelerator.testing.TestAssets;
import io.saccade.openvino.OpenVino;
import io.saccade.openvino.OpenVinoUnavailableException;
import io.saccade.protocol.time.NanoClock;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The OpenVINO engine through DJL. The binding's calling convention is checked against a C stub in native/; here,
 * on a node without the runtime, asking for an OpenVINO model must fail at start-up with a message that says so.
 * Where a runtime is installed (SACCADE_OPENVINO_LIB or the usual places) the face model runs on its CPU device.
 */
class OpenVinoEngineIT {
    private static final ModelCard FACE = TestAssets.CATALOG.get("face-front-128");
    private static final ModelCard FACE_ON_OPENVINO = new ModelCard("face-front-128-openvino", FACE.file(),
        ModelFormat.OPENVINO, FACE.input(), FACE.labels(), FACE.anchors(), FACE.boxes(), FACE.scores(), FACE.nms(),
        FACE.outputs());

    @Test
    void shouldRefuseToStartAnOpenVinoModelWhereThereIsNoRuntimeSayingWhy() {
        Assumptions.assumeFalse(runtimePresent(), "an OpenVINO runtime is installed here");

        final DetectorException refused = assertThrows(DetectorException.class, () -> load());

        assertTrue(refused.getMessage().contains("no OpenVINO runtime on this node"), refused.getMessage());
        assertTrue(refused.getMessage().contains("face-front-128-openvino"), refused.getMessage());
    }

    @Test
    void shouldFindTheFaceWithOpenVinoWhereTheRuntimeIsInstalled() throws Exception {
        Assumptions.assumeTrue(runtimePresent(), "no OpenVINO runtime on this machine");
        try (Detector detector = load()) {
            assertTrue(detector.engine().startsWith("SaccadeOpenVINO"));
            assertTrue(!detector.detect(io.saccade.accelerator.testing.TestFrames.tensorOf(
                TestAssets.sample("faces/Tom_Cruise_avp_2014_4.jpg"), FACE.input())).isEmpty());
        }
    }

    private static Detector load() {
        return Detector.load(FACE_ON_OPENVINO, TestAssets.modelFile(FACE), FACE.labels(), Device.cpu(),
            ModelFormat.OPENVINO.engineOptions(1, "CPU", Precision.FP32), NanoClock.system());
    }

    private static boolean runtimePresent() {
        try (OpenVino runtime = OpenVino.load(List.of())) {
            return runtime != null;
        } catch (final OpenVinoUnavailableException ex) {
            return false;
        }
    }
}
