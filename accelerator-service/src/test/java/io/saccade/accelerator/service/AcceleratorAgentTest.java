package io.saccade.accelerator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.accelerator.inference.DetectorException;
import io.saccade.accelerator.inference.FrameDetector;
import io.saccade.accelerator.inference.FrameTensor;
import io.saccade.protocol.message.Box;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.ResultTimings;
import io.saccade.protocol.message.RobotClock;
import io.saccade.protocol.ring.FrameStamp;
import io.saccade.protocol.ring.ParkingWordSignal;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.RingSource;
import io.saccade.protocol.ring.SlotRingWriter;
import io.saccade.protocol.ring.WordSignal;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.time.NanoClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the agent turn by turn over a real slot ring, with engines that stand in for a model. */
class AcceleratorAgentTest {
    private static final InputSpec SPEC = InputSpec.parse("4x4:rgb:nhwc:u8:stretch");
    private static final WordSignal SIGNAL = new ParkingWordSignal(20_000);
    private static final AcceleratorAgent.Identity WHO = new AcceleratorAgent.Identity("m", "node-1", "CPU");

    @TempDir
    Path dir;

    private long now = 1_000;
    private final NanoClock clock = () -> now += 10;
    private final List<InferenceResult> results = new ArrayList<>();
    private final List<Byte> seen = new ArrayList<>();
    private SlotRingWriter writer;
    private long seq;

