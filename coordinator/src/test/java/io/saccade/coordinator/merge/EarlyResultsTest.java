package io.saccade.coordinator.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.ResultTimings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyResultsTest {
    private static final long MS = 1_000_000L;

    private final SeenFrames frames = new SeenFrames();
    private final EarlyResults early = new EarlyResults(frames, 16, 500 * MS);
    private final List<String> released = new ArrayList<>();

    @Test
    void shouldHoldAResultUntilItsFrameArrivesHere() {
        frames.record(1, 100, 3_300 * MS);
        assertTrue(early.hold(result(102, "ssd"), 0, this::displaced));

        frames.record(1, 101, 3_333 * MS);
        early.release(1, 10 * MS, this::record);
        assertEquals(List.of(), released, "not yet");
        frames.record(1, 102, 3_366 * MS);
        early.release(1, 20 * MS, this::record);

        assertEquals(List.of("102 arrived"), released);
        assertEquals(ResultVerdict.SEEN_FRAME, frames.check(1, 102, 3_366 * MS));
    }

    @Test
    void shouldRefuseToHoldAResultFarAheadOfTheNewestFrameOrForAStreamNotSeen() {
        frames.record(1, 100, 3_300 * MS);

        assertFalse(early.hold(result(117, "ssd"), 0, this::displaced), "17 frames ahead: not a frame on its way");
        assertFalse(early.hold(result(Long.MAX_VALUE, "ssd"), 0, this::displaced));
        assertFalse(early.hold(result(-5, "ssd"), 0, this::displaced));
        assertFalse(early.hold(result(100, "ssd"), 0, this::displaced), "not ahead at all");
    }

    @Test
    void shouldGiveUpOnAResultWhoseFrameNeverComes() {
        frames.record(1, 100, 3_300 * MS);
        early.hold(result(105, "ssd"), 0, this::displaced);

        early.release(1, 400 * MS, this::record);
        assertEquals(List.of(), released);
        early.release(1, 501 * MS, this::record);

        assertEquals(List.of("105 expired"), released);
    }

    @Test
    void shouldKeepOnlyTheNewestPerModel() {
        frames.record(1, 100, 3_300 * MS);
        early.hold(result(103, "ssd"), 0, this::displaced);
        early.hold(result(102, "ssd"), 0, this::displaced);
        early.hold(result(101, "face"), 0, this::displaced);
        frames.record(1, 103, 3_400 * MS);

        early.release(1, MS, this::record);

        assertEquals(3, released.size(), released.toString());
        assertTrue(released.containsAll(List.of("103 arrived", "101 arrived", "102 displaced")), released.toString());
    }

    private void displaced(final EarlyResults.Held held) {
        released.add(held.result().frameSeq() + " displaced");
    }

    private void record(final EarlyResults.Held held, final boolean expired) {
        released.add(held.result().frameSeq() + (expired ? " expired" : " arrived"));
    }

    private static InferenceResult result(final long seq, final String model) {
        return new InferenceResult(1, seq, seq * 33 * MS, model, "node-2", "CPU", new ResultTimings(0, 0, 0, 0, 0),
            List.of());
    }
}
