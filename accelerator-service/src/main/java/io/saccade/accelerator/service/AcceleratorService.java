package io.saccade.accelerator.service;

import io.prometheus.metrics.core.metrics.Histogram;
import io.saccade.accelerator.inference.FrameTensor;
import io.saccade.accelerator.model.ModelCard;
import io.saccade.os.cpu.ThreadAffinity;
import io.saccade.os.futex.FutexWordSignal;
import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.message.EpochBound;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.ResultTimings;
import io.saccade.protocol.message.ServiceState;
import io.saccade.protocol.message.WorkPlan;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.ring.RingFiles;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.RingSource;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.agent.AgentRunner;
import io.saccade.runtime.agent.PeriodicAgent;
import io.saccade.runtime.health.HealthServer;
import io.saccade.runtime.mqtt.MqttEvent;
import io.saccade.runtime.mqtt.MqttIdentity;
import io.saccade.runtime.mqtt.SignedMqtt;
import io.saccade.runtime.service.ServiceBase;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.Metrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * One model on one device for the life of the process. Start-up connects (so the broker sees LOADING), loads,
 * compiles and warms the model up ({@link LoadedModel}), registers its input spec in the node registry
 * ({@link Membership}) and only then reports ready (status topic and {@code /ready}); from then on the inference
 * agent ({@link AcceleratorAgent}) runs pinned, the housekeeping agent heartbeats the registry and publishes the
 * status, and {@link PlanFollower} turns the leader's plans into the agent's share of frames. Closing reverses every
 * step and leaves an offline status behind.
 * <p>
 * Large because it wires the service's parts (connection, model, registry, agents, health) and owns their order of
 * start and close; each part lives in its own class.
 */
public final class AcceleratorService extends ServiceBase {
    private static final System.Logger LOG = System.getLogger(AcceleratorService.class.getName());
    private static final long LIVENESS_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AcceleratorConfig config;
    private final ModelCard card;
    private final TopicTree topics;
    private final NanoClock clock;
    private final StatusReporter status;
    private final EnumCounters<MqttEvent> mqttEvents = new EnumCounters<>(MqttEvent.class);
    private final Clock wallClock;
    private final Metrics metrics = new Metrics("accelerator");
    private final Histogram inferenceSeconds = metrics.latency("inference",
        "Model inference alone, per frame (engine call and post-processing).");
    private final Histogram slotToResultSeconds = metrics.latency("slot_to_result",
        "Tensor slot written by preprocess -> result handed to the broker connection.");
    private final WorkShare share;
    private SignedMqtt mqtt;
    private LoadedModel model;
    private Membership membership;

    private AcceleratorService(final AcceleratorConfig config, final ModelCard card, final NanoClock clock,
                               final Clock wallClock) {
        this.config = config;
        this.card = card;
        this.topics = new TopicTree(config.topicPrefix());
        this.clock = clock;
        this.wallClock = wallClock;
        this.status = new StatusReporter(config.node(), config.service(), card.id(), LoadedModel.device(config, card),
            clock, wallClock);
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
        final MqttIdentity identity = MqttIdentity.load(config.sender(), KeyRole.CLUSTER, config.keys());
        serveHealth(HealthServer.startAt(config.health(), config.healthTokenFile(),
            () -> agents().problem(LIVENESS_NANOS), this::readiness, metrics));
        mqtt = SignedMqtt.start(config.mqtt(), identity, topics, status::offline, this::publishStatus, () -> { },
            mqttEvents, wallClock);
        model = LoadedModel.load(config, card, files, clock);
        status.loaded(model.readyMillis());
        membership = Membership.join(config, card, clock);
        final AcceleratorAgent agent = startAgents();
        mqtt.subscribe(topics.plan(card.id()), 1, WorkPlan.class, new PlanFollower(config.service(), config.node(),
            share, new EpochBound(wallClock::millis, config.keys().maxClockSkewMillis()), agent.events())::onPlan);
        status.state(ServiceState.READY, "running " + card.id() + " on " + model.engine());
        publishStatus();
        LOG.log(System.Logger.Level.INFO, "{0} ready: {1} on {2}, loaded and warmed up in {3} ms, reading {4}",
            config.service(), card.id(), model.engine(), status.detail(), tensorRing());
    }

    private AcceleratorAgent startAgents() {
        final AcceleratorAgent agent = new AcceleratorAgent(new RingSource(tensorRing(), RingKind.TENSOR,
            FutexWordSignal.forThisPlatform(), TimeUnit.MILLISECONDS.toNanos(50)), model.detector(),
            new FrameTensor(card.input()), this::publishResult,
            new AcceleratorAgent.Identity(card.id(), config.node(), status.device()), share, clock);
        status.counting(agent.events());
        metrics.counters("frames", "What happened to frames at this accelerator.", agent.events())
            .counters("mqtt", "Broker connection events.", mqttEvents)
            .counters("mqtt_inbound", "Messages on signed topics (plans), accepted or refused by reason.",
                mqtt.inbound());
        agents().exportTo(metrics);
        final PeriodicAgent housekeeping = new PeriodicAgent("housekeeping", clock);
        final long heartbeat = TimeUnit.MILLISECONDS.toNanos(config.registry().heartbeatMillis());
        final long statusPeriod = TimeUnit.MILLISECONDS.toNanos(config.statusMillis());
        housekeeping.every(heartbeat, heartbeat, membership::heartbeat).every(statusPeriod, statusPeriod,
            this::publishStatus);
        agents().start(AgentRunner.builder(agent).clock(clock).pinnedTo(model.cores(),
            ThreadAffinity.forThisPlatform()));
        agents().start(AgentRunner.builder(housekeeping).idle(housekeeping.idleStrategy()).daemon());
        return agent;
    }

    /** Runs on the inference agent's thread only. */
    private boolean publishResult(final InferenceResult result) {
        final ResultTimings timings = result.timings();
        inferenceSeconds.observe((timings.inferenceEndNanos() - timings.inferenceStartNanos()) / 1e9);
        slotToResultSeconds.observe((timings.publishedAtNanos() - timings.slotWrittenAtNanos()) / 1e9);
        return mqtt.publish(result, 0, false);
    }

    private void publishStatus() {
        publishStatus(mqtt);
    }

    /** On every (re)connect, with the connection that came up, and from the housekeeping agent. */
    private void publishStatus(final SignedMqtt connection) {
        if (connection != null) {
            connection.publish(status.current(), 1, true);
        }
    }

    private String readiness() {
        return status.state() == ServiceState.READY ? null : status.state() + ": " + status.detail();
    }

    /** @return the tensor ring this service reads. */
    public Path tensorRing() {
        return RingFiles.tensors(config.sharedMemoryDirectory(), card.input());
    }

    @Override
    public String name() {
        return "accelerator " + config.service() + " (" + engine() + ")";
    }

    @Override
    public String summary() {
        return status.current().toString();
    }

    /** @return the detector's engine, name and version. */
    public String engine() {
        return model == null ? "no model" : model.engine();
    }

    /** After inference stopped: says OFFLINE, leaves the registry, disconnects and unloads the model. */
    @Override
    protected void release() {
        status.state(ServiceState.OFFLINE, "stopped");
        publishStatus();
        if (membership != null) {
            membership.close();
        }
        if (mqtt != null) {
            mqtt.close();
        }
        if (model != null) {
            model.close();
        }
    }
}
