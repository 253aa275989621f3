package io.saccade.coordinator;

/** What the coordinator counted. */
public enum CoordinatorEvent {
    /** A thumbnail was read from the ring. */
    FRAME,
    /** A thumbnail slot was overwritten while it was copied, or had the wrong size; it was dropped. */
    TORN,
    /** The thumbnail ring could not be read. */
    RING_UNAVAILABLE,
    /** A frame arrived while this member followed; the leader decides it. */
    FOLLOWING,
    /** A decision was made. */
    DECIDED,
    /** A decision datagram went to the robot. */
    SENT_UDP,
    /** A decision datagram could not be sent. */
    UDP_FAILED,
    /** The robot's receipt for a decision datagram arrived (the ledger's delivered hop). */
    RECEIPT,
    /** A datagram on the decision socket that is not a valid receipt: dropped. */
    BAD_RECEIPT,
    /** A decision's stream has no robot address configured; it went to MQTT only. */
    NO_ROBOT_ADDRESS,
    /** A decision was published on MQTT. */
    PUBLISHED,
    /** A decision could not be published on MQTT (disconnected or busy). */
    PUBLISH_DROPPED,
    /** A result was taken as its model's newest. */
    RESULT,
    /** A result arrived older than the one held and was dropped. */
    RESULT_SUPERSEDED,
    /** A result arrived before its frame did on this node; it waits for the frame (its verdict is counted then). */
    RESULT_EARLY,
    /** A decision datagram on the signed decisions topic that does not verify or decode; it was not shown. */
    BAD_MESSAGE,
    /**
     * A signed heartbeat, announcement or plan whose leadership epoch lies beyond this replica's clock plus the skew
     * allowance: refused before it could fence every real leader off.
     */
    FUTURE_EPOCH,
    /** This member became leader. */
    ELECTED,
    /** This member stopped leading. */
    STEPPED_DOWN,
    /** A work plan was published. */
    PLAN_PUBLISHED
}
