package io.saccade.protocol.fec;

/**
 * Arithmetic in GF(2^8) with the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and generator 2, the field
 * of the Reed-Solomon code. Addition is XOR; multiplication goes through log/exp tables, and bulk multiply-add
 * through a full 256 x 256 product table, one row per coefficient.
 */
final class GaloisField {
    /** The field's primitive polynomial, with the x^8 term. */
    static final int POLYNOMIAL = 0x11D;

    private static final int[] LOG = new int[256];
    private static final int[] EXP = new int[510];
    private static final byte[] PRODUCTS = new byte[256 * 256];
    private static final GaloisKernel KERNEL;

    static {
        int value = 1;
        for (int power = 0; power < 255; power++) {
            EXP[power] = value;
            EXP[power + 255] = value;
            LOG[value] = power;
            value <<= 1;
            if (value >= 256) {
                value ^= POLYNOMIAL;
            }
        }
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                PRODUCTS[a << 8 | b] = (byte)multiply(a, b);
            }
        }
        KERNEL = GaloisKernel.fastest();
    }

    private GaloisField() {
    }

    static int multiply(final int a, final int b) {
        return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
    }

    static int inverse(final int a) {
        if (a == 0) {
            throw new ArithmeticException("0 has no inverse in GF(2^8)");
        }
        return EXP[255 - LOG[a]];
    }

    /**
     * {@code destination[i] ^= coefficient * source[i]} for {@code length} bytes, with the fastest kernel this JVM
     * offers.
     */
    static void multiplyAdd(final int coefficient, final byte[] source, final int sourceOffset,
                            final byte[] destination, final int destinationOffset, final int length) {
        if (coefficient != 0) {
            KERNEL.multiplyAdd(coefficient, source, sourceOffset, destination, destinationOffset, length);
        }
    }

    /** @return the kernel in use, for logs and benchmarks. */
    static GaloisKernel kernel() {
        return KERNEL;
    }

    /**
     * @param coefficient a field element.
     * @param value       a byte value, 0..255.
     * @return their product.
     */
    static byte product(final int coefficient, final int value) {
        return PRODUCTS[coefficient << 8 | value];
    }

    /**
     * Inverts a square matrix in place by Gauss-Jordan elimination.
     *
     * @param matrix {@code size x size} coefficients, row-major; replaced by its inverse.
     * @param size   rows and columns.
     * @param scratch at least {@code size * size} ints.
     * @throws ArithmeticException when the matrix is singular (cannot happen for Cauchy submatrices).
     */
    static void invert(final int[] matrix, final int size, final int[] scratch) {
        final int[] inverse = scratch;
        for (int i = 0; i < size * size; i++) {
            inverse[i] = i / size == i % size ? 1 : 0;
        }
        for (int column = 0; column < size; column++) {
            final int pivotRow = pivot(matrix, size, column);
            swapRows(matrix, size, column, pivotRow);
            swapRows(inverse, size, column, pivotRow);
            final int scale = inverse(matrix[column * size + column]);
            scaleRow(matrix, size, column, scale);
            scaleRow(inverse, size, column, scale);
            for (int row = 0; row < size; row++) {
                final int factor = matrix[row * size + column];
                if (row != column && factor != 0) {
                    eliminate(matrix, size, row, column, factor);
                    eliminate(inverse, size, row, column, factor);
                }
            }
        }
        System.arraycopy(inverse, 0, matrix, 0, size * size);
    }

    private static int pivot(final int[] matrix, final int size, final int column) {
        for (int row = column; row < size; row++) {
            if (matrix[row * size + column] != 0) {
                return row;
            }
        }
        throw new ArithmeticException("singular matrix");
    }

    private static void swapRows(final int[] matrix, final int size, final int a, final int b) {
        for (int column = 0; a != b && column < size; column++) {
            final int held = matrix[a * size + column];
            matrix[a * size + column] = matrix[b * size + column];
            matrix[b * size + column] = held;
        }
    }

    private static void scaleRow(final int[] matrix, final int size, final int row, final int scale) {
        for (int column = 0; column < size; column++) {
            matrix[row * size + column] = multiply(matrix[row * size + column], scale);
        }
    }

    /** row -= factor * pivot row. */
    private static void eliminate(final int[] matrix, final int size, final int row, final int pivot,
                                  final int factor) {
        for (int column = 0; column < size; column++) {
            matrix[row * size + column] ^= multiply(factor, matrix[pivot * size + column]);
        }
    }
}
