package io.saccade.accelerator.inference;

import io.saccade.protocol.message.Detection;
import java.util.List;

/** Finds things in one frame's tensor. The service loop holds exactly one frame in flight through it. */
@FunctionalInterface
public interface FrameDetector {
    /**
     * @param frame the frame's tensor.
     * @return what was found, best first.
     * @throws DetectorException when the engine fails on this frame.
     */
    List<Detection> detect(FrameTensor frame);
}
