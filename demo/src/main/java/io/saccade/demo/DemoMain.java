package io.saccade.demo;

import io.saccade.protocol.DefaultPorts;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.SaccadeVersion;
import io.saccade.runtime.mqtt.MqttEvent;
import io.saccade.runtime.mqtt.PahoMqttPort;
import io.saccade.runtime.telemetry.CpuMeter;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.Hardware;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code saccade demo}: the whole system on this machine, each part a process of its own.
 * <p>
 * Large because it is the supervisor of the local cluster: the command line, the start order of nine processes, their
 * restarts and the status line.
 */
@Command(name = "saccade demo", mixinStandardHelpOptions = true, versionProvider = SaccadeVersion.class,
    sortOptions = false,
    description = "Runs the whole system on this machine as separate processes: an embedded MQTT broker, emulated "
        + "nodes (a preprocess and an accelerator each, relaying frames to each other), three coordinators and the "
        + "robot with the simulated motor base. Prints a live status line; Ctrl-C stops everything and removes the "
        + "shared-memory files. A process that dies is restarted.")
public final class DemoMain implements Callable<Integer> {
    private static final Duration READY = Duration.ofSeconds(180);
    private static final long STATUS_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How every service with a health server names its port in its log. */

    @Option(names = "--root", paramLabel = "DIR", defaultValue = ".", description = "The project folder (built).")
    private Path root;
    @Option(names = "--source", paramLabel = "SOURCE", required = true,
        description = "What the robot streams: file:PATH, camera:N, rtsp://.., synthetic.")
    private String source;
    @Option(names = "--nodes", defaultValue = "2", description = "Emulated nodes (default ${DEFAULT-VALUE}).")
    private int nodes;
    @Option(names = "--model", defaultValue = "ssd-mobilenetv2-oidv4",
        description = "The model every node pins (default ${DEFAULT-VALUE}).")
    private String model;
    @Option(names = "--mqtt", paramLabel = "URI", description = "Use this broker instead of starting the embedded one; "
        + "it must know the users of etc/broker/acl with the passwords in .saccade/mqtt/users.")
    private String mqtt;
    @Option(names = "--mqtt-port", defaultValue = "" + DefaultPorts.MQTT,
        description = "Port of the embedded broker (default "
        + "${DEFAULT-VALUE}).")
    private int mqttPort;
    @Option(names = "--base-port", defaultValue = "" + DefaultPorts.FRAMES,
        description = "Node i receives frames on BASE+i, the robot "
        + "decisions on BASE+100 (default ${DEFAULT-VALUE}).")
    private int basePort;
    @Option(names = "--fps", defaultValue = "30", description = "Frames per second the robot sends (default "
        + "${DEFAULT-VALUE}).")
    private int fps;
    @Option(names = "--duration", defaultValue = "0", description = "Stop after this many seconds; 0 runs until "
        + "Ctrl-C (default ${DEFAULT-VALUE}).")
    private long durationSeconds;
    @Option(names = "--bench", description = "The end-to-end benchmark: every decided frame gets a latency ledger; "
        + "after a warm-up, measure for --duration seconds (default 30) and print the per-hop table and the CPU of "
        + "every process.")
    private boolean bench;

    private final List<Child> children = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private Path shm;
    private DemoSecrets secrets;

