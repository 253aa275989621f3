package io.saccade.os.cpu;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fallback {@link ThreadAffinity} where pinning is unavailable: threads run wherever the OS puts them. It says
 * so once, the first time it is asked to pin.
 */
public final class UnpinnedThreadAffinity implements ThreadAffinity {
    private static final System.Logger LOG = System.getLogger(UnpinnedThreadAffinity.class.getName());

    private final String reason;
    private final CpuSet allowed = CpuSet.range(Runtime.getRuntime().availableProcessors());
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * @param reason why pinning is unavailable, for the one log line.
     */
    public UnpinnedThreadAffinity(final String reason) {
        this.reason = reason;
    }

    @Override
    public CpuSet allowed() {
        return allowed;
    }

    @Override
    public CpuSet pinCurrentThread(final CpuSet wish) {
        if (warned.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "thread pinning unavailable ({0}); threads run unpinned", reason);
        }
        return allowed;
    }

    @Override
    public CpuSet currentThread() {
        return allowed;
    }
}
