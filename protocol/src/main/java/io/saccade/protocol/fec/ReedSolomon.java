package io.saccade.protocol.fec;

/**
 * A systematic Reed-Solomon erasure code over GF(2^8): {@code k} data shards travel as they are, {@code m} parity
 * shards are added, and any {@code k} of the {@code k + m} shards rebuild the data, so up to {@code m} lost shards
 * cost no retransmission. {@code k + m <= 255}.
 * <p>
 * Parity shard {@code i} is {@code sum over j of C[i][j] * data[j]} with the Cauchy coefficients
 * {@code C[i][j] = 1 / ((255 - i) XOR j)}: they do not depend on {@code k}, and every square submatrix of a Cauchy
 * matrix is invertible, which is what makes any {@code k} shards enough. The specification is
 * {@code protocol/spec/fec.md}.
 * <p>
 * An instance holds scratch space for the largest code word, so it allocates nothing per frame; it is not
 * thread-safe.
 */
public final class ReedSolomon {
    /** Most shards, data and parity, in one code word. */
    public static final int MAX_SHARDS = 255;

    private static final int[] COEFFICIENTS = new int[MAX_SHARDS * MAX_SHARDS];

    static {
        for (int parity = 0; parity < MAX_SHARDS; parity++) {
            for (int data = 0; data + parity < MAX_SHARDS; data++) {
                COEFFICIENTS[parity * MAX_SHARDS + data] = GaloisField.inverse((255 - parity) ^ data);
            }
        }
    }

    private final int[] missing = new int[MAX_SHARDS];
    private final int[] equations = new int[MAX_SHARDS];
    private final int[] matrix = new int[MAX_SHARDS * MAX_SHARDS];
    private final int[] scratch = new int[MAX_SHARDS * MAX_SHARDS];
    private final byte[][] syndromes;
    private final int shardCapacity;

    /**
     * @param shardCapacity largest shard length this instance will rebuild.
     */
    public ReedSolomon(final int shardCapacity) {
        this.shardCapacity = shardCapacity;
        this.syndromes = new byte[MAX_SHARDS][];
    }

    /**
     * Runs the encoder and decoder on throw-away data for a while, so the JIT has compiled the SIMD kernel before
     * the first real frame: until then it runs interpreted, tens of times slower. Services call this at start-up.
     *
     * @param nanos how long to keep at it.
     */
    public static void warmUp(final long nanos) {
        final int length = 1396;
        final byte[][] shards = new byte[36][length];
        final int[] offsets = new int[36];
        final boolean[] present = new boolean[36];
        java.util.Arrays.fill(present, true);
        final ReedSolomon codec = new ReedSolomon(length);
        final long deadline = System.nanoTime() + nanos;
        for (int round = 0; System.nanoTime() - deadline < 0; round++) {
            shards[round % 30][round % length] = (byte)round;
            encode(shards, offsets, 30, 6, length);
            present[round % 30] = false;
            codec.reconstruct(shards, offsets, present, 30, 6, length);
            present[round % 30] = true;
        }
    }

    /** @return which GF(2^8) kernel this JVM uses, for logs and benchmark reports. */
    public static String kernelDescription() {
        return GaloisField.kernel().describe();
    }

    /**
     * @param parity parity shard index.
     * @param data   data shard index.
     * @return the coefficient data shard {@code data} is multiplied with in parity shard {@code parity}.
     */
    public static int coefficient(final int parity, final int data) {
        return COEFFICIENTS[parity * MAX_SHARDS + data];
    }