    /**
     * @param args command line.
     */
    public static void main(final String[] args) {
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (nodes < 1 || nodes > DemoSecrets.MAX_NODES) {
            System.err.println("saccade demo: --nodes must be 1.." + DemoSecrets.MAX_NODES + ", got " + nodes);
            return 2;
        }
        root = root.toAbsolutePath().normalize();
        final Path work = Files.createDirectories(root.resolve(".saccade/demo"));
        final Path logs = Files.createDirectories(work.resolve("logs"));
        shm = Path.of("/dev/shm/saccade-demo-" + ProcessHandle.current().pid());
        secrets = DemoSecrets.ensure(root);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAll();
            stopped.countDown();
        }, "demo-shutdown"));
        try {
            final String broker = startAll(logs);
            System.out.println("saccade demo: running; logs in " + logs + "; Ctrl-C stops everything");
            if (bench) {
                benchmark(broker, logs);
            } else {
                supervise(broker, stopped);
            }
        } catch (final IOException ex) {
            System.err.println("saccade demo: " + ex.getMessage());
            return 1;
        }
        return 0;
    }

    private String startAll(final Path logs) throws IOException, InterruptedException {
        final String broker = mqtt == null ? startBroker(logs) : mqtt;
        System.out.println("saccade demo: broker " + broker + " (users and passwords in " + secrets.users()
            + ", keys in " + secrets.robotKey().getParent() + ")");
        for (int node = 1; node <= nodes; node++) {
            startPreprocess(logs, broker, node);
        }
        for (int node = 1; node <= nodes; node++) {
            final List<String> args = new ArrayList<>(List.of("--model", model, "--node", node(node), "--shm-dir",
                shm(node).toString(), "--cores", "all", "--cluster-key-file", secrets.clusterKey().toString()));
            args.addAll(secrets.mqttArgs(broker, node(node)));
            start(new Child("accelerator-" + node, root, "accelerator-service",
                "io.saccade.accelerator.AcceleratorMain", logs.resolve("accelerator-" + node + ".log"), args));
        }
        for (final String member : List.of("a", "b", "c")) {
            startCoordinator(logs, broker, member);
        }
        final List<String> robot = new ArrayList<>(List.of("--source", source, "--fps", Integer.toString(fps),
            "--target", ingress(1), "--target", ingress(Math.min(2, nodes)), "--key-file",
            secrets.robotKey().toString(), "--decisions", decisions(), "--state-file",
            logs.getParent().resolve("robot-1.epoch").toString()));
        robot.addAll(secrets.mqttArgs(broker, "robot-1"));
        start(new Child("robot", root, "robot-agent", "io.saccade.robot.RobotMain", logs.resolve("robot.log"), robot));
        return broker;
    }

    /** The embedded broker, with the demo's users and the project's ACL; returns its URI. */
    private String startBroker(final Path logs) throws IOException, InterruptedException {
        start(new Child("broker", root, "broker", "io.saccade.broker.BrokerMain", logs.resolve("broker.log"),
            List.of("--port", Integer.toString(mqttPort), "--work-dir", logs.getParent().resolve("broker")
                .toString(), "--users", secrets.users().toString(), "--acl",
                root.resolve("etc/broker/acl").toString())));
        return "tcp://127.0.0.1:" + mqttPort;
    }

    private void startPreprocess(final Path logs, final String broker, final int node)
        throws IOException, InterruptedException {
        final List<String> args = new ArrayList<>(List.of("--node", node(node), "--bind", ingress(node),
            "--shm-dir", shm(node).toString()));
        args.addAll(secrets.keyArgs());
        args.addAll(secrets.mqttArgs(broker, node(node)));
        for (int peer = 1; peer <= nodes; peer++) {
            if (peer != node) {
                args.add("--peer");
                args.add(ingress(peer));
            }
        }
        start(new Child("preprocess-" + node, root, "preprocess", "io.saccade.preprocess.PreprocessMain",
            logs.resolve("preprocess-" + node + ".log"), args));
    }

    private void startCoordinator(final Path logs, final String broker, final String member)
        throws IOException, InterruptedException {
        final int node = 1 + (member.charAt(0) - 'a') % nodes;
        final List<String> args = new ArrayList<>(List.of("--member", "coordinator-" + member, "--node",
            node(node), "--shm-dir", shm(node).toString(), "--robot", "1=" + decisions(), "--ledger-every",
            bench ? "1" : "30"));
        args.addAll(secrets.keyArgs());
        args.addAll(secrets.mqttArgs(broker, "coordinator"));
        final Child coordinator = new Child("coordinator-" + member, root, "coordinator",
            "io.saccade.coordinator.CoordinatorMain", logs.resolve("coordinator-" + member + ".log"), args);
        start(coordinator);
        System.out.println("saccade demo: dashboard of coordinator-" + member + ": http://127.0.0.1:"
            + coordinator.healthPort() + "/ (the leader's is authoritative)");
    }

    private void start(final Child child) throws IOException {
        synchronized (children) {
            if (stopping.get()) {
                throw new IOException("stopping");
            }
            System.out.println("saccade demo: starting " + child.name());
            child.start();
            children.add(child);
        }
        child.awaitReady(READY);
    }

    /** Warms up until ledgers flow, then measures for the duration and prints the table. */
    private void benchmark(final String broker, final Path logs) throws IOException, InterruptedException {
        final LedgerReport report = new LedgerReport();
        final TopicTree topics = new TopicTree(TopicTree.DEFAULT_PREFIX);
        final PahoMqttPort client = PahoMqttPort.start(secrets.mqtt(broker, "observer"), "saccade-bench-e2e",
            null, () -> { }, new EnumCounters<>(MqttEvent.class));
        try {
            client.subscribe(topics.ledgers(1), 0, report::onLedger);
            client.subscribe(topics.decisions(1), 0, report::onDecision);
            System.out.println("saccade bench e2e: warming up (20 s)");
            Thread.sleep(TimeUnit.SECONDS.toMillis(20));
            final Map<String, ProcessHandle> processes = new LinkedHashMap<>();
            children.forEach(child -> processes.put(child.name(), child.handle()));
            final CpuMeter cpu = new CpuMeter(processes);
            final DropReport drops = new DropReport();
            for (final Child child : children) {
                if (child.healthPort() > 0) {
                    drops.watch(child.name(), child.healthPort());
                }
            }
            final long seconds = durationSeconds > 0 ? durationSeconds : 30;
            report.reset();
            drops.start();
            cpu.start();
            System.out.println("saccade bench e2e: measuring " + seconds + " s");
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            final String usage = cpu.stop();
            final String lost = drops.stop();
            System.out.println("Hardware: " + Hardware.describe() + "; source " + source + " at " + fps + " fps, "
                + nodes + " nodes, model " + model);
            System.out.print(report.table(seconds));
            System.out.println("CPU over the interval, % of one core: " + usage);
            System.out.print("Drops, skips and errors over the interval (counters of each service's /metrics; logs in "
                + logs + "):" + System.lineSeparator() + lost);
        } finally {
            client.close();
        }
        stopAll();
    }

    private void supervise(final String broker, final CountDownLatch stopped) throws InterruptedException {
        final LiveStatus status = new LiveStatus(NanoClock.system());
        final PahoMqttPort client = PahoMqttPort.start(secrets.mqtt(broker, "observer"), "saccade-demo-status",
            null, () -> { }, new EnumCounters<>(MqttEvent.class));
        client.subscribe(new TopicTree(TopicTree.DEFAULT_PREFIX).decisions(1), 0, status::onDecision);
        final long end = durationSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds)
            : Long.MAX_VALUE;
        try {
            while (!stopped.await(STATUS_NANOS, TimeUnit.NANOSECONDS) && System.nanoTime() < end) {
                System.out.println(status.next(STATUS_NANOS) + " | " + restartDead());
            }
        } finally {
            client.close();
        }
        stopAll();
    }

    /** Restarts what died, like the cluster's controllers would; returns the process count for the status line. */
    private String restartDead() {
        int up = 0;
        for (final Child child : children) {
            if (child.isAlive()) {
                up++;
            } else {
                synchronized (children) {
                    if (stopping.get()) {
                        break;
                    }
                    System.out.println("saccade demo: " + child.name() + " exited with " + child.exitValue()
                        + "; restarting it (see " + child.log() + ")");
                    try {
                        child.restart();
                    } catch (final IOException ex) {
                        System.out.println("saccade demo: cannot restart " + child.name() + ": " + ex.getMessage());
                    }
                }
            }
        }
        final int restarts = children.stream().mapToInt(Child::restarts).sum();
        return up + "/" + children.size() + " processes up" + (restarts > 0 ? ", " + restarts + " restarts" : "");
    }

    /** Stops the robot first and the broker last, then removes the shared memory. Runs once. */
    private void stopAll() {
        synchronized (children) {
            if (!stopping.compareAndSet(false, true)) {
                return;
            }
        }
        final List<Child> reversed = new ArrayList<>(children);
        Collections.reverse(reversed);
        reversed.forEach(Child::stop);
        try {
            deleteTree(shm);
        } catch (final IOException ex) {
            System.err.println("saccade demo: cannot remove " + shm + ": " + ex.getMessage());
        }
        System.out.println("saccade demo: stopped; removed " + shm);
    }

    private Path shm(final int node) {
        return shm.resolve(node(node));
    }

    private static String node(final int node) {
        return "node-" + node;
    }

    private String ingress(final int node) {
        return "127.0.0.1:" + (basePort + node);
    }

    private String decisions() {
        return "127.0.0.1:" + (basePort + 100);
    }

    private static void deleteTree(final Path directory) throws IOException {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
