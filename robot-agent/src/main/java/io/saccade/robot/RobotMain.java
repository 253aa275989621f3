package io.saccade.robot;

import io.prometheus.metrics.core.metrics.Histogram;
import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.fec.ReedSolomon;
import io.saccade.protocol.frame.FrameEncoder;
import io.saccade.protocol.time.NanoClock;
import io.saccade.robot.encode.JpegEncoder;
import io.saccade.robot.send.ClockProbeResponder;
import io.saccade.robot.send.SequenceNumbers;
import io.saccade.robot.send.UdpFrameSender;
import io.saccade.robot.source.FrameSource;
import io.saccade.robot.source.FrameSourceException;
import io.saccade.robot.source.FrameSources;
import io.saccade.robot.stream.StreamAgent;
import io.saccade.runtime.SaccadeVersion;
import io.saccade.runtime.config.ConfigException;
import io.saccade.runtime.config.ConfigLoader;
import io.saccade.runtime.config.RobotKeyOptions;
import io.saccade.runtime.config.BrokerOptions;
import io.saccade.runtime.health.HealthServer;
import io.saccade.runtime.health.HealthTokenOption;
import io.saccade.runtime.mqtt.MqttEvent;
import io.saccade.runtime.mqtt.MqttIdentity;
import io.saccade.runtime.net.UdpTransport;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.Metrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code saccade robot}: streams camera frames to the Saccade cluster. */
@Command(name = "saccade robot", mixinStandardHelpOptions = true, versionProvider = SaccadeVersion.class,
    sortOptions = false,
    description = "Streams frames from a camera, video file, network stream or synthetic source to the Saccade "
        + "cluster as authenticated, FEC-protected UDP fragments.",
    footer = "%nSettings come from the defaults, then the --config file, then the flags. The robot's MAC key is read "
        + "from a file only; create one with ./saccade keygen FILE and give the robot, every preprocess and every "
        + "coordinator the same file.")
