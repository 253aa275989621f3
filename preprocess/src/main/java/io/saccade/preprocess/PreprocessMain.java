package io.saccade.preprocess;

import io.saccade.preprocess.handoff.LatestFrameMailbox;
import io.saccade.preprocess.ingress.FrameIngress;
import io.saccade.preprocess.reassembly.JpegFrame;
import io.saccade.preprocess.reassembly.JpegFramePool;
import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.fec.ReedSolomon;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.config.ConfigException;
import io.saccade.runtime.config.ConfigLoader;
import io.saccade.runtime.config.KeyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code saccade preprocess}: a node's frame ingress, relay and hand-off. */
@Command(name = "saccade preprocess", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Receives the robot's frames over UDP, checks and reassembles them (with FEC recovery), relays "
        + "them to peer nodes and hands the newest complete frame of each stream on.",
    footer = "%nSettings come from the defaults, then the --config file, then the flags.")
public final class PreprocessMain implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger(PreprocessMain.class.getName());

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
    @Option(names = "--key-file", paramLabel = "FILE", description = "MAC key file (default .saccade/mac.key).")
    private String keyFile;
    @Option(names = "--key-id", description = "Id of the MAC key (default 1).")
    private Integer keyId;
    @Option(names = "--save-dir", paramLabel = "DIR", description = "Write received frames here as JPEG files.")
    private Path saveDir;
    @Option(names = "--save-every", paramLabel = "N", defaultValue = "30",
        description = "With --save-dir, keep every N-th frame (default ${DEFAULT-VALUE}).")
    private int saveEvery;

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
        } catch (final ConfigException | IOException ex) {
            System.err.println("saccade preprocess: " + ex.getMessage());
            return 1;
        }
    }

    private Map<String, Object> overrides() {
        final Map<String, Object> values = new HashMap<>();
        values.put("node", node);
        values.put("bind", bind);
        values.put("peers", peers);
        values.put("mtu", mtu);
        values.put("keyFile", keyFile);
        values.put("keyId", keyId);
        return values;
    }

    private int run(final PreprocessConfig settings) throws IOException, InterruptedException {
        final MacKey key = KeyFiles.load(settings.keyFile(), settings.keyId());
        ReedSolomon.warmUp(TimeUnit.MILLISECONDS.toNanos(500));
        final JpegFramePool pool = new JpegFramePool(settings.frameBuffers(), settings.frameBufferBytes());
        final LatestFrameMailbox mailbox = new LatestFrameMailbox(settings.maxStreams(), pool);
        try (FrameIngress ingress = FrameIngress.start(settings, key, pool, mailbox::offer, NanoClock.system())) {
            LOG.log(System.Logger.Level.INFO, "node {0} receiving on {1} (kernel receive buffer {2} bytes), peers {3}",
                settings.node(), ingress.localAddress(), ingress.receiveBufferBytes(), settings.peers());
            final Thread consumer = Thread.ofPlatform().name("frame-consumer").start(() -> consume(mailbox));
            Runtime.getRuntime().addShutdownHook(new Thread(consumer::interrupt, "preprocess-shutdown"));
            while (consumer.isAlive()) {
                consumer.join(TimeUnit.SECONDS.toMillis(5));
                LOG.log(System.Logger.Level.INFO, "ingress {0}; reassembly {1}; drops {2}; superseded {3}",
                    ingress.events(), ingress.reassembly(), ingress.drops(), mailbox.superseded());
            }
        }
        return 0;
    }

    private void consume(final LatestFrameMailbox mailbox) {
        long taken = 0;
        while (!Thread.currentThread().isInterrupted()) {
            final JpegFrame frame = mailbox.take(TimeUnit.SECONDS.toNanos(1));
            if (frame == null) {
                continue;
            }
            if (saveDir != null && taken++ % saveEvery == 0) {
                save(frame);
            }
            mailbox.release(frame);
        }
    }

    private void save(final JpegFrame frame) {
        final Path file = saveDir.resolve("stream-" + frame.streamId() + "-" + Long.toUnsignedString(frame.frameSeq())
            + ".jpg");
        try {
            Files.createDirectories(saveDir);
            Files.write(file, java.util.Arrays.copyOf(frame.data(), frame.length()));
        } catch (final IOException ex) {
            LOG.log(System.Logger.Level.WARNING, "cannot save {0}: {1}", file, ex.getMessage());
        }
    }
}
