package io.saccade.preprocess.ingress;

import io.saccade.preprocess.reassembly.FrameReassembler;
import io.saccade.preprocess.reassembly.Outcome;
import io.saccade.preprocess.reassembly.StreamState;
import io.saccade.preprocess.relay.FragmentRelay;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.clock.ClockProbe;
import io.saccade.protocol.frame.FragmentVerdict;
import io.saccade.protocol.frame.FrameFragmentFlyweight;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.RateLimitedLog;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.concurrent.TimeUnit;

/**
 * What happens to every datagram that reaches a node, cheapest check first: length, structure, tag, stream table,
 * replay window, then reassembly; fragments that brought new data from the robot go on to the peers. Clock probe
 * replies (they start with "SP", fragments with "SC") go to {@link ClockSync}. Every drop is
 * counted by reason and the unexpected ones are logged, rate-limited. Nothing is allocated before the tag checks
 * out. Single-threaded: runs on the ingress event loop.
 */
public final class FragmentIngestion {
    private static final System.Logger LOG = System.getLogger(FragmentIngestion.class.getName());

    private final FrameFragmentFlyweight fragment = new FrameFragmentFlyweight();
    private final int maxDatagramBytes;
    private final MessageAuthenticator authenticator;
    private final FrameReassembler reassembler;
    private final FragmentRelay relay;
    private final ClockSync clocks;
    private final EnumCounters<DropReason> drops = new EnumCounters<>(DropReason.class);
    private final EnumCounters<IngressEvent> events;
    private final EnumMap<DropReason, RateLimitedLog> diagnostics = new EnumMap<>(DropReason.class);

    /**
     * @param maxDatagramBytes largest datagram a sender may send; anything longer was truncated.
     * @param authenticator    checks tags.
     * @param reassembler      puts frames together.
     * @param relay            forwards to peers.
     * @param clocks           measures the robots' clocks: learns their addresses, takes probe replies.
     * @param events           counts what was not dropped.
     * @param clock            paces the diagnostics: at most one line per reason every ten seconds.
     */
    public FragmentIngestion(final int maxDatagramBytes, final MessageAuthenticator authenticator,
                             final FrameReassembler reassembler, final FragmentRelay relay, final ClockSync clocks,
                             final EnumCounters<IngressEvent> events, final NanoClock clock) {
        this.maxDatagramBytes = maxDatagramBytes;
        this.authenticator = authenticator;
        this.reassembler = reassembler;
        this.relay = relay;
        this.clocks = clocks;
        this.events = events;
        for (final DropReason reason : DropReason.values()) {
            diagnostics.put(reason, new RateLimitedLog(LOG, clock, TimeUnit.SECONDS.toNanos(10)));
        }
    }

    /**
     * Handles one datagram.
     *
     * @param buffer   holding it; position and limit are left as they were.
     * @param offset   where it starts.
     * @param length   its length.
     * @param sender   where it came from, for diagnostics.
     * @param nowNanos current time.
     */
    public void onDatagram(final ByteBuffer buffer, final int offset, final int length, final Object sender,
                           final long nowNanos) {
        events.increment(IngressEvent.DATAGRAMS);
        if (ClockProbe.looksLikeProbe(buffer, offset)) {
            clocks.onReply(buffer, offset, length, nowNanos);
            return;
        }
        if (length > maxDatagramBytes) {
            if (drop(DropReason.OVERSIZE)) {
                log(DropReason.OVERSIZE, sender, "datagram longer than " + maxDatagramBytes + " bytes (truncated)");
            }
            return;
        }
        final FragmentVerdict verdict = fragment.wrap(buffer, offset, length).verify();
        if (verdict != FragmentVerdict.VALID) {
            if (drop(DropReason.MALFORMED)) {
                log(DropReason.MALFORMED, sender, verdict.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
            return;
        }
        if (!authenticator.verify(buffer, offset, fragment.tagOffset(), fragment.keyId())) {
            if (drop(DropReason.BAD_MAC)) {
                log(DropReason.BAD_MAC, sender, "authentication failed (key id " + fragment.keyId() + ")");
            }
            return;
        }
        admit(buffer, offset, length, sender, nowNanos);
    }

    private void admit(final ByteBuffer buffer, final int offset, final int length, final Object sender,
                       final long nowNanos) {
        final StreamState stream = reassembler.stream(fragment.streamId(), nowNanos);
        if (stream == null) {
            if (drop(DropReason.OVERLOAD)) {
                log(DropReason.OVERLOAD, sender, "stream table full, stream " + fragment.streamId() + " refused");
            }
            return;
        }
        if (!stream.replay().accepts(fragment.frameSeq())) {
            if (drop(DropReason.REPLAY)) {
                log(DropReason.REPLAY, sender, "stream " + stream.streamId() + " frame " + fragment.frameSeq()
                    + " is far below the newest authenticated frame " + stream.replay().highest());
            }
            return;
        }
        stream.replay().advance(fragment.frameSeq());
        final Outcome outcome = reassembler.accept(fragment, stream, nowNanos);
        count(outcome, sender);
        if (outcome == Outcome.COMPLETED && !fragment.isRelayed() && sender instanceof InetSocketAddress robot) {
            clocks.observe(stream.streamId(), robot, nowNanos);
        }
        if ((outcome.isNew() || outcome == Outcome.UNNEEDED) && !fragment.isRelayed()) {
            relay.forward(buffer, offset, length);
        }
    }

    private void count(final Outcome outcome, final Object sender) {
        switch (outcome) {
            case ACCEPTED, COMPLETED -> events.increment(IngressEvent.FRAGMENTS_ACCEPTED);
            case UNNEEDED -> events.increment(IngressEvent.FRAGMENTS_UNNEEDED);
            case DUPLICATE -> drops.increment(DropReason.DUPLICATE);
            case STALE -> drops.increment(DropReason.STALE);
            case INCONSISTENT -> reject(DropReason.INCONSISTENT, sender, "fragment contradicts its frame's geometry");
            case OVERSIZE -> reject(DropReason.OVERSIZE, sender, "frame larger than the frame buffers allow");
            case OVERLOAD -> reject(DropReason.OVERLOAD, sender, "no frame buffer free");
        }
    }

    /**
     * Counts a drop.
     *
     * @return whether its reason's rate-limited log takes a line now: only then is the detail put into words, so a
     *     flood of bad datagrams allocates nothing.
     */
    private boolean drop(final DropReason reason) {
        drops.increment(reason);
        return diagnostics.get(reason).acquire();
    }

    private void log(final DropReason reason, final Object sender, final String detail) {
        diagnostics.get(reason).write("dropped datagram from " + sender + ": " + reason + ", " + detail);
    }

    /** Counts a drop with a constant detail. */
    private void reject(final DropReason reason, final Object sender, final String detail) {
        if (drop(reason)) {
            log(reason, sender, detail);
        }
    }

    /** @return drops so far, by reason. */
    public EnumCounters<DropReason> drops() {
        return drops;
    }

    /** Sends what the relay queued; called at the end of a read batch. */
    public void flush() {
        relay.flush();
    }
}
