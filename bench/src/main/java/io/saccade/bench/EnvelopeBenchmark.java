package io.saccade.bench;

import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.auth.MessageCounter;
import io.saccade.protocol.auth.ReplayGuard;
import io.saccade.protocol.message.Box;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.InvalidMessageException;
import io.saccade.protocol.message.MemberHeartbeat;
import io.saccade.protocol.message.MemberState;
import io.saccade.protocol.message.Message;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.message.ResultTimings;
import io.saccade.protocol.message.RobotClock;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.runtime.mqtt.InboundEvent;
import io.saccade.runtime.mqtt.MessageOpener;
import io.saccade.runtime.mqtt.MessageSealer;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.Hardware;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What signing costs per MQTT message: a result of five detections and a heartbeat, each encoded to JSON and sealed
 * into its envelope (the sender's side), then opened (shape, key, tag, replay check, JSON, topic) against plain JSON
 * decoding of the same bytes in the same run (the receiver's side). The baseline rows are what the services paid
 * before messages were signed.
 * <p>
 * Large because it builds real messages of every signed type to measure them.
 */
final class EnvelopeBenchmark {
    private static final int BATCH = 10_000;
    private static final TopicTree TOPICS = new TopicTree(TopicTree.DEFAULT_PREFIX);

    private final int messages;
    private final MessageCodec codec = new MessageCodec();
    private final MessageCounter counter = new MessageCounter(() -> System.currentTimeMillis() * 1_000);
    private final KeyRing keys;

    EnvelopeBenchmark(final int messages) {
        this.messages = messages;
        final byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.keys = KeyRing.of(MacKey.of(2, secret));
    }

    void run() throws InvalidMessageException {
        System.out.println("## Signed MQTT envelopes: cost per message, one thread (" + messages
            + " messages per row after warm-up)\n");
        System.out.println("| message | JSON bytes | step | p50 us | p99 us | messages/s at p50 |");
        System.out.println("|---|---|---|---|---|---|");
        measure("result, 5 detections", result());
        measure("heartbeat", heartbeat());
        System.out.println("\nHardware: " + Hardware.describe());
    }

    private void measure(final String name, final Message message) throws InvalidMessageException {
        final String topic = TOPICS.of(message);
        final byte[] json = codec.encode(message);
        final Histogram encode = Percentiles.nanos();
        final Histogram seal = Percentiles.nanos();
        final Histogram decode = Percentiles.nanos();
        final Histogram open = Percentiles.nanos();
        final EnumCounters<InboundEvent> events = new EnumCounters<>(InboundEvent.class);
        final MessageOpener opener = new MessageOpener(Map.of(KeyRole.CLUSTER, keys), TOPICS,
            new ReplayGuard(1_024, 10_000_000), () -> System.currentTimeMillis() * 1_000, events);
        for (int round = -2; round * BATCH < messages; round++) {
            final boolean measured = round >= 0;
            final MessageSealer sealer = new MessageSealer("node-1/bench-" + (round + 2), keys, counter);
            final List<byte[]> sealed = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                final long start = System.nanoTime();
                final byte[] encoded = codec.encode(message);
                final long encodedAt = System.nanoTime();
                sealed.add(sealer.seal(topic, encoded));
                final long end = System.nanoTime();
                record(measured, encode, encodedAt - start);
                record(measured, seal, end - start);
            }
            for (final byte[] envelope : sealed) {
                final long start = System.nanoTime();
                codec.decode(json, message.getClass());
                final long decoded = System.nanoTime();
                if (opener.open(topic, envelope, message.getClass()) == null) {
                    throw new IllegalStateException("a genuine envelope was refused: " + events);
                }
                final long end = System.nanoTime();
                record(measured, decode, decoded - start);
                record(measured, open, end - decoded);
            }
        }
        row(name, json.length, "JSON encode (baseline)", encode);
        row(name, json.length, "JSON encode + seal", seal);
        row(name, json.length, "JSON decode (baseline)", decode);
        row(name, json.length, "open: check, replay, decode, topic", open);
    }

    private static void record(final boolean measured, final Histogram histogram, final long nanos) {
        if (measured) {
            histogram.recordValue(Math.max(1, nanos));
        }
    }

    private static void row(final String name, final int bytes, final String step, final Histogram histogram) {
        final double p50 = histogram.getValueAtPercentile(50) / 1_000.0;
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %.2f | %.2f | %,.0f |%n", name, bytes, step, p50,
            histogram.getValueAtPercentile(99) / 1_000.0, 1e6 / p50);
    }

    private static InferenceResult result() {
        final List<Detection> found = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            found.add(new Detection("Person", 1, 0.5f + i * 0.05f, new Box(0.1f * i, 0.2f, 0.1f * i + 0.08f, 0.6f)));
        }
        return new InferenceResult(1, (1_765_000_000L << 32) + 4_711, 123_456_789_012L, "ssd-mobilenetv2-oidv4",
            "node-1", "CPU", new ResultTimings(1_000_000, 1_800_000, 1_900_000, 26_000_000, 26_100_000,
                new RobotClock(4_200, 60, 1_500)), found);
    }

    private static MemberHeartbeat heartbeat() {
        return new MemberHeartbeat(MemberHeartbeat.VERSION, "coordinator-a", "node-1", 1_765_000_000_000L,
            MemberState.ALIVE, 1_765_000_000_000L, 1_765_000_000_000L, true, 1_765_000_000_000L);
    }
}
