package io.saccade.preprocess.ingress;

import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.clock.ClockProbe;
import io.saccade.protocol.clock.ClockSample;
import io.saccade.protocol.clock.ClockTable;
import io.saccade.protocol.clock.OffsetEstimator;
import io.saccade.protocol.decision.DatagramVerdict;
import io.saccade.runtime.telemetry.EnumCounters;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Measures, per stream, the offset between this node's clock and the robot's (spec:
 * {@code protocol/spec/clock-probe.md}): learns the robot's address from its own fragments, sends it a signed
 * request on every {@link #probe} tick, turns matching replies into samples and publishes the best one to the
 * {@link ClockTable} the decode stage stamps frames with. Single-threaded: runs on the ingress event loop.
 */
public final class ClockSync {
    /** Samples the estimate is chosen from: two seconds at the default period. */
    public static final int WINDOW = 8;
    /** How often each robot is probed. */
    public static final long PERIOD_MILLIS = 250;
    /** A robot whose frames stopped this long ago is no longer probed, and its offset is forgotten. */
    public static final long IDLE_NANOS = 5_000_000_000L;

    /** Sends a probe datagram. */
    @FunctionalInterface
    public interface ProbeSender {
        /**
         * @param datagram the probe, between position and limit; only valid during the call.
         * @param to       the robot's address.
         */
        void send(ByteBuffer datagram, InetSocketAddress to);
    }

    private final ClockProbe probe;
    private final ClockTable table;
    private final int maxStreams;
    private final EnumCounters<ClockEvent> events = new EnumCounters<>(ClockEvent.class);
    private final Map<Long, Robot> robots = new HashMap<>();
    private final ByteBuffer out = ByteBuffer.allocate(ClockProbe.LENGTH);

    /**
     * @param authenticator signs requests and checks replies with the frame key.
     * @param table         where the offsets go.
     * @param maxStreams    robots probed at most; more are ignored.
     */
    public ClockSync(final MessageAuthenticator authenticator, final ClockTable table, final int maxStreams) {
        this.probe = new ClockProbe(authenticator);
        this.table = table;
        this.maxStreams = maxStreams;
    }

    /**
     * Notes where a stream's authenticated, not relayed, fragments come from.
     *
     * @param streamId the stream.
     * @param sender   the robot's address.
     * @param nowNanos now, on this node's clock.
     */
    public void observe(final long streamId, final InetSocketAddress sender, final long nowNanos) {
        Robot robot = robots.get(streamId);
        if (robot == null) {
            if (robots.size() >= maxStreams) {
                return;
            }
            robot = new Robot();
            robots.put(streamId, robot);
        }
        robot.address = sender;
        robot.lastFrameNanos = nowNanos;
    }

    /**
     * Sends every robot whose frames still arrive a request (a request still unanswered is given up) and forgets the
     * robots that went quiet, so that their slots in the table go to new ones.
     *
     * @param sender   the socket.
     * @param nowNanos now, on this node's clock.
     */
    public void probe(final ProbeSender sender, final long nowNanos) {
        for (final Iterator<Map.Entry<Long, Robot>> it = robots.entrySet().iterator(); it.hasNext(); ) {
            final Map.Entry<Long, Robot> entry = it.next();
            final Robot robot = entry.getValue();
            if (nowNanos - robot.lastFrameNanos > IDLE_NANOS) {
                it.remove();
                table.forget(entry.getKey());
                continue;
            }
            robot.outstanding = nowNanos;
            sender.send(probe.writeRequest(out, entry.getKey(), nowNanos), robot.address);
            events.increment(ClockEvent.PROBES_SENT);
        }
    }

    /**
     * Takes a reply.
     *
     * @param buffer   holding it; position and limit are kept.
     * @param offset   where it starts.
     * @param length   its length.
     * @param nowNanos its arrival, on this node's clock.
     */
    public void onReply(final ByteBuffer buffer, final int offset, final int length, final long nowNanos) {
        final ByteBuffer reply = buffer.duplicate().limit(offset + length).position(offset);
        if (probe.verify(reply, ClockProbe.REPLY) != DatagramVerdict.VALID) {
            events.increment(ClockEvent.REFUSED);
            return;
        }
        final long streamId = ClockProbe.streamId(reply);
        final Robot robot = robots.get(streamId);
        final long origin = ClockProbe.originNanos(reply);
        if (robot == null || robot.outstanding != origin || origin == 0 || nowNanos < origin
            || ClockProbe.transmitNanos(reply) < ClockProbe.receiveNanos(reply)) {
            events.increment(ClockEvent.LATE);
            return;
        }
        robot.outstanding = 0;
        if (robot.estimator.add(new ClockSample(origin, ClockProbe.receiveNanos(reply),
            ClockProbe.transmitNanos(reply), nowNanos))) {
            events.increment(ClockEvent.CLOCK_JUMPS);
        }
        events.increment(ClockEvent.SAMPLES);
        table.update(streamId, robot.estimator.best());
    }

    /** @return what the probing did. */
    public EnumCounters<ClockEvent> events() {
        return events;
    }

    private static final class Robot {
        private final OffsetEstimator estimator = new OffsetEstimator(WINDOW);
        private InetSocketAddress address;
        private long lastFrameNanos;
        private long outstanding;
    }
}
