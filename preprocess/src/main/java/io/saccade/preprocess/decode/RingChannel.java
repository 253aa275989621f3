package io.saccade.preprocess.decode;

import io.saccade.protocol.ring.FrameStamp;
import io.saccade.protocol.ring.SlotRingWriter;
import java.lang.foreign.MemorySegment;
import org.bytedeco.opencv.opencv_core.Mat;

/** One ring the decode stage feeds: a converter writing into the ring's next slot, then publishing it. */
final class RingChannel implements AutoCloseable {
    private final FrameConverter converter;
    private final SlotRingWriter writer;
    private long idleSinceNanos = -1;

    RingChannel(final FrameConverter converter, final SlotRingWriter writer) {
        this.converter = converter;
        this.writer = writer;
    }

    /** Writes and publishes one frame; a failure leaves the slot stable and unpublished. */
    void write(final Mat bgr, final FrameStamp stamp) {
        final MemorySegment payload = writer.claim();
        try {
            writer.publish(stamp, converter.convert(bgr, payload));
        } catch (final RuntimeException ex) {
            writer.abort();
            throw ex;
        }
    }

    SlotRingWriter writer() {
        return writer;
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    void idleSince(final long nanos) {
        idleSinceNanos = nanos;
    }

    @Override
    public void close() {
        writer.close();
        converter.close();
    }
}
