package io.saccade.protocol.message;

/** The kinds of process that report a status. */
public enum ServiceRole {
    /** Receives, reassembles, relays and decodes frames on a node. */
    PREPROCESS,
    /** Runs one pinned model on one device. */
    ACCELERATOR,
    /** Elects a leader, merges results, decides. */
    COORDINATOR,
    /** Streams frames and applies decisions on the robot. */
    ROBOT
}
