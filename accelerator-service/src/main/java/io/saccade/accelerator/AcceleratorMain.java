package io.saccade.accelerator;

import io.saccade.accelerator.assets.AssetManifest;
import io.saccade.accelerator.assets.AssetStore;
import io.saccade.accelerator.model.ModelCard;
import io.saccade.accelerator.model.ModelCatalog;
import io.saccade.accelerator.service.AcceleratorConfig;
import io.saccade.accelerator.service.AcceleratorService;
import io.saccade.accelerator.service.AcceleratorStartException;
import io.saccade.accelerator.service.ModelFiles;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.SaccadeVersion;
import io.saccade.runtime.config.BrokerOptions;
import io.saccade.runtime.config.ClusterKeyOptions;
import io.saccade.runtime.config.ConfigException;
import io.saccade.runtime.config.ConfigHelp;
import io.saccade.runtime.config.ConfigLoader;
import io.saccade.runtime.config.ReadyFileOption;
import io.saccade.runtime.health.HealthTokenOption;
import io.saccade.runtime.service.ServiceLauncher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code saccade accelerator}: one model on one device, fed from the node's shared memory, results on MQTT.
 * <p>
 * Large because a command line has one field per flag; the logic is in AcceleratorService.
 */
@Command(name = "saccade accelerator", mixinStandardHelpOptions = true, versionProvider = SaccadeVersion.class,
    description = "Run one detector on this node: load and warm up, register, then infer the newest frame.")
public final class AcceleratorMain implements Callable<Integer> {
    private static final Duration SUMMARY_EVERY = Duration.ofSeconds(30);

    @Mixin
    private ReadyFileOption readyFile;
    @Mixin
    private HealthTokenOption healthToken;
    @Mixin
    private ClusterKeyOptions clusterKey;
    @Mixin
    private BrokerOptions broker;
    @Option(names = "--config", paramLabel = "FILE",
        description = "YAML file of settings (keys as in AcceleratorConfig).")
    private Path config;
    @Option(names = "--model", description = "Model id from the catalog (default ${bundle:default.model}).")
    private String model;
    @Option(names = "--node", description = "This node's name (default ${bundle:default.node}).")
    private String node;
    @Option(names = "--shm-dir", paramLabel = "DIR",
        description = "Shared-memory directory (default /dev/shm/saccade/NODE).")
    private String shmDir;
    @Option(names = "--threads", description = "Inference threads (default ${bundle:default.engine.threads}).")
    private Integer threads;
    @Option(names = "--device",
        description = "CPU, or for OpenVINO models MYRIAD, NPU, GPU (default ${bundle:default.engine.device}).")
    private String device;
    @Option(names = "--runtime", description = "auto, tflite or onnxruntime (default auto: TFLite models in fp32 "
        + "are converted to ONNX for ONNX Runtime when every operator converts).")
    private String runtime;
    @Option(names = "--precision", description = "fp32, or fp16 for TFLite models: XNNPACK's half-precision "
        + "kernels (default fp32).")
    private String precision;
    @Option(names = "--cores",
        description = "auto, big, little, all or a CPU list (default ${bundle:default.engine.cores}).")
    private String cores;
    @Option(names = "--added-latency-ms", paramLabel = "MS",
        description = "Add this to every inference, to emulate a slower accelerator (benchmarks; default 0).")
    private Integer addedLatencyMillis;
    @Option(names = "--health", paramLabel = "HOST:PORT", description = "Where /live and /ready are served.")
    private String health;
    @Option(names = "--models-dir", paramLabel = "DIR", description = "Model files (default: the fetch cache).")
    private String modelsDir;
    @Option(names = "--catalog", paramLabel = "FILE", description = "Extra model catalog (YAML, like models.yaml).")
    private String catalog;

    /**
     * @param args command line.
     */
    public static void main(final String[] args) {
        System.exit(new CommandLine(new AcceleratorMain())
            .setResourceBundle(ConfigHelp.defaults(AcceleratorConfig.DEFAULTS)).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        final AcceleratorConfig settings;
        final ModelCard card;
        try {
            settings = new ConfigLoader().load(AcceleratorConfig.DEFAULTS, config, overrides());
            card = ModelCatalog.load(settings.catalog().isBlank() ? null : Path.of(settings.catalog()))
                .get(settings.model());
        } catch (final ConfigException ex) {
            System.err.println("saccade accelerator: " + ex.getMessage());
            return 2;
        }
        final ModelFiles files = new ModelFiles(new AssetStore(AssetStore.defaultRoot(System.getenv()),
            AssetManifest.bundled()),
            settings.modelsDirectory().isBlank() ? null : Path.of(settings.modelsDirectory()));
        final AcceleratorService service;
        try {
            service = AcceleratorService.start(settings, card, files, NanoClock.system(), Clock.systemUTC());
        } catch (final AcceleratorStartException ex) {
            System.err.println("saccade accelerator: " + ex.getMessage());
            return 1;
        }
        return ServiceLauncher.runUntilStopped(service, readyFile.file(), SUMMARY_EVERY);
    }

    private Map<String, Object> overrides() {
        final Map<String, Object> values = new HashMap<>();
        values.put("model", model);
        values.put("node", node);
                values.put("sharedMemory", shmDir);
        values.put("engine.threads", threads);
        values.put("engine.device", device);
        values.put("engine.runtime", runtime);
        values.put("engine.precision", precision);
        values.put("engine.cores", cores);
        values.put("engine.addedLatencyMillis", addedLatencyMillis);
        values.put("health", health);
        values.put("modelsDirectory", modelsDir);
        values.put("catalog", catalog);
        values.put("healthTokenFile", healthToken.file());
        clusterKey.addTo(values);
        broker.addTo(values);
        return values;
    }
}
