package io.saccade.protocol.fec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReedSolomonTest {
    private final Random random = new Random(1);

    @Test
    void shouldUseThePinnedCauchyCoefficients() {
        // 1 / ((255 - i) XOR j) in GF(2^8) mod 0x11D, computed by an independent bitwise implementation.
        assertEquals(253, ReedSolomon.coefficient(0, 0));
        assertEquals(127, ReedSolomon.coefficient(1, 2));
        assertEquals(172, ReedSolomon.coefficient(7, 100));
    }

    @Test
    void shouldProduceTheGoldenParity() {
        final byte[][] shards = {bytes("01020304"), bytes("05060708"), bytes("c8c9cacb"), new byte[4], new byte[4]};

        ReedSolomon.encode(shards, new int[5], 3, 2, 4);

        assertEquals("9ef966e0", HexFormat.of().formatHex(shards[3]));
        assertEquals("48afadc7", HexFormat.of().formatHex(shards[4]));
    }

    @Test
    void shouldRebuildAnyPatternOfUpToMLostShards() {
        final ReedSolomon codec = new ReedSolomon(64);
        for (int round = 0; round < 2_000; round++) {
            final int k = 1 + random.nextInt(40);
            final int m = random.nextInt(12);
            final int length = 1 + random.nextInt(64);
            final byte[][] original = randomCodeWord(k, m, length);
            final byte[][] received = copy(original);
            final boolean[] present = losePattern(k + m, random.nextInt(m + 1));
            for (int shard = 0; shard < k + m; shard++) {
                if (!present[shard]) {
                    random.nextBytes(received[shard]);
                }
            }

            assertTrue(codec.reconstruct(received, new int[k + m], present, k, m, length));

            for (int shard = 0; shard < k; shard++) {
                assertArrayEquals(original[shard], received[shard], "k=" + k + " m=" + m + " shard " + shard);
            }
        }
    }

    @Test
    void shouldRebuildTheLargestCodeWordWithAllParityUsed() {
        final ReedSolomon codec = new ReedSolomon(32);
        final byte[][] original = randomCodeWord(200, 55, 32);
        final byte[][] received = copy(original);
        final boolean[] present = losePattern(255, 55);

        assertTrue(codec.reconstruct(received, new int[255], present, 200, 55, 32));
        for (int shard = 0; shard < 200; shard++) {
            assertArrayEquals(original[shard], received[shard]);
        }
    }

    @Test
    void shouldWorkOnShardsAtOffsetsInsideOneArray() {
        final int k = 4;
        final int length = 8;
        final byte[] frame = new byte[k * length];
        random.nextBytes(frame);
        final byte[] parity = new byte[2 * length];
        final byte[][] shards = {frame, frame, frame, frame, parity, parity};
        final int[] offsets = {0, 8, 16, 24, 0, 8};
        ReedSolomon.encode(shards, offsets, k, 2, length);
        final byte[] original = frame.clone();
        java.util.Arrays.fill(frame, 8, 24, (byte)0);

        assertTrue(new ReedSolomon(length).reconstruct(shards, offsets,
            new boolean[] {true, false, false, true, true, true}, k, 2, length));

        assertArrayEquals(original, frame);
    }

    @Test
    void shouldReportFailureWhenTooManyShardsAreLost() {
        final byte[][] received = randomCodeWord(10, 3, 16);
        final boolean[] present = losePattern(13, 4);

        assertFalse(new ReedSolomon(16).reconstruct(received, new int[13], present, 10, 3, 16));
    }

    @Test
    void shouldRefuseImpossibleGeometry() {
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.encode(new byte[256][1], new int[256], 200, 56,
            1));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.encode(new byte[1][1], new int[1], 0, 1, 1));
        assertThrows(IllegalArgumentException.class,
            () -> new ReedSolomon(4).reconstruct(new byte[2][8], new int[2], new boolean[2], 1, 1, 8));
    }

    private byte[][] randomCodeWord(final int k, final int m, final int length) {
        final byte[][] shards = new byte[k + m][length];
        for (int shard = 0; shard < k; shard++) {
            random.nextBytes(shards[shard]);
        }
        ReedSolomon.encode(shards, new int[k + m], k, m, length);
        return shards;
    }

    private boolean[] losePattern(final int shards, final int lost) {
        final boolean[] present = new boolean[shards];
        java.util.Arrays.fill(present, true);
        for (int gone = 0; gone < lost; ) {
            final int victim = random.nextInt(shards);
            if (present[victim]) {
                present[victim] = false;
                gone++;
            }
        }
        return present;
    }

    private static byte[][] copy(final byte[][] shards) {
        final byte[][] copy = new byte[shards.length][];
        for (int i = 0; i < shards.length; i++) {
            copy[i] = shards[i].clone();
        }
        return copy;
    }

    private static byte[] bytes(final String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
