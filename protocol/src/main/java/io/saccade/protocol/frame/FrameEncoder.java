package io.saccade.protocol.frame;

import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.fec.ReedSolomon;
import java.nio.ByteBuffer;

/**
 * Cuts a JPEG frame into authenticated fragments with Reed-Solomon parity. {@link #begin} lays the frame out and
 * computes the parity; {@link #write} then produces any fragment into a caller's buffer. Buffers are sized once
 * for the largest frame, so steady-state encoding allocates nothing. Not thread-safe.
 */
public final class FrameEncoder {
    private final int shardLength;
    private final double redundancy;
    private final int maxFrameBytes;
    private final MessageAuthenticator authenticator;
    private final FrameFragmentFlyweight fragment = new FrameFragmentFlyweight();
    private final byte[] data;
    private final byte[] parity;
    private final byte[][] groupShards = new byte[ReedSolomon.MAX_SHARDS][];
    private final int[] groupOffsets = new int[ReedSolomon.MAX_SHARDS];

    private long streamId;
    private long frameSeq;
    private long captureTimeNanos;
    private long sendDelayMicros;
    private int frameLength;
    private int dataCount;
    private int fragmentCount;
    private int groupCount;

    /**
     * @param maxDatagramBytes largest datagram the path carries without IP fragmentation.
     * @param redundancy       parity fragments per data fragment, e.g. 0.2; 0 turns FEC off.
     * @param maxFrameBytes    largest JPEG to send.
     * @param authenticator    signs every fragment.
     */
    public FrameEncoder(final int maxDatagramBytes, final double redundancy, final int maxFrameBytes,
                        final MessageAuthenticator authenticator) {
        this.shardLength = maxDatagramBytes - FrameFragmentDescriptor.HEADER_LENGTH
            - FrameFragmentDescriptor.TAG_LENGTH;
        if (shardLength < 64 || shardLength > 0xFFFF) {
            throw new IllegalArgumentException("datagram size " + maxDatagramBytes + " leaves a payload of "
                + shardLength + " bytes; it must leave 64..65535");
        }
        if (!(redundancy >= 0 && redundancy <= 4)) {
            throw new IllegalArgumentException("redundancy must be within [0, 4], got " + redundancy);
        }
        this.redundancy = redundancy;
        this.maxFrameBytes = maxFrameBytes;
        this.authenticator = authenticator;
        final int maxData = dataShards(maxFrameBytes);
        final int maxParity = parityShards(maxData);
        if (maxData + maxParity > FrameFragmentDescriptor.MAX_FRAGMENTS) {
            throw new IllegalArgumentException("a " + maxFrameBytes + "-byte frame needs " + (maxData + maxParity)
                + " fragments of " + shardLength + " bytes, more than " + FrameFragmentDescriptor.MAX_FRAGMENTS);
        }
        this.data = new byte[maxData * shardLength];
        this.parity = new byte[Math.max(1, maxParity) * shardLength];
    }

    /** @return payload bytes per fragment. */
    public int shardLength() {
        return shardLength;
    }

    /** @return length of every datagram this encoder writes. */
    public int datagramLength() {
        return FrameFragmentDescriptor.datagramLength(shardLength);
    }

    /**
     * Lays out a frame and computes its parity.
     *
     * @param streamId         stream (robot) id.
     * @param frameSeq         frame sequence number.
     * @param captureTimeNanos capture time on the sender's monotonic clock.
     * @param sendDelayMicros  microseconds from capture to now.
     * @param jpeg             the frame's bytes.
     * @param length           how many of them.
     * @return how many fragments the frame takes.
     */
    public int begin(final long streamId, final long frameSeq, final long captureTimeNanos,
                     final long sendDelayMicros, final byte[] jpeg, final int length) {
        if (length < 1 || length > maxFrameBytes) {
            throw new IllegalArgumentException("frame of " + length + " bytes; this encoder sends 1.." + maxFrameBytes);
        }
        this.streamId = streamId;
        this.frameSeq = frameSeq;
        this.captureTimeNanos = captureTimeNanos;
        this.sendDelayMicros = sendDelayMicros;
        this.frameLength = length;
        this.dataCount = dataShards(length);
        this.fragmentCount = dataCount + parityShards(dataCount);
        this.groupCount = FecLayout.minimumGroupCount(dataCount, fragmentCount - dataCount);
        System.arraycopy(jpeg, 0, data, 0, length);
        java.util.Arrays.fill(data, length, dataCount * shardLength, (byte)0);
        for (int group = 0; group < groupCount; group++) {
            encodeGroup(group);
        }
        return fragmentCount;
    }

    /**
     * Writes one fragment of the frame last begun.
     *
     * @param index  fragment index, below what {@link #begin} returned.
     * @param buffer where to write.
     * @param offset where in the buffer; {@link #datagramLength()} bytes are written.
     * @return the datagram length.
     */
    public int write(final int index, final ByteBuffer buffer, final int offset) {
        fragment.wrap(buffer, offset, datagramLength())
            .writePreamble()
            .flags(0)
            .streamId(streamId)
            .frameSeq(frameSeq)
            .captureTimeNanos(captureTimeNanos)
            .frameLength(frameLength)
            .fragmentIndex(index)
            .fragmentCount(fragmentCount)
            .dataCount(dataCount)
            .fecGroupCount(groupCount)
            .keyId(authenticator.keyId())
            .payloadLength(shardLength)
            .sendDelayMicros(sendDelayMicros);
        final boolean isData = index < dataCount;
        buffer.put(fragment.payloadOffset(), isData ? data : parity,
            (isData ? index : index - dataCount) * shardLength, shardLength);
        authenticator.sign(buffer, offset, fragment.tagOffset());
        return datagramLength();
    }

    private void encodeGroup(final int group) {
        final int k = FecLayout.dataInGroup(group, dataCount, groupCount);
        final int m = FecLayout.parityInGroup(group, dataCount, fragmentCount, groupCount);
        for (int shard = 0; shard < k + m; shard++) {
            final int index = FecLayout.fragmentIndex(group, shard, dataCount, groupCount);
            groupShards[shard] = index < dataCount ? data : parity;
            groupOffsets[shard] = (index < dataCount ? index : index - dataCount) * shardLength;
        }
        ReedSolomon.encode(groupShards, groupOffsets, k, m, shardLength);
    }

    private int dataShards(final int length) {
        return (length + shardLength - 1) / shardLength;
    }

    private int parityShards(final int dataShards) {
        return (int)Math.ceil(dataShards * redundancy - 1e-9);
    }
}
