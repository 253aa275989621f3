package io.saccade.preprocess.ingress;

/** Why a datagram was dropped at ingress, counted; each is a stable metric label. */
public enum DropReason {
    /** Not a fragment of this protocol version: truncated, bad magic, unknown flags, impossible geometry. */
    MALFORMED,
    /** Larger than a frame buffer, more parity than allowed, or longer than the receive buffer (truncated). */
    OVERSIZE,
    /** Wrong or unknown key: not from the robot or a peer node. */
    BAD_MAC,
    /** Authenticated but far older than the stream's newest frame: a replay, or hopelessly late. */
    REPLAY,
    /** Older than the newest complete frame of its stream. */
    STALE,
    /** The same fragment twice for a frame in progress. */
    DUPLICATE,
    /** Contradicts the geometry of other fragments of its frame. */
    INCONSISTENT,
    /** No room: the stream table or the frame buffers were full. */
    OVERLOAD
}
