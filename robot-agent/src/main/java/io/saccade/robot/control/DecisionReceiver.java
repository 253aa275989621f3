package io.saccade.robot.control;

import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.decision.DatagramVerdict;
import io.saccade.protocol.decision.DecisionDatagram;
import io.saccade.protocol.decision.DecisionReceipt;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.InvalidMessageException;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.runtime.agent.AgentRunner;
import io.saccade.runtime.net.DatagramAgent;
import io.saccade.runtime.telemetry.EnumCounters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.function.BiConsumer;

/**
 * Receives decisions and offers them to the control loop: signed datagrams on a UDP socket (the primary path,
 * straight from the leader) and, through {@link #mqttHandler()}, the same signed bytes from the signed decisions
 * topic (the fallback, when UDP is lost or blocked). Every datagram is checked (structure, key, tag) before its JSON
 * is parsed, and its header must agree with the JSON; anything else is counted and dropped, and the receiver carries
 * on. The second copy of the decision accepted last is refused on its header alone, without parsing it again.
 *
 * <p>The UDP copy of an accepted decision is answered with a signed receipt saying when the decision arrived after
 * its frame's capture, on this robot's clock: when it arrived itself, or, if the MQTT copy won the race, when that
 * did (the UDP copy is what tells the robot where the leader is).
 */
