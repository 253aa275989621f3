package io.saccade.runtime.telemetry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * CPU time of named processes over a measured interval, as a share of one core, from the kernel's per-process
 * accounting ({@link ProcessHandle.Info#totalCpuDuration()}).
 */
public final class CpuMeter {
    private final Map<String, ProcessHandle> processes;
    private final Map<String, Duration> start = new LinkedHashMap<>();
    private long startNanos;

    /**
     * @param processes the processes to measure, by name, in the order they are reported.
     */
    public CpuMeter(final Map<String, ProcessHandle> processes) {
        this.processes = new LinkedHashMap<>(processes);
    }

    /** Starts the interval. */
    public void start() {
        startNanos = System.nanoTime();
        processes.forEach((name, process) -> start.put(name, cpu(process)));
    }

    /** @return each process's CPU over the interval, in % of one core, as one line. */
    public String stop() {
        final double wallNanos = System.nanoTime() - startNanos;
        final StringJoiner line = new StringJoiner(", ");
        processes.forEach((name, process) -> line.add(String.format(Locale.ROOT, "%s %.0f %%", name,
            100.0 * cpu(process).minus(start.get(name)).toNanos() / wallNanos)));
        return line.toString();
    }

    private static Duration cpu(final ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
