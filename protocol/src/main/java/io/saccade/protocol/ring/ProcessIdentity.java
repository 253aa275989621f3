package io.saccade.protocol.ring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Who a process is, in the terms shared-memory files record their writers: pid, start time (so a recycled pid is
 * not mistaken for the same process) and pid namespace (so a pid from another container is not looked up here).
 *
 * @param pid          process id, in its own pid namespace.
 * @param startMillis  process start time, epoch milliseconds; 0 when unknown.
 * @param pidNamespace inode of the process's pid namespace; 0 when unknown.
 */
public record ProcessIdentity(long pid, long startMillis, long pidNamespace) {
    /** The answer to "is that process still running?" when a pid cannot be checked. */
    public enum Liveness {
        /** It runs. */
        ALIVE,
        /** It does not run. */
        GONE,
        /** It runs in another pid namespace (another container), where its pid means nothing here. */
        UNKNOWN
    }

    /** @return this process. */
    public static ProcessIdentity current() {
        final ProcessHandle self = ProcessHandle.current();
        return new ProcessIdentity(self.pid(), startMillis(self), currentPidNamespace());
    }

    /** @return whether the process this identity names still runs, as far as this process can tell. */
    public Liveness liveness() {
        if (pidNamespace == 0 || pidNamespace != currentPidNamespace()) {
            return Liveness.UNKNOWN;
        }
        return ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .filter(handle -> startMillis == 0 || startMillis(handle) == startMillis)
            .map(handle -> Liveness.ALIVE)
            .orElse(Liveness.GONE);
    }

    private static long startMillis(final ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static long currentPidNamespace() {
        try {
            final String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
        } catch (final IOException | RuntimeException ex) {
            return 0;
        }
    }
}
