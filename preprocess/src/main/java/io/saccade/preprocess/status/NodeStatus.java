package io.saccade.preprocess.status;

import io.saccade.preprocess.decode.DecodeEvent;
import io.saccade.preprocess.ingress.DropReason;
import io.saccade.protocol.message.ServiceRole;
import io.saccade.protocol.message.ServiceState;
import io.saccade.protocol.message.ServiceStatus;
import io.saccade.runtime.telemetry.EnumCounters;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Builds a node's preprocess status: STARTING until the first frame is decoded, READY while frames keep being
 * decoded, DEGRADED when none was for {@value #QUIET_SECONDS} s (the robot is silent or unreachable) or the decode
 * thread stopped; frames decoded per second and in all, frames superseded before decoding (latest wins), and errors
 * (corrupt JPEGs, failed conversions and rings, datagrams refused as forged or malformed). Its OFFLINE form is the
 * Last Will.
 */
public final class NodeStatus {
    /** Seconds without a decoded frame after which the node is DEGRADED. */
    public static final int QUIET_SECONDS = 2;

    private final String node;
    private final EnumCounters<DecodeEvent> decode;
    private final EnumCounters<DropReason> drops;
    private final LongSupplier superseded;
    private final BooleanSupplier decoding;
    private final Clock wallClock;
    private long lastDecoded;
    private long lastMillis;
    private long lastProgressMillis;

    /**
     * @param node       the node's name.
     * @param decode     the decode stage's counters.
     * @param drops      the ingress' drops by reason.
     * @param superseded frames replaced in the hand-off before they were decoded.
     * @param decoding   whether the decode thread runs.
     * @param wallClock  wall time.
     */
    public NodeStatus(final String node, final EnumCounters<DecodeEvent> decode, final EnumCounters<DropReason> drops,
                      final LongSupplier superseded, final BooleanSupplier decoding, final Clock wallClock) {
        this.node = node;
        this.decode = decode;
        this.drops = drops;
        this.superseded = superseded;
        this.decoding = decoding;
        this.wallClock = wallClock;
        this.lastMillis = wallClock.millis();
        this.lastProgressMillis = lastMillis;
    }

    /** @return the status now; rates are over the time since the previous call. */
    public synchronized ServiceStatus current() {
        final long decoded = decode.get(DecodeEvent.DECODED);
        final long now = wallClock.millis();
        final double fps = now > lastMillis ? (decoded - lastDecoded) * 1_000.0 / (now - lastMillis) : 0;
        if (decoded != lastDecoded) {
            lastProgressMillis = now;
        }
        lastDecoded = decoded;
        lastMillis = now;
        final long quietMillis = now - lastProgressMillis;
        final ServiceState state;
        final String detail;
        if (!decoding.getAsBoolean()) {
            state = ServiceState.DEGRADED;
            detail = "the decode thread stopped";
        } else if (decoded == 0) {
            state = ServiceState.STARTING;
            detail = "no frame received yet";
        } else if (quietMillis > TimeUnit.SECONDS.toMillis(QUIET_SECONDS)) {
            state = ServiceState.DEGRADED;
            detail = String.format(Locale.ROOT, "no frame decoded for %.1f s", quietMillis / 1e3);
        } else {
            state = ServiceState.READY;
            detail = "decoding";
        }
        return status(state, fps, decoded, detail, now);
    }

    /**
     * @param why why the node is offline: its Last Will, or a clean stop.
     * @return the OFFLINE status.
     */
    public ServiceStatus offline(final String why) {
        return status(ServiceState.OFFLINE, 0, decode.get(DecodeEvent.DECODED), why, wallClock.millis());
    }

    private ServiceStatus status(final ServiceState state, final double fps, final long decoded, final String detail,
                                 final long now) {
        final long errors = decode.get(DecodeEvent.CORRUPT_JPEG) + decode.get(DecodeEvent.CONVERSION_FAILED)
            + decode.get(DecodeEvent.RING_FAILED) + drops.get(DropReason.BAD_MAC) + drops.get(DropReason.MALFORMED)
            + drops.get(DropReason.INCONSISTENT) + drops.get(DropReason.OVERSIZE);
        return new ServiceStatus(ServiceStatus.VERSION, node, "preprocess", ServiceRole.PREPROCESS, state, null, null,
            0, fps, decoded, superseded.getAsLong(), errors, detail, now);
    }
}
