package io.saccade.preprocess;

import io.saccade.os.cpu.CpuSet;
import io.saccade.os.cpu.CpuTopology;
import io.saccade.os.cpu.PinningThreadFactory;
import io.saccade.os.cpu.ThreadAffinity;
import io.saccade.os.futex.FutexWordSignal;
import io.saccade.preprocess.decode.DecodeAgent;
import io.saccade.preprocess.decode.JpegDecoder;
import io.saccade.preprocess.handoff.LatestFrameMailbox;
import io.saccade.preprocess.ingress.FrameIngress;
import io.saccade.preprocess.reassembly.JpegFrame;
import io.saccade.preprocess.reassembly.JpegFramePool;
import io.saccade.preprocess.registry.SpecWatcher;
import io.saccade.preprocess.shm.SharedMemoryDirectory;
import io.saccade.preprocess.status.NodeStatus;
import io.saccade.preprocess.status.StatusPublisher;
import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.clock.ClockTable;
import io.saccade.protocol.fec.ReedSolomon;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.ring.InvalidRingException;
import io.saccade.protocol.ring.RingBusyException;
import io.saccade.protocol.time.NanoClock;
import io.saccade.registry.NodeRegistry;
import io.saccade.runtime.SaccadeVersion;
import io.saccade.runtime.config.ConfigException;
import io.saccade.runtime.config.ConfigLoader;
import io.saccade.runtime.config.RobotKeyOptions;
import io.saccade.runtime.config.ClusterKeyOptions;
import io.saccade.runtime.config.BrokerOptions;
import io.saccade.runtime.health.HealthServer;
import io.saccade.runtime.health.HealthTokenOption;
import io.saccade.runtime.mqtt.MqttEvent;
import io.saccade.runtime.mqtt.MqttIdentity;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
    private static final System.Logger LOG = System.getLogger(PreprocessMain.class.getName());

    @Mixin
    private HealthTokenOption healthToken;
    @Mixin
    private RobotKeyOptions robotKey;
    @Mixin
    private ClusterKeyOptions clusterKey;
    @Mixin
    private BrokerOptions broker;
    @Option(names = "--config", paramLabel = "FILE", description = "YAML file of settings (keys as in PreprocessConfig).")
    private Path config;
    @Option(names = "--node", description = "This node's name (default node-1).")
    private String node;
    @Option(names = "--bind", paramLabel = "HOST:PORT", description = "Ingress address (default 0.0.0.0:7000).")
    private String bind;
    @Option(names = "--peer", paramLabel = "HOST:PORT", description = "A peer node's ingress; repeat for several.")
    private List<String> peers;
    @Option(names = "--mtu", description = "Link MTU (default 1500).")
    private Integer mtu;
    @Option(names = "--shm-dir", paramLabel = "DIR", description = "Shared-memory directory (default /dev/shm/saccade/NODE).")
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
        System.exit(new CommandLine(new PreprocessMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        final PreprocessConfig settings;
        try {
            settings = new ConfigLoader().load(PreprocessConfig.DEFAULTS, config, overrides());
        } catch (final ConfigException ex) {
            System.err.println("saccade preprocess: " + ex.getMessage());
            return 2;
        }
        try {
            return run(settings);
        } catch (final ConfigException | IOException | RingBusyException | InvalidRingException ex) {
            System.err.println("saccade preprocess: " + ex.getMessage());
            return 1;
        }
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

    private int run(final PreprocessConfig settings)
        throws IOException, InterruptedException, RingBusyException, InvalidRingException {
        final MqttIdentity identity = MqttIdentity.load(settings.sender(), KeyRole.CLUSTER, settings.keys());
        final KeyRing robotKeys = identity.keys().get(KeyRole.ROBOT);
        ReedSolomon.warmUp(TimeUnit.MILLISECONDS.toNanos(500));
        final NanoClock clock = NanoClock.system();
        final SharedMemoryDirectory shm = SharedMemoryDirectory.open(settings.sharedMemoryDirectory());
        final JpegFramePool pool = new JpegFramePool(settings.frameBuffers(), settings.frameBufferBytes());
        final LatestFrameMailbox mailbox = new LatestFrameMailbox(settings.reassembly().maxStreams(), pool);
        final ClockTable clocks = new ClockTable();
        try (NodeRegistry registry = NodeRegistry.open(shm.path(), clock,
                 TimeUnit.MILLISECONDS.toNanos(settings.registry().staleMillis()));
             SpecWatcher specs = new SpecWatcher(registry, TimeUnit.MILLISECONDS.toNanos(
                 settings.registry().pollMillis()), clock);
             JpegDecoder decoder = new JpegDecoder(settings.frameBufferBytes());
             DecodeAgent decode = new DecodeAgent(mailbox, decoder, shm, specs, settings.decodeSettings(),
                 FutexWordSignal.forThisPlatform(), clocks, clock)) {
            decode.start();
            if (saveDir != null) {
                decode.tap(new FrameSaver(saveDir, saveEvery));
            }
            try (FrameIngress ingress = FrameIngress.start(settings, robotKeys, pool, mailbox::offer, clocks, clock)) {
                LOG.log(System.Logger.Level.INFO, "node {0} receiving on {1} (kernel receive buffer {2,number,#} bytes), "
                    + "peers {3}, shared memory {4}", settings.node(), ingress.localAddress(),
                    ingress.receiveBufferBytes(), settings.ingress().peers(), shm.path());
                runUntilStopped(settings, identity, decode, ingress, mailbox);
            }
        }
        return 0;
    }

    private void runUntilStopped(final PreprocessConfig settings, final MqttIdentity identity,
                                 final DecodeAgent decode, final FrameIngress ingress,
                                 final LatestFrameMailbox mailbox) throws InterruptedException, IOException {
        final CpuSet cores = CpuTopology.read().select(settings.decode().cores());
        final Thread decoding = new PinningThreadFactory("decode", cores, ThreadAffinity.forThisPlatform())
            .newThread(decode);
        final EnumCounters<MqttEvent> mqttEvents = new EnumCounters<>(MqttEvent.class);
        // the server first: a bad --health must fail before a thread uses the rings and the decoder being closed
        final HealthServer server = HealthServer.startForOption(health, healthToken.file(),
            () -> decoding.isAlive() ? null : "the decode thread stopped", () -> null, new Metrics("preprocess")
            .counters("ingress", "Datagrams and frames at the UDP ingress.", ingress.events())
            .counters("reassembly", "Frame reassembly outcomes.", ingress.reassembly())
            .counters("drops", "Datagrams dropped, by reason.", ingress.drops())
            .counters("clock_probes", "Probes of the robots' clocks.", ingress.clocks())
            .counters("decode", "Decode stage events.", decode.events())
            .counters("mqtt", "Broker connection events (this node's status).", mqttEvents));
        final StatusPublisher statuses = new StatusPublisher(settings.mqtt(), identity,
            new TopicTree(settings.topicPrefix()), new NodeStatus(settings.node(), decode.events(), ingress.drops(),
            mailbox::superseded, decoding::isAlive, Clock.systemUTC()), settings.statusMillis(), mqttEvents);
        try {
            decoding.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                decode.stop();
                joinQuietly(decoding);
            }, "preprocess-shutdown"));
            while (decoding.isAlive()) {
                decoding.join(TimeUnit.SECONDS.toMillis(5));
                LOG.log(System.Logger.Level.INFO, "ingress {0}; reassembly {1}; drops {2}; superseded {3}; decode "
                    + "{4}", ingress.events(), ingress.reassembly(), ingress.drops(), mailbox.superseded(),
                    decode.events());
            }
        } finally {
            statuses.close();
            if (server != null) {
                server.close();
            }
        }
    }




    private static void joinQuietly(final Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes every N-th frame the decode stage sees to a directory, for people who want to look. */
    private record FrameSaver(Path directory, int every, long[] count) implements Consumer<JpegFrame> {
        FrameSaver(final Path directory, final int every) {
            this(directory, Math.max(1, every), new long[1]);
        }

        @Override
        public void accept(final JpegFrame frame) {
            if (count[0]++ % every != 0) {
                return;
            }
            final Path file = directory.resolve("stream-" + frame.streamId() + "-"
                + Long.toUnsignedString(frame.frameSeq()) + ".jpg");
            try {
                Files.createDirectories(directory);
                Files.write(file, Arrays.copyOf(frame.data(), frame.length()));
            } catch (final IOException ex) {
                LOG.log(System.Logger.Level.WARNING, "cannot save {0}: {1}", file, ex.getMessage());
            }
        }
    }
}
