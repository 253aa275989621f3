package io.saccade.preprocess.registry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.saccade.os.futex.FutexWordSignal;
import io.saccade.os.testing.ChildJvm;
import io.saccade.preprocess.decode.DecodeAgent;
import io.saccade.preprocess.decode.DecodeConfig;
import io.saccade.preprocess.decode.JpegDecoder;
import io.saccade.preprocess.handoff.LatestFrameMailbox;
import io.saccade.preprocess.reassembly.JpegFramePool;
import io.saccade.preprocess.shm.SharedMemoryDirectory;
import io.saccade.preprocess.testing.JpegFrames;
import io.saccade.preprocess.testing.TestJpegs;
import io.saccade.protocol.clock.ClockTable;
import io.saccade.protocol.ring.RingFiles;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.SlotRingReader;
import io.saccade.protocol.ring.SlotView;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.time.NanoClock;
import io.saccade.registry.NodeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An accelerator-like process registers a spec; preprocess, in this JVM, starts writing its tensors. */
class SpecRegistrationIT {
    private static final InputSpec FACE = InputSpec.parse("128x128:rgb:nhwc:f32:stretch:mean=127.5:std=127.5");

    @TempDir
    Path dir;

    @Test
    void shouldProduceASpecAnotherProcessRegistersAtTheNextFrame() throws Exception {
        final NanoClock clock = NanoClock.system();
        final JpegFramePool pool = new JpegFramePool(8, 1 << 20);
        final LatestFrameMailbox mailbox = new LatestFrameMailbox(2, pool);
        final byte[] jpeg = TestJpegs.quadrants(640, 480);
        try (NodeRegistry registry = NodeRegistry.open(dir, clock, TimeUnit.SECONDS.toNanos(3))) {
            polling(registry, clock, pool, mailbox, jpeg);
        }
    }

    private void polling(final NodeRegistry registry, final NanoClock clock, final JpegFramePool pool,
                         final LatestFrameMailbox mailbox, final byte[] jpeg) throws Exception {
        final SpecWatcher specs = new SpecWatcher(registry, clock);
        try (JpegDecoder decoder = new JpegDecoder(1 << 20);
             DecodeAgent agent = new DecodeAgent(mailbox, decoder, SharedMemoryDirectory.open(dir), specs,
                 new DecodeConfig(3, 80, 60, 16, null, 0, TimeUnit.SECONDS.toNanos(10), TimeUnit.SECONDS.toNanos(5)),
                 new FutexWordSignal(), new ClockTable(), clock);
             ChildJvm service = ChildJvm.start(RegisteringService.class, dir.toString(), FACE.toString())) {
            agent.start();
            final long[] seq = {0};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
                if (!service.process().isAlive()) {
                    throw new AssertionError("the registering process died: " + service.output());
                }
                specs.poll(); // the housekeeping agent's task in the service
                mailbox.offer(JpegFrames.of(pool, 3, ++seq[0], jpeg));
                agent.doWork(0);
                return Files.exists(RingFiles.tensors(dir, FACE));
            });

            try (SlotRingReader reader = SlotRingReader.open(RingFiles.tensors(dir, FACE), RingKind.TENSOR,
                new FutexWordSignal())) {
                final SlotView newest = reader.pollNewest();
                assertEquals(seq[0], newest.frame().frameSeq(), "the tensor of the frame that followed registration");
                assertEquals(FACE.id(), newest.specId());
            }
        }
    }
}
