package io.saccade.bench;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.saccade.accelerator.AcceleratorMain;
import io.saccade.coordinator.CoordinatorMain;
import io.saccade.coordinator.service.CoordinatorConfig;
import io.saccade.preprocess.PreprocessMain;
import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.fec.ReedSolomon;
import io.saccade.protocol.frame.FrameEncoder;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.EpochBound;
import io.saccade.protocol.message.Freshness;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.time.NanoClock;
import io.saccade.robot.control.ControlLoop;
import io.saccade.robot.control.DecisionGate;
import io.saccade.robot.control.DecisionReceiver;
import io.saccade.robot.control.DecisionStats;
import io.saccade.robot.control.SimulatedDriveBase;
import io.saccade.robot.control.WheelSpeeds;
import io.saccade.robot.encode.JpegEncoder;
import io.saccade.robot.send.SequenceNumbers;
import io.saccade.robot.send.UdpFrameSender;
import io.saccade.robot.source.FrameSource;
import io.saccade.robot.source.FrameSources;
import io.saccade.robot.source.SourceSpec;
import io.saccade.robot.stream.StreamAgent;
import io.saccade.runtime.agent.AgentRunner;
import io.saccade.runtime.config.KeysConfig;
import io.saccade.runtime.mqtt.MqttConfig;
import io.saccade.runtime.net.UdpTransport;
import io.saccade.runtime.telemetry.CpuMeter;
import io.saccade.runtime.telemetry.Hardware;
import io.saccade.runtime.testing.MosquittoBroker;
import io.saccade.runtime.testing.TestBroker;
import io.saccade.runtime.testing.TestKeys;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * The whole pipeline on loopback, each service in its own process: the robot (this process) streams a video at
 * 30 fps to preprocess; an accelerator runs the SSD; three coordinator replicas elect a leader, which decides every
 * frame and sends the decision to the robot's real decision side (this process). Measured at the robot, on its own
 * clock: capture to decision, evidence age, share of decisions with every label effective; then the same with the
 * accelerator slowed by 100 ms; then the leader is killed (SIGKILL) repeatedly and the time until the robot applies
 * the new leader's first decision is recorded.
 * <p>
 * Large because a benchmark sets up a whole topology (broker, preprocess, accelerators, coordinators, robot) to measure
 * it; the setup is the benchmark.
 */
final class DecisionBenchmark {
    private static final String MODEL = "ssd-mobilenetv2-oidv4";
    private static final Duration START = Duration.ofSeconds(120);
    private static final List<String> MEMBERS = List.of("coordinator-a", "coordinator-b", "coordinator-c");

    private final int seconds;
    private final int kills;
    private final Path video;
    private final List<Applied> applied = new ArrayList<>();

    private record Applied(long frameSeq, LeaderStamp leader, long arrivedNanos, Decision decision) {
    }

    DecisionBenchmark(final int seconds, final int kills, final Path video) {
        this.seconds = seconds;
        this.kills = kills;
        this.video = video;
    }

