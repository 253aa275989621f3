package io.saccade.accelerator.service;

import io.saccade.accelerator.inference.Detector;
import io.saccade.accelerator.inference.DetectorException;
import io.saccade.accelerator.inference.FrameDetector;
import io.saccade.accelerator.inference.FrameTensor;
import io.saccade.accelerator.model.ModelCard;
import io.saccade.accelerator.model.ModelFormat;
import io.saccade.os.cpu.CoreClass;
import io.saccade.os.cpu.CpuSet;
import io.saccade.os.cpu.CpuTopology;
import io.saccade.os.cpu.PinningThreadFactory;
import io.saccade.os.cpu.ThreadAffinity;
import io.saccade.os.futex.FutexWordSignal;
import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.message.EpochBound;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.ResultTimings;
import io.saccade.protocol.message.ServiceState;
import io.saccade.protocol.message.WorkPlan;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.ring.ProcessIdentity;
import io.saccade.protocol.ring.RingFiles;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.RingSource;
import io.saccade.protocol.time.NanoClock;
import io.saccade.registry.NodeRegistry;
import io.saccade.registry.ServiceRegistration;
import io.saccade.runtime.health.HealthServer;
import io.saccade.runtime.mqtt.InboundEvent;
import io.saccade.runtime.mqtt.MessageOpener;
import io.saccade.runtime.mqtt.MqttEvent;
import io.saccade.runtime.mqtt.MqttIdentity;
import io.saccade.runtime.mqtt.SignedMqtt;
import io.prometheus.metrics.core.metrics.Histogram;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One model on one device for the life of the process. Start-up loads and compiles the model, warms it up,
 * registers its input spec in the node registry and only then reports ready (status topic and {@code /ready});
 * from then on the pinned inference thread runs {@link AcceleratorAgent}. Closing reverses every step and leaves
 * an offline status behind.
 */
