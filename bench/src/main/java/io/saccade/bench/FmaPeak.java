package io.saccade.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * What one core can multiply-add in single precision at best: ten independent chains of vector fused multiply-adds,
 * enough to cover the instruction's latency on every current core, so the loop runs at the FMA units' throughput
 * (two 256-bit FMAs per cycle on AVX2 cores). The measure against which an inference's arithmetic rate is read:
 * a model's multiply-adds over its time, as a share of this, says how far the engine is from the machine's limit.
 */
final class FmaPeak {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int CHAINS = 10;
    private static final long STEPS = 10_000_000;

    private FmaPeak() {
    }

    /**
     * @param trials timed runs (the first ones also bring the loop to the optimising compiler).
     * @return the best rate seen, in GFLOP/s (a multiply-add counted as two operations).
     */
    static double gflops(final int trials) {
        double best = 0;
        float sink = 0;
        for (int trial = 0; trial < trials; trial++) {
            final long start = System.nanoTime();
            sink += chains(STEPS);
            final long nanos = System.nanoTime() - start;
            best = Math.max(best, 2.0 * CHAINS * SPECIES.length() * STEPS / nanos);
        }
        return sink == Float.NEGATIVE_INFINITY ? -1 : best; // keeps the result live; never true for these inputs
    }

    /** @return the vector width the probe ran at, in bits. */
    static int vectorBits() {
        return SPECIES.vectorBitSize();
    }

    private static float chains(final long steps) {
        final FloatVector b = FloatVector.broadcast(SPECIES, 1.0000001f);
        final FloatVector c = FloatVector.broadcast(SPECIES, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(SPECIES, 0f);
        FloatVector a1 = FloatVector.broadcast(SPECIES, 1f);
        FloatVector a2 = FloatVector.broadcast(SPECIES, 2f);
        FloatVector a3 = FloatVector.broadcast(SPECIES, 3f);
        FloatVector a4 = FloatVector.broadcast(SPECIES, 4f);
        FloatVector a5 = FloatVector.broadcast(SPECIES, 5f);
        FloatVector a6 = FloatVector.broadcast(SPECIES, 6f);
        FloatVector a7 = FloatVector.broadcast(SPECIES, 7f);
        FloatVector a8 = FloatVector.broadcast(SPECIES, 8f);
        FloatVector a9 = FloatVector.broadcast(SPECIES, 9f);
        for (long step = 0; step < steps; step++) {
            a0 = a0.fma(b, c);
            a1 = a1.fma(b, c);
            a2 = a2.fma(b, c);
            a3 = a3.fma(b, c);
            a4 = a4.fma(b, c);
            a5 = a5.fma(b, c);
            a6 = a6.fma(b, c);
            a7 = a7.fma(b, c);
            a8 = a8.fma(b, c);
            a9 = a9.fma(b, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9)
            .reduceLanes(VectorOperators.ADD);
    }
}