    void run() throws Exception {
        final Path work = Files.createTempDirectory("saccade-bench-decisions");
        final Path shm = Path.of("/dev/shm", "saccade-bench-" + ProcessHandle.current().pid());
        final KeysConfig keys = TestKeys.files(work.resolve("keys"));
        final MacKey key = TestKeys.ROBOT;
        final int ingress = freeUdpPort();
        System.out.println("Hardware: " + Hardware.describe());
        System.out.println("Source: " + video + " at 30 fps, 640x480, JPEG q80; logs in " + work);
        final Map<String, ServiceProcess> coordinators = new LinkedHashMap<>();
        try (MosquittoBroker broker = MosquittoBroker.start(Files.createDirectories(work.resolve("broker")));
             ControlLoop loop = new ControlLoop(new DecisionGate(1, 0, TimeUnit.MILLISECONDS.toNanos(150),
                 new EpochBound(System::currentTimeMillis, KeysConfig.DEFAULT_MAX_CLOCK_SKEW_MILLIS)),
                 new SimulatedDriveBase(new WheelSpeeds(500, 0.3), NanoClock.system()), TimeUnit.SECONDS.toNanos(1),
                 NanoClock.system(), this::record);
             DecisionReceiver receiver = DecisionReceiver.start(new InetSocketAddress("127.0.0.1", 0),
                 KeyRing.of(key), loop);
             ServiceProcess preprocess = ServiceProcess.start(PreprocessMain.class, work.resolve("preprocess.log"),
                 join(List.of("--node", "node-1", "--bind", "127.0.0.1:" + ingress, "--shm-dir", shm.toString()),
                     broker(broker, "node-1"), keyArgs(keys)))) {
            preprocess.awaitReady(START);
            final String[] coordinatorArgs = join(List.of("--node", "node-1", "--shm-dir", shm.toString(), "--robot",
                "1=127.0.0.1:" + receiver.port(), "--health", ""), broker(broker, "coordinator"), keyArgs(keys));
            for (final String member : MEMBERS) {
                coordinators.put(member, startCoordinator(work, member, coordinatorArgs));
            }
            final List<String> rows = new ArrayList<>();
            final List<String> cpuLines = new ArrayList<>();
            final Stream stream = new Stream(key, ingress);
            try {
                for (final int addedMillis : new int[]{0, 100}) {
                    final ServiceProcess accelerator = startAccelerator(work, broker, keys, shm, addedMillis);
                    try {
                        awaitDecision(decision -> fresh(decision.decision()), START);
                        awaitDecision(decision -> true, Duration.ofSeconds(5)); // settle
                        final Map<String, ProcessHandle> measured = new LinkedHashMap<>();
                        measured.put("robot (this process)", ProcessHandle.current());
                        measured.put("preprocess", preprocess.handle());
                        measured.put("accelerator", accelerator.handle());
                        coordinators.forEach((member, process) -> measured.put(member, process.handle()));
                        final CpuMeter cpu = new CpuMeter(measured);
                        loop.stats().reset();
                        cpu.start();
                        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                        final String label = addedMillis == 0 ? "SSD (CPU, 1 thread)" : "SSD + 100 ms added per "
                            + "inference";
                        rows.add(row(label, loop.stats().summary()));
                        cpuLines.add(label + ": " + cpu.stop());
                    } finally {
                        accelerator.close();
                    }
                }
                final Histogram failover = failover(work, coordinators, coordinatorArgs);
                print(rows, failover, loop);
                System.out.println("CPU during each row, % of one core (" + Runtime.getRuntime().availableProcessors()
                    + " available): ");
                cpuLines.forEach(line -> System.out.println("  " + line));
            } finally {
                stream.close();
            }
        } finally {
            coordinators.values().forEach(ServiceProcess::close);
            deleteTree(shm);
        }
    }

    private ServiceProcess startCoordinator(final Path work, final String member, final String[] args)
        throws IOException, InterruptedException {
        final List<String> all = new ArrayList<>(List.of(args));
        all.add("--member");
        all.add(member);
        final ServiceProcess process = ServiceProcess.start(CoordinatorMain.class,
            work.resolve(member + "-" + System.nanoTime() + ".log"), all.toArray(String[]::new));
        process.awaitReady(START);
        return process;
    }

    private static ServiceProcess startAccelerator(final Path work, final TestBroker broker, final KeysConfig keys,
                                                   final Path shm, final int addedMillis)
        throws IOException, InterruptedException {
        final ServiceProcess accelerator = ServiceProcess.start(AcceleratorMain.class, work.resolve("accelerator-"
                + addedMillis + ".log"), join(List.of("--model", MODEL, "--node", "node-1", "--shm-dir",
            shm.toString(), "--added-latency-ms", Integer.toString(addedMillis), "--health", "127.0.0.1:0",
            "--cluster-key-file", keys.cluster().file()), broker(broker, "node-1"), List.of()));
        accelerator.awaitReady(START);
        return accelerator;
    }

    /** The broker flags of a service that connects as {@code user}. */
    private static List<String> broker(final TestBroker broker, final String user) {
        final MqttConfig settings = broker.settings(user);
        return List.of("--mqtt", settings.uri(), "--mqtt-user", settings.username(), "--mqtt-password-file",
            settings.passwordFile());
    }

    /** The key flags of a service that holds both keys. */
    private static List<String> keyArgs(final KeysConfig keys) {
        return List.of("--key-file", keys.robot().file(), "--cluster-key-file", keys.cluster().file());
    }

    private static String[] join(final List<String> first, final List<String> second, final List<String> third) {
        final List<String> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(third);
        return all.toArray(String[]::new);
    }

