package io.saccade.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.ring.ProcessIdentity;
import io.saccade.protocol.tensor.InputSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRegistryTest {
    private static final long STALE = TimeUnit.SECONDS.toNanos(3);
    private static final InputSpec SSD = InputSpec.parse("300x300:rgb:nhwc:f32:stretch:mean=127.5:std=127.5");

    @TempDir
    Path dir;

    private long now = 1_000_000_000L;

    @Test
    void shouldListLiveRegistrationsAndForgetRemovedOnes() throws Exception {
        try (NodeRegistry registry = NodeRegistry.open(dir, () -> now, STALE)) {
            final ServiceRegistration ssd = registration("accelerator-ssd", ProcessIdentity.current());
            registry.put(ssd);
            registry.put(registration("accelerator-face", ProcessIdentity.current()));

            assertEquals(2, registry.live().size());
            assertTrue(registry.live().contains(ssd));
            registry.remove("accelerator-face");
            assertEquals(List.of(ssd), registry.live());
        }
    }

    @Test
    void shouldExpireEntriesWhoseHeartbeatIsStale() throws Exception {
        try (NodeRegistry registry = NodeRegistry.open(dir, () -> now, STALE)) {
            registry.put(registration("accelerator-ssd", new ProcessIdentity(1, 1, 77)));

            now += STALE;
            assertEquals(1, registry.live().size(), "another namespace's process: only its heartbeat counts");
            now += 1;
            assertTrue(registry.live().isEmpty());
            now -= STALE;
            assertTrue(registry.live().isEmpty(), "expired entries are removed, not just hidden");
        }
    }

    @Test
    void shouldExpireEntriesOfProcessesThatAreGoneAtOnce() throws Exception {
        final Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        final ProcessIdentity gone = new ProcessIdentity(finished.pid(), 0, ProcessIdentity.current().pidNamespace());
        try (NodeRegistry registry = NodeRegistry.open(dir, () -> now, STALE)) {
            registry.put(registration("accelerator-ssd", gone));

            assertTrue(registry.live().isEmpty());
        }
    }

    @Test
    void shouldReplaceAnUnreadableRegistryFile() throws Exception {
        Files.write(dir.resolve(NodeRegistry.FILE_NAME), new byte[] {1, 2, 3, 4});

        try (NodeRegistry registry = NodeRegistry.open(dir, () -> now, STALE)) {
            registry.put(registration("accelerator-ssd", ProcessIdentity.current()));

            assertEquals(1, registry.live().size());
            assertEquals(1, registry.rebuilds());
        }
    }

    private ServiceRegistration registration(final String service, final ProcessIdentity process) {
        return new ServiceRegistration(service, "ssd", SSD, process, now, true);
    }
}
