package io.saccade.coordinator.service;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.saccade.coordinator.CoordinatorEvent;
import io.saccade.coordinator.dashboard.Dashboard;
import io.saccade.coordinator.dashboard.LiveView;
import io.saccade.coordinator.dashboard.PreviewView;
import io.saccade.coordinator.deliver.DecisionDelivery;
import io.saccade.coordinator.election.LeaderElection;
import io.saccade.coordinator.ledger.LedgerKeeper;
import io.saccade.coordinator.merge.ResultBoard;
import io.saccade.coordinator.merge.ResultVerdict;
import io.saccade.coordinator.merge.WorkPlanner;
import io.saccade.coordinator.policy.Decider;
import io.saccade.coordinator.policy.Policy;
import io.saccade.os.futex.FutexWordSignal;
import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.decision.DecisionDatagram;
import io.saccade.protocol.decision.DecisionReceipt;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.MemberState;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.ring.RingFiles;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.RingSource;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.agent.AgentRunner;
import io.saccade.runtime.agent.PeriodicAgent;
import io.saccade.runtime.health.HealthServer;
import io.saccade.runtime.mqtt.InboundEvent;
import io.saccade.runtime.mqtt.MqttEvent;
import io.saccade.runtime.mqtt.MqttIdentity;
import io.saccade.runtime.mqtt.SignedMqtt;
import io.saccade.runtime.service.ServiceBase;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.Metrics;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One coordinator replica. Every replica heartbeats, follows the election, keeps the newest results and its node's
 * thumbnails; the one that leads also decides every frame and publishes the work plans. Leadership is checked per
 * decision (the election's volatile stamp and the broker connection), so a replica that loses the broker or sees a
 * superseding leadership stops deciding with the next frame.
 * <p>
 * Two agents: the decision agent ({@link DecisionAgent}, woken by every thumbnail) and the housekeeping agent
 * (the election tick of {@link ElectionDuty}); {@link Subscriptions} hands what arrives on MQTT to its owner:
 * results to {@link ResultIntake}, heartbeats, announcements and plans to {@link ElectionDuty}. Nothing from the broker
 * is believed before it is
 * authenticated: results, status, heartbeats, announcements and plans arrive signed with the cluster key
 * ({@link SignedMqtt}); what a follower's dashboard shows of the leader's decisions comes from the robot-signed
 * decision datagrams.
 * <p>
 * Large because it wires the replica's twelve parts (election, intake, board, ledger, dashboard, delivery, agents,
 * health) and owns their order of start and close; each part lives in its own class.
 */
public final class CoordinatorService extends ServiceBase {
    private static final System.Logger LOG = System.getLogger(CoordinatorService.class.getName());
    private static final long LIVENESS_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** A member whose node got no frame for this long cannot lead. */
    private static final long ELIGIBLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long a sampled ledger waits for its frame's results. */
    private static final long LEDGER_HOLD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final CoordinatorConfig config;
    private final TopicTree topics;
    private final NanoClock clock;
    private final Clock wallClock;
    private final LeaderElection election;
    private final ResultBoard board = new ResultBoard();
    private final WorkPlanner planner;
    private final EnumCounters<CoordinatorEvent> events = new EnumCounters<>(CoordinatorEvent.class);
    private final EnumCounters<MqttEvent> mqttEvents = new EnumCounters<>(MqttEvent.class);
    private final Metrics metrics = new Metrics("coordinator");
    private final LiveView view = new LiveView();
    private final Histogram decideSeconds = metrics.latency("ready_to_decided",
        "On this node: frame reassembled by preprocess -> decision made (decode, thumbnail, wake-up, deciding).");
    private final LedgerKeeper ledgers;
    private final ResultIntake intake;
    private final PeriodicAgent housekeeping;
    private final ElectionDuty duty;
    private PreviewView preview;
    private SignedMqtt mqtt;
    private DecisionDelivery delivery;
    private DecisionAgent agent;