    /** Kills the leader, times the robot's first decision from the new one, restarts the killed member. */
    private Histogram failover(final Path work, final Map<String, ServiceProcess> coordinators,
                               final String[] args) throws Exception {
        final Histogram takeovers = Percentiles.nanos();
        for (int kill = 0; kill < kills; kill++) {
            final LeaderStamp before = awaitDecision(decision -> true, START).leader();
            final ServiceProcess leader = coordinators.get(before.leader());
            final long killedAt = System.nanoTime();
            leader.kill();
            final Applied next = awaitDecision(decision -> decision.leader().supersedes(before), START);
            takeovers.recordValue(next.arrivedNanos() - killedAt);
            System.out.printf(Locale.ROOT, "  kill %d: %s -> %s in %.1f ms%n", kill + 1, before.leader(),
                next.leader().leader(), (next.arrivedNanos() - killedAt) / 1e6);
            coordinators.put(before.leader(), startCoordinator(work, before.leader(), args));
            Thread.sleep(1_000); // the restarted member is heard by the others before the next kill
        }
        return takeovers;
    }

    private void print(final List<String> rows, final Histogram failover, final ControlLoop loop) {
        System.out.println();
        System.out.println("| model | decisions | capture->decision p50 ms | p99 ms | max ms | evidence age p50 ms "
            + "| p99 ms | labels per decision | labels effective | decisions with every label effective "
            + "| leader: frame ready -> decided p50 ms | p99 ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.printf(Locale.ROOT, "Leader killed with SIGKILL %d times (heartbeat %d ms, timeout %d ms): "
                + "kill -> first decision of the new leader at the robot p50 %s ms, max %s ms%n", failover
                .getTotalCount(), CoordinatorConfig.DEFAULTS.election().heartbeatMillis(),
            CoordinatorConfig.DEFAULTS.election().timeoutMillis(), Percentiles.millis(failover, 50),
            Percentiles.millis(failover, 100));
        System.out.println("Robot counters: " + loop.events());
    }

    private static String row(final String model, final DecisionStats.Summary summary) {
        return String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f %% | %.1f %% "
                + "| %.2f | %.2f |", model, summary.decisions(), summary.latencyP50Micros() / 1e3,
            summary.latencyP99Micros() / 1e3, summary.latencyMaxMicros() / 1e3, summary.evidenceP50Micros() / 1e3,
            summary.evidenceP99Micros() / 1e3, summary.labelsPerDecision(), 100 * summary.effectiveLabelShare(),
            100 * summary.allEffectiveShare(), summary.readyToDecidedP50Micros() / 1e3,
            summary.readyToDecidedP99Micros() / 1e3);
    }

    private static boolean fresh(final Decision decision) {
        return decision.models().stream().anyMatch(model -> MODEL.equals(model.model())
            && model.freshness() == Freshness.FRESH);
    }

    private void record(final Decision decision, final long arrivedNanos) {
        synchronized (applied) {
            applied.add(new Applied(decision.frameSeq(), decision.leader(), arrivedNanos, decision));
            applied.notifyAll();
        }
    }

    /** Waits for a decision applied from now on that satisfies the condition. */
    private Applied awaitDecision(final Predicate<Applied> condition, final Duration timeout)
        throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (applied) {
            int checked = applied.size();
            while (true) {
                for (; checked < applied.size(); checked++) {
                    if (condition.test(applied.get(checked))) {
                        return applied.get(checked);
                    }
                }
                final long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new IllegalStateException("no matching decision within " + timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(applied, remaining);
            }
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return probe.getLocalPort();
        }
    }

    private static void deleteTree(final Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** The robot's stream: the video, paced at 30 fps, to the preprocess. */
    private final class Stream implements AutoCloseable {
        private final FrameSource source;
        private final JpegEncoder encoder;
        private final UdpTransport transport;
        private final AgentRunner streaming;

        Stream(final MacKey key, final int ingress) throws Exception {
            ReedSolomon.warmUp(TimeUnit.MILLISECONDS.toNanos(500));
            source = FrameSources.open(SourceSpec.parse("file:" + video), 640, 480, 30, true, NanoClock.system());
            encoder = new JpegEncoder(640, 480, 80);
            transport = UdpTransport.bind(new InetSocketAddress(0), 1500, 1 << 20, new ChannelInboundHandlerAdapter(),
                "robot-udp");
            final UdpFrameSender sender = new UdpFrameSender(transport.channel(), List.of(new InetSocketAddress(
                "127.0.0.1", ingress)), new FrameEncoder(1452, 0.2, 1 << 20, new MessageAuthenticator(key)));
            final SequenceNumbers sequence = new SequenceNumbers(Files.createTempFile("robot", ".epoch"),
                () -> Instant.now().getEpochSecond());
            final StreamAgent agent = new StreamAgent(source, encoder, sender, sequence, 1, 30, NanoClock.system());
            streaming = AgentRunner.builder(agent).idle(agent.idleStrategy()).start();
        }

        @Override
        public void close() {
            streaming.close();
            transport.close();
            encoder.close();
            source.close();
        }
    }
}
