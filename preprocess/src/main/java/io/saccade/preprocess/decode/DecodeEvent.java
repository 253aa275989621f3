package io.saccade.preprocess.decode;

/** What the decode stage did, counted. */
public enum DecodeEvent {
    /** Frames decoded and written to every ring. */
    DECODED,
    /** Frames whose bytes OpenCV could not decode: counted and skipped. */
    CORRUPT_JPEG,
    /** Tensors written, over all specs. */
    TENSORS_WRITTEN,
    /** Conversions that failed (an OpenCV error): the slot stays unpublished. */
    CONVERSION_FAILED,
    /** Rings that could not be opened (no room, another live writer, a broken file). */
    RING_FAILED,
    /** Rings opened for a newly registered spec. */
    RING_OPENED,
    /** Rings closed because no service wanted their spec any more. */
    RING_CLOSED
}
