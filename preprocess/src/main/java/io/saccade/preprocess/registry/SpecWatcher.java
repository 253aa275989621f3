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
 * Keeps the set of input specs the node's live accelerator services want, read from the node registry on its own
 * thread so a slow registry never stalls decoding. The decode stage reads the latest set at every frame.
 */
public final class SpecWatcher implements Supplier<Set<InputSpec>>, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SpecWatcher.class.getName());

    private final NodeRegistry registry;
    private final long pollNanos;
    private final RateLimitedLog failures;
    private final Thread thread;
    private volatile Set<InputSpec> specs = Set.of();
    private volatile boolean running = true;

    /**
     * Starts polling.
     *
     * @param registry  the node registry.
     * @param pollNanos time between polls; shorter than the services' heartbeat.
     * @param clock     paces the failure log.
     */
    public SpecWatcher(final NodeRegistry registry, final long pollNanos, final NanoClock clock) {
        this.registry = registry;
        this.pollNanos = pollNanos;
        this.failures = new RateLimitedLog(LOG, clock, TimeUnit.SECONDS.toNanos(10));
        poll();
        this.thread = Thread.ofPlatform().name("spec-watcher").daemon().start(this::run);
    }

    private void run() {
        while (running) {
            java.util.concurrent.locks.LockSupport.parkNanos(pollNanos);
            poll();
        }
    }

    private void poll() {
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

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