    private CoordinatorService(final CoordinatorConfig config, final NanoClock clock, final Clock wallClock) {
        this.config = config;
        this.topics = new TopicTree(config.topicPrefix());
        this.clock = clock;
        this.wallClock = wallClock;
        this.election = new LeaderElection(config.member(), TimeUnit.MILLISECONDS.toNanos(
            config.election().timeoutMillis()), wallClock::millis);
        this.planner = new WorkPlanner(TimeUnit.MILLISECONDS.toNanos(config.planStaleMillis()));
        this.ledgers = new LedgerKeeper(config.node(), config.ledgerEvery(), LEDGER_HOLD_NANOS, hopHistograms());
        this.intake = new ResultIntake(board, planner, ledgers, events, clock, wallClock);
        this.housekeeping = new PeriodicAgent("election", clock);
        this.duty = new ElectionDuty(config, election, planner, ledgers, events, this::eligible,
            () -> housekeeping.execute(this::electionTick), clock, wallClock);
        metrics.counters("events", "Frames, decisions, deliveries, election changes.", events)
            .counters("mqtt", "Broker connection events.", mqttEvents)
            .counters("results", "Authenticated results, taken or refused by plausibility (frame seen, capture time, "
                + "work plan).", intake.verdicts())
            .gauge("leader_epoch", "The epoch this member leads in; 0 while it follows.", () -> {
                final LeaderStamp leading = election.leadership();
                return leading == null ? 0 : leading.epoch();
            });
        agents().exportTo(metrics);
    }

    /**
     * Starts the replica; it joins the election at once and may lead after listening for a few election timeouts.
     *
     * @param config    the settings.
     * @param policy    the decision policy.
     * @param clock     monotonic time.
     * @param wallClock wall time: new epochs, message counters, display fields.
     * @return the running replica.
     * @throws IOException when the decision socket or the health server cannot be opened.
     * @throws io.saccade.runtime.config.ConfigException when a key file cannot be read.
     */
    public static CoordinatorService start(final CoordinatorConfig config, final Policy policy,
                                           final NanoClock clock, final Clock wallClock) throws IOException {
        final CoordinatorService service = new CoordinatorService(config, clock, wallClock);
        try {
            service.startUp(policy);
            return service;
        } catch (final IOException | RuntimeException ex) {
            service.close();
            throw ex;
        }
    }

    private void startUp(final Policy policy) throws IOException {
        final MqttIdentity identity = MqttIdentity.load(config.sender(), KeyRole.CLUSTER, config.keys());
        final KeyRing robotKeys = identity.keys().get(KeyRole.ROBOT);
        final HealthServer health = serveHealth(HealthServer.startAt(config.health(), config.healthTokenFile(),
            () -> agents().problem(LIVENESS_NANOS),
            () -> mqtt != null && mqtt.isConnected() ? null : "not connected to the broker", metrics));
        mqtt = SignedMqtt.start(config.mqtt(), identity, topics, () -> duty.heartbeat(MemberState.GONE),
            connected -> duty.onConnected(), duty::onConnectionLost, mqttEvents, wallClock);
        duty.publishOn(mqtt);
        metrics.counters("mqtt_inbound", "Messages on signed topics, accepted or refused by reason.", mqtt.inbound());
        new Subscriptions(topics, duty, intake, planner, election, view, events, clock, wallClock)
            .subscribe(mqtt, robotKeys);
        if (health != null) {
            preview = new PreviewView(RingFiles.previews(config.sharedMemoryDirectory()),
                FutexWordSignal.forThisPlatform());
            new Dashboard(view, preview, duty::membership, this::counters, ledgers, wallClock::millis)
                .serveOn(health);
        }
        delivery = new DecisionDelivery(mqtt.port(), topics, new DecisionDatagram(new MessageAuthenticator(robotKeys)),
            config.robotAddresses(), events, clock, new DecisionReceipt(new MessageAuthenticator(robotKeys)),
            (stream, seq, arrivedMicros) -> ledgers.delivered(stream, seq, arrivedMicros, wallClock.millis()));
        startAgents(policy);
        LOG.log(System.Logger.Level.INFO, "coordinator {0} on {1} started: broker {2}, thumbnails {3}, "
                + "heartbeat {4,number,#} ms, timeout {5,number,#} ms", config.member(), config.node(),
            config.mqtt().uri(), RingFiles.thumbnails(config.sharedMemoryDirectory()),
            config.election().heartbeatMillis(), config.election().timeoutMillis());
    }

