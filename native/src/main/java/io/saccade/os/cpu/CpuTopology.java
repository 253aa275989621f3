package io.saccade.os.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Which online CPUs are big and which are LITTLE, read from sysfs. Kubernetes has no notion of core classes, so
 * services read this and pin CPU-heavy threads to big cores and waiting/I-O threads to LITTLE ones.
 * <p>
 * A core's performance is its {@code cpu_capacity} (the scheduler's normalised capacity, present on
 * heterogeneous ARM systems), else its {@code cpufreq/cpuinfo_max_freq}. Cores at or above the midpoint between
 * the slowest and the fastest are big. When every core is equal, or the figures are missing for any core, the CPU
 * is treated as symmetric: all big, none LITTLE.
 *
 * @param online     the online CPUs.
 * @param big        the big ones.
 * @param little     the LITTLE ones.
 * @param source     which sysfs figure the classes came from.
 * @param capacities performance figure per CPU, as read (capacity or kHz).
 */
public record CpuTopology(CpuSet online, CpuSet big, CpuSet little, Source source, Map<Integer, Long> capacities) {
    /** Where the performance figures came from. */
    public enum Source {
        /** {@code cpu_capacity}. */
        CAPACITY,
        /** {@code cpufreq/cpuinfo_max_freq}. */
        MAX_FREQUENCY,
        /** Neither was readable for every CPU: assumed symmetric. */
        NONE
    }

    /** Copies the map. */
    public CpuTopology {
        capacities = Map.copyOf(capacities);
    }

    /**
     * Reads the topology of this machine from {@code /sys}.
     *
     * @return the topology.
     */
    public static CpuTopology read() {
        return read(Path.of("/sys"));
    }

    /**
     * Reads the topology from a sysfs tree.
     *
     * @param sysfs the root sysfs is mounted at, normally {@code /sys}; tests pass a fake tree.
     * @return the topology; when even the online list is unreadable, the JVM's processor count, symmetric.
     */
    public static CpuTopology read(final Path sysfs) {
        final Path cpuRoot = sysfs.resolve("devices/system/cpu");
        final CpuSet online = onlineCpus(cpuRoot);
        final Map<Integer, Long> capacity = figures(cpuRoot, online, "cpu_capacity");
        if (capacity.size() == online.size()) {
            return classify(online, capacity, Source.CAPACITY);
        }
        final Map<Integer, Long> frequency = figures(cpuRoot, online, "cpufreq/cpuinfo_max_freq");
        if (frequency.size() == online.size()) {
            return classify(online, frequency, Source.MAX_FREQUENCY);
        }
        return new CpuTopology(online, online, CpuSet.EMPTY, Source.NONE, Map.of());
    }

    /** @return whether the CPU has both big and LITTLE cores. */
    public boolean isHeterogeneous() {
        return !little.isEmpty();
    }

    /**
     * @param coreClass big or LITTLE.
     * @return the cores of that class; on a symmetric CPU every core for either class.
     */
    public CpuSet cores(final CoreClass coreClass) {
        return coreClass == CoreClass.LITTLE && isHeterogeneous() ? little : big;
    }

    /**
     * Reads a core setting as services take it.
     *
     * @param setting {@code big}, {@code little}, {@code all}, or a CPU list such as {@code 4-5}.
     * @return the cores it names.
     * @throws IllegalArgumentException when it is none of these.
     */
    public CpuSet select(final String setting) {
        return switch (setting) {
            case "big" -> cores(CoreClass.BIG);
            case "little" -> cores(CoreClass.LITTLE);
            case "all" -> online;
            default -> CpuSet.parse(setting);
        };
    }

    @Override
    public String toString() {
        return isHeterogeneous()
            ? "big.LITTLE: big " + big + ", LITTLE " + little + " (from " + source + ")"
            : "symmetric: " + online + " (from " + source + ")";
    }

    private static CpuTopology classify(final CpuSet online, final Map<Integer, Long> figures, final Source source) {
        final long min = figures.values().stream().mapToLong(Long::longValue).min().orElse(0);
        final long max = figures.values().stream().mapToLong(Long::longValue).max().orElse(0);
        if (min == max) {
            return new CpuTopology(online, online, CpuSet.EMPTY, source, figures);
        }
        final long threshold = min + (max - min + 1) / 2;
        final int[] big = online.stream().filter(cpu -> figures.get(cpu) >= threshold).toArray();
        final CpuSet bigSet = CpuSet.of(big);
        return new CpuTopology(online, bigSet, online.minus(bigSet), source, figures);
    }

    private static CpuSet onlineCpus(final Path cpuRoot) {
        for (final String name : new String[] {"online", "present"}) {
            try {
                return CpuSet.parse(Files.readString(cpuRoot.resolve(name)));
            } catch (final IOException | IllegalArgumentException ex) {
                continue;
            }
        }
        return CpuSet.range(Runtime.getRuntime().availableProcessors());
    }

    private static Map<Integer, Long> figures(final Path cpuRoot, final CpuSet online, final String file) {
        final Map<Integer, Long> figures = new HashMap<>();
        online.stream().forEach(cpu -> readLong(cpuRoot.resolve("cpu" + cpu).resolve(file))
            .ifPresent(value -> figures.put(cpu, value)));
        return figures;
    }

    private static OptionalLong readLong(final Path file) {
        try {
            final long value = Long.parseLong(Files.readString(file).strip());
            return value > 0 ? OptionalLong.of(value) : OptionalLong.empty();
        } catch (final IOException | NumberFormatException ex) {
            return OptionalLong.empty();
        }
    }
}
