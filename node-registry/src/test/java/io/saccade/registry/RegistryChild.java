package io.saccade.registry;

import io.saccade.protocol.ring.ProcessIdentity;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.time.NanoClock;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Child side of {@link NodeRegistryIT}: registers a service and heartbeats until killed. */
public final class RegistryChild {
    private RegistryChild() {
    }

    /**
     * @param args shared directory, service name.
     * @throws Exception when the registry cannot be used.
     */
    public static void main(final String[] args) throws Exception {
        final NanoClock clock = NanoClock.system();
        try (NodeRegistry registry = NodeRegistry.open(Path.of(args[0]), clock, TimeUnit.SECONDS.toNanos(3))) {
            final ServiceRegistration registration = new ServiceRegistration(args[1], "face",
                InputSpec.parse("128x128:rgb:nhwc:f32:stretch:mean=127.5:std=127.5"), ProcessIdentity.current(),
                clock.nanoTime(), true);
            while (true) {
                registry.put(registration.heartbeat(clock.nanoTime(), true));
                System.out.println("REGISTERED");
                Thread.sleep(200);
            }
        }
    }
}
