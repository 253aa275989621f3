package io.saccade.preprocess.reassembly;

import io.saccade.protocol.frame.FecLayout;
import io.saccade.protocol.frame.FrameFragmentDescriptor;
import io.saccade.protocol.frame.FrameFragmentFlyweight;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A frame being reassembled: data shards go straight to their place in a pooled {@link JpegFrame} buffer, parity
 * shards to a side buffer, and per-group counts say when every FEC group has enough shards to rebuild its data.
 * Reused frame after frame by one stream slot.
 */
final class PartialFrame {
    private static final int MAX_GROUPS = 256;

    private final byte[] parity;
    private final long[] present = new long[(FrameFragmentDescriptor.MAX_FRAGMENTS + 64) / 64];
    private final int[] groupShards = new int[MAX_GROUPS];
    private final int[] groupData = new int[MAX_GROUPS];

    private JpegFrame frame;
    private long frameSeq;
    private long frameLength;
    private int shardLength;
    private int dataCount;
    private int fragmentCount;
    private int groupCount;
    private long captureTimeNanos;
    private long firstFragmentAtNanos;
    private int groupsReady;

    PartialFrame(final int parityCapacity) {
        this.parity = new byte[parityCapacity];
    }

    /**
     * @return whether a frame of this geometry fits the buffers.
     */
    static boolean fits(final FrameFragmentFlyweight fragment, final int dataCapacity, final int parityCapacity) {
        final long shard = fragment.payloadLength();
        return fragment.dataCount() * shard <= dataCapacity
            && (long)(fragment.fragmentCount() - fragment.dataCount()) * shard <= parityCapacity;
    }

    void begin(final FrameFragmentFlyweight fragment, final JpegFrame buffer, final long nowNanos) {
        frame = buffer;
        frameSeq = fragment.frameSeq();
        frameLength = fragment.frameLength();
        shardLength = fragment.payloadLength();
        dataCount = fragment.dataCount();
        fragmentCount = fragment.fragmentCount();
        groupCount = fragment.fecGroupCount();
        captureTimeNanos = fragment.captureTimeNanos();
        firstFragmentAtNanos = nowNanos;
        groupsReady = 0;
        Arrays.fill(present, 0, fragmentCount / 64 + 1, 0L);
        Arrays.fill(groupShards, 0, groupCount, 0);
        Arrays.fill(groupData, 0, groupCount, 0);
        frame.stamp(fragment.streamId(), frameSeq, captureTimeNanos, fragment.sendDelayMicros(), nowNanos);
    }

    boolean matches(final FrameFragmentFlyweight fragment) {
        return fragment.frameLength() == frameLength && fragment.payloadLength() == shardLength
            && fragment.dataCount() == dataCount && fragment.fragmentCount() == fragmentCount
            && fragment.fecGroupCount() == groupCount && fragment.captureTimeNanos() == captureTimeNanos;
    }

    boolean has(final int index) {
        return (present[index >>> 6] & 1L << index) != 0;
    }

    /** Copies the fragment's shard into place. */
    void store(final FrameFragmentFlyweight fragment) {
        final int index = fragment.fragmentIndex();
        present[index >>> 6] |= 1L << index;
        final ByteBuffer buffer = fragment.buffer();
        final boolean isData = index < dataCount;
        buffer.get(fragment.payloadOffset(), isData ? frame.data() : parity,
            (isData ? index : index - dataCount) * shardLength, shardLength);
        final int group = FecLayout.groupOf(index, dataCount, groupCount);
        groupData[group] += isData ? 1 : 0;
        if (++groupShards[group] == FecLayout.dataInGroup(group, dataCount, groupCount)) {
            groupsReady++;
        }
    }

    boolean isDecodable() {
        return groupsReady == groupCount;
    }

    boolean groupLostData(final int group) {
        return groupData[group] < FecLayout.dataInGroup(group, dataCount, groupCount);
    }

    JpegFrame frame() {
        return frame;
    }

    JpegFrame release() {
        final JpegFrame released = frame;
        frame = null;
        return released;
    }

    byte[] parity() {
        return parity;
    }

    long frameSeq() {
        return frameSeq;
    }

    int frameLength() {
        return (int)frameLength;
    }

    int shardLength() {
        return shardLength;
    }

    int dataCount() {
        return dataCount;
    }

    int fragmentCount() {
        return fragmentCount;
    }

    int groupCount() {
        return groupCount;
    }

    long firstFragmentAtNanos() {
        return firstFragmentAtNanos;
    }
}
