package io.saccade.os.cpu;

import io.saccade.os.linux.LinuxLibc;

/**
 * Pins threads to CPUs, always within what the process is allowed (a container's cpuset).
 */
public interface ThreadAffinity {
    /** @return the CPUs the process may run on, as it found them at start. */
    CpuSet allowed();

    /**
     * Restricts the calling thread to the wished-for CPUs that are also allowed.
     *
     * @param wish the CPUs the caller would like.
     * @return the CPUs the thread is now restricted to.
     * @throws AffinityException when none of the wished CPUs is allowed, or the kernel refuses.
     */
    CpuSet pinCurrentThread(CpuSet wish) throws AffinityException;

    /**
     * @return the CPUs the calling thread may run on now.
     * @throws AffinityException when the kernel refuses to say.
     */
    CpuSet currentThread() throws AffinityException;

    /**
     * @return the real implementation on Linux with native access, else one that pins nothing and says so once.
     */
    static ThreadAffinity forThisPlatform() {
        return LinuxLibc.isAvailable() ? new LinuxThreadAffinity() : new UnpinnedThreadAffinity(LinuxLibc.check());
    }
}
