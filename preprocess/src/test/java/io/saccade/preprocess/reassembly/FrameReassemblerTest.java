package io.saccade.preprocess.reassembly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.preprocess.testing.EncodedFrame;
import io.saccade.protocol.frame.FrameFragmentFlyweight;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FrameReassemblerTest {
    private static final int SHARD = 200;

    private final List<JpegFrame> completed = new ArrayList<>();
    private final FrameFragmentFlyweight fragment = new FrameFragmentFlyweight();
    private ReassemblyConfig limits = limits(4, 4, 16);
    private JpegFramePool pool = new JpegFramePool(32, 64 * 1024);
    private FrameReassembler reassembler = new FrameReassembler(limits, pool, completed::add);
    private long now = 1_000_000_000L;

    @Test
    void shouldCompleteAFrameFromItsDataFragmentsInOrder() {
        final EncodedFrame frame = EncodedFrame.of(7, 1, 5_000, SHARD, 0.2, 1);

        final List<Outcome> outcomes = feed(frame.datagrams().subList(0, frame.dataCount()));

        assertEquals(Outcome.COMPLETED, outcomes.getLast());
        assertEquals(1, completed.size());
        assertFrame(frame, completed.getFirst());
        assertFalse(completed.getFirst().recovered());
        assertEquals(now, completed.getFirst().completedAtNanos());
        assertEquals(1_000_000L, completed.getFirst().captureTimeNanos());
        assertEquals(500, completed.getFirst().sendDelayMicros());
    }

    @Test
    void shouldCompleteFromReorderedFragments() {
        final EncodedFrame frame = EncodedFrame.of(7, 1, 5_000, SHARD, 0.2, 2);
        final List<ByteBuffer> shuffled = new ArrayList<>(frame.datagrams());
        Collections.shuffle(shuffled, new Random(3));

        feed(shuffled);

        assertEquals(1, completed.size());
        assertFrame(frame, completed.getFirst());
    }

    @Test
    void shouldRebuildLostDataFromParity() {
        final EncodedFrame frame = EncodedFrame.of(7, 1, 5_000, SHARD, 0.2, 4);
        final List<ByteBuffer> received = new ArrayList<>(frame.datagrams());
        for (int lost = 0; lost < frame.parityCount(); lost++) {
            received.remove(3 * lost + 1);
        }

        feed(received);

        assertEquals(1, completed.size());
        assertFrame(frame, completed.getFirst());
        assertTrue(completed.getFirst().recovered());
        assertEquals(1, reassembler.events().get(ReassemblyEvent.RECOVERED));
    }

    @Test
    void shouldRebuildFramesWhoseShardsSpanSeveralCodeWords() {
        final EncodedFrame frame = EncodedFrame.of(7, 1, 60_000, 100, 0.25, 5);
        final List<ByteBuffer> received = new ArrayList<>(frame.datagrams());
        final Random random = new Random(6);
        for (int lost = 0; lost < 40; lost++) {
            received.remove(random.nextInt(frame.dataCount() - lost));
        }

        feed(received);

        assertEquals(1, completed.size(), "600 data + 150 parity over 3 groups survive 40 lost data shards");
        assertFrame(frame, completed.getFirst());
    }

    @Test
    void shouldWaitWhileTooMuchIsMissingAndExpireTheFrameWhenItGetsTooOld() {
        final EncodedFrame frame = EncodedFrame.of(7, 1, 5_000, SHARD, 0.2, 7);
        final List<ByteBuffer> received = new ArrayList<>(frame.datagrams());
        for (int lost = 0; lost <= frame.parityCount(); lost++) {
            received.removeFirst();
        }

        feed(received);
        reassembler.expire(now + limits.maxFrameAgeNanos());

        assertTrue(completed.isEmpty());
        assertEquals(1, reassembler.framesInProgress());
        reassembler.expire(now + limits.maxFrameAgeNanos() + 1);
        assertEquals(0, reassembler.framesInProgress());
        assertEquals(1, reassembler.events().get(ReassemblyEvent.INCOMPLETE_EXPIRED));
        assertEquals(pool.made(), pool.available(), "every buffer went back to the pool");
    }

    @Test
    void shouldDropOlderIncompleteFramesWhenANewerOneCompletesAndRefuseTheirLateFragments() {
        final EncodedFrame older = EncodedFrame.of(7, 10, 5_000, SHARD, 0.2, 8);
        final EncodedFrame newer = EncodedFrame.of(7, 11, 5_000, SHARD, 0.2, 9);
        feed(older.datagrams().subList(0, 5));

        feed(newer.datagrams());
        final List<Outcome> late = feed(older.datagrams().subList(5, older.datagrams().size()));

        assertEquals(1, completed.size());
        assertEquals(11, completed.getFirst().frameSeq());
        assertEquals(1, reassembler.events().get(ReassemblyEvent.INCOMPLETE_SUPERSEDED));
        assertTrue(late.stream().allMatch(outcome -> outcome == Outcome.STALE), late.toString());
    }

    @Test
    void shouldCallFragmentsOfTheCompleteFrameUnneededAndRepeatsInProgressDuplicates() {
        final EncodedFrame frame = EncodedFrame.of(7, 1, 5_000, SHARD, 0.2, 10);

        final List<Outcome> first = feed(frame.datagrams().subList(0, 3));
        final List<Outcome> repeated = feed(frame.datagrams().subList(0, 1));
        final List<Outcome> rest = feed(frame.datagrams().subList(3, frame.datagrams().size()));

        assertEquals(List.of(Outcome.ACCEPTED, Outcome.ACCEPTED, Outcome.ACCEPTED), first);
        assertEquals(List.of(Outcome.DUPLICATE), repeated);
        assertEquals(Outcome.COMPLETED, rest.get(frame.dataCount() - 4));
        assertTrue(rest.subList(frame.dataCount() - 3, rest.size()).stream().allMatch(o -> o == Outcome.UNNEEDED));
    }

    @Test
    void shouldEvictTheOldestFrameInProgressWhenTheStreamHasNoRoomAndRefuseOlderOnes() {
        limits = limits(4, 2, 8);
        reassembler = new FrameReassembler(limits, pool, completed::add);
        feed(EncodedFrame.of(7, 20, 5_000, SHARD, 0.2, 11).datagrams().subList(0, 1));
        feed(EncodedFrame.of(7, 21, 5_000, SHARD, 0.2, 12).datagrams().subList(0, 1));

        feed(EncodedFrame.of(7, 22, 5_000, SHARD, 0.2, 13).datagrams().subList(0, 1));
        final List<Outcome> older = feed(EncodedFrame.of(7, 5, 5_000, SHARD, 0.2, 14).datagrams().subList(0, 1));

        assertEquals(1, reassembler.events().get(ReassemblyEvent.INCOMPLETE_EVICTED));
        assertEquals(List.of(Outcome.STALE), older);
        assertEquals(2, reassembler.framesInProgress());
    }

    @Test
    void shouldKeepMemoryBoundedUnderAFloodOfUniqueSequenceNumbers() {
        for (long seq = 1; seq <= 5_000; seq++) {
            feed(EncodedFrame.of(7, seq, 2_000, SHARD, 0.2, seq).datagrams().subList(0, 1));
        }

        assertTrue(reassembler.framesInProgress() <= limits.framesPerStream());
        assertTrue(pool.made() <= limits.framesPerStream() + 1, "buffers made: " + pool.made());
        assertEquals(5_000 - limits.framesPerStream(), reassembler.events().get(ReassemblyEvent.INCOMPLETE_EVICTED));
    }

    @Test
    void shouldReportOverloadWhenNoFrameBufferIsFree() {
        pool = new JpegFramePool(1, 64 * 1024);
        reassembler = new FrameReassembler(limits, pool, completed::add);
        final JpegFrame heldByDecoder = pool.acquire();

        final List<Outcome> outcomes = feed(EncodedFrame.of(7, 1, 5_000, SHARD, 0.2, 15).datagrams().subList(0, 1));

        assertEquals(List.of(Outcome.OVERLOAD), outcomes);
        pool.release(heldByDecoder);
        assertEquals(List.of(Outcome.ACCEPTED),
            feed(EncodedFrame.of(7, 1, 5_000, SHARD, 0.2, 15).datagrams().subList(0, 1)));
    }

    @Test
    void shouldRefuseFragmentsThatContradictTheirFrame() {
        final EncodedFrame frame = EncodedFrame.of(7, 1, 5_000, SHARD, 0.2, 16);
        final EncodedFrame sameSeqOtherLength = EncodedFrame.of(7, 1, 4_100, SHARD, 0.2, 17);
        feed(frame.datagrams().subList(0, 1));

        assertEquals(List.of(Outcome.INCONSISTENT), feed(sameSeqOtherLength.datagrams().subList(1, 2)));
    }

    @Test
    void shouldRefuseFramesLargerThanTheLimits() {
        final EncodedFrame huge = EncodedFrame.of(7, 1, 70_000, 1_000, 0.2, 18);

        assertEquals(List.of(Outcome.OVERSIZE), feed(huge.datagrams().subList(0, 1)));
    }

    @Test
    void shouldRefuseNewStreamsWhileTheTableIsFullOfActiveOnesAndAdmitThemOnceOneIsIdle() {
        for (long stream = 1; stream <= limits.maxStreams(); stream++) {
            assertNotNull(reassembler.stream(stream, now));
        }

        assertNull(reassembler.stream(99, now + 1));
        assertEquals(1, reassembler.events().get(ReassemblyEvent.STREAM_REFUSED));
        assertNotNull(reassembler.stream(99, now + limits.streamIdleNanos() + 1));
    }

    @Test
    void shouldKeepStreamsApart() {
        final EncodedFrame one = EncodedFrame.of(1, 100, 3_000, SHARD, 0.2, 19);
        final EncodedFrame two = EncodedFrame.of(2, 5, 3_000, SHARD, 0.2, 20);

        feed(one.datagrams());
        feed(two.datagrams());

        assertEquals(2, completed.size(), "a newer frame on stream 1 does not make stream 2's frames stale");
    }

    private List<Outcome> feed(final List<ByteBuffer> datagrams) {
        final List<Outcome> outcomes = new ArrayList<>();
        for (final ByteBuffer datagram : datagrams) {
            fragment.wrap(datagram, 0, datagram.capacity());
            outcomes.add(reassembler.accept(fragment, reassembler.stream(fragment.streamId(), now), now));
        }
        return outcomes;
    }

    private static void assertFrame(final EncodedFrame expected, final JpegFrame actual) {
        assertEquals(expected.streamId(), actual.streamId());
        assertEquals(expected.frameSeq(), actual.frameSeq());
        assertEquals(expected.jpeg().length, actual.length());
        assertArrayEquals(expected.jpeg(), Arrays.copyOf(actual.data(), actual.length()));
    }

    private static ReassemblyConfig limits(final int streams, final int perStream, final int inProgress) {
        return new ReassemblyConfig(streams, perStream, inProgress, 62_000, 1_500, 32_000,
            TimeUnit.MILLISECONDS.toNanos(500), TimeUnit.SECONDS.toNanos(10), 300);
    }
}
