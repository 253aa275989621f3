package io.saccade.preprocess.relay;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.saccade.preprocess.ingress.DropReason;
import io.saccade.preprocess.ingress.IngressEvent;
import io.saccade.preprocess.testing.EncodedFrame;
import io.saccade.preprocess.testing.Ingresses;
import io.saccade.preprocess.testing.QuickPolling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Three nodes relaying to each other over real sockets: every frame is processed exactly once on every node. */
@ExtendWith(QuickPolling.class)
class ReplicationIT {
    private static final int FRAMES = 30;

    private final List<Ingresses> nodes = new ArrayList<>();
    private final List<EncodedFrame> frames = new ArrayList<>();

    @BeforeEach
    void startThreeNodes() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            nodes.add(Ingresses.start(Ingresses.CONFIG));
        }
        for (final Ingresses node : nodes) {
            node.ingress().peers(nodes.stream().filter(other -> other != node).map(Ingresses::address).toList());
        }
        for (long seq = 1; seq <= FRAMES; seq++) {
            frames.add(EncodedFrame.of(4, seq, 30_000, 1396, 0.2, seq));
        }
    }

    @AfterEach
    void stop() {
        nodes.forEach(Ingresses::close);
    }

    @Test
    void shouldReplicateAFrameSentToOneNodeToEveryNodeOnce() throws Exception {
        final long perFrame = frames.getFirst().datagrams().size();
        for (final EncodedFrame frame : frames) {
            Ingresses.send(nodes.getFirst().address(), frame.datagrams());
            awaitQuiet(frame.frameSeq() * perFrame);
        }

        for (final Ingresses node : nodes) {
            assertEquals(LongStream.rangeClosed(1, FRAMES).boxed().toList(), node.deliveredSeqs());
        }
        assertEquals(FRAMES * perFrame * 2, nodes.getFirst().ingress().events().get(IngressEvent.FRAGMENTS_RELAYED));
        assertEquals(0, nodes.get(1).ingress().events().get(IngressEvent.FRAGMENTS_RELAYED), "relayed copies stop");
    }

    @Test
    void shouldProcessAFrameSentToTwoIngressNodesOncePerNode() throws Exception {
        final long perFrame = frames.getFirst().datagrams().size();
        for (final EncodedFrame frame : frames) {
            Ingresses.send(nodes.get(0).address(), frame.datagrams());
            Ingresses.send(nodes.get(1).address(), frame.datagrams());
            awaitQuiet(2 * frame.frameSeq() * perFrame);
        }

        for (final Ingresses node : nodes) {
            assertEquals(LongStream.rangeClosed(1, FRAMES).boxed().toList(), node.deliveredSeqs());
            final long processed = node.ingress().events().get(IngressEvent.FRAGMENTS_ACCEPTED);
            final long copies = node.ingress().drops().get(DropReason.DUPLICATE)
                + node.ingress().events().get(IngressEvent.FRAGMENTS_UNNEEDED);
            assertEquals(node.datagrams(), processed + copies, "every second copy is recognised, not processed");
            assertEquals(true, processed <= FRAMES * perFrame, "each fragment processed at most once: " + processed);
        }
    }

    /** Waits until every datagram sent, by the robot or as a relayed copy, has reached a node. */
    private void awaitQuiet(final long sentByRobot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            final long relayed = nodes.stream()
                .mapToLong(node -> node.ingress().events().get(IngressEvent.FRAGMENTS_RELAYED)).sum();
            final long received = nodes.stream().mapToLong(Ingresses::datagrams).sum();
            return received == sentByRobot + relayed;
        });
    }
}
