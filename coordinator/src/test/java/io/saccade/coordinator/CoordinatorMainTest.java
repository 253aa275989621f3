package io.saccade.coordinator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.saccade.runtime.testing.ManifestArgs;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CoordinatorMainTest {
    @Test
    void shouldUnderstandEveryFlagTheKubernetesManifestPasses() throws Exception {
        for (final String[] args : ManifestArgs.of("coordinator.yaml")) {
            assertDoesNotThrow(() -> new CommandLine(new CoordinatorMain()).parseArgs(args));
        }
    }
}
