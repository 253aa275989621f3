package io.saccade.preprocess.registry;

import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.time.NanoClock;
import io.saccade.registry.NodeRegistry;
import io.saccade.registry.ServiceRegistration;
import io.saccade.runtime.telemetry.RateLimitedLog;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Keeps the set of input specs the node's live accelerator services want, read from the node registry by
 * {@link #poll()} on the node's housekeeping agent so a slow registry never stalls decoding. The decode stage reads
 * the latest set at every frame.
 */
public final class SpecWatcher implements Supplier<Set<InputSpec>> {
    private static final System.Logger LOG = System.getLogger(SpecWatcher.class.getName());

    private final NodeRegistry registry;
    private final RateLimitedLog failures;
    private volatile Set<InputSpec> specs = Set.of();

    /**
     * Reads the registry once; {@link #poll()} reads it again.
     *
     * @param registry the node registry.
     * @param clock    paces the failure log.
     */
    public SpecWatcher(final NodeRegistry registry, final NanoClock clock) {
        this.registry = registry;
        this.failures = new RateLimitedLog(LOG, clock, TimeUnit.SECONDS.toNanos(10));
        poll();
    }

    /** Reads the registry; a failure is logged (rate-limited) and the last set kept. */
    public void poll() {
        try {
            final Set<InputSpec> current = registry.live().stream().map(ServiceRegistration::inputSpec)
                .collect(Collectors.toUnmodifiableSet());
            if (!current.equals(specs)) {
                LOG.log(System.Logger.Level.INFO, "registered input specs now {0}", current);
                specs = current;
            }
        } catch (final IOException | RuntimeException ex) {
            failures.warn(() -> "cannot read the node registry: " + ex);
        }
    }

    @Override
    public Set<InputSpec> get() {
        return specs;
    }
}
