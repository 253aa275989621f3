package io.saccade.coordinator.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.ResultTimings;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultBoardTest {
    private final ResultBoard board = new ResultBoard();

    @Test
    void shouldKeepTheNewestResultPerModelAndStreamWhateverTheArrivalOrder() {
        assertTrue(board.offer(result(1, "ssd", 10)));
        assertTrue(board.offer(result(1, "ssd", 12)));
        assertFalse(board.offer(result(1, "ssd", 11)), "node-2's slower result for an older frame");
        assertTrue(board.offer(result(1, "face", 9)));
        assertTrue(board.offer(result(2, "ssd", 3)));

        assertEquals(12, board.newest(1, "ssd").frameSeq());
        assertEquals(2, board.newest(1).size());
        assertEquals(List.of(3L), board.newest(2).stream().map(InferenceResult::frameSeq).toList());
        assertNull(board.newest(3, "ssd"));
        assertTrue(board.newest(3).isEmpty());
    }

    @Test
    void shouldOrderSequenceNumbersUnsignedLikeTheRobotWritesThem() {
        board.offer(result(1, "ssd", Long.MAX_VALUE));

        assertTrue(board.offer(result(1, "ssd", Long.MIN_VALUE)), "the next number after 2^63 - 1");
    }

    private static InferenceResult result(final long stream, final String model, final long seq) {
        return new InferenceResult(stream, seq, 0, model, "node-1", "CPU", new ResultTimings(0, 0, 0, 0, 0),
            List.of());
    }
}
