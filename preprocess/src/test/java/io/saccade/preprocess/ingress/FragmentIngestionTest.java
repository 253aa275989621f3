package io.saccade.preprocess.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.preprocess.reassembly.FrameReassembler;
import io.saccade.preprocess.reassembly.JpegFrame;
import io.saccade.preprocess.reassembly.JpegFramePool;
import io.saccade.preprocess.reassembly.ReassemblyConfig;
import io.saccade.preprocess.relay.FragmentRelay;
import io.saccade.preprocess.testing.EncodedFrame;
import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.clock.ClockOffset;
import io.saccade.protocol.clock.ClockProbe;
import io.saccade.protocol.clock.ClockSample;
import io.saccade.protocol.clock.ClockTable;
import io.saccade.protocol.frame.FrameFragmentDescriptor;
import io.saccade.protocol.frame.FrameFragmentFlyweight;
import io.saccade.runtime.telemetry.EnumCounters;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FragmentIngestionTest {
    private static final int SHARD = 200;
    private static final int MAX_DATAGRAM = FrameFragmentDescriptor.datagramLength(SHARD);

    private final List<JpegFrame> completed = new ArrayList<>();
    private final List<Integer> relayed = new ArrayList<>();
    private final EnumCounters<IngressEvent> events = new EnumCounters<>(IngressEvent.class);
    private final ClockTable clocks = new ClockTable();
    private final ClockSync clockSync = new ClockSync(new MessageAuthenticator(EncodedFrame.KEY), clocks, 4);
    private final FragmentIngestion ingestion = ingestion(KeyRing.of(EncodedFrame.KEY));
    private final FrameFragmentFlyweight fragment = new FrameFragmentFlyweight();

    @Test
    void shouldAcceptAuthenticFramesAndRelayWhatCameFromTheRobot() {
        final EncodedFrame frame = EncodedFrame.of(3, 1, 2_000, SHARD, 0.2, 1);

        frame.datagrams().forEach(this::deliver);

        assertEquals(1, completed.size());
        assertEquals(frame.datagrams().size(), relayed.size(), "data and the parity after completion go to peers");
        assertEquals(10, events.get(IngressEvent.FRAGMENTS_ACCEPTED));
        assertEquals(2, events.get(IngressEvent.FRAGMENTS_UNNEEDED));
        assertTrue(ingestion.drops().snapshot().values().stream().allMatch(count -> count == 0));
    }

    @Test
    void shouldNeverRelayAFragmentThatWasRelayedAlready() {
        final EncodedFrame frame = EncodedFrame.of(3, 1, 2_000, SHARD, 0.2, 2);
        final MessageAuthenticator peer = new MessageAuthenticator(EncodedFrame.KEY);

        for (final ByteBuffer datagram : frame.datagrams()) {
            fragment.wrap(datagram, 0, datagram.capacity()).flags(FrameFragmentDescriptor.FLAG_RELAYED);
            peer.sign(datagram, 0, fragment.tagOffset());
            deliver(datagram);
        }

        assertEquals(1, completed.size());
        assertTrue(relayed.isEmpty());
    }

    @Test
    void shouldDropForgedAndForeignDatagrams() {
        final EncodedFrame frame = EncodedFrame.of(3, 1, 2_000, SHARD, 0.2, 3);
        final ByteBuffer flipped = copy(frame.datagrams().getFirst());
        flipped.put(100, (byte)(flipped.get(100) ^ 0x01));
        final EncodedFrame otherKey = encodeWith(MacKey.of(1, new byte[32]));
        final ByteBuffer wrongKeyId = copy(frame.datagrams().getFirst());
        wrongKeyId.put(FrameFragmentDescriptor.KEY_ID_OFFSET, (byte)9);

        deliver(flipped);
        deliver(otherKey.datagrams().getFirst());
        deliver(wrongKeyId);

        assertEquals(3, ingestion.drops().get(DropReason.BAD_MAC));
        assertTrue(completed.isEmpty() && relayed.isEmpty());
    }

    @Test
    void shouldAcceptAFrameSignedWithTheNextKeyOnlyWhereItIsAcceptedAlready() {
        final MacKey next = MacKey.of(5, "the-next-robot-key-0123456789abcd".getBytes(StandardCharsets.US_ASCII));
        final EncodedFrame rolled = EncodedFrame.of(3, 1, 2_000, SHARD, 0.2, 5);
        final MessageAuthenticator signer = new MessageAuthenticator(next);
        for (final ByteBuffer datagram : rolled.datagrams()) {
            fragment.wrap(datagram, 0, datagram.capacity());
            datagram.put(FrameFragmentDescriptor.KEY_ID_OFFSET, (byte)next.id());
            signer.sign(datagram, 0, fragment.tagOffset());
        }
        final FragmentIngestion accepting = ingestion(KeyRing.of(EncodedFrame.KEY, next));

        rolled.datagrams().forEach(datagram -> accepting.onDatagram(datagram, 0, datagram.capacity(), "test", 0));
        rolled.datagrams().forEach(this::deliver);

        assertEquals(1, completed.size(), "the node that accepts the next key already");
        assertEquals(0, accepting.drops().get(DropReason.BAD_MAC));
        assertEquals(rolled.datagrams().size(), ingestion.drops().get(DropReason.BAD_MAC), "not rolled yet");
    }

    @Test
    void shouldDropTruncatedAndOversizeDatagrams() {
        final ByteBuffer datagram = EncodedFrame.of(3, 1, 2_000, SHARD, 0.2, 4).datagrams().getFirst();

        ingestion.onDatagram(datagram, 0, datagram.capacity() - 1, "test", 0);
        ingestion.onDatagram(ByteBuffer.allocate(MAX_DATAGRAM + 1), 0, MAX_DATAGRAM + 1, "test", 0);

        assertEquals(1, ingestion.drops().get(DropReason.MALFORMED));
        assertEquals(1, ingestion.drops().get(DropReason.OVERSIZE));
    }

    @Test
    void shouldDropReplaysOfFramesFarBehindTheNewest() {
        final EncodedFrame old = EncodedFrame.of(3, 1, 2_000, SHARD, 0.2, 5);
        final EncodedFrame lateButInWindow = EncodedFrame.of(3, 80, 2_000, SHARD, 0.2, 6);
        final EncodedFrame newest = EncodedFrame.of(3, 100, 2_000, SHARD, 0.2, 7);
        old.datagrams().forEach(this::deliver);
        newest.datagrams().forEach(this::deliver);

        old.datagrams().forEach(this::deliver);
        deliver(lateButInWindow.datagrams().getFirst());

        assertEquals(old.datagrams().size(), ingestion.drops().get(DropReason.REPLAY));
        assertEquals(1, ingestion.drops().get(DropReason.STALE), "within the window, but older than the newest");
        assertEquals(2, completed.size());
    }

    @Test
    void shouldCountDuplicatedDatagrams() {
        final EncodedFrame frame = EncodedFrame.of(3, 1, 2_000, SHARD, 0.2, 8);

        deliver(frame.datagrams().get(0));
        deliver(frame.datagrams().get(0));

        assertEquals(1, ingestion.drops().get(DropReason.DUPLICATE));
    }

    @Test
    void shouldCountEveryRandomDatagramAndKeepWorking() {
        final Random random = new Random(9);
        final EncodedFrame template = EncodedFrame.of(3, 1, 2_000, SHARD, 0.2, 10);
        for (int round = 0; round < 50_000; round++) {
            final ByteBuffer datagram = round % 2 == 0 ? noise(random) : mutated(template, random);
            ingestion.onDatagram(datagram, 0, datagram.limit(), "fuzz", 0);
        }
        EncodedFrame.of(3, 500, 2_000, SHARD, 0.2, 11).datagrams().forEach(this::deliver);

        final long dropped = ingestion.drops().snapshot().values().stream().mapToLong(Long::longValue).sum()
            + clockSync.events().get(ClockEvent.REFUSED); // noise that happened to start like a probe
        assertEquals(50_000, dropped + events.get(IngressEvent.FRAGMENTS_ACCEPTED)
            + events.get(IngressEvent.FRAGMENTS_UNNEEDED) - 12, "every datagram is accounted for");
        assertEquals(500, completed.getLast().frameSeq(), "still reassembles after the fuzzing");
    }

    @Test
    void shouldProbeTheRobotWhoseFramesArriveAndTakeItsSignedRepliesAsClockSamples() {
        final InetSocketAddress robot = new InetSocketAddress("192.0.2.7", 40_000);
        EncodedFrame.of(3, 1, 2_000, SHARD, 0.2, 12).datagrams()
            .forEach(datagram -> ingestion.onDatagram(datagram, 0, datagram.capacity(), robot, 0));
        final List<ByteBuffer> requests = new ArrayList<>();
        final List<InetSocketAddress> sentTo = new ArrayList<>();

        clockSync.probe((datagram, to) -> {
            requests.add(ByteBuffer.allocate(datagram.remaining()).put(datagram).flip());
            sentTo.add(to);
        }, 1_000_000);

        assertEquals(List.of(robot), sentTo, "probed where the robot's own fragments came from");
        final ClockProbe robotSide = new ClockProbe(new MessageAuthenticator(EncodedFrame.KEY));
        final ByteBuffer reply = robotSide.writeReply(ByteBuffer.allocate(ClockProbe.LENGTH), requests.getFirst(),
            9_001_050_000L, 9_001_060_000L);
        ingestion.onDatagram(reply, 0, reply.limit(), robot, 1_120_000);

        final ClockOffset offset = clocks.offset(3, 1_120_000);
        assertEquals(9_000_000_000L - 5_000, offset.robotMinusNodeNanos());
        assertEquals(55_000, offset.uncertaintyNanos(), "half of the 110 us spent on the wire");
        assertEquals(1, clockSync.events().get(ClockEvent.SAMPLES));

        ingestion.onDatagram(reply, 0, reply.limit(), robot, 1_200_000);
        final ByteBuffer forged = ByteBuffer.allocate(ClockProbe.LENGTH).put(0, reply, 0, ClockProbe.LENGTH);
        forged.put(ClockProbe.LENGTH - 1, (byte)(forged.get(ClockProbe.LENGTH - 1) ^ 1));
        ingestion.onDatagram(forged, 0, forged.limit(), robot, 1_200_000);

        assertEquals(1, clockSync.events().get(ClockEvent.LATE), "a reply is used once");
        assertEquals(1, clockSync.events().get(ClockEvent.REFUSED));
        assertTrue(ingestion.drops().snapshot().values().stream().allMatch(count -> count == 0),
            "probes are not counted as malformed fragments");
    }

    @Test
    void shouldStopProbingARobotWhoseFramesStoppedAndForgetItsOffset() {
        final InetSocketAddress robot = new InetSocketAddress("192.0.2.7", 40_000);
        EncodedFrame.of(3, 1, 2_000, SHARD, 0.2, 14).datagrams()
            .forEach(datagram -> ingestion.onDatagram(datagram, 0, datagram.capacity(), robot, 0));
        clocks.update(3, new ClockSample(0, 1, 1, 2));
        final List<InetSocketAddress> sentTo = new ArrayList<>();

        clockSync.probe((datagram, to) -> sentTo.add(to), ClockSync.IDLE_NANOS);
        clockSync.probe((datagram, to) -> sentTo.add(to), ClockSync.IDLE_NANOS + 1);

        assertEquals(List.of(robot), sentTo, "probed while its frames were recent, not after");
        assertEquals(null, clocks.offset(3, ClockSync.IDLE_NANOS + 1));
    }

    @Test
    void shouldNotProbeAnAddressItOnlyHeardRelayedFragmentsFrom() {
        final EncodedFrame frame = EncodedFrame.of(3, 1, 2_000, SHARD, 0.2, 13);
        final MessageAuthenticator peer = new MessageAuthenticator(EncodedFrame.KEY);
        for (final ByteBuffer datagram : frame.datagrams()) {
            fragment.wrap(datagram, 0, datagram.capacity()).flags(FrameFragmentDescriptor.FLAG_RELAYED);
            peer.sign(datagram, 0, fragment.tagOffset());
            ingestion.onDatagram(datagram, 0, datagram.capacity(), new InetSocketAddress("192.0.2.8", 9), 0);
        }

        clockSync.probe((datagram, to) -> { throw new AssertionError("probed a peer: " + to); }, 1);

        assertEquals(1, completed.size());
        assertEquals(0, clockSync.events().get(ClockEvent.PROBES_SENT));
    }

    private static ByteBuffer noise(final Random random) {
        final byte[] bytes = new byte[random.nextInt(MAX_DATAGRAM + 2)];
        random.nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }

    private static ByteBuffer mutated(final EncodedFrame template, final Random random) {
        final ByteBuffer datagram = copy(template.datagrams().get(random.nextInt(template.datagrams().size())));
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
            datagram.put(random.nextInt(datagram.capacity()), (byte)random.nextInt(256));
        }
        return datagram.limit(random.nextInt(4) == 0 ? random.nextInt(datagram.capacity() + 1) : datagram.capacity());
    }

    private static EncodedFrame encodeWith(final MacKey key) {
        final EncodedFrame frame = EncodedFrame.of(3, 1, 2_000, SHARD, 0.2, 3);
        final MessageAuthenticator other = new MessageAuthenticator(key);
        final FrameFragmentFlyweight view = new FrameFragmentFlyweight();
        for (final ByteBuffer datagram : frame.datagrams()) {
            other.sign(datagram, 0, view.wrap(datagram, 0, datagram.capacity()).tagOffset());
        }
        return frame;
    }

    private FragmentIngestion ingestion(final KeyRing keys) {
        return new FragmentIngestion(MAX_DATAGRAM, new MessageAuthenticator(keys),
            new FrameReassembler(new ReassemblyConfig(4, 4, 16, 64_000, MAX_DATAGRAM, 64_000,
                TimeUnit.MILLISECONDS.toNanos(500), TimeUnit.SECONDS.toNanos(10), 30),
                new JpegFramePool(32, 65_000), completed::add),
            new RecordingRelay(), clockSync, events, () -> 0L);
    }

    private void deliver(final ByteBuffer datagram) {
        ingestion.onDatagram(datagram, 0, datagram.capacity(), "test", 0);
    }

    private static ByteBuffer copy(final ByteBuffer datagram) {
        final ByteBuffer copy = ByteBuffer.allocate(datagram.capacity());
        copy.put(0, datagram, 0, datagram.capacity());
        return copy;
    }

    private final class RecordingRelay implements FragmentRelay {
        @Override
        public void forward(final ByteBuffer datagram, final int offset, final int length) {
            relayed.add(length);
        }

        @Override
        public void flush() {
            // Nothing queued.
        }
    }
}
