package io.saccade.preprocess;

import io.saccade.protocol.ring.InvalidRingException;
import io.saccade.protocol.ring.RingBusyException;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code saccade preprocess}: a node's frame ingress, relay, decode and shared-memory writer. */
@Command(name = "saccade preprocess", mixinStandardHelpOptions = true, versionProvider = SaccadeVersion.class,
    sortOptions = false,
    description = "Receives the robot's frames over UDP, checks and reassembles them (with FEC recovery), relays "
        + "them to peer nodes, decodes the newest one and writes a tensor for every input spec the node's "
        + "accelerators registered, plus a thumbnail, into slot rings in shared memory.",
    footer = "%nSettings come from the defaults, then the --config file, then the flags.")
public final class PreprocessMain implements Callable<Integer> {
    private static final Duration SUMMARY_EVERY = Duration.ofSeconds(5);

    @Mixin
    private HealthTokenOption healthToken;
    @Mixin
    private ReadyFileOption readyFile;
    @Mixin
    private RobotKeyOptions robotKey;
    @Mixin
    private ClusterKeyOptions clusterKey;
    @Mixin
    private BrokerOptions broker;
    @Option(names = "--config", paramLabel = "FILE",
        description = "YAML file of settings (keys as in PreprocessConfig).")
    private Path config;
    @Option(names = "--node", description = "This node's name (default ${bundle:default.node}).")
    private String node;
    @Option(names = "--bind", paramLabel = "HOST:PORT",
        description = "Ingress address (default ${bundle:default.ingress.bind}).")
    private String bind;
    @Option(names = "--peer", paramLabel = "HOST:PORT", description = "A peer node's ingress; repeat for several.")
    private List<String> peers;
    @Option(names = "--mtu", description = "Link MTU (default ${bundle:default.ingress.mtu}).")
    private Integer mtu;
    @Option(names = "--shm-dir", paramLabel = "DIR",
        description = "Shared-memory directory (default /dev/shm/saccade/NODE).")
    private String shmDir;
    @Option(names = "--save-dir", paramLabel = "DIR", description = "Also write received frames here as JPEG files.")
    private Path saveDir;
    @Option(names = "--save-every", paramLabel = "N", defaultValue = "30",
        description = "With --save-dir, keep every N-th frame (default ${DEFAULT-VALUE}).")
    private int saveEvery;
    @Option(names = "--health", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
        description = "Where /live, /ready and /metrics are served; port 0 lets the OS choose, empty disables "
            + "(default ${DEFAULT-VALUE}).")
    private String health;

    /**
     * @param args command line.
     */
    public static void main(final String[] args) {
        System.exit(new CommandLine(new PreprocessMain())
            .setResourceBundle(ConfigHelp.defaults(PreprocessConfig.DEFAULTS)).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        final PreprocessConfig settings;
        try {
            settings = new ConfigLoader().load(PreprocessConfig.DEFAULTS, config, overrides());
        } catch (final ConfigException ex) {
            System.err.println("saccade preprocess: " + ex.getMessage());
            return 2;
        }
        final PreprocessService service;
        try {
            service = PreprocessService.start(PreprocessContext.open(settings),
                new PreprocessService.Options(health, healthToken.file(), saveDir, saveEvery));
        } catch (final ConfigException | IOException | RingBusyException | InvalidRingException ex) {
            System.err.println("saccade preprocess: " + ex.getMessage());
            return 1;
        }
        return ServiceLauncher.runUntilStopped(service, readyFile.file(), SUMMARY_EVERY);
    }

    private Map<String, Object> overrides() {
        final Map<String, Object> values = new HashMap<>();
        values.put("node", node);
        values.put("ingress.bind", bind);
        values.put("ingress.peers", peers);
        values.put("ingress.mtu", mtu);
        values.put("sharedMemory.directory", shmDir);
        robotKey.addTo(values);
        clusterKey.addTo(values);
        broker.addTo(values);
        return values;
    }
}
