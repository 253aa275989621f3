package io.saccade.coordinator.effect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class ThumbnailHistoryTest {
    @Test
    void shouldFindTheLastDepthFramesBySequenceAndForgetOlderOnes() {
        final ThumbnailHistory history = new ThumbnailHistory(4, 2, 1);
        for (long seq = 10; seq < 16; seq++) {
            history.put(7, seq, seq * 100, seq, MemorySegment.ofArray(new byte[]{(byte)seq, 0}));
        }

        assertNull(history.find(11), "overwritten by 15");
        assertEquals(12, history.find(12).pixels()[0]);
        assertEquals(1500, history.find(15).captureTimeNanos());
        assertSame(history.find(15), history.newest());
        assertNull(history.find(19), "never stored, though its slot holds 15");
    }

    @Test
    void shouldNotFindAnInvalidatedFrame() {
        final ThumbnailHistory history = new ThumbnailHistory(4, 2, 1);
        history.put(7, 3, 0, 0, MemorySegment.ofArray(new byte[2])).invalidate();

        assertNull(history.find(3));
    }
}
