package io.saccade.accelerator.service;

import io.saccade.accelerator.model.ModelCard;
import io.saccade.protocol.ring.ProcessIdentity;
import io.saccade.protocol.time.NanoClock;
import io.saccade.registry.NodeRegistry;
import io.saccade.registry.ServiceRegistration;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * The service's entry in its node's registry: put there once the model is ready (the node's preprocess then
 * produces its input spec), heartbeated from the housekeeping agent, removed on a clean stop.
 */
final class Membership implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Membership.class.getName());

    private final NodeRegistry registry;
    private final ServiceRegistration registration;
    private final NanoClock clock;

    private Membership(final NodeRegistry registry, final ServiceRegistration registration, final NanoClock clock) {
        this.registry = registry;
        this.registration = registration;
        this.clock = clock;
    }

    /**
     * @param config the settings.
     * @param card   the model whose input spec is registered.
     * @param clock  heartbeat time.
     * @return the registration, in the registry now.
     * @throws IOException when the registry cannot be opened or written.
     */
    static Membership join(final AcceleratorConfig config, final ModelCard card, final NanoClock clock)
        throws IOException {
        final NodeRegistry registry = NodeRegistry.open(Files.createDirectories(config.sharedMemoryDirectory()),
            clock, TimeUnit.MILLISECONDS.toNanos(config.registry().staleMillis()));
        try {
            final ServiceRegistration registration = new ServiceRegistration(config.service(), card.id(),
                card.input(), ProcessIdentity.current(), clock.nanoTime(), true);
            registry.put(registration);
            return new Membership(registry, registration, clock);
        } catch (final IOException | RuntimeException ex) {
            registry.close();
            throw ex;
        }
    }

    /** Renews the entry; a failure is logged and the next heartbeat tries again. */
    void heartbeat() {
        try {
            registry.put(registration.heartbeat(clock.nanoTime(), true));
        } catch (final IOException | RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "registry heartbeat failed: {0}", ex.getMessage());
        }
    }

    /** Removes the entry and closes the registry. */
    @Override
    public void close() {
        try {
            registry.remove(registration.service());
        } catch (final IOException ex) {
            LOG.log(System.Logger.Level.WARNING, "cannot deregister: {0}", ex.getMessage());
        }
        registry.close();
    }
}