public final class AcceleratorService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AcceleratorService.class.getName());
    private static final long LIVENESS_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AcceleratorConfig config;
    private final ModelCard card;
    private final TopicTree topics;
    private final NanoClock clock;
    private final StatusReporter status;
    private final EnumCounters<MqttEvent> mqttEvents = new EnumCounters<>(MqttEvent.class);
    private final Clock wallClock;
    private final EpochBound epochs;
    private final Metrics metrics = new Metrics("accelerator");
    private final Histogram inferenceSeconds = metrics.latency("inference",
        "Model inference alone, per frame (engine call and post-processing).");
    private final Histogram slotToResultSeconds = metrics.latency("slot_to_result",
        "Tensor slot written by preprocess -> result handed to the broker connection.");
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("accelerator-housekeeping").factory());
    private SignedMqtt mqtt;
    private Detector detector;
    private NodeRegistry registry;
    private ServiceRegistration registration;
    private HealthServer health;
    private AcceleratorAgent agent;
    private Thread inference;
    private final WorkShare share;

    private AcceleratorService(final AcceleratorConfig config, final ModelCard card, final NanoClock clock,
                               final Clock wallClock) {
        this.config = config;
        this.card = card;
        this.topics = new TopicTree(config.topicPrefix());
        this.clock = clock;
        this.wallClock = wallClock;
        this.epochs = new EpochBound(wallClock::millis, config.keys().maxClockSkewMillis());
        this.status = new StatusReporter(config.node(), config.service(), card.id(), device(config, card), clock,
            wallClock);
        this.share = new WorkShare(config.node());
    }

    /**
     * Starts the service; returns once it is ready (or throws).
     *
     * @param config    the settings.
     * @param card      the model.
     * @param files     where its files are.
     * @param clock     monotonic time.
     * @param wallClock wall time for status messages.
     * @return the running service.
     * @throws AcceleratorStartException saying what to fix.
     */
    public static AcceleratorService start(final AcceleratorConfig config, final ModelCard card,
                                           final ModelFiles files, final NanoClock clock, final Clock wallClock) {
        final AcceleratorService service = new AcceleratorService(config, card, clock, wallClock);
        try {
            service.startUp(files);
            return service;
        } catch (final RuntimeException | IOException ex) {
            service.close();
            throw ex instanceof AcceleratorStartException start ? start
                : new AcceleratorStartException(config.service() + " cannot start: " + ex.getMessage(), ex);
        }
    }

    private void startUp(final ModelFiles files) throws IOException {
        final Path modelFile = files.modelFile(card);
        final MqttIdentity identity = MqttIdentity.load(config.sender(), KeyRole.CLUSTER, config.keys());
        health = startHealth();
        mqtt = SignedMqtt.start(config.mqtt(), identity, topics, status::offline, this::publishStatus, () -> { },
            mqttEvents, wallClock);
        try {
            detector = Detector.open(card, modelFile, files.labels(card), config.engine().settings(), clock);
        } catch (final DetectorException ex) {
            throw new AcceleratorStartException(ex.getMessage() + " (model file " + modelFile + ")", ex);
        }
        final long warmUpNanos = warmUp();
        status.loaded(TimeUnit.NANOSECONDS.toMillis(detector.loadNanos() + warmUpNanos));
        register();
        startInference();
        mqtt.subscribe(topics.plan(card.id()), 1, WorkPlan.class, this::onPlan);
        status.state(ServiceState.READY, "running " + card.id() + " on " + detector.engine());
        publishStatus();
        housekeeping.scheduleAtFixedRate(this::publishStatus, config.statusMillis(), config.statusMillis(),
            TimeUnit.MILLISECONDS);
        LOG.log(System.Logger.Level.INFO, "{0} ready: {1} on {2}, loaded and warmed up in {3} ms, reading {4}",
            config.service(), card.id(), detector.engine(), status.detail(), tensorRing());
    }

    private long warmUp() {
        final FrameTensor blank = new FrameTensor(card.input()).frameSize(card.input().width(),
            card.input().height());
        final long start = clock.nanoTime();
        for (int run = 0; run < config.engine().warmUpRuns(); run++) {
            detector.detect(blank);
        }
        return clock.nanoTime() - start;
    }

    private void register() throws IOException {
        final Path shm = Files.createDirectories(config.sharedMemoryDirectory());
        registry = NodeRegistry.open(shm, clock, TimeUnit.MILLISECONDS.toNanos(config.registry().staleMillis()));
        registration = new ServiceRegistration(config.service(), card.id(), card.input(), ProcessIdentity.current(),
            clock.nanoTime(), true);
        registry.put(registration);
        housekeeping.scheduleAtFixedRate(this::heartbeat, config.registry().heartbeatMillis(),
            config.registry().heartbeatMillis(), TimeUnit.MILLISECONDS);
    }

    private void startInference() {
        final RingSource source = new RingSource(tensorRing(), RingKind.TENSOR, FutexWordSignal.forThisPlatform(),
            TimeUnit.MILLISECONDS.toNanos(50));
        final long added = TimeUnit.MILLISECONDS.toNanos(config.engine().addedLatencyMillis());
        final FrameDetector model = added == 0 ? detector : frame -> {
            final List<Detection> found = detector.detect(frame);
            LockSupport.parkNanos(added);
            return found;
        };
        agent = new AcceleratorAgent(source, model, new FrameTensor(card.input()), this::publishResult,
            new AcceleratorAgent.Identity(card.id(), config.node(), status.device()), share, clock);
        status.counting(agent.events());
        metrics.counters("frames", "What happened to frames at this accelerator.", agent.events())
            .counters("mqtt", "Broker connection events.", mqttEvents)
            .counters("mqtt_inbound", "Messages on signed topics (plans), accepted or refused by reason.",
                mqtt.inbound());
        inference = new PinningThreadFactory("inference-" + card.id(), inferenceCores(),
            ThreadAffinity.forThisPlatform()).newThread(agent);
        inference.start();
    }

    /** Runs on the inference thread only. */
    private boolean publishResult(final InferenceResult result) {
        final ResultTimings timings = result.timings();
        inferenceSeconds.observe((timings.inferenceEndNanos() - timings.inferenceStartNanos()) / 1e9);
        slotToResultSeconds.observe((timings.publishedAtNanos() - timings.slotWrittenAtNanos()) / 1e9);
        return mqtt.publish(result, 0, false);
    }

    /** Runs on the MQTT client's thread, with plans the opener accepted (signed, fresh, on their topic). */
    private void onPlan(final MessageOpener.Opened<WorkPlan> opened) {
        final WorkPlan plan = opened.message();
        if (!epochs.admits(plan.leader())) {
            agent.events().increment(InferenceEvent.PLAN_FUTURE_EPOCH);
            return;
        }
        final boolean taken = share.offer(plan);
        agent.events().increment(taken ? InferenceEvent.PLAN_APPLIED : InferenceEvent.PLAN_STALE);
        if (taken) {
            LOG.log(System.Logger.Level.INFO, "{0} follows the plan of {1} epoch {2}: {3}", config.service(),
                plan.leader().leader(), plan.leader().epoch(), plan.nodes().contains(config.node())
                    ? "frames " + plan.nodes().indexOf(config.node()) + " mod " + plan.nodes().size()
                    : "every frame (not in the plan)");
        }
    }

    private void publishStatus() {
        publishStatus(mqtt);
    }

    /** On every (re)connect, with the connection that came up, and from the housekeeping thread. */
    private void publishStatus(final SignedMqtt connection) {
        if (connection != null) {
            connection.publish(status.current(), 1, true);
        }
    }

    private void heartbeat() {
        try {
            registry.put(registration.heartbeat(clock.nanoTime(), true));
        } catch (final IOException | RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "registry heartbeat failed: {0}", ex.getMessage());
        }
    }

    private HealthServer startHealth() throws IOException {
        return HealthServer.startAt(config.health(), config.healthTokenFile(), this::liveness, this::readiness,
            metrics);
    }

    private String liveness() {
        final AcceleratorAgent current = agent;
        if (current != null && clock.nanoTime() - current.lastTurnNanos() > LIVENESS_NANOS) {
            return "the inference loop has not turned for over " + TimeUnit.NANOSECONDS.toSeconds(LIVENESS_NANOS)
                + " s";
        }
        return null;
    }

    private String readiness() {
        return status.state() == ServiceState.READY ? null : status.state() + ": " + status.detail();
    }

    private CpuSet inferenceCores() {
        final String cores = config.engine().cores();
        final CpuTopology topology = CpuTopology.read();
        if ("auto".equals(cores)) {
            return topology.cores(config.engine().onCpu() ? CoreClass.BIG : CoreClass.LITTLE);
        }
        return topology.select(cores);
    }

    private static String device(final AcceleratorConfig config, final ModelCard card) {
        if (card.format() != ModelFormat.OPENVINO && !config.engine().onCpu()) {
            throw new AcceleratorStartException("model " + card.id() + " is " + card.format()
                + ", which runs on the CPU only; engine.device must be CPU, not " + config.engine().device(), null);
        }
        return config.engine().device().toUpperCase(Locale.ROOT);
    }

    /** @return the tensor ring this service reads. */
    public Path tensorRing() {
        return RingFiles.tensors(config.sharedMemoryDirectory(), card.input());
    }

    /** @return the port {@code /live} and {@code /ready} are served on, or -1. */
    public int healthPort() {
        return health == null ? -1 : health.port();
    }

    /** @return the detector's engine, name and version. */
    public String engine() {
        return detector.engine();
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        if (agent != null) {
            agent.stop();
            joinQuietly(inference);
        }
        status.state(ServiceState.OFFLINE, "stopped");
        publishStatus();
        if (registry != null) {
            try {
                registry.remove(config.service());
            } catch (final IOException ex) {
                LOG.log(System.Logger.Level.WARNING, "cannot deregister: {0}", ex.getMessage());
            }
            registry.close();
        }
        if (mqtt != null) {
            mqtt.close();
        }
        if (detector != null) {
            detector.close();
        }
        if (health != null) {
            health.close();
        }
    }

    private static void joinQuietly(final Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
