package io.saccade.coordinator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.coordinator.CoordinatorEvent;
import io.saccade.coordinator.merge.ResultBoard;
import io.saccade.coordinator.policy.Decider;
import io.saccade.coordinator.policy.Policy;
import io.saccade.protocol.message.Action;
import io.saccade.protocol.message.Box;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.DecisionLabel;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.ResultTimings;
import io.saccade.protocol.ring.FrameStamp;
import io.saccade.protocol.ring.ParkingWordSignal;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.RingSource;
import io.saccade.protocol.ring.SlotRingWriter;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.telemetry.EnumCounters;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionAgentTest {
    private static final InputSpec THUMBNAILS = InputSpec.parse("80x60:grey:nhwc:u8:stretch");
    private static final long FRAME_NANOS = 33_000_000L;
    private static final Box PERSON = new Box(0.4f, 0.4f, 0.6f, 0.9f);

    @TempDir
    Path dir;

    private long now = 1_000;
    private final NanoClock clock = () -> now += 10;
    private final ParkingWordSignal signal = new ParkingWordSignal(20_000);
    private final ResultBoard board = new ResultBoard();
    private final List<Decision> decisions = new ArrayList<>();
    private final EnumCounters<CoordinatorEvent> events = new EnumCounters<>(CoordinatorEvent.class);
    private LeaderStamp leadership;
    private SlotRingWriter writer;
    private DecisionAgent agent;

    @BeforeEach
    void start() throws Exception {
        final Path file = dir.resolve("thumbnails.ring");
        writer = SlotRingWriter.open(file, RingKind.THUMBNAIL, THUMBNAILS, 4, THUMBNAILS.tensorBytes(), signal, clock);
        agent = new DecisionAgent(new RingSource(file, RingKind.THUMBNAIL, signal, 1_000), board,
            new Decider(Policy.DEFAULTS), () -> leadership, decisions::add, 64, clock, events);
    }

    @AfterEach
    void stop() {
        writer.close();
    }

    @Test
    void shouldKeepThumbnailsWhileFollowingAndDecideEveryFrameOnceLeading() {
        write(1, 0);
        assertEquals(0, agent.doWork(0));
        assertEquals(1, events.get(CoordinatorEvent.FOLLOWING));

        board.offer(result(1, new Detection("Person", 4, 0.9f, PERSON)));
        leadership = new LeaderStamp("coordinator-1", 7);
        write(2, 0);
        write(3, 0);
        assertEquals(1, agent.doWork(0), "only the newest frame is decided");
        write(4, 0);
        assertEquals(1, agent.doWork(0));

        assertEquals(List.of(3L, 4L), decisions.stream().map(Decision::frameSeq).toList());
        final Decision last = decisions.getLast();
        assertEquals(Action.STOP, last.action());
        assertEquals(new LeaderStamp("coordinator-1", 7), last.leader());
        final DecisionLabel label = last.labels().getFirst();
        assertEquals(1, label.sourceFrameSeq());
        assertTrue(label.effective(), "frame 1 was kept while following, and nothing changed since");
        assertEquals(3 * 33_000, label.evidenceAgeMicros());
    }

    @Test
    void shouldFlagTheLabelWhenItsRegionChangesBetweenFrames() {
        leadership = new LeaderStamp("coordinator-1", 7);
        write(1, 0);
        agent.doWork(0);
        board.offer(result(1, new Detection("Person", 4, 0.9f, PERSON)));
        write(2, 200);

        agent.doWork(0);

        final DecisionLabel label = decisions.getLast().labels().getFirst();
        assertTrue(label.change() > 0.2f, "change " + label.change());
        assertEquals(false, label.effective());
    }

    @Test
    void shouldStopDecidingWithTheNextFrameOnceLeadershipIsGone() {
        leadership = new LeaderStamp("coordinator-1", 7);
        write(1, 0);
        agent.doWork(0);
        leadership = null;
        write(2, 0);

        agent.doWork(0);

        assertEquals(List.of(1L), decisions.stream().map(Decision::frameSeq).toList());
    }

    @Test
    void shouldReturnQuietlyWhenNoFrameArrives() {
        assertEquals(0, agent.doWork(0));
        assertEquals(0, events.get(CoordinatorEvent.FRAME));
    }

    /** Writes a textured thumbnail with the person's box painted {@code brightness} levels brighter. */
    private void write(final long seq, final int brightness) {
        final MemorySegment slot = writer.claim();
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 80; x++) {
                final boolean inBox = x >= 32 && x < 48 && y >= 24 && y < 54;
                final int grey = 40 + (x * 3 + y * 5) % 60 + (inBox ? brightness : 0);
                slot.set(ValueLayout.JAVA_BYTE, y * 80 + x, (byte)Math.min(grey, 255));
            }
        }
        writer.publish(new FrameStamp().set(1, seq, seq * FRAME_NANOS, 640, 480).frameReadyAtNanos(now)
            .writtenAtNanos(now), THUMBNAILS.tensorBytes());
    }

    private static InferenceResult result(final long seq, final Detection... detections) {
        final long capture = seq * FRAME_NANOS;
        return new InferenceResult(1, seq, capture, "ssd-mobilenetv2-oidv4", "node-1", "CPU",
            new ResultTimings(capture, capture, capture, capture, capture), List.of(detections));
    }
}
