package io.saccade.protocol.message;

import java.util.List;

/**
 * Where the time went for one sampled frame: every step it passed, laid on one time axis (the robot's capture
 * clock) with measured clock offsets.
 *
 * @param version                 layout version, {@value #VERSION}.
 * @param streamId                stream (robot) id.
 * @param frameSeq                the frame.
 * @param hops                    the steps, in the order they happened.
 * @param offsetUncertaintyMicros how far the clock offsets used may be off.
 */
public record LatencyLedger(int version, long streamId, long frameSeq, List<LedgerHop> hops,
                            long offsetUncertaintyMicros) implements Message {
    /** The layout version this build writes and reads. */
    public static final int VERSION = 1;

    /** Validates the fields. */
    public LatencyLedger {
        FieldRules.version(version, VERSION, "latency ledger");
        FieldRules.streamId(streamId);
        hops = FieldRules.list(hops, "hops");
        FieldRules.notNegative(offsetUncertaintyMicros, "offsetUncertaintyMicros");
    }
}
