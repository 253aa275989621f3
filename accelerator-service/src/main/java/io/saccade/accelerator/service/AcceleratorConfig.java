package io.saccade.accelerator.service;

import io.saccade.accelerator.inference.EngineConfig;
import io.saccade.accelerator.model.InferenceRuntime;
import io.saccade.accelerator.model.Precision;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.runtime.config.KeysConfig;
import io.saccade.runtime.mqtt.MqttConfig;
import java.nio.file.Path;

/**
 * Settings of one accelerator service: which model, on what, where its frames come from and where results go.
 *
 * @param node            node name (the preprocess on this node uses the same).
 * @param model           model id in the catalog.
 * @param service         service name in the registry and topics; empty for {@code accelerator-<model>}.
 * @param catalog         an extra model catalog file, or empty for the bundled one.
 * @param modelsDirectory where model files are; empty for the fetch step's cache.
 * @param engine          engine settings.
 * @param sharedMemory    the node's shared-memory directory; empty for {@code /dev/shm/saccade/<node>}.
 * @param registry        node registry timing.
 * @param mqtt            the broker.
 * @param keys            the cluster key results and status are signed with and plans checked with (an accelerator
 *                        holds no robot key).
 * @param topicPrefix     topic tree prefix.
 * @param health          where {@code /live} and {@code /ready} are served, {@code host:port}; port 0 lets the OS
 *                        choose, empty disables.
 * @param healthTokenFile a file holding the token {@code /metrics} asks for; empty: none.
 * @param statusMillis    how often the status topic is refreshed.
 */
public record AcceleratorConfig(String node, String model, String service, String catalog, String modelsDirectory,
                                Engine engine, String sharedMemory, Registry registry, MqttConfig mqtt,
                                KeysConfig keys, String topicPrefix, String health, String healthTokenFile,
                                int statusMillis) {
    /** The settings the local demo runs with. */
    public static final AcceleratorConfig DEFAULTS = new AcceleratorConfig("node-1", "ssd-mobilenetv2-oidv4", "", "",
        "", new Engine(1, "CPU", "auto", "fp32", 3, "auto", 0), "", new Registry(500, 3_000), MqttConfig.DEFAULTS,
        KeysConfig.CLUSTER_ONLY, TopicTree.DEFAULT_PREFIX, "127.0.0.1:0", "", 1_000);

    /**
     * @param threads    inference threads (TFLite, ONNX Runtime, OpenVINO CPU).
     * @param device     {@code CPU}, or for OpenVINO models {@code MYRIAD}, {@code NPU}, {@code GPU}.
     * @param runtime    {@code auto} (TFLite models in fp32 converted to ONNX for ONNX Runtime when every operator
     *                   converts), {@code tflite} or {@code onnxruntime}.
     * @param precision  {@code fp32}, or {@code fp16} for TFLite models (XNNPACK's half-precision kernels).
     * @param warmUpRuns inferences before the service reports ready.
     * @param cores      where the inference thread runs: {@code auto} (big cores for CPU inference, a LITTLE core
     *                   when a device does the work), {@code big}, {@code little}, {@code all}, or a CPU list.
     * @param addedLatencyMillis added to every inference, to emulate a slower accelerator (benchmarks and tests
     *                   of decision latency under slow models); 0 in production.
     */
    public record Engine(int threads, String device, String runtime, String precision, int warmUpRuns,
                         String cores, int addedLatencyMillis) {
        /** Validates the settings. */
        public Engine {
            require(threads >= 1 && threads <= 64, "engine.threads must be 1..64, got " + threads);
            require(device != null && !device.isBlank(), "engine.device must name a device, e.g. CPU");
            try {
                runtime = InferenceRuntime.of(runtime).toString();
                precision = Precision.of(precision).toString();
            } catch (final IllegalArgumentException ex) {
                throw new IllegalArgumentException("engine." + ex.getMessage(), ex);
            }
            require(warmUpRuns >= 1, "engine.warmUpRuns must be at least 1 (never ready before warm-up)");
            require(cores != null && !cores.isBlank(), "engine.cores must be auto, big, little, all or a CPU list");
            require(addedLatencyMillis >= 0 && addedLatencyMillis <= 10_000,
                "engine.addedLatencyMillis must be 0..10000, got " + addedLatencyMillis);
        }

        /** @return the settings the detector is opened with. */
        public EngineConfig settings() {
            return new EngineConfig(InferenceRuntime.of(runtime), Precision.of(precision), threads, device);
        }

        /** @return whether the model runs on the host CPU rather than an accelerator device. */
        public boolean onCpu() {
            return "CPU".equalsIgnoreCase(device);
        }
    }

    /**
     * @param heartbeatMillis how often the registration is refreshed.
     * @param staleMillis     age after which preprocess ignores a registration; several heartbeats.
     */
    public record Registry(long heartbeatMillis, long staleMillis) {
        /** Validates the settings. */
        public Registry {
            require(heartbeatMillis >= 10, "registry.heartbeatMillis must be at least 10");
            require(staleMillis >= 2 * heartbeatMillis, "registry.staleMillis must be at least twice "
                + "registry.heartbeatMillis");
        }
    }

    /** Validates every setting, naming it in the message. */
    public AcceleratorConfig {
        TopicTree.requireSegment(node, "node");
        TopicTree.requireSegment(model, "model");
        service = service == null || service.isBlank() ? "accelerator-" + model : service;
        TopicTree.requireSegment(service, "service");
        require(engine != null && registry != null && mqtt != null && keys != null,
            "engine, registry, mqtt and keys are required");
        catalog = catalog == null ? "" : catalog;
        modelsDirectory = modelsDirectory == null ? "" : modelsDirectory;
        sharedMemory = sharedMemory == null ? "" : sharedMemory;
        health = health == null ? "" : health;
        healthTokenFile = healthTokenFile == null ? "" : healthTokenFile;
        require(statusMillis >= 100, "statusMillis must be at least 100");
        new TopicTree(topicPrefix);
    }

    /** @return the sender id of this service's messages (and its MQTT client id). */
    public String sender() {
        return node + "/" + service;
    }

    /** @return the shared-memory directory. */
    public Path sharedMemoryDirectory() {
        return sharedMemory.isBlank() ? Path.of("/dev/shm/saccade", node) : Path.of(sharedMemory);
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
