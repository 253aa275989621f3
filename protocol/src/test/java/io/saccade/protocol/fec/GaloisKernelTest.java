package io.saccade.protocol.fec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GaloisKernelTest {
    @Test
    void shouldComputeTheSameProductsWithEitherKernelAtAnyOffsetAndLength() {
        final Random random = new Random(12);
        final GaloisKernel table = new TableGaloisKernel();
        final GaloisKernel simd = new VectorGaloisKernel();
        for (int round = 0; round < 3_000; round++) {
            final int coefficient = 1 + random.nextInt(255);
            final int length = random.nextInt(100);
            final byte[] source = new byte[length + 40];
            random.nextBytes(source);
            final byte[] expected = new byte[length + 40];
            random.nextBytes(expected);
            final byte[] actual = expected.clone();
            final int sourceOffset = random.nextInt(20);
            final int destinationOffset = random.nextInt(20);

            table.multiplyAdd(coefficient, source, sourceOffset, expected, destinationOffset, length);
            simd.multiplyAdd(coefficient, source, sourceOffset, actual, destinationOffset, length);

            assertArrayEquals(expected, actual, "coefficient " + coefficient + ", length " + length);
        }
    }

    @Test
    void shouldAgreeWithFieldMultiplication() {
        final byte[] values = new byte[256];
        for (int value = 0; value < 256; value++) {
            values[value] = (byte)value;
        }
        for (final GaloisKernel kernel : new GaloisKernel[] {new TableGaloisKernel(), new VectorGaloisKernel()}) {
            final byte[] products = new byte[256];
            kernel.multiplyAdd(29, values, 0, products, 0, 256);
            for (int value = 0; value < 256; value++) {
                assertEquals(GaloisField.multiply(29, value), products[value] & 0xFF, kernel.describe());
            }
        }
    }

    @Test
    void shouldUseTheSimdKernelWhenTheVectorModuleIsLoaded() {
        assertTrue(GaloisField.kernel().describe().startsWith("Vector API"),
            "the build runs tests with etc/jvm.options, which loads jdk.incubator.vector");
    }
}
