package io.saccade.protocol.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.fec.ReedSolomon;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {
    private static final MacKey KEY = MacKey.of(9, new byte[32]);
    private static final int DATAGRAM = FrameFragmentDescriptor.datagramLength(250);

    private final MessageAuthenticator authenticator = new MessageAuthenticator(KEY);
    private final FrameFragmentFlyweight fragment = new FrameFragmentFlyweight();
    private final byte[] jpeg = new byte[1000];

    @Test
    void shouldCutAFrameIntoAuthenticatedDataAndParityFragments() {
        new Random(2).nextBytes(jpeg);
        final FrameEncoder encoder = new FrameEncoder(DATAGRAM, 0.2, 4096, authenticator);

        final int count = encoder.begin(7, 99, 123_456, 800, jpeg, 990);

        assertEquals(5, count, "ceil(990/250) = 4 data, ceil(4 * 0.2) = 1 parity");
        final byte[][] shards = new byte[5][250];
        for (int index = 0; index < count; index++) {
            final ByteBuffer buffer = ByteBuffer.allocate(DATAGRAM + 3);
            assertEquals(DATAGRAM, encoder.write(index, buffer, 3));
            fragment.wrap(buffer, 3, DATAGRAM);
            assertEquals(FragmentVerdict.VALID, fragment.verify());
            assertTrue(authenticator.verify(buffer, 3, fragment.tagOffset(), fragment.keyId()));
            assertEquals(7, fragment.streamId());
            assertEquals(99, fragment.frameSeq());
            assertEquals(123_456, fragment.captureTimeNanos());
            assertEquals(800, fragment.sendDelayMicros());
            assertEquals(990, fragment.frameLength());
            assertEquals(index, fragment.fragmentIndex());
            assertEquals(4, fragment.dataCount());
            assertEquals(1, fragment.fecGroupCount());
            assertEquals(9, fragment.keyId());
            buffer.get(fragment.payloadOffset(), shards[index]);
        }
        final byte[] padded = Arrays.copyOf(jpeg, 1000);
        Arrays.fill(padded, 990, 1000, (byte)0);
        for (int data = 0; data < 4; data++) {
            assertArrayEquals(Arrays.copyOfRange(padded, data * 250, data * 250 + 250), shards[data]);
        }
        final byte[][] expected = {shards[0], shards[1], shards[2], shards[3], new byte[250]};
        ReedSolomon.encode(expected, new int[5], 4, 1, 250);
        assertArrayEquals(expected[4], shards[4]);
    }

    @Test
    void shouldSplitLargeFramesIntoSeveralCodeWords() {
        final FrameEncoder encoder = new FrameEncoder(FrameFragmentDescriptor.datagramLength(100), 0.25, 40_000,
            authenticator);

        final int count = encoder.begin(1, 1, 0, 0, new byte[40_000], 40_000);

        assertEquals(500, count, "400 data + 100 parity");
        final ByteBuffer buffer = ByteBuffer.allocate(encoder.datagramLength());
        encoder.write(499, buffer, 0);
        assertEquals(FragmentVerdict.VALID, fragment.wrap(buffer, 0, encoder.datagramLength()).verify());
        assertEquals(2, fragment.fecGroupCount());
    }

    @Test
    void shouldSendWithoutParityWhenRedundancyIsZero() {
        assertEquals(4, new FrameEncoder(DATAGRAM, 0, 4096, authenticator).begin(1, 1, 0, 0, jpeg, 1000));
    }

    @Test
    void shouldRefuseFramesAndSettingsItCannotCarry() {
        final FrameEncoder encoder = new FrameEncoder(DATAGRAM, 0.2, 1000, authenticator);

        assertThrows(IllegalArgumentException.class, () -> encoder.begin(1, 1, 0, 0, new byte[1001], 1001));
        assertThrows(IllegalArgumentException.class, () -> encoder.begin(1, 1, 0, 0, jpeg, 0));
        assertThrows(IllegalArgumentException.class, () -> new FrameEncoder(100, 0.2, 1000, authenticator));
        assertThrows(IllegalArgumentException.class, () -> new FrameEncoder(DATAGRAM, -1, 1000, authenticator));
        assertThrows(IllegalArgumentException.class, () -> new FrameEncoder(DATAGRAM, 0.2, 1 << 26, authenticator));
    }
}
