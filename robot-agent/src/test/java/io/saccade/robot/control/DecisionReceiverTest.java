package io.saccade.robot.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.decision.DatagramVerdict;
import io.saccade.protocol.decision.DecisionDatagram;
import io.saccade.protocol.decision.DecisionReceipt;
import io.saccade.protocol.message.Action;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.MessageCodec;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecisionReceiverTest {
    private static final MacKey KEY = MacKey.of(1, new byte[32]);

    private final MessageCodec codec = new MessageCodec();
    private final DecisionDatagram signer = new DecisionDatagram(new MessageAuthenticator(KEY));
    private final SimulatedDriveBase base = new SimulatedDriveBase(new WheelSpeeds(500, 0.3), System::nanoTime);
    /** The robot's clock: 10 ms after the capture of frame 0 of {@link Decisions#of}, so its frames are fresh. */
    private final AtomicLong clock = new AtomicLong(10_000_000L);
    private final ControlLoop loop = new ControlLoop(Decisions.gate(), base, 1_000_000_000L, clock::get,
        (decision, arrived) -> { });
    private DecisionReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = DecisionReceiver.start(new InetSocketAddress("127.0.0.1", 0), KeyRing.of(KEY), loop);
    }

    @AfterEach
    void stop() {
        receiver.close();
        loop.close();
    }

    @Test
    void shouldApplyASignedDecisionThatArrivesOverUdp() throws Exception {
        try (DatagramChannel robotSide = DatagramChannel.open()) {
            robotSide.send(signed(Decisions.of(7, "a", 5, Action.GO)),
                new InetSocketAddress("127.0.0.1", receiver.port()));

            await().atMost(Duration.ofSeconds(5)).until(() -> loop.events().get(DecisionEvent.ACCEPTED) == 1);
        }
        assertEquals(Action.GO, base.state().action());
    }

    @Test
    void shouldCountAndDropForgedMalformedAndInconsistentDatagrams() {
        final ByteBuffer forged = signed(Decisions.of(7, "a", 5, Action.GO));
        forged.put(DecisionDatagram.HEADER_LENGTH + 3, (byte)'x');
        receiver.onDatagram(forged);
        receiver.onDatagram(ByteBuffer.wrap("GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII)));
        final Decision decision = Decisions.of(7, "a", 5, Action.GO);
        receiver.onDatagram(signer.write(ByteBuffer.allocate(4096), 1, 8, 5, codec.encode(decision)));
        receiver.onDatagram(signer.write(ByteBuffer.allocate(4096), 1, 7, 5, "{\"version\":1}".getBytes(
            StandardCharsets.UTF_8)));

        assertEquals(1, loop.events().get(DecisionEvent.BAD_MAC));
        assertEquals(1, loop.events().get(DecisionEvent.BAD_DATAGRAM));
        assertEquals(2, loop.events().get(DecisionEvent.BAD_PAYLOAD), "header says frame 8, JSON says 7; bad JSON");
        assertEquals(0, loop.events().get(DecisionEvent.ACCEPTED));
        assertEquals(Action.STOP, base.state().action());
    }

    @Test
    void shouldRefuseAReplayedDatagram() {
        final ByteBuffer first = signed(Decisions.of(7, "a", 5, Action.GO));
        final byte[] captured = Arrays.copyOf(first.array(), first.limit());
        receiver.onDatagram(first);
        receiver.onDatagram(signed(Decisions.of(8, "a", 5, Action.STOP)));

        receiver.onDatagram(ByteBuffer.wrap(captured));

        assertEquals(1, loop.events().get(DecisionEvent.STALE_FRAME));
        assertEquals(Action.STOP, base.state().action());
    }

    @Test
    void shouldTakeSignedDecisionsFromMqttAndDropTheSecondCopy() {
        final Decision decision = Decisions.of(7, "a", 5, Action.SLOW);
        receiver.mqttHandler().accept("saccade/decisions/1/signed", bytes(signed(decision)));
        receiver.onDatagram(signed(decision));

        assertEquals(1, loop.events().get(DecisionEvent.ACCEPTED));
        assertEquals(1, loop.events().get(DecisionEvent.DUPLICATE));
        assertEquals(Action.SLOW, base.state().action());
    }

    @Test
    void shouldCountGarbageAfterAnMqttDecisionWithoutReadingItsHeader() {
        final Decision decision = Decisions.of(7, "a", 5, Action.SLOW);
        receiver.mqttHandler().accept("saccade/decisions/1/signed", bytes(signed(decision)));

        receiver.onDatagram(ByteBuffer.wrap(new byte[] {1, 2, 3}));

        assertEquals(1, loop.events().get(DecisionEvent.BAD_DATAGRAM));
        assertEquals(1, loop.events().get(DecisionEvent.ACCEPTED));
    }

    @Test
    void shouldAnswerTheUdpCopyWithAReceiptForWhicheverCopyArrivedFirst() throws Exception {
        final AtomicLong now = new AtomicLong(100_000_000L);
        final ControlLoop timed = new ControlLoop(Decisions.gate(), base, 1_000_000_000L, now::get,
            (decision, arrived) -> { });
        try (DecisionReceiver timedReceiver = DecisionReceiver.start(new InetSocketAddress("127.0.0.1", 0),
                 KeyRing.of(KEY), timed);
             DatagramChannel leader = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            leader.configureBlocking(true);
            final InetSocketAddress robot = new InetSocketAddress("127.0.0.1", timedReceiver.port());
            final Decision overMqtt = Decisions.of(1, 7, "a", 5, Action.SLOW, 90_000_000L);
            timedReceiver.mqttHandler().accept("saccade/decisions/1/signed", bytes(signed(overMqtt)));
            now.set(130_000_000L);
            leader.send(signed(overMqtt), robot);
            final ByteBuffer first = receipt(leader);
            assertEquals(7, DecisionReceipt.frameSeq(first));
            assertEquals(10_000, DecisionReceipt.arrivedAfterCaptureMicros(first),
                "the MQTT copy arrived 10 ms after capture; the UDP copy 40 ms");

            final Decision overUdp = Decisions.of(1, 8, "a", 5, Action.GO, 120_000_000L);
            leader.send(signed(overUdp), robot);
            final ByteBuffer second = receipt(leader);
            assertEquals(8, DecisionReceipt.frameSeq(second));
            assertEquals(10_000, DecisionReceipt.arrivedAfterCaptureMicros(second));
            timedReceiver.mqttHandler().accept("saccade/decisions/1/signed", bytes(signed(overUdp)));

            assertEquals(2, timed.events().get(DecisionEvent.ACCEPTED));
            assertEquals(2, timed.events().get(DecisionEvent.DUPLICATE), "each second copy refused on its header");
            await().atMost(Duration.ofSeconds(5)).until(() -> timed.events().get(DecisionEvent.RECEIPT_SENT) == 2);
        } finally {
            timed.close();
        }
    }

    @Test
    void shouldNotApplyACorrectlySignedButOldDecisionNorLetItFeedTheWatchdog() throws Exception {
        final Decision old = Decisions.of(1, 8, "a", 5, Action.GO, clock.get() - 200_000_000L);
        try (DatagramChannel leader = DatagramChannel.open()) {
            leader.send(signed(old), new InetSocketAddress("127.0.0.1", receiver.port()));
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.events().get(DecisionEvent.TOO_OLD) == 1);
        }
        receiver.mqttHandler().accept("saccade/decisions/1/signed", bytes(signed(old)));

        assertEquals(2, loop.events().get(DecisionEvent.TOO_OLD), "neither copy");
        assertEquals(0, loop.events().get(DecisionEvent.ACCEPTED));
        assertEquals(0, loop.events().get(DecisionEvent.RECEIPT_SENT), "no receipt for what was not applied");
        assertEquals(Action.STOP, base.state().action(), "the motors never got it");
        clock.addAndGet(1_000_000_001L);
        assertEquals(true, loop.checkWatchdog(), "the watchdog was not fed: it fires a period after start");
    }

    @Test
    void shouldRefuseAnUnsignedDecisionOnMqttWhoeverPublishedIt() {
        final Decision forged = Decisions.of(1, 7, "intruder", Long.MAX_VALUE, Action.GO, 0);
        receiver.mqttHandler().accept("saccade/decisions/1/signed", codec.encode(forged));

        assertEquals(1, loop.events().get(DecisionEvent.BAD_DATAGRAM));
        assertEquals(0, loop.events().get(DecisionEvent.ACCEPTED));
        assertEquals(null, loop.highestLeader(), "the fence was not raised by the forgery");
        assertEquals(Action.STOP, base.state().action());
    }

    private static ByteBuffer receipt(final DatagramChannel leader) throws Exception {
        final ByteBuffer in = ByteBuffer.allocate(DecisionReceipt.LENGTH + 8);
        leader.receive(in);
        in.flip();
        assertEquals(DatagramVerdict.VALID, new DecisionReceipt(new MessageAuthenticator(KEY)).verify(in));
        return in;
    }

    private static byte[] bytes(final ByteBuffer buffer) {
        return Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
    }

    private ByteBuffer signed(final Decision decision) {
        return signer.write(ByteBuffer.allocate(4096), decision.streamId(), decision.frameSeq(),
            decision.leader().epoch(), codec.encode(decision));
    }
}
