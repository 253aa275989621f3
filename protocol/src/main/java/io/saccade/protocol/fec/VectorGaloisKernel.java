package io.saccade.protocol.fec;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD {@link GaloisKernel} with the Vector API: a product {@code c * x} is {@code low[x & 15] ^ high[x >>> 4]},
 * two 16-entry tables per coefficient, looked up 16 bytes at a time with a byte shuffle (PSHUFB on x86, TBL on
 * ARM NEON). 128-bit vectors on purpose: a 16-entry table is exactly one register, where wider species need
 * cross-lane permutes. Only loaded when {@code jdk.incubator.vector} is present.
 */
final class VectorGaloisKernel implements GaloisKernel {
    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_128;
    private static final int LANES = SPECIES.length();

    private final ByteVector[] low = new ByteVector[256];
    private final ByteVector[] high = new ByteVector[256];

    VectorGaloisKernel() {
        final byte[] table = new byte[LANES];
        for (int coefficient = 0; coefficient < 256; coefficient++) {
            for (int nibble = 0; nibble < LANES; nibble++) {
                table[nibble] = GaloisField.product(coefficient, nibble);
            }
            low[coefficient] = ByteVector.fromArray(SPECIES, table, 0);
            for (int nibble = 0; nibble < LANES; nibble++) {
                table[nibble] = GaloisField.product(coefficient, nibble << 4);
            }
            high[coefficient] = ByteVector.fromArray(SPECIES, table, 0);
        }
    }

    @Override
    public void multiplyAdd(final int coefficient, final byte[] source, final int sourceOffset,
                            final byte[] destination, final int destinationOffset, final int length) {
        final ByteVector lowTable = low[coefficient];
        final ByteVector highTable = high[coefficient];
        final int vectorEnd = length - length % LANES;
        for (int i = 0; i < vectorEnd; i += LANES) {
            final ByteVector bytes = ByteVector.fromArray(SPECIES, source, sourceOffset + i);
            final ByteVector product = bytes.and((byte)0x0F).selectFrom(lowTable)
                .lanewise(VectorOperators.XOR, bytes.lanewise(VectorOperators.LSHR, 4).and((byte)0x0F)
                    .selectFrom(highTable));
            ByteVector.fromArray(SPECIES, destination, destinationOffset + i)
                .lanewise(VectorOperators.XOR, product)
                .intoArray(destination, destinationOffset + i);
        }
        for (int i = vectorEnd; i < length; i++) {
            destination[destinationOffset + i] ^= GaloisField.product(coefficient, source[sourceOffset + i] & 0xFF);
        }
    }

    @Override
    public String describe() {
        return "Vector API, " + SPECIES;
    }
}
