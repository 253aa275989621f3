package io.saccade.robot.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.robot.encode.JpegEncoder;
import io.saccade.robot.send.FramePort;
import io.saccade.robot.send.SequenceNumbers;
import io.saccade.robot.source.CapturedFrame;
import io.saccade.robot.source.FrameSource;
import io.saccade.robot.source.FrameSourceException;
import io.saccade.robot.source.SyntheticFrameSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamAgentTest {
    private static final long PERIOD = 33_333_333;

    @TempDir
    Path dir;

    private long now = 1_000_000_000L;
    private final List<long[]> sent = new ArrayList<>();
    private int portCapacity = Integer.MAX_VALUE;
    private final JpegEncoder encoder = new JpegEncoder(160, 120, 70);

    @AfterEach
    void free() {
        encoder.close();
    }

    @Test
    void shouldSendOneFramePerFrameTime() {
        final StreamAgent agent = agent(new SyntheticFrameSource(160, 120, () -> now));

        assertEquals(1, agent.doWork());
        assertEquals(0, agent.doWork(), "not due again yet");
        now += PERIOD;
        assertEquals(1, agent.doWork());

        assertEquals(2, sent.size());
        assertEquals(sent.get(0)[1] + 1, sent.get(1)[1], "consecutive sequence numbers");
        assertEquals(9, sent.get(0)[0], "stream id");
        assertEquals(now - PERIOD, sent.get(0)[2], "capture time stamped by the source");
    }

    @Test
    void shouldSkipTheFrameTimesItOverranInsteadOfQueueing() {
        final StreamAgent agent = agent(new SyntheticFrameSource(160, 120, () -> now));
        final long start = now;
        agent.doWork();

        now += 3 * PERIOD + PERIOD / 2;
        assertEquals(1, agent.doWork());
        assertEquals(0, agent.doWork());

        assertEquals(2, sent.size());
        assertEquals(2, agent.counters().get(StreamEvent.SKIPPED_LATE));
        assertEquals(start + 4 * PERIOD, agent.nextDueNanos(), "back on the frame grid");
    }

    @Test
    void shouldDropFramesThePortCannotTake() {
        final StreamAgent agent = agent(new SyntheticFrameSource(160, 120, () -> now));
        portCapacity = 0;

        agent.doWork();

        assertEquals(1, agent.counters().get(StreamEvent.SKIPPED_BACKPRESSURE));
        assertEquals(0, agent.counters().get(StreamEvent.SENT));
    }

    @Test
    void shouldCountSourceFailuresAndCarryOn() {
        final StreamAgent agent = agent(new FailingSource());

        assertEquals(0, agent.doWork());

        assertEquals(1, agent.counters().get(StreamEvent.SOURCE_FAILED));
        assertTrue(agent.isRunning());
    }

    @Test
    void shouldStopAtTheEndOfAFiniteSourceOrAfterTheRequestedFrames() {
        final StreamAgent ended = agent(new EmptySource());
        assertEquals(-1, ended.doWork());
        assertFalse(ended.isRunning());

        final StreamAgent limited = agent(new SyntheticFrameSource(160, 120, () -> now)).stopAfter(2);
        limited.doWork();
        now += PERIOD;
        limited.doWork();
        assertFalse(limited.isRunning());
    }

    private StreamAgent agent(final FrameSource source) {
        final FramePort port = (stream, seq, capture, delay, jpeg, length) -> {
            if (portCapacity == 0) {
                return 0;
            }
            sent.add(new long[] {stream, seq, capture, delay, length});
            return 1;
        };
        return new StreamAgent(source, encoder, port, new SequenceNumbers(dir.resolve("epoch"), () -> 2_000_000_000L),
            9, 30, () -> now);
    }

    private static final class FailingSource implements FrameSource {
        @Override
        public boolean grab(final CapturedFrame into) throws FrameSourceException {
            throw new FrameSourceException("camera unplugged", null);
        }

        @Override
        public boolean isLive() {
            return true;
        }

        @Override
        public String describe() {
            return "failing";
        }

        @Override
        public void close() {
            // Nothing held.
        }
    }

    private static final class EmptySource implements FrameSource {
        @Override
        public boolean grab(final CapturedFrame into) {
            return false;
        }

        @Override
        public boolean isLive() {
            return false;
        }

        @Override
        public String describe() {
            return "empty";
        }

        @Override
        public void close() {
            // Nothing held.
        }
    }
}
