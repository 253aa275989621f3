package io.saccade.runtime.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {
    private final List<String> lines = new ArrayList<>();
    private long now = 1_000;
    private final RateLimitedLog log = new RateLimitedLog(new CapturingLogger(lines), () -> now, 100);

    @Test
    void shouldLogTheFirstAtOnceAndThenAtMostOncePerIntervalWithTheSuppressedCount() {
        assertTrue(log.warn(() -> "bad datagram"));
        now += 50;
        assertFalse(log.warn(() -> "bad datagram"));
        assertFalse(log.warn(() -> "bad datagram"));
        now += 50;
        assertTrue(log.warn(() -> "bad datagram"));

        assertEquals(List.of("bad datagram", "bad datagram (2 similar suppressed)"), lines);
    }

    @Test
    void shouldCountEveryConstantIndependently() {
        final EnumCounters<Thread.State> counters = new EnumCounters<>(Thread.State.class);

        counters.increment(Thread.State.NEW);
        counters.add(Thread.State.BLOCKED, 5);

        assertEquals(1, counters.get(Thread.State.NEW));
        assertEquals(5, counters.snapshot().get(Thread.State.BLOCKED));
        assertEquals(0, counters.get(Thread.State.RUNNABLE));
    }

    private record CapturingLogger(List<String> lines) implements System.Logger {
        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(final Level level) {
            return true;
        }

        @Override
        public void log(final Level level, final ResourceBundle bundle, final String message, final Throwable thrown) {
            lines.add(message);
        }

        @Override
        public void log(final Level level, final ResourceBundle bundle, final String format, final Object... params) {
            lines.add(format);
        }
    }
}
