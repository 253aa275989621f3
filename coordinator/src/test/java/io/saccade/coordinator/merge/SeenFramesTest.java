package io.saccade.coordinator.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeenFramesTest {
    private static final long MS = 1_000_000L;

    private final SeenFrames frames = new SeenFrames();

    @Test
    void shouldTakeASeenFrameOnlyWithItsOwnCaptureTime() {
        frames.record(1, 100, 5_000 * MS);

        assertEquals(ResultVerdict.SEEN_FRAME, frames.check(1, 100, 5_000 * MS));
        assertEquals(ResultVerdict.CAPTURE_MISMATCH, frames.check(1, 100, 5_001 * MS));
        assertEquals(ResultVerdict.UNKNOWN_STREAM, frames.check(2, 100, 5_000 * MS));
    }

    @Test
    void shouldRefuseAFrameNewerThanTheNewestSeen() {
        frames.record(1, 100, 5_000 * MS);

        assertEquals(ResultVerdict.FUTURE_FRAME, frames.check(1, 101, 5_033 * MS));
        assertEquals(ResultVerdict.FUTURE_FRAME, frames.check(1, Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(ResultVerdict.FUTURE_FRAME, frames.check(1, -1, 0), "sequence numbers are unsigned");
    }

    @Test
    void shouldTakeAFrameThisNodeSkippedWhenItAndItsCaptureLieBetweenSeenOnes() {
        frames.record(1, 100, 5_000 * MS);
        frames.record(1, 103, 5_100 * MS);

        assertEquals(ResultVerdict.BETWEEN_SEEN_FRAMES, frames.check(1, 101, 5_033 * MS));
        assertEquals(ResultVerdict.CAPTURE_MISMATCH, frames.check(1, 102, 5_200 * MS), "after the next seen one");
        assertEquals(ResultVerdict.CAPTURE_MISMATCH, frames.check(1, 102, 5_000 * MS), "not after the previous one");
    }

    @Test
    void shouldRefuseAFrameOlderThanItRemembersOrFromAnEarlierBootOfTheRobot() {
        final long boot = 7L << 32;
        for (long seq = 0; seq < 3 * SeenFrames.CAPACITY; seq++) {
            frames.record(1, boot + seq, (1_000 + seq * 33) * MS);
        }

        assertEquals(ResultVerdict.UNSEEN_FRAME, frames.check(1, boot + 5, (1_000 + 5 * 33) * MS),
            "its slot was overwritten long ago");
        assertEquals(ResultVerdict.UNSEEN_FRAME, frames.check(1, (6L << 32) + 700, 900 * MS), "the previous boot");
        final long recent = boot + 3 * SeenFrames.CAPACITY - 10;
        assertEquals(ResultVerdict.SEEN_FRAME, frames.check(1, recent, (1_000 + (recent - boot) * 33) * MS));
    }

    @Test
    void shouldRefuseAnUnseenFrameWithNoSeenFrameNearItOnOneSide() {
        frames.record(1, 10, 1_000 * MS);
        frames.record(1, 10 + SeenFrames.BRACKET + 2, 2_000 * MS);

        assertEquals(ResultVerdict.UNSEEN_FRAME, frames.check(1, 11, 1_033 * MS));
    }
}
