package io.saccade.robot.send;

/** Where encoded frames go: the network, or a test's recorder. */
@FunctionalInterface
public interface FramePort {
    /**
     * @param streamId         stream (robot) id.
     * @param frameSeq         frame sequence number.
     * @param captureTimeNanos capture time on this robot's monotonic clock.
     * @param sendDelayMicros  microseconds from capture to now.
     * @param jpeg             the frame.
     * @param length           its length.
     * @return how many datagrams went out; 0 when the frame was skipped because the port could not take it.
     */
    int send(long streamId, long frameSeq, long captureTimeNanos, long sendDelayMicros, byte[] jpeg, int length);
}