    /**
     * Computes parity shards.
     *
     * @param shards   arrays holding the shards: {@code [0, k)} data, {@code [k, k + m)} parity (overwritten).
     * @param offsets  where each shard starts in its array.
     * @param k        data shards.
     * @param m        parity shards.
     * @param length   bytes per shard.
     */
    public static void encode(final byte[][] shards, final int[] offsets, final int k, final int m, final int length) {
        checkGeometry(k, m);
        for (int parity = 0; parity < m; parity++) {
            java.util.Arrays.fill(shards[k + parity], offsets[k + parity], offsets[k + parity] + length, (byte)0);
        }
        for (int data = 0; data < k; data++) {
            for (int parity = 0; parity < m; parity++) {
                GaloisField.multiplyAdd(coefficient(parity, data), shards[data], offsets[data], shards[k + parity],
                    offsets[k + parity], length);
            }
        }
    }

    /**
     * Rebuilds lost data shards from the shards present. Parity shards that are lost stay lost: the data is what
     * matters.
     *
     * @param shards  arrays holding the shards, as for {@link #encode}; lost data shards are written.
     * @param offsets where each shard starts in its array.
     * @param present which shards arrived.
     * @param k       data shards.
     * @param m       parity shards.
     * @param length  bytes per shard.
     * @return whether the data could be rebuilt (at least {@code k} shards present).
     */
    public boolean reconstruct(final byte[][] shards, final int[] offsets, final boolean[] present, final int k,
                               final int m, final int length) {
        checkGeometry(k, m);
        if (length > shardCapacity) {
            throw new IllegalArgumentException("shard length " + length + " exceeds capacity " + shardCapacity);
        }
        final int lost = collectMissing(present, k);
        if (lost == 0) {
            return true;
        }
        if (collectEquations(present, k, m, lost) < lost) {
            return false;
        }
        computeSyndromes(shards, offsets, present, k, lost, length);
        solve(shards, offsets, lost, length);
        return true;
    }

    private int collectMissing(final boolean[] present, final int k) {
        int lost = 0;
        for (int data = 0; data < k; data++) {
            if (!present[data]) {
                missing[lost++] = data;
            }
        }
        return lost;
    }

    private int collectEquations(final boolean[] present, final int k, final int m, final int wanted) {
        int found = 0;
        for (int parity = 0; parity < m && found < wanted; parity++) {
            if (present[k + parity]) {
                equations[found++] = parity;
            }
        }
        return found;
    }

    /** syndrome[e] = parity[equation e] minus the contribution of the data shards present. */
    private void computeSyndromes(final byte[][] shards, final int[] offsets, final boolean[] present, final int k,
                                  final int lost, final int length) {
        for (int e = 0; e < lost; e++) {
            if (syndromes[e] == null) {
                syndromes[e] = new byte[shardCapacity];
            }
            final int parityShard = k + equations[e];
            System.arraycopy(shards[parityShard], offsets[parityShard], syndromes[e], 0, length);
            for (int data = 0; data < k; data++) {
                if (present[data]) {
                    GaloisField.multiplyAdd(coefficient(equations[e], data), shards[data], offsets[data],
                        syndromes[e], 0, length);
                }
            }
        }
    }

    /** The lost shards satisfy C[equations][missing] * lost = syndromes; invert that Cauchy submatrix. */
    private void solve(final byte[][] shards, final int[] offsets, final int lost, final int length) {
        for (int row = 0; row < lost; row++) {
            for (int column = 0; column < lost; column++) {
                matrix[row * lost + column] = coefficient(equations[row], missing[column]);
            }
        }
        GaloisField.invert(matrix, lost, scratch);
        for (int target = 0; target < lost; target++) {
            final int shard = missing[target];
            java.util.Arrays.fill(shards[shard], offsets[shard], offsets[shard] + length, (byte)0);
            for (int e = 0; e < lost; e++) {
                GaloisField.multiplyAdd(matrix[target * lost + e], syndromes[e], 0, shards[shard], offsets[shard],
                    length);
            }
        }
    }

    private static void checkGeometry(final int k, final int m) {
        if (k < 1 || m < 0 || k + m > MAX_SHARDS) {
            throw new IllegalArgumentException("a code word needs 1 <= k and k + m <= " + MAX_SHARDS + ", got k=" + k
                + " m=" + m);
        }
    }
}
