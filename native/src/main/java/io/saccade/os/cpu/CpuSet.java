package io.saccade.os.cpu;

import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * An immutable set of CPU ids, printed and parsed in the kernel's list format ({@code 0-3,6,8-9}) used by sysfs,
 * cgroups and {@code taskset -c}.
 */
public final class CpuSet {
    /** The empty set. */
    public static final CpuSet EMPTY = new CpuSet(new BitSet());

    /** Highest CPU id accepted, as in the kernel's default {@code CONFIG_NR_CPUS} ceiling. */
    public static final int MAX_CPU = 8191;

    private final BitSet cpus;

    private CpuSet(final BitSet cpus) {
        this.cpus = cpus;
    }

    /**
     * @param cpus CPU ids.
     * @return the set of them.
     */
    public static CpuSet of(final int... cpus) {
        final BitSet bits = new BitSet();
        for (final int cpu : cpus) {
            bits.set(checked(cpu));
        }
        return new CpuSet(bits);
    }

    /**
     * @param bits CPU ids as set bits; copied.
     * @return the set of them.
     */
    public static CpuSet of(final BitSet bits) {
        if (bits.length() > MAX_CPU + 1) {
            throw new IllegalArgumentException("CPU id " + (bits.length() - 1) + " exceeds " + MAX_CPU);
        }
        return new CpuSet((BitSet)bits.clone());
    }

    /**
     * @param count how many CPUs.
     * @return CPUs {@code 0 .. count-1}.
     */
    public static CpuSet range(final int count) {
        final BitSet bits = new BitSet();
        bits.set(0, checked(count - 1) + 1);
        return new CpuSet(bits);
    }

    /**
     * Parses the kernel's list format. Blank text is the empty set.
     *
     * @param list e.g. {@code 0-3,6}.
     * @return the set.
     * @throws IllegalArgumentException naming the part that is not a CPU or a range.
     */
    public static CpuSet parse(final String list) {
        final BitSet bits = new BitSet();
        final String text = list.strip();
        if (text.isEmpty()) {
            return EMPTY;
        }
        for (final String part : text.split(",", -1)) {
            final int dash = part.indexOf('-');
            final int from = number(list, dash < 0 ? part : part.substring(0, dash));
            final int to = dash < 0 ? from : number(list, part.substring(dash + 1));
            if (to < from) {
                throw new IllegalArgumentException("CPU list '" + list + "': range " + part + " runs backwards");
            }
            bits.set(from, to + 1);
        }
        return new CpuSet(bits);
    }

    /**
     * @param other another set.
     * @return the CPUs in both.
     */
    public CpuSet intersect(final CpuSet other) {
        final BitSet bits = (BitSet)cpus.clone();
        bits.and(other.cpus);
        return new CpuSet(bits);
    }

    /**
     * @param other another set.
     * @return the CPUs in either.
     */
    public CpuSet union(final CpuSet other) {
        final BitSet bits = (BitSet)cpus.clone();
        bits.or(other.cpus);
        return new CpuSet(bits);
    }

    /**
     * @param other another set.
     * @return the CPUs of this set that are not in the other.
     */
    public CpuSet minus(final CpuSet other) {
        final BitSet bits = (BitSet)cpus.clone();
        bits.andNot(other.cpus);
        return new CpuSet(bits);
    }

    /**
     * @param cpu a CPU id.
     * @return whether the set holds it.
     */
    public boolean contains(final int cpu) {
        return cpu >= 0 && cpus.get(cpu);
    }

    /** @return whether the set holds no CPU. */
    public boolean isEmpty() {
        return cpus.isEmpty();
    }

    /** @return how many CPUs the set holds. */
    public int size() {
        return cpus.cardinality();
    }

    /** @return the highest CPU id plus one, 0 when empty. */
    public int length() {
        return cpus.length();
    }

    /** @return the CPU ids, ascending. */
    public IntStream stream() {
        return cpus.stream();
    }

    /** @return a copy of the set as bits. */
    public BitSet toBitSet() {
        return (BitSet)cpus.clone();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof CpuSet that && cpus.equals(that.cpus);
    }

    @Override
    public int hashCode() {
        return cpus.hashCode();
    }

    /** @return the kernel list format, e.g. {@code 0-3,6}; empty text for the empty set. */
    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder();
        for (int from = cpus.nextSetBit(0); from >= 0; from = cpus.nextSetBit(cpus.nextClearBit(from))) {
            final int to = cpus.nextClearBit(from) - 1;
            text.append(text.isEmpty() ? "" : ",").append(from);
            if (to > from) {
                text.append('-').append(to);
            }
        }
        return text.toString();
    }

    private static int number(final String list, final String value) {
        try {
            return checked(Integer.parseInt(value.strip()));
        } catch (final NumberFormatException ex) {
            throw new IllegalArgumentException("CPU list '" + list + "': '" + value + "' is not a CPU id");
        }
    }

    private static int checked(final int cpu) {
        if (cpu < 0 || cpu > MAX_CPU) {
            throw new IllegalArgumentException("CPU id must be 0.." + MAX_CPU + ", got " + cpu);
        }
        return cpu;
    }
}
