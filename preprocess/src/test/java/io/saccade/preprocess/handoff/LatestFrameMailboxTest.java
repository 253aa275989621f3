package io.saccade.preprocess.handoff;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.saccade.preprocess.reassembly.FrameReassembler;
import io.saccade.preprocess.reassembly.JpegFrame;
import io.saccade.preprocess.reassembly.JpegFramePool;
import io.saccade.preprocess.reassembly.ReassemblyConfig;
import io.saccade.preprocess.testing.EncodedFrame;
import io.saccade.protocol.frame.FrameFragmentFlyweight;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatestFrameMailboxTest {
    private final JpegFramePool pool = new JpegFramePool(8, 8_192);
    private final LatestFrameMailbox mailbox = new LatestFrameMailbox(2, pool);

    @Test
    void shouldHandOutOnlyTheNewestFrameOfAStream() {
        final List<JpegFrame> frames = frames(1, 1, 2, 3);
        frames.forEach(mailbox::offer);

        final JpegFrame taken = mailbox.poll();

        assertEquals(3, taken.frameSeq());
        assertNull(mailbox.poll());
        assertEquals(2, mailbox.superseded());
        assertEquals(pool.made() - 1, pool.available(), "superseded frames went back to the pool at once");
    }

    @Test
    void shouldServeStreamsInTurn() {
        frames(1, 10).forEach(mailbox::offer);
        frames(2, 20).forEach(mailbox::offer);

        final long first = mailbox.poll().streamId();
        final long second = mailbox.poll().streamId();

        assertEquals(3, first + second);
    }

    @Test
    void shouldWaitForAFrameAndWakeWhenOneArrives() throws Exception {
        final CompletableFuture<JpegFrame> taken = new CompletableFuture<>();
        final Thread consumer = Thread.ofPlatform().start(
            () -> taken.complete(mailbox.take(TimeUnit.SECONDS.toNanos(30))));
        final JpegFrame frame = frames(1, 7).getFirst();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.getState() == Thread.State.TIMED_WAITING);

        mailbox.offer(frame);

        assertSame(frame, taken.get(10, TimeUnit.SECONDS));
    }

    @Test
    void shouldGiveUpWaitingAfterTheTimeout() {
        assertNull(mailbox.take(TimeUnit.MILLISECONDS.toNanos(5)));
    }

    @Test
    void shouldReleaseFramesOfStreamsBeyondItsCapacity() {
        frames(1, 1).forEach(mailbox::offer);
        frames(2, 1).forEach(mailbox::offer);
        frames(3, 1).forEach(mailbox::offer);

        assertEquals(1, mailbox.superseded());
        assertEquals(pool.made() - 2, pool.available());
    }

    /** Frames made the real way, so they come from the pool. */
    private List<JpegFrame> frames(final long stream, final long... seqs) {
        final List<JpegFrame> made = new ArrayList<>();
        final FrameReassembler reassembler = new FrameReassembler(new ReassemblyConfig(4, 4, 8, 8_000, 1_000, 8_000,
            TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(1), 100), pool, made::add);
        final FrameFragmentFlyweight fragment = new FrameFragmentFlyweight();
        for (final long seq : seqs) {
            for (final ByteBuffer datagram : EncodedFrame.of(stream, seq, 500, 500, 0, seq).datagrams()) {
                fragment.wrap(datagram, 0, datagram.capacity());
                reassembler.accept(fragment, reassembler.stream(stream, 0), 0);
            }
        }
        return made;
    }
}
