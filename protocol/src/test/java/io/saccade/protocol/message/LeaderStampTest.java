package io.saccade.protocol.message;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LeaderStampTest {
    @Test
    void shouldOrderByEpochFirst() {
        assertTrue(new LeaderStamp("a", 5).supersedes(new LeaderStamp("z", 4)));
        assertFalse(new LeaderStamp("z", 4).supersedes(new LeaderStamp("a", 5)));
    }

    @Test
    void shouldBreakAnEpochTieByLeaderIdSoEveryReceiverPicksTheSameWinner() {
        assertTrue(new LeaderStamp("b", 5).supersedes(new LeaderStamp("a", 5)));
        assertFalse(new LeaderStamp("a", 5).supersedes(new LeaderStamp("b", 5)));
    }

    @Test
    void shouldNotSupersedeItselfButAnythingSupersedesNothing() {
        assertFalse(new LeaderStamp("a", 5).supersedes(new LeaderStamp("a", 5)));
        assertTrue(new LeaderStamp("a", 0).supersedes(null));
    }
}
