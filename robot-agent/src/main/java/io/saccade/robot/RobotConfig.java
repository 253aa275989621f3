package io.saccade.robot;

import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.robot.control.WheelSpeeds;
import io.saccade.robot.source.SourceSpec;
import io.saccade.runtime.net.HostPort;
import io.saccade.runtime.mqtt.MqttSettings;
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
 * @param keyFile       file holding the MAC key shared with the cluster.
 * @param keyId         id of that key, 0..255.
 * @param stateFile     file keeping the sequence epoch across restarts.
 * @param maxFrameBytes largest JPEG sent; larger frames are an error.
 * @param control       how decisions are received and applied.
 * @param mqtt          the broker, for the decisions fallback.
 * @param topicPrefix   topic tree prefix.
 */
public record RobotConfig(long streamId, String source, boolean loop, int width, int height, int fps,
                          int jpegQuality, List<String> targets, int mtu, double fecRedundancy, String keyFile,
                          int keyId, String stateFile, int maxFrameBytes, Control control, MqttSettings mqtt,
                          String topicPrefix) {
    /** Bytes of IPv6 and UDP header a datagram carries on the wire. */
    public static final int IP_UDP_OVERHEAD = 48;

    /** The settings the local demo runs with. */
    public static final RobotConfig DEFAULTS = new RobotConfig(1, "synthetic", true, 640, 480, 30, 80,
        List.of("127.0.0.1:7000"), 1500, 0.2, ".saccade/mac.key", 1, ".saccade/robot-1.epoch", 1 << 20,
        new Control("0.0.0.0:7100", true, 300, "sim", 500, 0.3), MqttSettings.DEFAULTS, TopicTree.DEFAULT_PREFIX);

    /**
     * The decision side.
     *
     * @param decisionBind   {@code host:port} the decision datagrams arrive on (the coordinators' {@code robots}
     *                       setting points here); empty: stream only, no control loop.
     * @param mqttFallback   whether decisions are also taken from the MQTT decisions topic.
     * @param watchdogMillis no valid decision for longer stops the motors.
     * @param motor          {@code sim} for the simulated base, or {@code serial:DEVICE[@BAUD]}, e.g.
     *                       {@code serial:/dev/ttyACM0@115200}.
     * @param cruiseMillimetresPerSecond wheel speed for GO.
     * @param slowFraction   share of the cruise speed for SLOW.
     */
    public record Control(String decisionBind, boolean mqttFallback, long watchdogMillis, String motor,
                          int cruiseMillimetresPerSecond, double slowFraction) {
        /** Validates the section. */
        public Control {
            decisionBind = decisionBind == null ? "" : decisionBind;
            if (!decisionBind.isBlank()) {
                parseTarget(decisionBind);
            }
            require(watchdogMillis >= 10 && watchdogMillis <= 60_000, "control.watchdogMillis must be 10..60000, got "
                + watchdogMillis);
            require(motor != null && (motor.equals("sim") || motor.startsWith("serial:") && motor.length() > 7),
                "control.motor must be sim or serial:DEVICE[@BAUD], got " + motor);
            speeds(cruiseMillimetresPerSecond, slowFraction);
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
        require(keyFile != null && !keyFile.isBlank(), "keyFile must name the MAC key file");
        require(keyId >= 0 && keyId <= 255, "keyId must be 0..255, got " + keyId);
        require(stateFile != null && !stateFile.isBlank(), "stateFile must name a writable file");
        require(maxFrameBytes >= 1024 && maxFrameBytes <= 16 << 20,
            "maxFrameBytes must be 1024..16777216, got " + maxFrameBytes);
        require(control != null && mqtt != null, "control and mqtt are required");
        new TopicTree(topicPrefix);
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
