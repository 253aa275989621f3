package io.saccade.coordinator;

import io.saccade.coordinator.policy.Policy;
import io.saccade.coordinator.service.CoordinatorConfig;
import io.saccade.coordinator.service.CoordinatorService;
import io.saccade.protocol.DefaultPorts;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.SaccadeVersion;
import io.saccade.runtime.config.BrokerOptions;
import io.saccade.runtime.config.ClusterKeyOptions;
import io.saccade.runtime.config.ConfigException;
import io.saccade.runtime.config.ConfigHelp;
import io.saccade.runtime.config.ConfigLoader;
import io.saccade.runtime.config.ReadyFileOption;
import io.saccade.runtime.config.RobotKeyOptions;
import io.saccade.runtime.health.HealthTokenOption;
import io.saccade.runtime.service.ServiceLauncher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code saccade coordinator}: one coordinator replica.
 * <p>
 * Large because a command line has one field per flag; the logic is in CoordinatorService.
 */
@Command(name = "saccade coordinator", mixinStandardHelpOptions = true, versionProvider = SaccadeVersion.class,
    sortOptions = false,
    description = "Runs one coordinator replica: joins the leader election over MQTT and, while it leads, decides "
        + "every frame of its node from the newest model results and sends the decision to the robot (UDP) and to "
        + "MQTT.",
    footer = "%nSettings come from the defaults, then the --config file, then the flags. The policy file is "
        + "documented in etc/policy.yaml.")
public final class CoordinatorMain implements Callable<Integer> {
    private static final Duration SUMMARY_EVERY = Duration.ofSeconds(10);

    @Mixin
    private ReadyFileOption readyFile;
    @Mixin
    private HealthTokenOption healthToken;
    @Mixin
    private RobotKeyOptions robotKey;
    @Mixin
    private ClusterKeyOptions clusterKey;
    @Mixin
    private BrokerOptions broker;
    @Option(names = "--config", paramLabel = "FILE",
        description = "YAML file of settings (keys as in CoordinatorConfig).")
    private Path config;
    @Option(names = "--member",
        description = "Member id, unique among the replicas (default ${bundle:default.member}).")
    private String member;
    @Option(names = "--node", description = "This node's name (default ${bundle:default.node}).")
    private String node;
    @Option(names = "--shm-dir", paramLabel = "DIR",
        description = "Shared-memory directory (default /dev/shm/saccade/NODE).")
    private String shmDir;
    @Option(names = "--policy", paramLabel = "FILE", description = "Decision policy (default: the built-in one).")
    private String policy;
    @Option(names = "--robot", paramLabel = "STREAM=HOST:PORT",
        description = "Where a stream's robot receives decisions; repeat for several (default 1=127.0.0.1:"
            + DefaultPorts.DECISIONS + ").")
    private List<String> robots;
    @Option(names = "--heartbeat-ms",
        description = "Membership heartbeat interval (default ${bundle:default.election.heartbeatMillis}).")
    private Long heartbeatMillis;
    @Option(names = "--timeout-ms",
        description = "A member silent for longer is not live (default ${bundle:default.election.timeoutMillis}).")
    private Long timeoutMillis;
    @Option(names = "--health", paramLabel = "HOST:PORT", description = "Where /live and /ready are served.")
    private String health;
    @Option(names = "--ledger-every", paramLabel = "N", description = "Publish a full latency ledger for every N-th "
        + "decided frame while leading (default ${bundle:default.ledgerEvery}; 0: none).")
    private Integer ledgerEvery;

    /**
     * @param args command line.
     */
    public static void main(final String[] args) {
        System.exit(new CommandLine(new CoordinatorMain())
            .setResourceBundle(ConfigHelp.defaults(CoordinatorConfig.DEFAULTS)).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        final CoordinatorConfig settings;
        final Policy decisions;
        try {
            final ConfigLoader loader = new ConfigLoader();
            settings = loader.load(CoordinatorConfig.DEFAULTS, config, overrides());
            decisions = settings.policy().isBlank() ? Policy.DEFAULTS
                : loader.load(Policy.DEFAULTS, Path.of(settings.policy()), Map.of());
        } catch (final ConfigException | IllegalArgumentException ex) {
            System.err.println("saccade coordinator: " + ex.getMessage());
            return 2;
        }
        final CoordinatorService service;
        try {
            service = CoordinatorService.start(settings, decisions, NanoClock.system(), Clock.systemUTC());
        } catch (final IOException | RuntimeException ex) {
            System.err.println("saccade coordinator: cannot start: " + ex.getMessage());
            return 1;
        }
        return ServiceLauncher.runUntilStopped(service, readyFile.file(), SUMMARY_EVERY);
    }

    private Map<String, Object> overrides() {
        final Map<String, Object> values = new HashMap<>();
        values.put("member", member);
        values.put("node", node);
                values.put("sharedMemory", shmDir);
        values.put("policy", policy);
        robotKey.addTo(values);
        clusterKey.addTo(values);
        broker.addTo(values);
        values.put("healthTokenFile", healthToken.file());
        values.put("election.heartbeatMillis", heartbeatMillis);
        values.put("election.timeoutMillis", timeoutMillis);
        values.put("health", health);
        values.put("ledgerEvery", ledgerEvery);
        if (robots != null) {
            final List<Map<String, Object>> entries = new ArrayList<>();
            for (final String robot : robots) {
                final int equals = robot.indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException("--robot must be STREAM=HOST:PORT, got " + robot);
                }
                entries.add(Map.of("stream", Long.parseLong(robot.substring(0, equals)),
                    "decisions", robot.substring(equals + 1)));
            }
            values.put("robots", entries);
        }
        return values;
    }
}