public final class RobotMain implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger(RobotMain.class.getName());

    /** Counted down once streaming is over and everything, the motors included, is closed. */
    private final CountDownLatch closed = new CountDownLatch(1);
    @Mixin
    private HealthTokenOption healthToken;
    @Mixin
    private RobotKeyOptions robotKey;
    @Mixin
    private BrokerOptions broker;
    @Option(names = "--config", paramLabel = "FILE", description = "YAML file of settings (keys as in RobotConfig).")
    private Path config;
    @Option(names = "--stream-id", paramLabel = "ID", description = "This robot's stream id (default 1).")
    private Long streamId;
    @Option(names = "--source", paramLabel = "SOURCE",
        description = "synthetic | file:PATH | camera:N | camera:/dev/videoN | rtsp://.. | http://.. (default synthetic).")
    private String source;
    @Option(names = "--loop", negatable = true, description = "Start a video file over at its end (default true).")
    private Boolean loop;
    @Option(names = "--size", paramLabel = "WxH", description = "Frame size sent (default 640x480).")
    private String size;
    @Option(names = "--fps", description = "Frames per second (default 30).")
    private Integer fps;
    @Option(names = "--quality", description = "JPEG quality 1..100 (default 80).")
    private Integer quality;
    @Option(names = "--target", paramLabel = "HOST:PORT",
        description = "An ingress node; repeat for several (default 127.0.0.1:7000).")
    private List<String> targets;
    @Option(names = "--mtu", description = "Link MTU (default 1500).")
    private Integer mtu;
    @Option(names = "--fec", paramLabel = "RATIO", description = "Parity per data fragment, 0 turns FEC off (default 0.2).")
    private Double fec;
    @Option(names = "--state-file", paramLabel = "FILE", description = "Keeps the sequence epoch across restarts.")
    private String stateFile;
    @Option(names = "--frames", description = "Stop after this many frames; 0 runs until stopped (default 0).")
    private long frames;
    @Option(names = "--decisions", paramLabel = "HOST:PORT",
        description = "Where decision datagrams arrive; empty disables the control loop (default 0.0.0.0:7100).")
    private String decisions;
    @Option(names = "--mqtt-fallback", negatable = true, description = "Also take decisions from MQTT (default true).")
    private Boolean mqttFallback;
    @Option(names = "--motor", paramLabel = "MOTOR", description = "sim | serial:DEVICE[@BAUD] (default sim).")
    private String motor;
    @Option(names = "--health", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
        description = "Where /live and /metrics are served; port 0 lets the OS choose, empty disables (default "
            + "${DEFAULT-VALUE}).")
    private String health;
    @Option(names = "--watchdog-ms", description = "Stop the motors after this long without a valid decision "
        + "(default 300).")
    private Long watchdogMillis;
    @Option(names = "--max-decision-age-ms", description = "Do not apply a decision about a frame captured longer "
        + "ago than this (default 150).")
    private Long maxDecisionAgeMillis;

    /**
     * @param args command line.
     */
    public static void main(final String[] args) {
        System.exit(new CommandLine(new RobotMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        final RobotConfig settings;
        try {
            settings = new ConfigLoader().load(RobotConfig.DEFAULTS, config, overrides());
        } catch (final ConfigException | IllegalArgumentException ex) {
            System.err.println("saccade robot: " + ex.getMessage());
            return 2;
        }
        try {
            return stream(settings);
        } catch (final ConfigException | FrameSourceException | IOException ex) {
            System.err.println("saccade robot: " + ex.getMessage());
            return 1;
        } finally {
            closed.countDown(); // the motors are stopped: a shutdown hook waiting for that may let the JVM halt
        }
    }

    private Map<String, Object> overrides() {
        final Map<String, Object> values = new HashMap<>();
        values.put("streamId", streamId);
        values.put("source", source);
        values.put("loop", loop);
        values.put("fps", fps);
        values.put("jpegQuality", quality);
        values.put("targets", targets);
        values.put("mtu", mtu);
        values.put("fecRedundancy", fec);
        robotKey.addTo(values);
        values.put("stateFile", stateFile);
        values.put("control.decisionBind", decisions);
        values.put("control.mqttFallback", mqttFallback);
        values.put("control.motor", motor);
        values.put("control.watchdogMillis", watchdogMillis);
        values.put("control.maxDecisionAgeMillis", maxDecisionAgeMillis);
        broker.addTo(values);
        if (size != null) {
            final String[] parts = size.toLowerCase(java.util.Locale.ROOT).split("x", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("--size must be WxH, got " + size);
            }
            values.put("width", Integer.parseInt(parts[0]));
            values.put("height", Integer.parseInt(parts[1]));
        }
        return values;
    }

    private int stream(final RobotConfig settings) throws FrameSourceException, IOException, InterruptedException {
        final MqttIdentity identity = MqttIdentity.load(settings.mqttName() + "/robot", KeyRole.ROBOT,
            settings.keys());
        final KeyRing keys = identity.signing();
        final NanoClock clock = NanoClock.system();
        ReedSolomon.warmUp(TimeUnit.MILLISECONDS.toNanos(500));
        final List<InetSocketAddress> targetAddresses = resolved(settings.targetAddresses());
        final SequenceNumbers sequence = new SequenceNumbers(Path.of(settings.stateFile()),
            () -> Instant.now().getEpochSecond());
        final Metrics metrics = new Metrics("robot");
        final EnumCounters<MqttEvent> mqttEvents = new EnumCounters<>(MqttEvent.class);
        metrics.counters("mqtt", "Broker connection events of the decision fallback.", mqttEvents);
        final ClockProbeResponder probes = new ClockProbeResponder(settings.streamId(),
            new MessageAuthenticator(keys), clock);
        metrics.counters("clock_probes", "Nodes' clock probes answered and refused.", probes.events());
        final Histogram captureToDecision = metrics.latency("capture_to_decision",
            "Frame captured -> its decision applied to the motors, on this robot's clock.");
        try (RobotControl control = settings.control().enabled() ? RobotControl.start(settings, identity,
                 sequence.epochStart(), clock, Clock.systemUTC(), mqttEvents, (decision, arrived) ->
                     captureToDecision.observe((arrived - decision.captureTimeNanos()) / 1e9)) : null;
             FrameSource frameSource = FrameSources.open(settings.sourceSpec(), settings.width(), settings.height(),
                 settings.fps(), settings.loop(), clock);
             JpegEncoder encoder = new JpegEncoder(settings.width(), settings.height(), settings.jpegQuality());
             UdpTransport transport = UdpTransport.bind(new InetSocketAddress(0), settings.mtu(), 1 << 20,
                 probes, Thread.ofPlatform().name("robot-udp").factory())) {
            final UdpFrameSender sender = new UdpFrameSender(transport.channel(), targetAddresses,
                new FrameEncoder(settings.datagramBytes(), settings.fecRedundancy(), settings.maxFrameBytes(),
                    new MessageAuthenticator(keys)));
            final StreamAgent agent = new StreamAgent(frameSource, encoder, sender, sequence, settings.streamId(),
                settings.fps(), clock).stopAfter(frames > 0 ? frames : Long.MAX_VALUE);
            LOG.log(System.Logger.Level.INFO, "streaming {0} as stream {1} at {2} fps, {3}x{4}, to {5}",
                frameSource.describe(), settings.streamId(), settings.fps(), settings.width(), settings.height(),
                settings.targets());
            metrics.counters("frames", "Frames captured, encoded and sent.", agent.counters());
            if (control != null) {
                metrics.counters("decisions", "Decisions received, refused and applied; watchdog stops.",
                    control.loop().events());
                LOG.log(System.Logger.Level.INFO,
                    "decisions on UDP port {0,number,#}{1}, watchdog {2,number,#} ms, motors: {3}",
                    control.port(), settings.control().mqttFallback() ? " and MQTT " + settings.mqtt().uri() : "",
                    settings.control().watchdogMillis(), control.loop().motor().describe());
            }
            final HealthServer server = HealthServer.startForOption(health, healthToken.file(), () -> null, () -> null,
                metrics);
            try {
                return runUntilDone(agent, control);
            } finally {
                if (server != null) {
                    server.close();
                }
            }
        }
    }

    private int runUntilDone(final StreamAgent agent, final RobotControl control) throws InterruptedException {
        final Thread streaming = Thread.ofPlatform().name("robot-stream").start(agent);
        final Thread hook = new Thread(() -> {
            stopAndJoin(agent, streaming);
            awaitClosed(); // closing the control loop stops the motors; halting before that would leave them running
        }, "robot-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        long reported = 0;
        while (streaming.isAlive()) {
            streaming.join(TimeUnit.SECONDS.toMillis(1));
            if (++reported % 5 == 0 || !streaming.isAlive()) {
                LOG.log(System.Logger.Level.INFO, "stream: {0}", agent.counters());
                if (control != null) {
                    LOG.log(System.Logger.Level.INFO, "decisions: {0}", control.describe());
                }
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (final IllegalStateException ex) {
            LOG.log(System.Logger.Level.DEBUG, "shutting down already");
        }
        return 0;
    }

    private void awaitClosed() {
        try {
            if (!closed.await(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "shutting down before the motors were told to stop");
            }
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stopAndJoin(final StreamAgent agent, final Thread streaming) {
        agent.stop();
        try {
            streaming.join(TimeUnit.SECONDS.toMillis(2));
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<InetSocketAddress> resolved(final List<InetSocketAddress> targets) {
        for (final InetSocketAddress target : targets) {
            if (target.isUnresolved()) {
                throw new ConfigException("targets: host " + target.getHostString() + " does not resolve");
            }
        }
        return targets;
    }
}
