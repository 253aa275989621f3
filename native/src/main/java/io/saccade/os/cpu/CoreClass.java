package io.saccade.os.cpu;

/** The two classes of core on a big.LITTLE CPU; a symmetric CPU has only big ones. */
public enum CoreClass {
    /** Fast cores: decode, CPU inference, anything on the latency path that computes. */
    BIG,
    /** Efficient cores: waiting on devices, I/O, housekeeping. */
    LITTLE
}
