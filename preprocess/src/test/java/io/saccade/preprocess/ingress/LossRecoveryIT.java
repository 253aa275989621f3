package io.saccade.preprocess.ingress;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.preprocess.testing.EncodedFrame;
import io.saccade.preprocess.testing.Ingresses;
import io.saccade.preprocess.testing.LossyRelay;
import io.saccade.preprocess.testing.QuickPolling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Frames through a relay that loses datagrams at random, as WiFi does: forward error correction must complete
 * frames that plain sending loses. Behaviour, not speed.
 */
@ExtendWith(QuickPolling.class)
class LossRecoveryIT {
    private static final int FRAMES = 200;
    private static final int FRAME_BYTES = 40_000;
    private static final int SHARD = 1396;

    @ParameterizedTest(name = "{0} loss")
    @ValueSource(doubles = {0.05, 0.10})
    void shouldCompleteFramesThatPlainSendingLoses(final double loss) throws Exception {
        final List<EncodedFrame> protectedFrames = frames(0.2);
        final List<EncodedFrame> plainFrames = frames(0);

        final int withFec = completedThroughLossyLink(protectedFrames, loss, 11);
        final int without = completedThroughLossyLink(plainFrames, loss, 11);

        assertTrue(withFec > without, "FEC completed " + withFec + ", plain sending " + without);
        if (loss <= 0.05) {
            assertTrue(withFec >= FRAMES * 97 / 100, "at 5 % loss 20 % parity completes nearly all: " + withFec);
        }
    }

    @Test
    void shouldCompleteEveryFrameWithoutLoss() throws Exception {
        final int completed = completedThroughLossyLink(frames(0.2), 0, 1);

        assertTrue(completed == FRAMES, "completed " + completed);
    }

    private static int completedThroughLossyLink(final List<EncodedFrame> frames, final double loss, final long seed)
        throws Exception {
        try (Ingresses node = Ingresses.start(Ingresses.CONFIG);
             LossyRelay link = new LossyRelay(node.address(), loss, seed)) {
            for (final EncodedFrame frame : frames) {
                Ingresses.send(link.address(), frame.datagrams());
                await().atMost(Duration.ofSeconds(10))
                    .until(() -> link.forwarded() + link.dropped() == sentSoFar(frames, frame)
                        && node.datagrams() == link.forwarded());
            }
            return node.delivered().size();
        }
    }

    private static long sentSoFar(final List<EncodedFrame> frames, final EncodedFrame upTo) {
        long sent = 0;
        for (final EncodedFrame frame : frames) {
            sent += frame.datagrams().size();
            if (frame == upTo) {
                break;
            }
        }
        return sent;
    }

    private static List<EncodedFrame> frames(final double redundancy) {
        final List<EncodedFrame> frames = new ArrayList<>();
        for (long seq = 1; seq <= FRAMES; seq++) {
            frames.add(EncodedFrame.of(9, seq, FRAME_BYTES, SHARD, redundancy, seq));
        }
        return frames;
    }
}
