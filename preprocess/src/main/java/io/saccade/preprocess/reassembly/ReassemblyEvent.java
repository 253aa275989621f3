package io.saccade.preprocess.reassembly;

/** What happened to frames in reassembly, counted. */
public enum ReassemblyEvent {
    /** A frame became complete and was handed on. */
    COMPLETED,
    /** ... of which forward error correction rebuilt lost fragments. */
    RECOVERED,
    /** An incomplete frame was dropped because a newer frame of its stream completed. */
    INCOMPLETE_SUPERSEDED,
    /** An incomplete frame was dropped to make room for a newer one. */
    INCOMPLETE_EVICTED,
    /** An incomplete frame was dropped for being older than the age bound. */
    INCOMPLETE_EXPIRED,
    /** A new stream was refused because the stream table was full of active streams. */
    STREAM_REFUSED
}
