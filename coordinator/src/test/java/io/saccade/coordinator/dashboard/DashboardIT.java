package io.saccade.coordinator.dashboard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.coordinator.policy.Policy;
import io.saccade.coordinator.service.CoordinatorConfig;
import io.saccade.coordinator.service.CoordinatorService;
import io.saccade.coordinator.testing.ClusterSide;
import io.saccade.coordinator.testing.RobotSide;
import io.saccade.coordinator.testing.ThumbnailFeed;
import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.message.Box;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.message.Hop;
import io.saccade.protocol.message.InvalidMessageException;
import io.saccade.protocol.message.LatencyLedger;
import io.saccade.protocol.message.LedgerHop;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.message.ResultTimings;
import io.saccade.protocol.message.RobotClock;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.mqtt.SignedMqtt;
import io.saccade.runtime.testing.MosquittoBroker;
import io.saccade.runtime.testing.TestKeys;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser: a coordinator leading on a real broker with a node's thumbnails and a model
 * result, opened in headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it). Checks that the
 * decision counter moves, the label and the action are shown, and saves a screenshot as a build artefact
 * ({@code coordinator/target/dashboard.png}).
 */
class DashboardIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern FRAMES = Pattern.compile("id=\"frames\">(\\d+)<");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void shouldShowLiveDecisionsWithTheirLabelsInABrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed (apt-get install -y "
            + "chromium; .ci/run does)");
        final TopicTree topics = new TopicTree(TopicTree.DEFAULT_PREFIX);
        try (MosquittoBroker broker = MosquittoBroker.start(Files.createDirectories(dir.resolve("broker")));
             ThumbnailFeed feed = ThumbnailFeed.start(dir.resolve("shm"), TimeUnit.MILLISECONDS.toNanos(33));
             RobotSide robot = RobotSide.start(TestKeys.ROBOT);
             CoordinatorService coordinator = CoordinatorService.start(new CoordinatorConfig("coordinator-a",
                 "node-1", dir.resolve("shm").toString(), broker.settings("coordinator"),
                 TopicTree.DEFAULT_PREFIX, new CoordinatorConfig.Election(100, 300), "",
                 List.of(new CoordinatorConfig.Robot(1, robot.address())), TestKeys.files(dir.resolve("keys")), 64,
                 3_000, "127.0.0.1:0", "", 30), Policy.DEFAULTS, NanoClock.system(), Clock.systemUTC());
             ClusterSide model = ClusterSide.ready(broker, "node-1", "ssd-mobilenetv2-oidv4");
             SignedMqtt observer = TestKeys.client(broker, "observer", "observer", KeyRole.CLUSTER)) {
            robot.await(applied -> true, WAIT);
            final BlockingQueue<LatencyLedger> ledgers = new LinkedBlockingQueue<>();
            observer.subscribeUnsigned(topics.ledgers(1), 0, (topic, payload) -> {
                try {
                    ledgers.add(new MessageCodec().decode(payload, LatencyLedger.class));
                } catch (final InvalidMessageException ex) {
                    throw new AssertionError(ex);
                }
            });
            await().atMost(WAIT).until(() -> {
                model.result(feed.newest(), new ResultTimings(0, 1_000_000, 2_000_000, 22_000_000, 23_000_000,
                    new RobotClock(4_000, 50, 1_500)), List.of(new Detection("Person", 4, 0.87f,
                        new Box(0.4f, 0.4f, 0.6f, 0.9f))));
                return robot.applied().stream().anyMatch(applied -> !applied.decision().labels().isEmpty());
            });

            final String url = "http://127.0.0.1:" + coordinator.healthPort() + "/";
            final String first = chromium("--dump-dom", url);
            final String second = chromium("--dump-dom", url);
            final Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
            chromium("--screenshot=" + screenshot, "--window-size=1320,1700", url);

            assertTrue(frames(first) > 0, first);
            assertTrue(frames(second) > frames(first), "the decision counter moves: " + frames(first) + " then "
                + frames(second));
            assertTrue(second.contains("Person 0.87 from ssd-mobilenetv2-oidv4"), second);
            assertTrue(second.matches("(?s).*id=\"action\" class=\"(GO|SLOW|STOP)\">(GO|SLOW|STOP)<.*"), second);
            assertTrue(second.contains("coordinator-a (this member)"), second);
            assertTrue(second.contains("<td>decision</td><td>decided</td>"), "the hop table: " + second);
            assertTrue(second.contains("<td>decision</td><td>delivered</td>"), "the robot's receipts: " + second);
            assertTrue(second.contains("<td>ssd-mobilenetv2-oidv4</td><td>inference end</td><td>26.00</td>"),
                "the model's path, 4 ms + 22 ms after capture: " + second);
            assertTrue(second.contains("id=\"uncertainty\">\u00b10.05 ms<"), second);
            assertTrue(Files.size(screenshot) > 10_000, "screenshot " + screenshot);
            final BufferedImage preview = ImageIO.read(URI.create(url + "api/frame.jpg").toURL());
            assertEquals(320, preview.getWidth(), "the node's colour preview, not the 80x60 thumbnail");
            final Color left = new Color(preview.getRGB(40, 120));
            assertTrue(Math.abs(left.getRed() - 230) < 16 && Math.abs(left.getGreen() - 120) < 16
                && Math.abs(left.getBlue() - 40) < 16, "the preview's colours survive the JPEG: " + left);
            final LatencyLedger ledger = ledgers.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(ledger != null, "the leader publishes sampled ledgers");
            final List<LedgerHop> decisionPath = ledger.hops().stream().filter(hop -> hop.model() == null).toList();
            final List<Hop> hops = decisionPath.stream().map(LedgerHop::hop).toList();
            assertEquals(List.of(Hop.CAPTURE, Hop.SEND, Hop.RECEIVE, Hop.DECIDED, Hop.DELIVERED), hops,
                "the decision path, in time order, closed by the robot's receipt");
            assertEquals(4_000, decisionPath.get(2).atMicros(), "the feed's frames are ready 4 ms after capture");
        }
    }

    private static long frames(final String dom) {
        final Matcher matcher = FRAMES.matcher(dom);
        assertTrue(matcher.find(), dom);
        return Long.parseLong(matcher.group(1));
    }

    /** Runs headless Chromium on a page for three seconds of page time and returns what it printed. */
    private String chromium(final String... args) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
            "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir="
                + Files.createTempDirectory(dir, "chromium"), "--virtual-time-budget=3000"));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectError(dir.resolve("chromium.log").toFile())
            .start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("chromium.log")));
        return out;
    }
}
