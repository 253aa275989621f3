package io.saccade.os.cpu;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes named platform threads that pin themselves to a CPU set before running their task. A thread that cannot
 * be pinned runs unpinned and says why in one log line: losing the pin costs latency, not correctness.
 */
public final class PinningThreadFactory implements ThreadFactory {
    private static final System.Logger LOG = System.getLogger(PinningThreadFactory.class.getName());

    private final String name;
    private final CpuSet cpus;
    private final ThreadAffinity affinity;
    private final AtomicInteger count = new AtomicInteger();

    /**
     * @param name     thread name prefix; threads are named {@code name-1}, {@code name-2}, ...
     * @param cpus     the CPUs the threads should run on.
     * @param affinity how to pin.
     */
    public PinningThreadFactory(final String name, final CpuSet cpus, final ThreadAffinity affinity) {
        this.name = name;
        this.cpus = cpus;
        this.affinity = affinity;
    }

    @Override
    public Thread newThread(final Runnable task) {
        final Thread thread = new Thread(() -> {
            pin();
            task.run();
        }, name + "-" + count.incrementAndGet());
        thread.setDaemon(false);
        return thread;
    }

    private void pin() {
        try {
            final CpuSet effective = affinity.pinCurrentThread(cpus);
            LOG.log(System.Logger.Level.DEBUG, "{0} pinned to CPUs {1}", Thread.currentThread().getName(), effective);
        } catch (final AffinityException ex) {
            LOG.log(System.Logger.Level.WARNING, "{0} runs unpinned: {1}", Thread.currentThread().getName(),
                ex.getMessage());
        }
    }
}
