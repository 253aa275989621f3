package io.saccade.preprocess.testing;

import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.frame.FrameEncoder;
import io.saccade.protocol.frame.FrameFragmentDescriptor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A frame cut into datagrams exactly as the robot's encoder cuts it, for feeding the receiving side in tests.
 *
 * @param streamId  stream id.
 * @param frameSeq  sequence number.
 * @param jpeg      the frame's bytes (random, not a real JPEG: reassembly does not look inside).
 * @param datagrams one per fragment, data first, then parity.
 * @param dataCount how many are data.
 */
public record EncodedFrame(long streamId, long frameSeq, byte[] jpeg, List<ByteBuffer> datagrams, int dataCount) {
    /** The key tests sign with. */
    public static final MacKey KEY = MacKey.of(1, "saccade-test-key-0123456789abcdef".getBytes());

    /**
     * @param streamId   stream id.
     * @param frameSeq   sequence number.
     * @param length     frame length.
     * @param shard      payload bytes per fragment.
     * @param redundancy parity per data fragment.
     * @param seed       seeds the frame's bytes.
     * @return the encoded frame.
     */
    public static EncodedFrame of(final long streamId, final long frameSeq, final int length, final int shard,
                                  final double redundancy, final long seed) {
        final byte[] jpeg = new byte[length];
        new Random(seed).nextBytes(jpeg);
        return encode(streamId, frameSeq, jpeg, shard, redundancy);
    }

    /**
     * @param streamId stream id.
     * @param frameSeq sequence number.
     * @param bytes    the frame's content, e.g. a real JPEG.
     * @param shard    payload bytes per fragment.
     * @return the frame cut into fragments, without parity.
     */
    public static EncodedFrame withBytes(final long streamId, final long frameSeq, final byte[] bytes,
                                         final int shard) {
        return encode(streamId, frameSeq, bytes, shard, 0);
    }

    private static EncodedFrame encode(final long streamId, final long frameSeq, final byte[] jpeg, final int shard,
                                       final double redundancy) {
        final int length = jpeg.length;
        final int datagramLength = FrameFragmentDescriptor.datagramLength(shard);
        final FrameEncoder encoder = new FrameEncoder(datagramLength, redundancy, Math.max(length, 1024),
            new MessageAuthenticator(KEY));
        final int count = encoder.begin(streamId, frameSeq, 1_000_000L * frameSeq, 500, jpeg, length);
        final List<ByteBuffer> datagrams = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            final ByteBuffer datagram = ByteBuffer.allocate(datagramLength);
            encoder.write(index, datagram, 0);
            datagrams.add(datagram);
        }
        return new EncodedFrame(streamId, frameSeq, jpeg, List.copyOf(datagrams), (length + shard - 1) / shard);
    }

    /** @return how many parity fragments the frame has. */
    public int parityCount() {
        return datagrams.size() - dataCount;
    }
}
