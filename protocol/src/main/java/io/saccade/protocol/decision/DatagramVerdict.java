package io.saccade.protocol.decision;

/** Why a received control datagram (a decision, a clock probe) was accepted or refused, before its payload is used. */
public enum DatagramVerdict {
    /** Well formed and authenticated: the payload may be parsed. */
    VALID,
    /** Shorter than a header and a tag. */
    TRUNCATED,
    /** Not the kind of datagram expected (another magic). */
    BAD_MAGIC,
    /** A layout version this build does not read. */
    UNSUPPORTED_VERSION,
    /** Signed with a key id the receiver does not hold. */
    UNKNOWN_KEY,
    /** The payload length field disagrees with the datagram's length. */
    LENGTH_MISMATCH,
    /** The tag is wrong: forged, corrupted, or signed with another key. */
    BAD_MAC
}
