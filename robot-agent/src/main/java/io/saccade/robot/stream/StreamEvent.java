package io.saccade.robot.stream;

/** What happens to frames on the robot, counted. */
public enum StreamEvent {
    /** A frame came from the source. */
    CAPTURED,
    /** A frame went out. */
    SENT,
    /** A frame time passed while the previous frame was still being encoded or sent: skipped, not queued. */
    SKIPPED_LATE,
    /** The socket could not take more: the frame was dropped on the robot. */
    SKIPPED_BACKPRESSURE,
    /** The source failed to deliver. */
    SOURCE_FAILED,
    /** OpenCV could not encode a frame. */
    ENCODE_FAILED
}
