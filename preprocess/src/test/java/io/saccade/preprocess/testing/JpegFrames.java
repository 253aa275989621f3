package io.saccade.preprocess.testing;

import io.saccade.preprocess.reassembly.FrameReassembler;
import io.saccade.preprocess.reassembly.JpegFrame;
import io.saccade.preprocess.reassembly.JpegFramePool;
import io.saccade.preprocess.reassembly.ReassemblyConfig;
import io.saccade.protocol.frame.FrameFragmentFlyweight;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Complete frames holding given bytes, made through the real reassembler so they come from a real pool. */
public final class JpegFrames {
    private JpegFrames() {
    }

    /**
     * @param pool     where the frame buffers come from.
     * @param streamId stream id.
     * @param frameSeq sequence number.
     * @param bytes    the frame's content.
     * @return the complete frame.
     */
    public static JpegFrame of(final JpegFramePool pool, final long streamId, final long frameSeq, final byte[] bytes) {
        return of(pool, streamId, frameSeq, bytes, 0);
    }

    /**
     * @param pool     where the frame buffers come from.
     * @param streamId stream id.
     * @param frameSeq sequence number.
     * @param bytes    the frame's content.
     * @param nowNanos when it is reassembled, on the clock of the stage that takes it.
     * @return the complete frame.
     */
    public static JpegFrame of(final JpegFramePool pool, final long streamId, final long frameSeq, final byte[] bytes,
                               final long nowNanos) {
        final List<JpegFrame> made = new ArrayList<>();
        final FrameReassembler reassembler = new FrameReassembler(new ReassemblyConfig(2, 2, 2, pool.bufferBytes(),
            1400, 0, TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(1), 100), pool, made::add);
        final FrameFragmentFlyweight fragment = new FrameFragmentFlyweight();
        final EncodedFrame encoded = EncodedFrame.withBytes(streamId, frameSeq, bytes, 1344);
        for (final ByteBuffer datagram : encoded.datagrams()) {
            fragment.wrap(datagram, 0, datagram.capacity());
            reassembler.accept(fragment, reassembler.stream(streamId, nowNanos), nowNanos);
        }
        return made.getFirst();
    }
}
