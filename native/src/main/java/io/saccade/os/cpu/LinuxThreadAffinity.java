package io.saccade.os.cpu;

import io.saccade.os.linux.LinuxLibc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.BitSet;

/**
 * {@link ThreadAffinity} through {@code sched_setaffinity}/{@code sched_getaffinity}. The allowed set is the
 * process's mask when this object is made, which inside a container is the cgroup's cpuset.
 */
public final class LinuxThreadAffinity implements ThreadAffinity {
    private static final int MASK_BYTES = (CpuSet.MAX_CPU + 1) / 8;

    private final CpuSet allowed;

    /** Reads the process's allowed CPUs. */
    public LinuxThreadAffinity() {
        try {
            this.allowed = getAffinity((int)ProcessHandle.current().pid());
        } catch (final AffinityException ex) {
            throw new IllegalStateException(ex.getMessage(), ex);
        }
    }

    @Override
    public CpuSet allowed() {
        return allowed;
    }

    @Override
    public CpuSet pinCurrentThread(final CpuSet wish) throws AffinityException {
        final CpuSet effective = wish.intersect(allowed);
        if (effective.isEmpty()) {
            throw new AffinityException("cannot pin to CPUs " + wish + ": none of them is allowed (allowed: "
                + allowed + ")");
        }
        setAffinity(effective);
        return effective;
    }

    @Override
    public CpuSet currentThread() throws AffinityException {
        return getAffinity(0);
    }

    /**
     * Calls {@code sched_setaffinity} on the calling thread with exactly this set, without intersecting it first.
     *
     * @param cpus the mask to set.
     * @throws AffinityException with the kernel's errno text when it refuses.
     */
    public void setAffinity(final CpuSet cpus) throws AffinityException {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment mask = arena.allocate(MASK_BYTES, 8);
            final long[] words = cpus.toBitSet().toLongArray();
            MemorySegment.copy(words, 0, mask, ValueLayout.JAVA_LONG, 0, words.length);
            if (LinuxLibc.schedSetaffinity(0, mask) != 0) {
                throw new AffinityException("sched_setaffinity(" + cpus + ") failed: "
                    + LinuxLibc.describe(LinuxLibc.errno()));
            }
        }
    }

    private static CpuSet getAffinity(final int pid) throws AffinityException {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment mask = arena.allocate(MASK_BYTES, 8);
            if (LinuxLibc.schedGetaffinity(pid, mask) != 0) {
                throw new AffinityException("sched_getaffinity(" + pid + ") failed: "
                    + LinuxLibc.describe(LinuxLibc.errno()));
            }
            return CpuSet.of(BitSet.valueOf(mask.toArray(ValueLayout.JAVA_LONG)));
        }
    }
}