public final class DecisionReceiver implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DecisionReceiver.class.getName());

    private final DatagramChannel channel;
    private final ControlLoop loop;
    private final DecisionDatagram datagram;
    private final DecisionDatagram mqttDatagram;
    private final DecisionReceipt receipt;
    private final ByteBuffer receiptBuffer = ByteBuffer.allocate(DecisionReceipt.LENGTH);
    private final EnumCounters<DecisionEvent> events;
    private final MessageCodec codec = new MessageCodec();
    private AgentRunner receiving;
    /** The decision accepted last, from either path; written under the gate's ordering, read by both threads. */
    private volatile Accepted last;

    /**
     * What the receiver remembers of the decision accepted last.
     *
     * @param streamId      stream id.
     * @param frameSeq      frame decided.
     * @param epoch         leader's epoch.
     * @param arrivedMicros when the first copy arrived, after capture on the robot's clock (what receipts carry).
     * @param overUdp       whether the first copy came over UDP (and so was answered with a receipt already).
     */
    private record Accepted(long streamId, long frameSeq, long epoch, long arrivedMicros, boolean overUdp) {
        /** @return whether a verified datagram is another copy of this decision, by its signed header. */
        boolean isCopy(final ByteBuffer verified) {
            return DecisionDatagram.frameSeq(verified) == frameSeq && DecisionDatagram.streamId(verified) == streamId
                && DecisionDatagram.epoch(verified) == epoch;
        }
    }

    private DecisionReceiver(final DatagramChannel channel, final KeyRing keys, final ControlLoop loop) {
        this.channel = channel;
        this.loop = loop;
        final MessageAuthenticator udp = new MessageAuthenticator(keys); // a Mac per thread: UDP here, MQTT below
        this.datagram = new DecisionDatagram(udp);
        this.receipt = new DecisionReceipt(udp);
        this.mqttDatagram = new DecisionDatagram(new MessageAuthenticator(keys));
        this.events = loop.events();
    }

    /**
     * Binds the decision socket and starts receiving.
     *
     * @param bind where to listen; port 0 lets the OS choose.
     * @param keys the robot's keys, shared with the cluster's coordinators.
     * @param loop where decisions go.
     * @return the receiver.
     * @throws IOException when the socket cannot be bound.
     */
    public static DecisionReceiver start(final InetSocketAddress bind, final KeyRing keys, final ControlLoop loop)
        throws IOException {
        final DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(bind);
        } catch (final IOException ex) {
            channel.close();
            throw new IOException("cannot listen for decisions on " + bind + ": " + ex.getMessage(), ex);
        }
        final DecisionReceiver receiver = new DecisionReceiver(channel, keys, loop);
        receiver.receiving = DatagramAgent.run(channel, 65_536, "decisions", receiver::onDatagram);
        return receiver;
    }

    /**
     * Handles one datagram; public for tests that feed bytes directly.
     *
     * @param buffer the datagram between position and limit.
     */
    public void onDatagram(final ByteBuffer buffer) {
        onDatagram(buffer, null);
    }

    /** One datagram from the socket; the decision it carries is answered with a receipt when the sender is known. */
    private void onDatagram(final ByteBuffer buffer, final SocketAddress sender) {
        final long arrived = loop.clock().nanoTime();
        events.increment(DecisionEvent.UDP_DATAGRAM);
        if (!verified(buffer, datagram)) {
            return; // neither decided on nor answered: only a signed header may be compared with the last decision
        }
        Accepted receipted = accept(buffer, arrived, true);
        if (receipted == null) {
            final Accepted first = last;
            receipted = first != null && !first.overUdp() && first.isCopy(buffer) ? first : null;
        }
        if (receipted != null && sender != null) {
            sendReceipt(receipted, sender);
        }
    }

    /** Checks a decision's length and tag (each path with its own checker); counts what fails. */
    private boolean verified(final ByteBuffer buffer, final DecisionDatagram checker) {
        final DatagramVerdict verdict = checker.verify(buffer);
        if (verdict != DatagramVerdict.VALID) {
            events.increment(verdict == DatagramVerdict.BAD_MAC || verdict == DatagramVerdict.UNKNOWN_KEY
                ? DecisionEvent.BAD_MAC : DecisionEvent.BAD_DATAGRAM);
        }
        return verdict == DatagramVerdict.VALID;
    }

    /**
     * Offers a verified decision from either path to the loop, unless it is a copy of the decision accepted last.
     *
     * @return what is remembered of the decision when the loop accepted it, else {@code null}.
     */
    private Accepted accept(final ByteBuffer buffer, final long arrived, final boolean overUdp) {
        final Accepted first = last;
        if (first != null && first.isCopy(buffer)) {
            events.increment(DecisionEvent.DUPLICATE);
            return null;
        }
        final Decision decision;
        try {
            decision = codec.decode(DecisionDatagram.payload(buffer), Decision.class);
        } catch (final InvalidMessageException ex) {
            events.increment(DecisionEvent.BAD_PAYLOAD);
            return null;
        }
        if (decision.streamId() != DecisionDatagram.streamId(buffer)
            || decision.frameSeq() != DecisionDatagram.frameSeq(buffer)
            || decision.leader().epoch() != DecisionDatagram.epoch(buffer)) {
            events.increment(DecisionEvent.BAD_PAYLOAD);
            return null;
        }
        synchronized (this) { // accepted in the gate's order, so last is the gate's last
            if (loop.offer(decision, arrived) != DecisionEvent.ACCEPTED) {
                return null;
            }
            last = new Accepted(decision.streamId(), decision.frameSeq(), decision.leader().epoch(),
                (arrived - decision.captureTimeNanos()) / 1_000, overUdp);
            return last;
        }
    }

    /**
     * Tells the leader when its decision arrived, after capture on this robot's clock: the ledger's last hop. Best
     * effort: a receipt that cannot be sent is logged at debug level and forgotten.
     */
    private void sendReceipt(final Accepted decision, final SocketAddress leader) {
        try {
            channel.send(receipt.write(receiptBuffer, decision.streamId(), decision.frameSeq(), decision.epoch(),
                decision.arrivedMicros()), leader);
            events.increment(DecisionEvent.RECEIPT_SENT);
        } catch (final IOException ex) {
            LOG.log(System.Logger.Level.DEBUG, "cannot send a receipt to {0}: {1}", leader, ex.getMessage());
        }
    }

    /**
     * @return a handler for the signed decisions topic; runs on the MQTT client's thread. The payload is checked
     *     exactly like a datagram: nothing unsigned reaches the motors, whoever can publish on the broker.
     */
    public BiConsumer<String, byte[]> mqttHandler() {
        return (topic, payload) -> {
            events.increment(DecisionEvent.MQTT_MESSAGE);
            final long arrived = loop.clock().nanoTime();
            final ByteBuffer buffer = ByteBuffer.wrap(payload);
            if (verified(buffer, mqttDatagram)) {
                accept(buffer, arrived, false);
            }
        };
    }

    /** @return the port decisions are received on. */
    public int port() {
        try {
            return ((InetSocketAddress)channel.getLocalAddress()).getPort();
        } catch (final IOException ex) {
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            channel.close(); // ends the receiving agent's blocking read
        } catch (final IOException ex) {
            LOG.log(System.Logger.Level.DEBUG, "closing the decision socket: {0}", ex.getMessage());
        }
        if (receiving != null) {
            receiving.close();
        }
    }
}
