package io.saccade.preprocess;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.saccade.runtime.testing.ManifestArgs;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PreprocessMainTest {
    @Test
    void shouldUnderstandEveryFlagTheKubernetesManifestPasses() throws Exception {
        for (final String[] args : ManifestArgs.of("preprocess.yaml")) {
            assertDoesNotThrow(() -> new CommandLine(new PreprocessMain()).parseArgs(args));
        }
    }
}
