package io.saccade.protocol.frame;

/**
 * Layout of one frame fragment: the unit that crosses the network in a single UDP datagram.
 * <p>
 * A JPEG frame is cut into equally sized data shards; forward error correction adds parity shards; every shard
 * travels as one fragment. All integers are little-endian. The specification with field meanings and versioning
 * rules is {@code protocol/spec/frame-fragment.md}.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+---------------+---------------+
 *  |         magic 'S' 'C'         |    version    |     flags     |  0
 *  +-------------------------------+---------------+---------------+
 *  |                        stream id (u32)                        |  4
 *  +---------------------------------------------------------------+
 *  |                     frame sequence (u64)                      |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |               capture time, robot monotonic ns (i64)          | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  frame length in bytes (u32)                  | 24
 *  +-------------------------------+-------------------------------+
 *  |      fragment index (u16)     |      fragment count (u16)     | 28
 *  +-------------------------------+---------------+---------------+
 *  |     data fragment count (u16) | FEC groups(u8)|  key id (u8)  | 32
 *  +-------------------------------+---------------+---------------+
 *  |      payload length (u16)     | send delay us (u16)           | 36
 *  +-------------------------------+-------------------------------+
 *  |                     payload (one shard) ...                   | 40
 *  +---------------------------------------------------------------+
 *  |          authentication tag, HMAC-SHA256 truncated (16)       |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class FrameFragmentDescriptor {
    /** The two bytes every fragment starts with, 'S' then 'C', read as a little-endian u16. */
    public static final int MAGIC = 0x4353;
    /** The only layout version this code reads and writes. */
    public static final int VERSION = 1;

    /** Offset of the magic (u16). */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the layout version (u8). */
    public static final int VERSION_OFFSET = 2;
    /** Offset of the flags (u8), see {@link #FLAG_RELAYED}. */
    public static final int FLAGS_OFFSET = 3;
    /** Offset of the stream (robot) id (u32). */
    public static final int STREAM_ID_OFFSET = 4;
    /** Offset of the frame sequence number (u64). */
    public static final int FRAME_SEQ_OFFSET = 8;
    /** Offset of the capture time on the robot's monotonic clock in nanoseconds (i64). */
    public static final int CAPTURE_TIME_OFFSET = 16;
    /** Offset of the length of the whole JPEG frame in bytes (u32). */
    public static final int FRAME_LENGTH_OFFSET = 24;
    /** Offset of this fragment's index in the frame (u16): data shards first, then parity shards. */
    public static final int FRAGMENT_INDEX_OFFSET = 28;
    /** Offset of the number of fragments of the frame, data plus parity (u16). */
    public static final int FRAGMENT_COUNT_OFFSET = 30;
    /** Offset of the number of data fragments of the frame (u16). */
    public static final int DATA_COUNT_OFFSET = 32;
    /** Offset of the number of FEC groups the shards are interleaved over (u8). */
    public static final int FEC_GROUP_COUNT_OFFSET = 34;
    /** Offset of the id of the key the tag was computed with (u8). */
    public static final int KEY_ID_OFFSET = 35;
    /** Offset of the payload (shard) length in bytes (u16); equal for every fragment of a frame. */
    public static final int PAYLOAD_LENGTH_OFFSET = 36;
    /** Offset of the microseconds between capture and sending, saturated at 65535 (u16). */
    public static final int SEND_DELAY_OFFSET = 38;
    /** Length of the header; the payload starts here. */
    public static final int HEADER_LENGTH = 40;
    /** Length of the authentication tag that follows the payload. */
    public static final int TAG_LENGTH = 16;

    /** Flag: a cluster node forwarded this fragment to a peer; a relayed fragment is never relayed again. */
    public static final int FLAG_RELAYED = 0x01;
    /** Every flag this version defines; a fragment with another flag set is rejected. */
    public static final int KNOWN_FLAGS = FLAG_RELAYED;

    /** Most shards (data plus parity) in one FEC group: the Reed-Solomon code works over GF(2^8). */
    public static final int MAX_SHARDS_PER_GROUP = 255;
    /** Most fragments in one frame (u16 index). */
    public static final int MAX_FRAGMENTS = 0xFFFF;
    /** Largest value the send-delay field holds. */
    public static final int MAX_SEND_DELAY_MICROS = 0xFFFF;

    private FrameFragmentDescriptor() {
    }

    /**
     * Length of a datagram that carries a payload of the given length.
     *
     * @param payloadLength shard length in bytes.
     * @return header, payload and tag length together.
     */
    public static int datagramLength(final int payloadLength) {
        return HEADER_LENGTH + payloadLength + TAG_LENGTH;
    }
}