    @AfterEach
    void closeWriter() {
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void shouldRunTheNewestFrameWithItsStampAndDetections() throws Exception {
        final AcceleratorAgent agent = agent(recordingEngine());
        write(3);

        assertEquals(1, agent.doWork(0));

        final InferenceResult result = results.getFirst();
        assertEquals(3, result.frameSeq());
        assertEquals(30, result.captureTimeNanos());
        assertEquals(List.of((byte)3), seen, "the model saw frame 3's bytes");
        assertEquals("m", result.model());
        assertEquals("thing", result.detections().getFirst().label());
        assertTrue(result.timings().inferenceStartNanos() >= result.timings().slotWrittenAtNanos());
        assertEquals(1, agent.events().get(InferenceEvent.PUBLISHED));
    }

    @Test
    void shouldCarryTheFramesPlaceOnTheRobotsClockIntoTheResult() throws Exception {
        final AcceleratorAgent agent = agent(recordingEngine());
        write(1);
        agent.doWork(0);
        writer.claim().fill((byte)2);
        writer.publish(new FrameStamp().set(1, 2, 20, 640, 480).clock(2_500, 60, 800), SPEC.tensorBytes());
        agent.doWork(0);

        assertNull(results.getFirst().timings().robotClock(), "node had not measured the robot's clock");
        final ResultTimings timings = results.getLast().timings();
        assertEquals(new RobotClock(2_500, 60, 800), timings.robotClock());
        assertEquals(2_500 + (timings.inferenceEndNanos() - timings.frameReadyAtNanos()) / 1_000,
            timings.afterCaptureMicros(timings.inferenceEndNanos()));
    }

    @Test
    void shouldSkipNotQueueFramesThatArriveWhileTheModelIsBusy() throws Exception {
        final FrameDetector slow = frame -> {
            seen.add(frame.tensor().get(0));
            write(6); // six frames land while this one is being inferred
            return List.of();
        };
        final AcceleratorAgent agent = agent(slow);
        write(1);

        agent.doWork(0);
        agent.doWork(0);

        assertEquals(List.of(1L, 7L), results.stream().map(InferenceResult::frameSeq).toList(),
            "the second run took the newest frame, not the next one");
        assertEquals(5, agent.events().get(InferenceEvent.SKIPPED), "frames 2..6 were superseded");
        assertEquals(List.of((byte)1, (byte)7), seen);
    }

    @Test
    void shouldReturnNothingWhenNoNewerFrameHasArrived() throws Exception {
        final AcceleratorAgent agent = agent(recordingEngine());
        write(1);
        agent.doWork(0);

        assertEquals(0, agent.doWork(0));
        assertEquals(1, results.size());
    }

    @Test
    void shouldCountAnEngineErrorAndGoOnWithTheNextFrame() throws Exception {
        final FrameDetector flaky = frame -> {
            if (frame.tensor().get(0) == 1) {
                throw new DetectorException("engine fell over", null);
            }
            return List.of();
        };
        final AcceleratorAgent agent = agent(flaky);
        write(1);
        agent.doWork(0);
        write(1);

        agent.doWork(0);

        assertEquals(1, agent.events().get(InferenceEvent.ENGINE_ERROR));
        assertEquals(List.of(2L), results.stream().map(InferenceResult::frameSeq).toList());
    }

    @Test
    void shouldLeaveFramesThePlanGivesToAnotherNodeAlone() throws Exception {
        final Path file = dir.resolve("tensor.ring");
        writer = SlotRingWriter.open(file, RingKind.TENSOR, SPEC, 3, SPEC.tensorBytes(), SIGNAL, clock);
        final AcceleratorAgent agent = new AcceleratorAgent(new RingSource(file, RingKind.TENSOR, SIGNAL, 1_000),
            recordingEngine(), new FrameTensor(SPEC), results::add, WHO, frameSeq -> frameSeq % 2 == 0, clock);
        for (int frame = 0; frame < 4; frame++) {
            write(1);
            agent.doWork(0);
        }

        assertEquals(List.of(2L, 4L), results.stream().map(InferenceResult::frameSeq).toList());
        assertEquals(2, agent.events().get(InferenceEvent.NOT_ASSIGNED));
        assertEquals(0, agent.events().get(InferenceEvent.SKIPPED));
    }

    @Test
    void shouldWaitForTheRingToAppearAndThenRead() throws Exception {
        final Path file = dir.resolve("tensor.ring");
        final AcceleratorAgent agent = new AcceleratorAgent(new RingSource(file, RingKind.TENSOR, SIGNAL, 1_000),
            recordingEngine(), new FrameTensor(SPEC), results::add, WHO, clock);

        assertEquals(0, agent.doWork(0));
        assertEquals(1, agent.events().get(InferenceEvent.RING_UNAVAILABLE));

        writer = SlotRingWriter.open(file, RingKind.TENSOR, SPEC, 3, SPEC.tensorBytes(), SIGNAL, clock);
        write(1);

        assertEquals(1, agent.doWork(0));
    }

    @Test
    void shouldCountResultsTheBrokerConnectionDropped() throws Exception {
        final Path file = dir.resolve("tensor.ring");
        writer = SlotRingWriter.open(file, RingKind.TENSOR, SPEC, 3, SPEC.tensorBytes(), SIGNAL, clock);
        final AcceleratorAgent agent = new AcceleratorAgent(new RingSource(file, RingKind.TENSOR, SIGNAL, 1_000),
            recordingEngine(), new FrameTensor(SPEC), result -> false, WHO, clock);
        write(1);

        agent.doWork(0);

        assertEquals(1, agent.events().get(InferenceEvent.PUBLISH_DROPPED));
        assertEquals(1, agent.events().get(InferenceEvent.INFERRED));
    }

    private AcceleratorAgent agent(final FrameDetector engine) throws Exception {
        final Path file = dir.resolve("tensor.ring");
        writer = SlotRingWriter.open(file, RingKind.TENSOR, SPEC, 3, SPEC.tensorBytes(), SIGNAL, clock);
        return new AcceleratorAgent(new RingSource(file, RingKind.TENSOR, SIGNAL, 1_000), engine,
            new FrameTensor(SPEC), results::add, WHO, clock);
    }

    private FrameDetector recordingEngine() {
        return frame -> {
            seen.add(frame.tensor().get(0));
            return List.of(new Detection("thing", 1, 0.9f, new Box(0.1f, 0.1f, 0.5f, 0.5f)));
        };
    }

    private void write(final int frames) {
        for (int i = 0; i < frames; i++) {
            seq++;
            writer.claim().fill((byte)seq);
            writer.publish(new FrameStamp().set(1, seq, seq * 10, 640, 480), SPEC.tensorBytes());
        }
    }
}
