package io.saccade.registry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.saccade.os.testing.ChildJvm;
import io.saccade.protocol.time.NanoClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs on one registry file: an entry appears while its process heartbeats and goes when it is killed. */
class NodeRegistryIT {
    @TempDir
    Path dir;

    @Test
    void shouldSeeAnotherProcessRegisterFollowARebuildAndExpireWhenKilled() throws Exception {
        try (NodeRegistry registry = NodeRegistry.open(dir, NanoClock.system(), TimeUnit.SECONDS.toNanos(3));
             ChildJvm child = ChildJvm.start(RegistryChild.class, dir.toString(), "accelerator-face")) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> registry.live().size() == 1);
            assertEquals("face", registry.live().getFirst().model());

            registry.rebuild();
            assertEquals(0, registry.live().size(), "a fresh, empty file");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> registry.live().size() == 1);

            child.process().destroyForcibly().waitFor();

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> registry.live().isEmpty());
        }
    }
}
