package io.saccade.runtime.service;

import io.saccade.protocol.lifecycle.ReadyFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How every {@code *Main} runs its started service: it says it is ready (one line on stdout for people, the
 * {@link ReadyFile} for supervisors), closes the service when the JVM is asked to stop (the shutdown hook returns only
 * when the service is closed, so a robot's motors are told to stop before the JVM halts), logs the service's summary
 * periodically, and returns when every agent has ended on its own (a finite source) or the JVM stops.
 */
public final class ServiceLauncher {
    private static final System.Logger LOG = System.getLogger(ServiceLauncher.class.getName());

    private ServiceLauncher() {
    }

    /**
     * @param service      the started service; closed by the time this returns or the JVM halts.
     * @param readyFile    where to write the readiness signal, or {@code null}.
     * @param summaryEvery how often to log the service's summary.
     * @return the process's exit code: 0.
     * @throws IOException when the readiness signal cannot be written (the service is closed).
     */
    public static int runUntilStopped(final Service service, final Path readyFile, final Duration summaryEvery)
        throws IOException {
        final CountDownLatch closed = new CountDownLatch(1);
        final Thread hook = Thread.ofPlatform().name("shutdown").unstarted(() -> {
            service.close();
            closed.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            announce(service, readyFile);
            awaitEnd(service, closed, summaryEvery);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (final IllegalStateException ex) {
                LOG.log(System.Logger.Level.DEBUG, "shutting down already: the hook closes the service");
            }
            service.close();
        }
        return 0;
    }

    private static void announce(final Service service, final Path readyFile) throws IOException {
        final String kind = service.name().split(" ", 2)[0];
        System.out.println("saccade " + service.name() + " ready, health on port " + service.healthPort());
        if (readyFile != null) {
            new ReadyFile(kind, service.name(), ProcessHandle.current().pid(), service.healthPort())
                .writeTo(readyFile);
        }
    }

    private static void awaitEnd(final Service service, final CountDownLatch closed, final Duration summaryEvery) {
        long lastSummary = System.nanoTime();
        try {
            while (!closed.await(1, TimeUnit.SECONDS)) {
                final boolean ended = service.agents().runners().stream().noneMatch(runner -> runner.isAlive());
                if (ended || System.nanoTime() - lastSummary >= summaryEvery.toNanos()) {
                    lastSummary = System.nanoTime();
                    LOG.log(System.Logger.Level.INFO, "{0}: {1}", service.name(), service.summary());
                }
                if (ended) {
                    return;
                }
            }
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
