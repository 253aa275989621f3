package io.saccade.protocol.frame;

/**
 * Outcome of checking the structure of a received datagram as a frame fragment, before anything is allocated for
 * it. Every value but {@link #VALID} is a reason to drop the datagram and count it.
 */
public enum FragmentVerdict {
    /** Structurally sound; the tag still has to be checked. */
    VALID,
    /** Shorter than a header and a tag. */
    TRUNCATED,
    /** Does not start with the magic: not ours. */
    BAD_MAGIC,
    /** A layout version this code does not read. */
    UNSUPPORTED_VERSION,
    /** A flag this version does not define. */
    UNKNOWN_FLAGS,
    /** The payload length field disagrees with the datagram length. */
    LENGTH_MISMATCH,
    /** Index, counts, group count and frame length do not describe a possible frame. */
    BAD_GEOMETRY
}
