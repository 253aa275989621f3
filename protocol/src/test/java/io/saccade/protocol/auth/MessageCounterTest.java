package io.saccade.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MessageCounterTest {
    @Test
    void shouldFollowTheClockAndStillRiseWhenItStandsStillOrGoesBack() {
        final AtomicLong micros = new AtomicLong(1_000);
        final MessageCounter counter = new MessageCounter(micros::get);

        assertEquals(1_000, counter.next());
        assertEquals(1_001, counter.next(), "the clock did not move");
        micros.set(500);
        assertEquals(1_002, counter.next(), "the clock was stepped back");
        micros.set(5_000);
        assertEquals(5_000, counter.next());
    }

    @Test
    void shouldStartAboveWhatAnEarlierRunSentWhenTheClockMovedOn() {
        final AtomicLong micros = new AtomicLong(1_000);
        final MessageCounter first = new MessageCounter(micros::get);
        for (int i = 0; i < 100; i++) {
            first.next();
        }
        micros.set(2_000);

        assertEquals(2_000, new MessageCounter(micros::get).next());
    }
}
