package io.saccade.robot.control;

/** What happened to decisions on their way to the motors, counted. */
public enum DecisionEvent {
    /** A datagram arrived on the decision socket. */
    UDP_DATAGRAM,
    /** A decision arrived on the MQTT fallback. */
    MQTT_MESSAGE,
    /** A datagram was not a decision datagram of this version (truncated, bad magic, version or length). */
    BAD_DATAGRAM,
    /** A datagram's tag was wrong or it named another key: forged or corrupted. */
    BAD_MAC,
    /** A payload was not a valid decision, or disagreed with its datagram header. */
    BAD_PAYLOAD,
    /** A decision for another robot's stream. */
    OTHER_STREAM,
    /** Applied to the motors. */
    ACCEPTED,
    /** The same frame was decided already (the other path's copy, or a replay). */
    DUPLICATE,
    /** From a leadership below the highest seen: a deposed leader. */
    STALE_EPOCH,
    /** For a frame older than the newest one decided. */
    STALE_FRAME,
    /** From a leadership whose epoch lies beyond the robot's clock plus the skew allowance: refused, no fence raised.
     * */
    FUTURE_EPOCH,
    /** About a frame captured longer ago than the age limit: not applied, and the watchdog not fed. */
    TOO_OLD,
    /** About a frame captured after the decision arrived, by the robot's own clock: impossible, refused. */
    FUTURE_CAPTURE,
    /** No valid decision for the watchdog period: the motors were stopped. */
    WATCHDOG_STOP,
    /** A receipt sent back to the leader for an accepted UDP decision (the ledger's delivered hop). */
    RECEIPT_SENT
}
