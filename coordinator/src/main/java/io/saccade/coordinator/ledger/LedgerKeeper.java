package io.saccade.coordinator.ledger;

import static io.saccade.runtime.telemetry.Quantiles.nearestRank;

import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.Hop;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.LatencyLedger;
import io.saccade.protocol.message.LedgerHop;
import io.saccade.protocol.message.ResultTimings;
import io.saccade.protocol.message.RobotClock;
import io.saccade.protocol.ring.FrameStamp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Lays every frame's journey on the robot's clock, hop by hop, from what this coordinator sees: its node's frames
 * (placed on the robot's clock by preprocess, which measured the offset), the decisions it makes, every result from
 * every node (each placed by its own node) and the robot's delivery times. Two paths per frame: the decision path
 * (capture, send, received on the leader's node, decided, delivered) and one inference path per model (received on
 * the inferring node, slot written, inference start and end, result published, result received by the leader).
 * Keeps recent per-hop statistics for the dashboard and {@code /metrics}, and assembles a full {@link LatencyLedger}
 * for every {@code sampleEvery}-th decided frame, published after the results of that frame had time to arrive.
 * Thread-safe: fed by the decision thread and the MQTT thread, read by the dashboard's.
 * <p>
 * Large because the ledger joins hops from three threads under one lock; splitting it would split that lock.
 */
public final class LedgerKeeper {
    /** Samples kept per hop. */
    static final int SAMPLES = 2_048;

    /** Where each row's steps go besides the keeper, e.g. a Prometheus histogram's data point. */
    @FunctionalInterface
    public interface HopListener {
        /**
         * Asked once per row, when the row is first seen.
         *
         * @param hop   the step.
         * @param model its model, {@code null} on the decision path.
         * @return told every step of that row, in microseconds from the previous hop of its path.
         */
        LongConsumer row(Hop hop, String model);
    }

    private static final String ROBOT = "robot";

    private final String node;
    private final int sampleEvery;
    private final long holdNanos;
    private final HopListener listener;
    private final Map<Row, HopStats> stats = new LinkedHashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private long robotMinusNodeNanos;
    /** How far {@link #robotMinusNodeNanos} may be off; -1 until a frame brought an offset. */
    private long uncertaintyMicros = -1;
    private long lastSeq = -1;
    private int lastSendDelayMicros;
    private long unplaced;
    private final long[] decidedStream = new long[64];
    private final long[] decidedSeq = new long[64];
    private final long[] decidedMicros = new long[64];
    private int decidedNext;
    /** Receipts that overtook their decision's record: over loopback the robot can answer before it is made. */
    private final long[] earlyStream = new long[8];
    private final long[] earlySeq = new long[8];
    private final long[] earlyMicros = new long[8];
    private int earlyNext;

    /**
     * @param node        this coordinator's node, where its frames are received and its decisions made.
     * @param sampleEvery every how many decided frames a full ledger is assembled; 0 for none.
     * @param holdNanos   how long a sampled ledger waits for its frame's results before it is due.
     * @param listener    told about every placed hop.
     */
    public LedgerKeeper(final String node, final int sampleEvery, final long holdNanos, final HopListener listener) {
        Arrays.fill(decidedSeq, -1);
        Arrays.fill(earlySeq, -1);
        this.node = node;
        this.sampleEvery = sampleEvery;
        this.holdNanos = holdNanos;
        this.listener = listener;
        for (final Hop hop : List.of(Hop.SEND, Hop.RECEIVE, Hop.DECIDED, Hop.DELIVERED)) {
            stats.put(new Row(hop, null), new HopStats(SAMPLES, listener.row(hop, null)));
        }
    }

    /**
     * Learns this node's offset to the robot's clock from a frame preprocess placed on it.
     *
     * @param frame a frame that just arrived on this node.
     */
    public synchronized void frame(final FrameStamp frame) {
        if (!frame.hasClock()) {
            return;
        }
        robotMinusNodeNanos = frame.robotMinusNodeNanos();
        uncertaintyMicros = frame.clockUncertaintyMicros();
        lastSeq = frame.frameSeq();
        lastSendDelayMicros = frame.sendDelayMicros();
    }

    /**
     * The decision path of a frame this member decided.
     *
     * @param decision   the decision.
     * @param nowNanos   now, on this node's clock.
     * @param wallMillis now, wall clock.
     */
    public synchronized void decided(final Decision decision, final long nowNanos, final long wallMillis) {
        if (!clocked()) {
            unplaced++;
            return;
        }
        final long capture = decision.captureTimeNanos();
        final long received = afterCapture(decision.timings().frameReadyAtNanos(), capture);
        final long decided = afterCapture(decision.timings().decidedAtNanos(), capture);
        final boolean sampled = sampleEvery > 0 && decision.frameSeq() % sampleEvery == 0;
        final List<LedgerHop> hops = sampled ? new ArrayList<>(5) : null;
        if (sampled) {
            hops.add(new LedgerHop(Hop.CAPTURE, ROBOT, null, 0));
        }
        long previous = 0;
        if (decision.frameSeq() == lastSeq) {
            previous = record(hops, Hop.SEND, ROBOT, null, lastSendDelayMicros, 0, wallMillis);
        }
        previous = record(hops, Hop.RECEIVE, node, null, received, previous, wallMillis);
        record(hops, Hop.DECIDED, node, null, decided, previous, wallMillis);
        decidedStream[decidedNext] = decision.streamId();
        decidedSeq[decidedNext] = decision.frameSeq();
        decidedMicros[decidedNext] = decided;
        decidedNext = (decidedNext + 1) % decidedSeq.length;
        if (sampled) {
            pending.addLast(new Pending(decision.streamId(), decision.frameSeq(), nowNanos + holdNanos, hops,
                uncertaintyMicros));
        }
        for (int i = 0; i < earlySeq.length; i++) {
            if (earlySeq[i] == decision.frameSeq() && earlyStream[i] == decision.streamId()) {
                earlySeq[i] = -1;
                delivered(decision.streamId(), decision.frameSeq(), earlyMicros[i], wallMillis);
            }
        }
    }

    /**
     * The robot's receipt for one of this member's recent decisions. The decision is sent before it is recorded
     * here, so a receipt for a decision not yet recorded is held (the last few) until it is; receipts for decisions
     * this member never records (another leader's, or long gone) are forgotten that way.
     *
     * @param streamId        its stream.
     * @param frameSeq        the decided frame.
     * @param deliveredMicros arrival at the robot, microseconds after capture, on the robot's own clock.
     * @param wallMillis      now, wall clock.
     * @return whether it closed one of this member's recent decisions now (not held, not a second receipt).
     */
    public synchronized boolean delivered(final long streamId, final long frameSeq, final long deliveredMicros,
                                          final long wallMillis) {
        for (int i = 0; i < decidedSeq.length; i++) {
            if (decidedSeq[i] == frameSeq && decidedStream[i] == streamId && decidedMicros[i] != Long.MIN_VALUE) {
                final Pending sampled = pendingOf(streamId, frameSeq);
                record(sampled == null ? null : sampled.hops, Hop.DELIVERED, ROBOT, null, deliveredMicros,
                    decidedMicros[i], wallMillis);
                decidedMicros[i] = Long.MIN_VALUE; // one receipt per decision
                return true;
            }
        }
        earlyStream[earlyNext] = streamId;
        earlySeq[earlyNext] = frameSeq;
        earlyMicros[earlyNext] = deliveredMicros;
        earlyNext = (earlyNext + 1) % earlySeq.length;
        return false;
    }

    /**
     * The inference path of a result from any node.
     *
     * @param result       the result.
     * @param arrivalNanos when it arrived here, on this node's clock.
     * @param wallMillis   now, wall clock.
     */
    public synchronized void result(final InferenceResult result, final long arrivalNanos, final long wallMillis) {
        final ResultTimings timings = result.timings();
        final RobotClock robotClock = timings.robotClock();
        if (robotClock == null) {
            unplaced++;
            return;
        }
        final Pending sampled = pendingOf(result.streamId(), result.frameSeq());
        final List<LedgerHop> hops = sampled == null ? null : sampled.hops;
        final String model = result.model();
        final String where = result.node();
        long previous = record(hops, Hop.RECEIVE, where, model, robotClock.readyAfterCaptureMicros(),
            robotClock.sendDelayMicros(), wallMillis);
        previous = record(hops, Hop.SLOT_WRITTEN, where, model, timings.afterCaptureMicros(
            timings.slotWrittenAtNanos()), previous, wallMillis);
        previous = record(hops, Hop.INFERENCE_START, where, model, timings.afterCaptureMicros(
            timings.inferenceStartNanos()), previous, wallMillis);
        previous = record(hops, Hop.INFERENCE_END, where, model, timings.afterCaptureMicros(
            timings.inferenceEndNanos()), previous, wallMillis);
        previous = record(hops, Hop.RESULT_PUBLISHED, where, model, timings.afterCaptureMicros(
            timings.publishedAtNanos()), previous, wallMillis);
        if (clocked()) {
            record(hops, Hop.RESULT_RECEIVED, node, model, afterCapture(arrivalNanos, result.captureTimeNanos()),
                previous, wallMillis);
        }
        if (sampled != null) {
            sampled.uncertaintyMicros = Math.max(sampled.uncertaintyMicros, robotClock.uncertaintyMicros());
        }
    }

    /**
     * @param nowNanos now, on this node's clock.
     * @return the sampled ledgers whose results had their time to arrive, oldest first; each is returned once.
     */
    public synchronized List<LatencyLedger> due(final long nowNanos) {
        final List<LatencyLedger> due = new ArrayList<>();
        while (!pending.isEmpty() && nowNanos - pending.peekFirst().dueNanos >= 0) {
            final Pending ready = pending.removeFirst();
            final List<LedgerHop> hops = new ArrayList<>(ready.hops);
            hops.sort(Comparator.comparingLong(LedgerHop::atMicros));
            due.add(new LatencyLedger(LatencyLedger.VERSION, ready.streamId, ready.frameSeq, hops,
                ready.uncertaintyMicros));
        }
        return due;
    }

    /**
     * @return a copy of the recent samples, for the statistics to be computed on without holding up the threads
     *     that feed this keeper (the decision thread among them).
     */
    public synchronized Snapshot snapshot() {
        final Map<Row, HopStats> copies = new LinkedHashMap<>();
        stats.forEach((row, hop) -> {
            if (hop.size() > 0) {
                copies.put(row, hop.copy());
            }
        });
        return new Snapshot(copies, uncertaintyMicros, unplaced);
    }

    /** The recent samples of every row, copied; its statistics are computed on the caller's thread. */
    public static final class Snapshot {
        private final Map<Row, HopStats> rows;
        private final long uncertaintyMicros;
        private final long unplaced;

        private Snapshot(final Map<Row, HopStats> rows, final long uncertaintyMicros, final long unplaced) {
            this.rows = rows;
            this.uncertaintyMicros = uncertaintyMicros;
            this.unplaced = unplaced;
        }

        /** @return per hop and path, the recent statistics: decision path first, then each model's. */
        public List<HopSummary> summaries() {
            final List<HopSummary> summaries = new ArrayList<>(rows.size());
            rows.forEach((row, hop) -> {
                final long[] at = hop.at();
                final long[] steps = hop.steps();
                summaries.add(new HopSummary(row.hop(), row.model(), hop.size(), nearestRank(at, 0.5),
                    nearestRank(at, 0.99), nearestRank(steps, 0.5), nearestRank(steps, 0.99)));
            });
            return summaries;
        }

        /**
         * @param hop        the step.
         * @param model      its model, {@code null} on the decision path.
         * @param fromSecond first wall-clock second (epoch seconds).
         * @param seconds    how many.
         * @return the median time after capture per second, -1 where none; {@code null} for a hop never seen.
         */
        public long[] series(final Hop hop, final String model, final long fromSecond, final int seconds) {
            final HopStats hopStats = rows.get(new Row(hop, model));
            return hopStats == null ? null : hopStats.medianPerSecond(fromSecond, seconds);
        }

        /** @return how far this node's offset to the robot's clock may be off, microseconds; -1 before measured. */
        public long uncertaintyMicros() {
            return uncertaintyMicros;
        }

        /** @return decisions and results not placed because a clock offset was not measured yet. */
        public long unplaced() {
            return unplaced;
        }
    }

    private boolean clocked() {
        return uncertaintyMicros >= 0;
    }

    private long afterCapture(final long nodeNanos, final long captureNanos) {
        return (nodeNanos + robotMinusNodeNanos - captureNanos) / 1_000;
    }

    private long record(final List<LedgerHop> hops, final Hop hop, final String where, final String model,
                        final long atMicros, final long previousMicros, final long wallMillis) {
        final long step = atMicros - previousMicros;
        final Row key = new Row(hop, model);
        HopStats row = stats.get(key);
        if (row == null) {
            row = new HopStats(SAMPLES, listener.row(hop, model));
            stats.put(key, row);
        }
        row.add(atMicros, step, wallMillis);
        if (hops != null) {
            hops.add(new LedgerHop(hop, where, model, atMicros));
        }
        return atMicros;
    }

    private Pending pendingOf(final long streamId, final long frameSeq) {
        for (final Pending candidate : pending) {
            if (candidate.streamId == streamId && candidate.frameSeq == frameSeq) {
                return candidate;
            }
        }
        return null;
    }

    /** One row of the table: a hop on the decision path ({@code model} null) or on a model's path. */
    private record Row(Hop hop, String model) {
    }

    private static final class Pending {
        private final long streamId;
        private final long frameSeq;
        private final long dueNanos;
        private final List<LedgerHop> hops;
        private long uncertaintyMicros;

        private Pending(final long streamId, final long frameSeq, final long dueNanos, final List<LedgerHop> hops,
                        final long uncertaintyMicros) {
            this.streamId = streamId;
            this.frameSeq = frameSeq;
            this.dueNanos = dueNanos;
            this.hops = hops;
            this.uncertaintyMicros = uncertaintyMicros;
        }
    }
}
