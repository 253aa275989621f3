package io.saccade.protocol.tensor;

/** Element type of a tensor, with its size. */
public enum ElementType {
    /** IEEE 754 binary32. */
    F32(4),
    /** IEEE 754 binary16. */
    F16(2),
    /** Unsigned byte, no normalisation applied. */
    U8(1);

    private final int bytes;

    ElementType(final int bytes) {
        this.bytes = bytes;
    }

    /** @return bytes one element takes. */
    public int bytes() {
        return bytes;
    }
}
