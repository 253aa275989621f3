package io.saccade.protocol.fec;

/**
 * The bulk operation the Reed-Solomon code spends its time in: {@code destination[i] ^= c * source[i]} in
 * GF(2^8). A SIMD kernel when the JVM has the Vector API module loaded, a table-lookup kernel otherwise.
 */
interface GaloisKernel {
    /**
     * @param coefficient       the factor, non-zero.
     * @param source            the bytes multiplied.
     * @param sourceOffset      where they start.
     * @param destination       the bytes added to.
     * @param destinationOffset where they start.
     * @param length            how many bytes.
     */
    void multiplyAdd(int coefficient, byte[] source, int sourceOffset, byte[] destination, int destinationOffset,
                     int length);

    /** @return what the kernel is, for logs. */
    String describe();

    /**
     * @return the SIMD kernel when {@code jdk.incubator.vector} is loaded (started with
     *     {@code --add-modules=jdk.incubator.vector}) and not disabled with {@code -Dsaccade.fec.simd=false}, else
     *     the table kernel.
     */
    static GaloisKernel fastest() {
        final boolean vectorLoaded = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return vectorLoaded && Boolean.parseBoolean(System.getProperty("saccade.fec.simd", "true"))
            ? new VectorGaloisKernel() : new TableGaloisKernel();
    }
}
