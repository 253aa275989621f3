package io.saccade.robot;

import io.saccade.protocol.DefaultPorts;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.robot.control.WheelSpeeds;
import io.saccade.robot.source.SourceSpec;
import io.saccade.runtime.config.KeysConfig;
import io.saccade.runtime.mqtt.MqttConfig;
import io.saccade.runtime.net.HostPort;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The robot agent's settings. The defaults stream synthetic 640x480 frames at 30 fps to a preprocess on this
 * machine, which is what the local demo needs.
 *
 * @param streamId      this robot's stream id, unsigned 32-bit.
 * @param source        frame source, see {@link SourceSpec}.
 * @param loop          whether a video file starts over at its end.
 * @param width         frame width sent, pixels.
 * @param height        frame height sent, pixels.
 * @param fps           frames per second to send.
 * @param jpegQuality   JPEG quality, 1..100.
 * @param targets       ingress nodes, {@code host:port}; every one gets every frame.
 * @param mtu           link MTU; datagrams stay {@value #IP_UDP_OVERHEAD} bytes below it (IPv6 + UDP headers).
 * @param fecRedundancy parity fragments per data fragment, 0..4 (0.2 = 20 %).
 * @param keys          the robot's key, shared with the cluster: frames, decisions, receipts, probes and this
 *                      robot's status (a robot holds no cluster key).
 * @param stateFile     file keeping the sequence epoch across restarts.
 * @param maxFrameBytes largest JPEG sent; larger frames are an error.
 * @param control       how decisions are received and applied.
 * @param mqtt          the broker: the decisions fallback and this robot's status (user {@code robot-<stream>}).
 * @param topicPrefix   topic tree prefix.
 * @param statusMillis  how often this robot's retained status is refreshed.
 */
public record RobotConfig(long streamId, String source, boolean loop, int width, int height, int fps,
                          int jpegQuality, List<String> targets, int mtu, double fecRedundancy, KeysConfig keys,
                          String stateFile, int maxFrameBytes, Control control, MqttConfig mqtt,
                          String topicPrefix, int statusMillis) {
    /** Bytes of IPv6 and UDP header a datagram carries on the wire. */
    public static final int IP_UDP_OVERHEAD = 48;

    /** The settings the local demo runs with. */
    public static final RobotConfig DEFAULTS = new RobotConfig(1, "synthetic", true, 640, 480, 30, 80,
        List.of("127.0.0.1:" + DefaultPorts.FRAMES), 1500, 0.2, KeysConfig.ROBOT_ONLY, ".saccade/robot-1.epoch",
        1 << 20, new Control("0.0.0.0:" + DefaultPorts.DECISIONS, true, 300, 150, "sim", 500, 0.3),
        MqttConfig.DEFAULTS, TopicTree.DEFAULT_PREFIX, 1_000);

    /**
     * The decision side.
     *
     * @param decisionBind   {@code host:port} the decision datagrams arrive on (the coordinators' {@code robots}
     *                       setting points here); empty: stream only, no control loop.
     * @param mqttFallback   whether decisions are also taken from the MQTT decisions topic.
     * @param watchdogMillis no valid decision for longer stops the motors.
     * @param maxDecisionAgeMillis a decision about a frame captured longer ago than this (robot clock) is not applied
     *                       and does not feed the watchdog; well under the watchdog period.
     * @param motor          {@code sim} for the simulated base, or {@code serial:DEVICE[@BAUD]}, e.g.
     *                       {@code serial:/dev/ttyACM0@115200}.
     * @param cruiseMillimetresPerSecond wheel speed for GO.
     * @param slowFraction   share of the cruise speed for SLOW.
     */
    public record Control(String decisionBind, boolean mqttFallback, long watchdogMillis, long maxDecisionAgeMillis,
                          String motor, int cruiseMillimetresPerSecond, double slowFraction) {
        /** Validates the section. */
        public Control {
            decisionBind = decisionBind == null ? "" : decisionBind;
            if (!decisionBind.isBlank()) {
                HostPort.parse(decisionBind, "control.decisionBind", 0);
            }
            require(watchdogMillis >= 10 && watchdogMillis <= 60_000, "control.watchdogMillis must be 10..60000, got "
                + watchdogMillis);
            require(maxDecisionAgeMillis >= 1 && maxDecisionAgeMillis <= watchdogMillis,
                "control.maxDecisionAgeMillis must be 1..control.watchdogMillis (" + watchdogMillis + "), got "
                    + maxDecisionAgeMillis);
            require(motor != null && (motor.equals("sim") || motor.startsWith("serial:") && motor.length() > 7),
                "control.motor must be sim or serial:DEVICE[@BAUD], got " + motor);
            speeds(cruiseMillimetresPerSecond, slowFraction);
        }

        /** @return where decision datagrams are received; port 0 lets the OS choose. */
        public InetSocketAddress decisionAddress() {
            return HostPort.parse(decisionBind, "control.decisionBind", 0);
        }

        /** @return whether decisions are received at all. */
        public boolean enabled() {
            return !decisionBind.isBlank();
        }

        /** @return the wheel speeds. */
        public WheelSpeeds wheelSpeeds() {
            return speeds(cruiseMillimetresPerSecond, slowFraction);
        }

        private static WheelSpeeds speeds(final int cruise, final double slow) {
            try {
                return new WheelSpeeds(cruise, slow);
            } catch (final IllegalArgumentException ex) {
                throw new IllegalArgumentException("control: " + ex.getMessage(), ex);
            }
        }
    }

    /** Validates every setting, naming it in the message. */
    public RobotConfig {
        require(streamId >= 0 && streamId <= 0xFFFF_FFFFL, "streamId must be 0..4294967295, got " + streamId);
        parseSource(source);
        require(width >= 16 && width <= 4096 && height >= 16 && height <= 4096,
            "width and height must be 16..4096, got " + width + "x" + height);
        require(fps >= 1 && fps <= 240, "fps must be 1..240, got " + fps);
        require(jpegQuality >= 1 && jpegQuality <= 100, "jpegQuality must be 1..100, got " + jpegQuality);
        require(targets != null && !targets.isEmpty(), "targets must name at least one host:port");
        targets = List.copyOf(targets);
        targets.forEach(RobotConfig::parseTarget);
        require(mtu >= 576 && mtu <= 65535, "mtu must be 576..65535, got " + mtu);
        require(fecRedundancy >= 0 && fecRedundancy <= 4, "fecRedundancy must be 0..4, got " + fecRedundancy);
        require(keys != null && keys.robot().held(), "keys.robot.file must name the robot's MAC key file");
        require(stateFile != null && !stateFile.isBlank(), "stateFile must name a writable file");
        require(maxFrameBytes >= 1024 && maxFrameBytes <= 16 << 20,
            "maxFrameBytes must be 1024..16777216, got " + maxFrameBytes);
        require(control != null && mqtt != null, "control and mqtt are required");
        new TopicTree(topicPrefix);
        require(statusMillis >= 100, "statusMillis must be at least 100, got " + statusMillis);
    }

    /** @return this robot's name on the broker: its user, and the node of its status topic. */
    public String mqttName() {
        return "robot-" + streamId;
    }

    /** @return the parsed source. */
    public SourceSpec sourceSpec() {
        return SourceSpec.parse(source);
    }

    /** @return the ingress addresses. */
    public List<InetSocketAddress> targetAddresses() {
        return targets.stream().map(RobotConfig::parseTarget).toList();
    }

    /** @return the largest datagram to send. */
    public int datagramBytes() {
        return mtu - IP_UDP_OVERHEAD;
    }

    private static void parseSource(final String source) {
        require(source != null, "source is required");
        try {
            SourceSpec.parse(source);
        } catch (final IllegalArgumentException ex) {
            throw new IllegalArgumentException("source: " + ex.getMessage(), ex);
        }
    }

    /**
     * @param target {@code host:port}, or {@code [v6-address]:port}.
     * @return the unresolved-if-needed socket address.
     */
    static InetSocketAddress parseTarget(final String target) {
        return HostPort.parse(target, "target", 1);
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
