package io.saccade.accelerator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.saccade.runtime.testing.ManifestArgs;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AcceleratorMainTest {
    @Test
    void shouldUnderstandEveryFlagTheKubernetesManifestsPass() throws Exception {
        for (final String model : new String[] {"ssd-mobilenetv2-oidv4", "face-front-128"}) {
            for (final String[] args : ManifestArgs.of("accelerator-" + model + ".yaml")) {
                assertDoesNotThrow(() -> new CommandLine(new AcceleratorMain()).parseArgs(args), model);
            }
        }
    }
}
