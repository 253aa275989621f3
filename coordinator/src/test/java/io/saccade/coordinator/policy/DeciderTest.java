package io.saccade.coordinator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.coordinator.effect.Thumbnail;
import io.saccade.coordinator.effect.ThumbnailHistory;
import io.saccade.protocol.message.Action;
import io.saccade.protocol.message.Box;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.DecisionLabel;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.message.Freshness;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.ModelState;
import io.saccade.protocol.message.ResultTimings;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeciderTest {
    private static final long FRAME_NANOS = 33_000_000L;
    private static final String SSD = "ssd-mobilenetv2-oidv4";
    private static final String FACE = "face-full-range";
    private static final LeaderStamp LEADER = new LeaderStamp("coordinator-1", 42);
    private static final Box IN_PATH = new Box(0.4f, 0.5f, 0.6f, 0.9f);
    private static final Box TOP_LEFT = new Box(0.0f, 0.0f, 0.2f, 0.2f);

    private final ThumbnailHistory history = new ThumbnailHistory(64, 80, 60);
    private final Decider decider = new Decider(Policy.DEFAULTS);

    @Test
    void shouldGoWhenTheRequiredModelIsFreshAndNothingMatches() {
        frames(1, 10);

        final Decision decision = decide(10, result(SSD, 9, detection("Laptop", 0.9f, IN_PATH)));

        assertEquals(Action.GO, decision.action());
        assertEquals("default: no rule matched", decision.reason());
        assertEquals(List.of(new ModelState(SSD, Freshness.FRESH, 9, 33_000)), decision.models());
        assertEquals(LEADER, decision.leader());
        assertEquals(10, decision.frameSeq());
        assertEquals(10 * FRAME_NANOS, decision.captureTimeNanos());
    }

    @Test
    void shouldStopForAnEffectivePersonInThePathFromAnOlderFrame() {
        frames(1, 10);

        final Decision decision = decide(10, result(SSD, 4, detection("Person", 0.8f, IN_PATH)));

        assertEquals(Action.STOP, decision.action());
        final DecisionLabel label = decision.labels().getFirst();
        assertTrue(label.effective());
        assertEquals(0f, label.change());
        assertEquals(4, label.sourceFrameSeq());
        assertEquals(6 * 33_000, label.evidenceAgeMicros());
        assertTrue(decision.reason().startsWith("rule person-in-path: Person 0.80"), decision.reason());
    }

    @Test
    void shouldFlagALabelWhoseRegionChangedAndAskForAtLeastSlow() {
        frames(1, 10);
        paint(10, IN_PATH, 255);

        final Decision decision = decide(10, result(SSD, 4, detection("Dog", 0.9f, IN_PATH)));

        final DecisionLabel label = decision.labels().getFirst();
        assertFalse(label.effective());
        assertTrue(label.change() > 0.5f);
        assertEquals(Action.SLOW, decision.action());
        assertTrue(decision.reason().contains("not effective"), decision.reason());
    }

    @Test
    void shouldKeepTheRulesActionWhenItIsAlreadyMoreRestrictiveThanSlow() {
        frames(1, 10);
        paint(10, IN_PATH, 255);

        assertEquals(Action.STOP, decide(10, result(SSD, 4, detection("Person", 0.9f, IN_PATH))).action());
    }

    @Test
    void shouldTreatALabelWhoseSourceThumbnailIsGoneAsNotEffective() {
        frames(100, 200);

        final DecisionLabel label = decide(200, result(SSD, 100, detection("Laptop", 0.9f, IN_PATH),
            detection("Dog", 0.9f, TOP_LEFT))).labels().getFirst();

        assertEquals(1f, label.change(), "frame 100 fell out of the 64-frame history");
        assertFalse(label.effective());
    }

    @Test
    void shouldLetTheHighestPriorityRuleWinAndHonourZonesScoresAndAreas() {
        frames(1, 10);

        assertEquals(Action.SLOW, decide(10, result(SSD, 9, detection("Person", 0.9f, TOP_LEFT))).action(),
            "outside the path: person-in-view (SLOW)");
        assertEquals(Action.GO, decide(10, result(SSD, 9, detection("Person", 0.3f, IN_PATH))).action(),
            "below minScore");
        assertEquals(Action.GO, decide(10, result(SSD, 9, detection("Dog", 0.9f,
            new Box(0.5f, 0.5f, 0.55f, 0.55f)))).action(), "obstacle below minArea");
        final Decision both = decide(10, result(SSD, 9, detection("Dog", 0.9f, IN_PATH),
            detection("Person", 0.9f, IN_PATH)));
        assertEquals(Action.STOP, both.action());
        assertTrue(both.reason().startsWith("rule person-in-path"), both.reason());
    }

    @Test
    void shouldUseLabelsOfOptionalModelsToo() {
        frames(1, 10);

        final Decision decision = decide(10, result(SSD, 9), result(FACE, 8, detection("face", 0.9f, IN_PATH)));

        assertEquals(Action.STOP, decision.action());
        assertEquals(2, decision.models().size());
    }

    @Test
    void shouldSlowDownWhenTheRequiredModelIsStale() {
        frames(1, 30);

        final Decision decision = decide(30, result(SSD, 10));

        assertEquals(Action.SLOW, decision.action(), "20 frames = 660 ms > 500 ms");
        assertEquals(Freshness.STALE, decision.models().getFirst().freshness());
        assertTrue(decision.reason().startsWith("stale"), decision.reason());
    }

    @Test
    void shouldFailSafeToStopWithoutFreshEvidenceFromARequiredModel() {
        frames(1, 60);

        final Decision old = decide(60, result(SSD, 20), result(FACE, 59));
        final Decision none = decide(60, result(FACE, 59));

        assertEquals(Action.STOP, old.action(), "40 frames = 1320 ms > 1000 ms");
        assertTrue(old.reason().startsWith("fail-safe"), old.reason());
        assertEquals(Action.STOP, none.action());
        assertEquals(new ModelState(SSD, Freshness.MISSING, 0, 0), none.models().getLast());
    }

    @Test
    void shouldNotTrustAResultFromBeforeTheRobotRestarted() {
        frames(1, 10);
        final InferenceResult old = new InferenceResult(1, 5, 3_600 * 1_000_000_000L, SSD, "node-1", "CPU",
            new ResultTimings(0, 0, 0, 0, 0), List.of(detection("Laptop", 0.9f, IN_PATH)));

        final Decision decision = decide(10, old);

        assertEquals(Action.STOP, decision.action(), "its capture clock says it is from the future: no evidence");
        assertEquals(List.of(new ModelState(SSD, Freshness.MISSING, 0, 0)), decision.models());
        assertTrue(decision.labels().isEmpty());
    }

    @Test
    void shouldTakeAResultOfTheDecidedFrameItselfAsFullyEffective() {
        frames(1, 10);
        paint(10, IN_PATH, 255);

        final DecisionLabel label = decide(10, result(SSD, 10, detection("Dog", 0.9f, IN_PATH))).labels().getFirst();

        assertEquals(0f, label.change());
        assertEquals(0, label.evidenceAgeMicros());
    }

    private Decision decide(final long seq, final InferenceResult... results) {
        return decider.decide(history.find(seq), history::find, Arrays.asList(results), LEADER, 10 * FRAME_NANOS);
    }

    private void frames(final long first, final long last) {
        for (long seq = first; seq <= last; seq++) {
            final byte[] pixels = new byte[80 * 60];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (byte)(50 + i % 80 + i / 80 % 7 * 5);
            }
            history.put(1, seq, seq * FRAME_NANOS, seq * FRAME_NANOS + 1_000_000, MemorySegment.ofArray(pixels));
        }
    }

    private void paint(final long seq, final Box box, final int grey) {
        final Thumbnail thumbnail = history.find(seq);
        for (int y = (int)(box.y0() * 60); y < (int)(box.y1() * 60); y++) {
            for (int x = (int)(box.x0() * 80); x < (int)(box.x1() * 80); x++) {
                thumbnail.pixels()[y * 80 + x] = (byte)grey;
            }
        }
    }

    private static InferenceResult result(final String model, final long seq, final Detection... detections) {
        final long capture = seq * FRAME_NANOS;
        return new InferenceResult(1, seq, capture, model, "node-1", "CPU",
            new ResultTimings(capture, capture, capture, capture, capture), List.of(detections));
    }

    private static Detection detection(final String label, final float score, final Box box) {
        return new Detection(label, 1, score, box);
    }
}
