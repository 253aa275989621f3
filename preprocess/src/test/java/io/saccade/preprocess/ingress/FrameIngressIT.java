package io.saccade.preprocess.ingress;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.preprocess.testing.EncodedFrame;
import io.saccade.preprocess.testing.Ingresses;
import io.saccade.preprocess.testing.QuickPolling;
import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.frame.FrameFragmentFlyweight;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ingress on a real UDP socket on 127.0.0.1: good frames through, hostile traffic counted, memory bounded. */
@ExtendWith(QuickPolling.class)
class FrameIngressIT {
    private static final int SHARD = 1396;
    private Ingresses node;

    @BeforeEach
    void start() throws InterruptedException {
        node = Ingresses.start(Ingresses.CONFIG);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void shouldDeliverEveryFrameByteForByte() throws Exception {
        final List<EncodedFrame> frames = new ArrayList<>();
        for (long seq = 1; seq <= 20; seq++) {
            frames.add(EncodedFrame.of(5, seq, 40_000, SHARD, 0.2, seq));
            sendInLockstep(frames.getLast().datagrams());
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> node.delivered().size() == 20);
        final List<Ingresses.Delivered> delivered = List.copyOf(node.delivered());
        for (int i = 0; i < 20; i++) {
            assertEquals(frames.get(i).frameSeq(), delivered.get(i).frameSeq());
            assertArrayEquals(frames.get(i).jpeg(), delivered.get(i).jpeg());
        }
    }

    @Test
    void shouldCountHostileTrafficAndKeepDelivering() throws Exception {
        final Random random = new Random(1);
        final EncodedFrame first = EncodedFrame.of(5, 1_000, 20_000, SHARD, 0.2, 1);
        final EncodedFrame forged = resigned(EncodedFrame.of(5, 1_001, 5_000, SHARD, 0.2, 2), MacKey.of(1,
            new byte[32]));
        final EncodedFrame replayed = EncodedFrame.of(5, 2, 5_000, SHARD, 0.2, 3);
        final EncodedFrame last = EncodedFrame.of(5, 1_002, 20_000, SHARD, 0.2, 4);
        final List<ByteBuffer> hostile = new ArrayList<>(first.datagrams());
        Collections.shuffle(hostile, random);
        hostile.addAll(first.datagrams().subList(0, 3));
        for (int i = 0; i < 2_000; i++) {
            final byte[] garbage = new byte[1 + random.nextInt(1_500)];
            random.nextBytes(garbage);
            hostile.add(ByteBuffer.wrap(garbage));
        }
        hostile.add(truncated(first.datagrams().get(2)));
        hostile.add(corrupted(first.datagrams().get(4)));
        hostile.addAll(forged.datagrams());
        hostile.addAll(replayed.datagrams());
        hostile.addAll(last.datagrams());

        sendInLockstep(hostile);

        assertEquals(List.of(1_000L, 1_002L), node.deliveredSeqs());
        final var drops = node.ingress().drops();
        assertEquals(2_001, drops.get(DropReason.MALFORMED) + drops.get(DropReason.OVERSIZE), drops.toString());
        assertEquals(1 + forged.datagrams().size(), drops.get(DropReason.BAD_MAC), drops.toString());
        assertEquals(replayed.datagrams().size(), drops.get(DropReason.REPLAY), drops.toString());
        assertTrue(node.ingress().events().get(IngressEvent.FRAGMENTS_UNNEEDED) >= 3,
            "the repeats of a complete frame");
        assertEquals(hostile.size(), node.datagrams());
    }

    @Test
    void shouldKeepMemoryBoundedUnderAFloodOfUniqueSequenceNumbers() throws Exception {
        final List<ByteBuffer> flood = new ArrayList<>();
        for (long seq = 1; seq <= 3_000; seq++) {
            flood.add(EncodedFrame.of(5, seq, 10_000, SHARD, 0.2, seq).datagrams().getFirst());
        }

        sendInLockstep(flood);

        assertTrue(node.ingress().framesInProgress() <= Ingresses.CONFIG.reassembly().framesPerStream());
        assertTrue(node.pool().made() <= Ingresses.CONFIG.reassembly().framesPerStream() + 1, "buffers: "
            + node.pool().made());
        assertTrue(node.delivered().isEmpty());
    }

    /** Sends in batches and waits until the ingress has seen each batch, so the socket buffer never overflows. */
    private void sendInLockstep(final List<ByteBuffer> datagrams) throws Exception {
        for (int from = 0; from < datagrams.size(); from += 200) {
            final long before = node.datagrams();
            final List<ByteBuffer> batch = datagrams.subList(from, Math.min(datagrams.size(), from + 200));
            Ingresses.send(node.address(), batch);
            await().atMost(Duration.ofSeconds(10)).until(() -> node.datagrams() == before + batch.size());
        }
    }

    private static ByteBuffer truncated(final ByteBuffer datagram) {
        final ByteBuffer copy = ByteBuffer.allocate(datagram.capacity() - 7);
        copy.put(0, datagram, 0, copy.capacity());
        return copy;
    }

    private static ByteBuffer corrupted(final ByteBuffer datagram) {
        final ByteBuffer copy = ByteBuffer.allocate(datagram.capacity());
        copy.put(0, datagram, 0, copy.capacity());
        copy.put(500, (byte)~copy.get(500));
        return copy;
    }

    private static EncodedFrame resigned(final EncodedFrame frame, final MacKey key) {
        final MessageAuthenticator other = new MessageAuthenticator(key);
        final FrameFragmentFlyweight view = new FrameFragmentFlyweight();
        for (final ByteBuffer datagram : frame.datagrams()) {
            other.sign(datagram, 0, view.wrap(datagram, 0, datagram.capacity()).tagOffset());
        }
        return frame;
    }
}
