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
import io.saccade.runtime.agent.AgentRunner;
import io.saccade.runtime.config.ConfigException;
import io.saccade.runtime.health.HealthServer;
import io.saccade.runtime.mqtt.MqttEvent;
import io.saccade.runtime.mqtt.MqttIdentity;
import io.saccade.runtime.net.UdpTransport;
import io.saccade.runtime.service.ServiceBase;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.Metrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The robot, running: the stream agent paces the camera's frames (encode, fragment, FEC, sign, send) and the
 * decision side ({@link RobotControl}: UDP receiver, watchdog, status, MQTT fallback) applies what the cluster
 * decides. Closing stops streaming first and the motors last: once this returns the motors have been told to stop.
 * <p>
 * Large because it wires the robot's parts (source, encoder, sender, control side, health) and owns their order of
 * start and close; each part lives in its own class.
 */
public final class RobotService extends ServiceBase {
    private static final System.Logger LOG = System.getLogger(RobotService.class.getName());
    private static final long LIVENESS_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final RobotConfig settings;
    private final Metrics metrics = new Metrics("robot");
    private final EnumCounters<MqttEvent> mqttEvents = new EnumCounters<>(MqttEvent.class);
    private RobotControl control;
    private FrameSource frameSource;
    private JpegEncoder encoder;
    private UdpTransport transport;
    private StreamAgent stream;

    /**
     * What the command line adds to the settings.
     *
     * @param health          where /live and /metrics are served; blank disables.
     * @param healthTokenFile the token those need; blank: none.
     * @param frames          stop after this many frames; 0 streams until stopped.
     */
    public record Options(String health, String healthTokenFile, long frames) {
    }

    private RobotService(final RobotConfig settings) {
        this.settings = settings;
    }

    /**
     * @param settings the validated settings.
     * @param options  what the command line adds.
     * @return the robot, streaming.
     * @throws IOException          when a socket, the motor port or the health server cannot be opened.
     * @throws FrameSourceException when the source cannot be opened.
     * @throws InterruptedException when interrupted while binding the socket.
     */
    public static RobotService start(final RobotConfig settings, final Options options)
        throws IOException, FrameSourceException, InterruptedException {
        final RobotService service = new RobotService(settings);
        try {
            service.startUp(options);
            return service;
        } catch (final IOException | FrameSourceException | InterruptedException | RuntimeException ex) {
            service.close();
            throw ex;
        }
    }

    private void startUp(final Options options) throws IOException, FrameSourceException, InterruptedException {
        final MqttIdentity identity = MqttIdentity.load(settings.mqttName() + "/robot", KeyRole.ROBOT,
            settings.keys());
        final KeyRing keys = identity.signing();
        final NanoClock clock = NanoClock.system();
        ReedSolomon.warmUp(TimeUnit.MILLISECONDS.toNanos(500));
        final List<InetSocketAddress> targets = resolved(settings.targetAddresses());
        final SequenceNumbers sequence = new SequenceNumbers(Path.of(settings.stateFile()),
            () -> Instant.now().getEpochSecond());
        metrics.counters("mqtt", "Broker connection events of the decision fallback.", mqttEvents);
        final ClockProbeResponder probes = new ClockProbeResponder(settings.streamId(),
            new MessageAuthenticator(keys), clock);
        metrics.counters("clock_probes", "Nodes' clock probes answered and refused.", probes.events());
        startControl(identity, sequence, clock);
        frameSource = FrameSources.open(settings.sourceSpec(), settings.width(), settings.height(), settings.fps(),
            settings.loop(), clock);
        encoder = new JpegEncoder(settings.width(), settings.height(), settings.jpegQuality());
        transport = UdpTransport.bind(new InetSocketAddress(0), settings.mtu(), 1 << 20, probes,
            "robot-udp");
        stream = new StreamAgent(frameSource, encoder, new UdpFrameSender(transport.channel(), targets,
            new FrameEncoder(settings.datagramBytes(), settings.fecRedundancy(), settings.maxFrameBytes(),
                new MessageAuthenticator(keys))), sequence, settings.streamId(), settings.fps(), clock)
            .stopAfter(options.frames() > 0 ? options.frames() : Long.MAX_VALUE);
        metrics.counters("frames", "Frames captured, encoded and sent.", stream.counters());
        agents().exportTo(metrics);
        serveHealth(HealthServer.startForOption(options.health(), options.healthTokenFile(),
            () -> agents().problem(LIVENESS_NANOS), () -> null, metrics));
        LOG.log(System.Logger.Level.INFO, "streaming {0} as stream {1} at {2} fps, {3}x{4}, to {5}",
            frameSource.describe(), settings.streamId(), settings.fps(), settings.width(), settings.height(),
            settings.targets());
        agents().start(AgentRunner.builder(stream).idle(stream.idleStrategy()).clock(clock));
    }

    private void startControl(final MqttIdentity identity, final SequenceNumbers sequence, final NanoClock clock)
        throws IOException {
        if (!settings.control().enabled()) {
            return;
        }
        final Histogram captureToDecision = metrics.latency("capture_to_decision",
            "Frame captured -> its decision applied to the motors, on this robot's clock.");
        control = RobotControl.start(settings, identity, sequence.epochStart(), clock, Clock.systemUTC(), mqttEvents,
            (decision, arrived) -> captureToDecision.observe((arrived - decision.captureTimeNanos()) / 1e9));
        metrics.counters("decisions", "Decisions received, refused and applied; watchdog stops.",
            control.loop().events());
        LOG.log(System.Logger.Level.INFO,
            "decisions on UDP port {0,number,#}{1}, watchdog {2,number,#} ms, motors: {3}",
            control.port(), settings.control().mqttFallback() ? " and MQTT " + settings.mqtt().uri() : "",
            settings.control().watchdogMillis(), control.loop().motor().describe());
    }

    private static List<InetSocketAddress> resolved(final List<InetSocketAddress> targets) {
        for (final InetSocketAddress target : targets) {
            if (target.isUnresolved()) {
                throw new ConfigException("targets: host " + target.getHostString() + " does not resolve");
            }
        }
        return targets;
    }

    @Override
    public String name() {
        return "robot " + settings.mqttName();
    }

    @Override
    public String summary() {
        return "stream " + stream.counters() + (control == null ? "" : "; decisions " + control.describe());
    }

    /** After streaming stopped: closes the socket and the source, and stops the motors last. */
    @Override
    protected void release() {
        if (transport != null) {
            transport.close();
        }
        if (encoder != null) {
            encoder.close();
        }
        if (frameSource != null) {
            frameSource.close();
        }
        if (control != null) {
            control.close(); // the motors stop
        }
    }
}