    private void startAgents(final Policy policy) {
        agent = new DecisionAgent(new RingSource(RingFiles.thumbnails(config.sharedMemoryDirectory()),
            RingKind.THUMBNAIL, FutexWordSignal.forThisPlatform(), TimeUnit.MILLISECONDS.toNanos(50)), board,
            new Decider(policy), duty::leadership, this::deliver, config.historyFrames(), clock, events,
            (thumbnail, frame, now) -> {
                intake.onFrame(frame, now); // before this frame is decided
                view.thumbnail(thumbnail, now);
                ledgers.frame(frame);
            });
        agents().start(AgentRunner.builder(agent).clock(clock));
        housekeeping.every(0, TimeUnit.MILLISECONDS.toNanos(config.election().heartbeatMillis()), this::electionTick);
        agents().start(AgentRunner.builder(housekeeping).idle(housekeeping.idleStrategy()).daemon());
    }

    /** Every hop of the latency ledger, also as a histogram on {@code /metrics}. */
    private LedgerKeeper.HopListener hopHistograms() {
        final Histogram hopSeconds = metrics.latency("hop", "Per hop, the time from the previous hop of its path, on"
            + " the robot's clock (the latency ledger); model is empty on the decision path.", "hop", "model");
        return (hop, model) -> {
            final DistributionDataPoint steps = hopSeconds.labelValues(hop.name().toLowerCase(Locale.ROOT),
                model == null ? "" : model);
            return stepMicros -> steps.observe(Math.max(0, stepMicros) / 1e6);
        };
    }

    private void electionTick() {
        duty.tick();
    }

    /** On the decision agent's thread. */
    private void deliver(final Decision decision) {
        delivery.deliver(decision); // first: everything else is bookkeeping
        decideSeconds.observe(decision.timings().decideMicros() / 1e6);
        final long wallMillis = wallClock.millis();
        view.decision(decision, wallMillis);
        ledgers.decided(decision, clock.nanoTime(), wallMillis);
    }

    /** Frames are arriving on this node: this member could decide them. */
    private boolean eligible(final long nowNanos) {
        final DecisionAgent current = agent;
        return current != null && current.hasFramesSince(nowNanos - ELIGIBLE_NANOS);
    }

    private Map<String, Long> counters() {
        final Map<String, Long> counters = new LinkedHashMap<>();
        events.snapshot().forEach((event, value) -> counters.put(event.name(), value));
        return counters;
    }

    /** @return the election. */
    public LeaderElection election() {
        return election;
    }

    /** @return what was counted. */
    public EnumCounters<CoordinatorEvent> events() {
        return events;
    }

    /** @return what happened to messages on the signed topics, by reason. */
    public EnumCounters<InboundEvent> inbound() {
        return mqtt.inbound();
    }

    /** @return authenticated results taken or refused by plausibility, by verdict. */
    public EnumCounters<ResultVerdict> results() {
        return intake.verdicts();
    }

    @Override
    public String name() {
        return "coordinator " + config.member();
    }

    @Override
    public String summary() {
        return "leader " + election.announced() + ", " + events;
    }

    /** After deciding stopped: says it is gone (so the others elect at once) and disconnects. */
    @Override
    protected void release() {
        if (mqtt != null) {
            election.disconnected();
            mqtt.publish(duty.heartbeat(MemberState.GONE), 1, true);
            mqtt.close();
        }
        if (delivery != null) {
            delivery.close();
        }
        if (preview != null) {
            preview.close();
        }
    }
}
