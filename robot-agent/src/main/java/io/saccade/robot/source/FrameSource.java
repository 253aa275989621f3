package io.saccade.robot.source;

/**
 * Where frames come from. A live source (camera, network stream) produces frames at its own pace whether or not
 * anybody reads them; an on-demand source (video file, synthetic) produces the next frame when asked.
 */
public interface FrameSource extends AutoCloseable {
    /**
     * Delivers the next frame.
     *
     * @param into the holder to fill with a BGR image and its capture time.
     * @return {@code false} at the end of a finite source, {@code true} otherwise.
     * @throws FrameSourceException when the source cannot deliver.
     */
    boolean grab(CapturedFrame into) throws FrameSourceException;

    /** @return whether frames arrive on the source's own schedule. */
    boolean isLive();

    /** @return what the source is, for logs, e.g. {@code file:/data/vtest.avi (looping)}. */
    String describe();

    /** Releases the device, file or connection. */
    @Override
    void close();
}
