package io.saccade.protocol.fec;

/** Portable {@link GaloisKernel}: one lookup in the 64 KB product table per byte. */
final class TableGaloisKernel implements GaloisKernel {
    @Override
    public void multiplyAdd(final int coefficient, final byte[] source, final int sourceOffset,
                            final byte[] destination, final int destinationOffset, final int length) {
        if (coefficient == 1) {
            for (int i = 0; i < length; i++) {
                destination[destinationOffset + i] ^= source[sourceOffset + i];
            }
            return;
        }
        for (int i = 0; i < length; i++) {
            destination[destinationOffset + i] ^= GaloisField.product(coefficient, source[sourceOffset + i] & 0xFF);
        }
    }

    @Override
    public String describe() {
        return "table lookup";
    }
}
