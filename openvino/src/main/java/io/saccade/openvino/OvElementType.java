package io.saccade.openvino;

/**
 * The tensor element types Saccade passes to and reads from OpenVINO: the byte-addressable ones. Their numeric
 * {@code ov_element_type_e} values differ between OpenVINO releases; {@link OvElementTable} maps them.
 */
public enum OvElementType {
    /** {@code boolean}, one byte per element. */
    BOOLEAN(1),
    /** bfloat16. */
    BF16(2),
    /** IEEE half precision. */
    F16(2),
    /** IEEE single precision. */
    F32(4),
    /** IEEE double precision. */
    F64(8),
    /** Signed 8-bit integer. */
    I8(1),
    /** Signed 16-bit integer. */
    I16(2),
    /** Signed 32-bit integer. */
    I32(4),
    /** Signed 64-bit integer. */
    I64(8),
    /** Unsigned 8-bit integer. */
    U8(1),
    /** Unsigned 16-bit integer. */
    U16(2),
    /** Unsigned 32-bit integer. */
    U32(4),
    /** Unsigned 64-bit integer. */
    U64(8);

    private final int byteSize;

    OvElementType(final int byteSize) {
        this.byteSize = byteSize;
    }

    /** @return bytes per element. */
    public int byteSize() {
        return byteSize;
    }
}
