package io.saccade.preprocess.registry;

import io.saccade.protocol.ring.ProcessIdentity;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.time.NanoClock;
import io.saccade.registry.NodeRegistry;
import io.saccade.registry.ServiceRegistration;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Child side of {@link SpecRegistrationIT}: an accelerator-like process that registers a spec and heartbeats. */
public final class RegisteringService {
    private RegisteringService() {
    }

    /**
     * @param args shared-memory directory, input spec.
     * @throws Exception when the registry cannot be used.
     */
    public static void main(final String[] args) throws Exception {
        final NanoClock clock = NanoClock.system();
        try (NodeRegistry registry = NodeRegistry.open(Path.of(args[0]), clock, TimeUnit.SECONDS.toNanos(3))) {
            final ServiceRegistration registration = new ServiceRegistration("accelerator-test", "test",
                InputSpec.parse(args[1]), ProcessIdentity.current(), clock.nanoTime(), true);
            while (true) {
                registry.put(registration.heartbeat(clock.nanoTime(), true));
                System.out.println("REGISTERED " + System.nanoTime());
                Thread.sleep(1_000);
            }
        }
    }
}
