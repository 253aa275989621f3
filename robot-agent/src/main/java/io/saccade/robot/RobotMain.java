package io.saccade.robot;

import io.saccade.robot.source.FrameSourceException;
import io.saccade.runtime.SaccadeVersion;
import io.saccade.runtime.config.BrokerOptions;
import io.saccade.runtime.config.ConfigException;
import io.saccade.runtime.config.ConfigHelp;
import io.saccade.runtime.config.ConfigLoader;
import io.saccade.runtime.config.ReadyFileOption;
import io.saccade.runtime.config.RobotKeyOptions;
import io.saccade.runtime.health.HealthTokenOption;
import io.saccade.runtime.service.ServiceLauncher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
    private static final Duration SUMMARY_EVERY = Duration.ofSeconds(5);

    @Mixin
    private ReadyFileOption readyFile;
    @Mixin
    private HealthTokenOption healthToken;
    @Mixin
    private RobotKeyOptions robotKey;
    @Mixin
    private BrokerOptions broker;
    @Option(names = "--config", paramLabel = "FILE", description = "YAML file of settings (keys as in RobotConfig).")
    private Path config;
    @Option(names = "--stream-id", paramLabel = "ID",
        description = "This robot's stream id (default ${bundle:default.streamId}).")
    private Long streamId;
    @Option(names = "--source", paramLabel = "SOURCE",
        description = "synthetic | file:PATH | camera:N | camera:/dev/videoN | rtsp://.. | http://.. (default ${bundle:default.source}).")
    private String source;
    @Option(names = "--loop", negatable = true,
        description = "Start a video file over at its end (default ${bundle:default.loop}).")
    private Boolean loop;
    @Option(names = "--size", paramLabel = "WxH",
        description = "Frame size sent (default ${bundle:default.width}x${bundle:default.height}).")
    private String size;
    @Option(names = "--fps", description = "Frames per second (default ${bundle:default.fps}).")
    private Integer fps;
    @Option(names = "--quality", description = "JPEG quality 1..100 (default ${bundle:default.jpegQuality}).")
    private Integer quality;
    @Option(names = "--target", paramLabel = "HOST:PORT",
        description = "An ingress node; repeat for several (default ${bundle:default.targets}).")
    private List<String> targets;
    @Option(names = "--mtu", description = "Link MTU (default ${bundle:default.mtu}).")
    private Integer mtu;
    @Option(names = "--fec", paramLabel = "RATIO",
        description = "Parity per data fragment, 0 turns FEC off (default ${bundle:default.fecRedundancy}).")
    private Double fec;
    @Option(names = "--state-file", paramLabel = "FILE", description = "Keeps the sequence epoch across restarts.")
    private String stateFile;
    @Option(names = "--frames", description = "Stop after this many frames; 0 runs until stopped (default 0).")
    private long frames;
    @Option(names = "--decisions", paramLabel = "HOST:PORT",
        description = "Where decision datagrams arrive; empty disables the control loop (default "
            + "${bundle:default.control.decisionBind}).")
    private String decisions;
    @Option(names = "--mqtt-fallback", negatable = true,
        description = "Also take decisions from MQTT (default ${bundle:default.control.mqttFallback}).")
    private Boolean mqttFallback;
    @Option(names = "--motor", paramLabel = "MOTOR",
        description = "sim | serial:DEVICE[@BAUD] (default ${bundle:default.control.motor}).")
    private String motor;
    @Option(names = "--health", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
        description = "Where /live and /metrics are served; port 0 lets the OS choose, empty disables (default "
            + "${DEFAULT-VALUE}).")
    private String health;
    @Option(names = "--watchdog-ms", description = "Stop the motors after this long without a valid decision "
        + "(default ${bundle:default.control.watchdogMillis}).")
    private Long watchdogMillis;
    @Option(names = "--max-decision-age-ms", description = "Do not apply a decision about a frame captured longer "
        + "ago than this (default ${bundle:default.control.maxDecisionAgeMillis}).")
    private Long maxDecisionAgeMillis;

    /**
     * @param args command line.
     */
    public static void main(final String[] args) {
        System.exit(new CommandLine(new RobotMain())
            .setResourceBundle(ConfigHelp.defaults(RobotConfig.DEFAULTS)).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        final RobotConfig settings;
        try {
            settings = new ConfigLoader().load(RobotConfig.DEFAULTS, config, overrides());
        } catch (final ConfigException | IllegalArgumentException ex) {
            System.err.println("saccade robot: " + ex.getMessage());
            return 2;
        }
        final RobotService service;
        try {
            service = RobotService.start(settings, new RobotService.Options(health, healthToken.file(), frames));
        } catch (final ConfigException | FrameSourceException | IOException ex) {
            System.err.println("saccade robot: " + ex.getMessage());
            return 1;
        }
        return ServiceLauncher.runUntilStopped(service, readyFile.file(), SUMMARY_EVERY);
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
}
