package io.saccade.accelerator.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.accelerator.assets.AssetManifest;
import io.saccade.accelerator.assets.AssetStore;
import io.saccade.accelerator.model.ModelCard;
import io.saccade.accelerator.testing.TestAssets;
import io.saccade.os.futex.FutexWordSignal;
import io.saccade.preprocess.decode.DecodeAgent;
import io.saccade.preprocess.decode.DecodeConfig;
import io.saccade.preprocess.decode.JpegDecoder;
import io.saccade.preprocess.handoff.LatestFrameMailbox;
import io.saccade.preprocess.reassembly.JpegFramePool;
import io.saccade.preprocess.registry.SpecWatcher;
import io.saccade.preprocess.shm.SharedMemoryDirectory;
import io.saccade.preprocess.testing.JpegFrames;
import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.clock.ClockTable;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.ServiceState;
import io.saccade.protocol.message.ServiceStatus;
import io.saccade.protocol.message.WorkPlan;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.time.NanoClock;
import io.saccade.registry.NodeRegistry;
import io.saccade.runtime.mqtt.SignedMqtt;
import io.saccade.runtime.testing.MosquittoBroker;
import io.saccade.runtime.testing.TestBroker;
import io.saccade.runtime.testing.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module end to end on one node: darknet's dog.jpg goes through preprocess's decode stage into shared memory
 * (for the spec the accelerator registered), the accelerator runs the SSD on it and publishes the signed result on a
 * real Mosquitto broker, where a subscriber holding the cluster key opens it.
 */
class AcceleratorServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MODEL = "ssd-mobilenetv2-oidv4";
    private static final TopicTree TOPICS = new TopicTree(TopicTree.DEFAULT_PREFIX);

    @TempDir
    Path dir;

    private final Map<Long, InferenceResult> results = new ConcurrentHashMap<>();
    private final Map<String, ServiceStatus> statuses = new ConcurrentHashMap<>();

    @Test
    void shouldPublishTheDetectionsOfAJpegThatWentThroughPreprocess() throws Exception {
        final ModelCard card = TestAssets.CATALOG.get(MODEL);
        TestAssets.modelFile(card); // fetched by the project's own step if this machine has not yet
        final Path shm = Files.createDirectories(dir.resolve("shm"));
        final byte[] jpeg = Files.readAllBytes(TestAssets.sample("dog.jpg"));
        final NanoClock clock = NanoClock.system();
        try (MosquittoBroker broker = MosquittoBroker.start(Files.createDirectories(dir.resolve("broker")));
             SignedMqtt subscriber = subscriber(broker);
             Preprocess preprocess = new Preprocess(shm, clock)) {
            final AcceleratorService service = AcceleratorService.start(config(shm, broker), card,
                new ModelFiles(new AssetStore(AssetStore.defaultRoot(System.getenv()), AssetManifest.bundled()),
                    null), clock, Clock.systemUTC());
            try {
                assertEquals(200, get(service, "/ready"), "ready once registered and warmed up");
                await().atMost(WAIT).until(() -> status(ServiceState.READY));
                await().atMost(WAIT).until(() -> preprocess.producesFor(card));

                // Frames keep coming, as from a robot; the first may land before the accelerator mapped the ring.
                final AtomicLong seq = new AtomicLong();
                await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
                    preprocess.decode(jpeg, seq.incrementAndGet());
                    return !results.isEmpty();
                });
                try (SignedMqtt leader = TestKeys.client(broker, "coordinator", "node-1/coordinator-a",
                    KeyRole.CLUSTER)) {
                    final long future = System.currentTimeMillis() + 3_600_000;
                    leader.publish(new WorkPlan(WorkPlan.VERSION, MODEL, new LeaderStamp("coordinator-a", future),
                        List.of("node-2"), 0), 1, false);
                    leader.publish(new WorkPlan(WorkPlan.VERSION, MODEL, new LeaderStamp("coordinator-a",
                        System.currentTimeMillis()), List.of("node-1", "node-2"), 0), 1, true);
                    await().atMost(WAIT).until(() -> scrape(service).contains(
                        "saccade_accelerator_frames_total{event=\"plan_applied\"} 1"));
                }
                final String metrics = scrape(service);
                assertTrue(metrics.contains("saccade_accelerator_frames_total{event=\"plan_future_epoch\"} 1"),
                    "a plan of a leadership far beyond the clock is refused: " + metrics);
                assertTrue(metrics.contains("saccade_accelerator_mqtt_inbound_total{event=\"accepted\"} 2"), metrics);
                assertTrue(metrics.contains("saccade_accelerator_frames_total{event=\"inferred\"}"), metrics);
                assertTrue(metrics.contains("saccade_accelerator_inference_seconds_count "), metrics);
                assertFalse(metrics.contains("saccade_accelerator_inference_seconds_count 0"), metrics);
            } finally {
                service.close();
            }
            await().atMost(WAIT).until(() -> status(ServiceState.OFFLINE));
            assertTrue(subscriber.isConnected());
        }

        final InferenceResult result = results.values().iterator().next();
        assertEquals(Set.of("Dog", "Bicycle", "Car"), result.detections().stream().map(Detection::label)
            .collect(Collectors.toSet()), result.toString());
        assertEquals(7, result.streamId());
        assertEquals("node-1", result.node());
        assertEquals("CPU", result.device());
        assertTrue(result.timings().inferenceMicros() > 0);
        assertTrue(result.timings().slotWrittenAtNanos() >= result.timings().frameReadyAtNanos());
    }

    private boolean status(final ServiceState state) {
        final ServiceStatus status = statuses.get("accelerator-" + MODEL);
        return status != null && status.state() == state;
    }

    private AcceleratorConfig config(final Path shm, final TestBroker broker) throws java.io.IOException {
        final AcceleratorConfig defaults = AcceleratorConfig.DEFAULTS;
        return new AcceleratorConfig("node-1", MODEL, "", "", "",
            new AcceleratorConfig.Engine(1, "CPU", "auto", "fp32", 2, "all", 0), shm.toString(),
            new AcceleratorConfig.Registry(100, 1_000), broker.settings("node-1"),
            TestKeys.clusterOnly(dir.resolve("keys")), defaults.topicPrefix(), "127.0.0.1:0", "", 200);
    }

    private SignedMqtt subscriber(final TestBroker broker) throws InterruptedException {
        final SignedMqtt client = TestKeys.client(broker, "observer", "observer", KeyRole.CLUSTER);
        client.subscribe(TOPICS.allResults(), 0, InferenceResult.class,
            opened -> results.put(opened.message().frameSeq(), opened.message()));
        client.subscribe(TOPICS.allStatus(), 1, ServiceStatus.class,
            opened -> statuses.put(opened.message().service(), opened.message()));
        return client;
    }

    private static String scrape(final AcceleratorService service) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.healthPort()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static int get(final AcceleratorService service, final String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.healthPort() + path))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** Preprocess's decode stage on the same shared-memory directory, fed directly (no network). */
    private static final class Preprocess implements AutoCloseable {
        private final JpegFramePool pool = new JpegFramePool(4, 1 << 20);
        private final LatestFrameMailbox mailbox = new LatestFrameMailbox(2, pool);
        private final JpegDecoder decoder = new JpegDecoder(1 << 20);
        private final NodeRegistry registry;
        private final SpecWatcher specs;
        private final DecodeAgent agent;

        Preprocess(final Path shm, final NanoClock clock) throws Exception {
            registry = NodeRegistry.open(shm, clock, TimeUnit.SECONDS.toNanos(1));
            specs = new SpecWatcher(registry, clock);
            agent = new DecodeAgent(mailbox, decoder, SharedMemoryDirectory.open(shm), specs,
                new DecodeConfig(3, 80, 60, 16, null, 0, TimeUnit.SECONDS.toNanos(10), TimeUnit.SECONDS.toNanos(5)),
                FutexWordSignal.forThisPlatform(), new ClockTable(), clock);
            agent.start();
        }

        boolean producesFor(final ModelCard card) {
            specs.poll(); // the housekeeping agent's task in the preprocess service
            agent.doWork(0);
            return agent.producing().contains(card.input());
        }

        void decode(final byte[] jpeg, final long seq) {
            mailbox.offer(JpegFrames.of(pool, 7, seq, jpeg, System.nanoTime())); // the service's clock
            agent.doWork(0);
        }

        @Override
        public void close() {
            agent.close();
            decoder.close();
            registry.close();
        }
    }
}
