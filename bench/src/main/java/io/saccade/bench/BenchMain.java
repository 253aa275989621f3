package io.saccade.bench;

import io.saccade.accelerator.assets.AssetManifest;
import io.saccade.accelerator.assets.AssetStore;
import io.saccade.runtime.SaccadeVersion;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code saccade bench}: runs a benchmark and prints its table. */
@Command(name = "saccade bench", mixinStandardHelpOptions = true, versionProvider = SaccadeVersion.class,
    description = "Runs benchmarks that print Markdown tables (median, p99, hardware). Not tests: nothing asserts "
        + "on time.",
    subcommands = {BenchMain.Transport.class, BenchMain.Shm.class, BenchMain.Decode.class,
        BenchMain.Inference.class, BenchMain.Decisions.class, BenchMain.Envelope.class})
public final class BenchMain implements Callable<Integer> {
    /**
     * @param args command line.
     */
    public static void main(final String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** {@code saccade bench shm}. */
    @Command(name = "shm", mixinStandardHelpOptions = true,
        description = "Cross-process tensor hand-off (540 KB and 1 MiB): slot ring with futex wake, busy poll and "
            + "timed park, against Unix domain socket and TCP loopback; Chronicle Map with tensor-sized values.")
    static final class Shm implements Callable<Integer> {
        @Option(names = "--frames", defaultValue = "1000", description = "Payloads per row.")
        private int frames;
        @Option(names = "--interval-us", defaultValue = "2000", description = "Time between payloads.")
        private long intervalMicros;

        @Override
        public Integer call() throws Exception {
            new ShmBenchmark(frames, intervalMicros * 1_000).run();
            return 0;
        }
    }

    /** {@code saccade bench decode}. */
    @Command(name = "decode", mixinStandardHelpOptions = true,
        description = "JPEG decode and tensor preparation per frame with the real decode-stage classes.")
    static final class Decode implements Callable<Integer> {
        @Option(names = "--frames", defaultValue = "2000", description = "Frames measured (after 300 warm-up).")
        private int frames;
        @Option(names = "--jpeg", paramLabel = "FILE", description = "A JPEG to use instead of the synthetic one.")
        private Path jpeg;

        @Override
        public Integer call() throws Exception {
            new DecodeBenchmark(frames, jpeg).run();
            return 0;
        }
    }

    /** {@code saccade bench decisions}. */
    @Command(name = "decisions", mixinStandardHelpOptions = true,
        description = "The whole pipeline on loopback (robot, preprocess, accelerator, three coordinators, Mosquitto):"
            + " capture -> decision at the robot, evidence age and effective labels at 30 fps, with the SSD as is and"
            + " slowed by 100 ms; then the failover time over repeated SIGKILLs of the leader.")
    static final class Decisions implements Callable<Integer> {
        @Option(names = "--seconds", defaultValue = "30", description = "Measured time per row.")
        private int seconds;
        @Option(names = "--kills", defaultValue = "10", description = "Leader kills for the failover distribution.")
        private int kills;
        @Option(names = "--video", paramLabel = "FILE", description = "Video to stream (default: the vtest.avi "
            + "sample, fetched when missing).")
        private Path video;

        @Override
        public Integer call() throws Exception {
            final Path source = video != null ? video
                : new AssetStore(AssetStore.defaultRoot(System.getenv()), AssetManifest.bundled()).sample("vtest.avi");
            new DecisionBenchmark(seconds, kills, source).run();
            return 0;
        }
    }

    /** {@code saccade bench envelope}. */
    @Command(name = "envelope", mixinStandardHelpOptions = true,
        description = "Cost per MQTT message of signing (JSON encode + seal) and checking (open: tag, replay, JSON, "
            + "topic), against plain JSON encode and decode in the same run; a result and a heartbeat.")
    static final class Envelope implements Callable<Integer> {
        @Option(names = "--messages", defaultValue = "200000", description = "Messages measured per row.")
        private int messages;

        @Override
        public Integer call() throws Exception {
            new EnvelopeBenchmark(messages).run();
            return 0;
        }
    }

    /** {@code saccade bench inference}. */
    @Command(name = "inference", mixinStandardHelpOptions = true,
        description = "Per model and engine: load time, inference p50/p99 with 1 and 2 threads, slot -> result.")
    static final class Inference implements Callable<Integer> {
        @Option(names = "--runs", defaultValue = "200", description = "Inferences measured per row (after warm-up).")
        private int runs;

        @Override
        public Integer call() throws Exception {
            new InferenceBenchmark(runs).run();
            return 0;
        }
    }

    /** {@code saccade bench transport}. */
    @Command(name = "transport", mixinStandardHelpOptions = true,
        description = "Loopback send -> reassembled latency (fragments vs one datagram, 30 fps and flat out) and "
            + "frames completed under 1/5/10 % loss with FEC off/20 %/40 %.")
    static final class Transport implements Callable<Integer> {
        @Option(names = "--paced-frames", defaultValue = "300", description = "Frames at 30 fps per row.")
        private int pacedFrames;
        @Option(names = "--flat-out-frames", defaultValue = "3000", description = "Frames sent back to back per row.")
        private int flatOutFrames;
        @Option(names = "--loss-frames", defaultValue = "5000", description = "Frames per loss-table cell.")
        private int lossFrames;

        @Override
        public Integer call() throws Exception {
            new TransportBenchmark(pacedFrames, flatOutFrames, lossFrames).run();
            return 0;
        }
    }
}
