package io.saccade.preprocess.decode;

import io.saccade.protocol.tensor.InputSpec;
import java.lang.foreign.MemorySegment;
import org.bytedeco.opencv.opencv_core.Mat;

/** Turns a decoded frame into the payload of one ring, in place. */
interface FrameConverter extends AutoCloseable {
    /** @return what the payloads are. */
    InputSpec spec();

    /**
     * @param bgr    the decoded frame.
     * @param output the slot's payload.
     * @return bytes written.
     */
    int convert(Mat bgr, MemorySegment output);

    @Override
    void close();
}
