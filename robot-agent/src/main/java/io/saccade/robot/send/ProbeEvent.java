package io.saccade.robot.send;

/** What became of a datagram that reached the robot's frame socket. */
public enum ProbeEvent {
    /** A node's clock probe, answered. */
    ANSWERED,
    /** Not a valid probe for this robot (wrong stream, key, tag, layout): dropped. */
    REFUSED
}
