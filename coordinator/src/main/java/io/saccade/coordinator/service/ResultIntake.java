package io.saccade.coordinator.service;

import io.saccade.coordinator.CoordinatorEvent;
import io.saccade.coordinator.ledger.LedgerKeeper;
import io.saccade.coordinator.merge.EarlyResults;
import io.saccade.coordinator.merge.ResultBoard;
import io.saccade.coordinator.merge.ResultScreen;
import io.saccade.coordinator.merge.ResultVerdict;
import io.saccade.coordinator.merge.SeenFrames;
import io.saccade.coordinator.merge.WorkPlanner;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.ring.FrameStamp;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.mqtt.MessageOpener;
import io.saccade.runtime.telemetry.EnumCounters;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Where authenticated results enter the replica: each is screened against the frames this node has seen and the
 * work plan ({@link ResultScreen}), and a result whose frame has not arrived yet waits for it ({@link EarlyResults});
 * what passes goes on the {@link ResultBoard} the decision agent reads, then into the latency ledger. Results arrive
 * on the MQTT client's thread; frames, and the held results they release, on the decision agent's.
 */
final class ResultIntake {
    /** How far ahead of this node's newest frame a result may be and wait for its frame, and for how long. */
    private static final int EARLY_FRAMES = 16;
    private static final long EARLY_HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final SeenFrames frames = new SeenFrames();
    private final EarlyResults early = new EarlyResults(frames, EARLY_FRAMES, EARLY_HOLD_NANOS);
    private final EnumCounters<ResultVerdict> verdicts = new EnumCounters<>(ResultVerdict.class);
    private final ResultScreen screen;
    private final ResultBoard board;
    private final LedgerKeeper ledgers;
    private final EnumCounters<CoordinatorEvent> events;
    private final NanoClock clock;
    private final Clock wallClock;

    /**
     * @param board     where results that pass go.
     * @param planner   the work plans results are checked against.
     * @param ledgers   the latency ledger.
     * @param events    where results are counted.
     * @param clock     monotonic time.
     * @param wallClock the ledger's display time.
     */
    ResultIntake(final ResultBoard board, final WorkPlanner planner, final LedgerKeeper ledgers,
                 final EnumCounters<CoordinatorEvent> events, final NanoClock clock, final Clock wallClock) {
        this.board = board;
        this.screen = new ResultScreen(frames, planner);
        this.ledgers = ledgers;
        this.events = events;
        this.clock = clock;
        this.wallClock = wallClock;
    }

    /** Runs on the MQTT client's thread with an authenticated result. */
    void onResult(final MessageOpener.Opened<InferenceResult> opened) {
        final InferenceResult result = opened.message();
        final long arrival = clock.nanoTime();
        final ResultVerdict verdict = screen.screen(result, arrival);
        if (verdict == ResultVerdict.FUTURE_FRAME
            && early.hold(result, arrival, displaced -> events.increment(CoordinatorEvent.RESULT_SUPERSEDED))) {
            events.increment(CoordinatorEvent.RESULT_EARLY);
            return;
        }
        take(result, verdict, arrival);
    }

    /**
     * Runs on the decision agent's thread for every frame this node gets, before it is decided: the frame is seen
     * now, and results held for it are screened again (or refused when they waited too long).
     */
    void onFrame(final FrameStamp frame, final long nowNanos) {
        frames.record(frame.streamId(), frame.frameSeq(), frame.captureTimeNanos());
        early.release(frame.streamId(), nowNanos, (held, expired) -> take(held.result(),
            expired ? ResultVerdict.FUTURE_FRAME : screen.screen(held.result(), clock.nanoTime()),
            held.arrivalNanos()));
    }

    private void take(final InferenceResult result, final ResultVerdict verdict, final long arrival) {
        verdicts.increment(verdict);
        if (!verdict.taken()) {
            return;
        }
        events.increment(board.offer(result) ? CoordinatorEvent.RESULT : CoordinatorEvent.RESULT_SUPERSEDED);
        ledgers.result(result, arrival, wallClock.millis()); // after the board: deciding comes first
    }

    /** @return results taken or refused by plausibility, by verdict. */
    EnumCounters<ResultVerdict> verdicts() {
        return verdicts;
    }
}
