package io.saccade.openvino;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the doubling model on a real OpenVINO runtime: the one {@code SACCADE_OPENVINO_LIB} names, or the first the
 * usual search finds. Skipped where there is none, which is the case on the build machines.
 */
class OpenVinoRuntimeSmokeTest {
    @TempDir
    Path dir;

    @Test
    void shouldDoubleATensorOnTheRealRuntimesCpu() throws Exception {
        final String configured = System.getenv(OpenVino.ENV_LIBRARY);
        final OpenVino ov;
        try {
            ov = OpenVino.load(configured == null || configured.isBlank() ? List.of() : List.of(Path.of(configured)));
        } catch (final OpenVinoUnavailableException ex) {
            abort("no OpenVINO runtime on this machine");
            return;
        }
        try (ov) {
            assertFalse(ov.version().isBlank());
            OvElementTable.forBuildNumber(ov.version()).ifPresent(byRelease ->
                assertEquals(byRelease, ov.elementTable(), "probe and release number disagree for " + ov));
            assumeTrue(ov.availableDevices().contains("CPU"), () -> "no CPU device in " + ov.availableDevices());

            final OpenVinoException missing = assertThrows(OpenVinoException.class,
                () -> ov.readModel(dir.resolve("missing.xml"), null));
            assertEquals("ov_core_read_model", missing.call());

            final Map<String, String> properties = new LinkedHashMap<>();
            properties.put(OpenVino.PERFORMANCE_HINT, "LATENCY");
            properties.put(OpenVino.INFERENCE_NUM_THREADS, "1");
            try (OvModel model = ov.readModel(OvTestSupport.writeDoublingModel(dir), null);
                OvCompiledModel compiled = ov.compile(model, "CPU", properties);
                OvInferRequest request = compiled.createInferRequest();
                Arena arena = Arena.ofConfined()) {
                assertArrayEquals(new long[] {1, 4}, model.inputs().getFirst().shape());
                final MemorySegment input = arena.allocateFrom(JAVA_FLOAT, 1.5f, -2f, 0f, 3.25f);
                request.setInput(0, input, new long[] {1, 4}, OvElementType.F32);
                request.infer();
                final OvTensorView output = request.output(0);
                assertEquals(OvElementType.F32, output.elementType());
                assertArrayEquals(new long[] {1, 4}, output.shape());
                assertArrayEquals(new float[] {3f, -4f, 0f, 6.5f}, output.data().toArray(JAVA_FLOAT));
            }
        }
    }
}
