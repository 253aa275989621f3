package io.saccade.coordinator.service;

import io.saccade.coordinator.CoordinatorEvent;
import io.saccade.coordinator.dashboard.Dashboard;
import io.saccade.coordinator.dashboard.LiveView;
import io.saccade.coordinator.dashboard.PreviewView;
import io.saccade.coordinator.deliver.DecisionDelivery;
import io.saccade.coordinator.election.LeaderElection;
import io.saccade.coordinator.ledger.LedgerKeeper;
import io.saccade.coordinator.merge.ResultBoard;
import io.saccade.coordinator.merge.WorkPlanner;
import io.saccade.coordinator.policy.Decider;
import io.saccade.coordinator.policy.Policy;
import io.saccade.os.futex.FutexWordSignal;
import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.decision.DecisionDatagram;
import io.saccade.protocol.decision.DecisionReceipt;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.InvalidMessageException;
import io.saccade.protocol.message.LatencyLedger;
import io.saccade.protocol.message.LeaderAnnouncement;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.MemberHeartbeat;
import io.saccade.protocol.message.MemberState;
import io.saccade.protocol.message.Message;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.message.ServiceStatus;
import io.saccade.protocol.message.WorkPlan;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.ring.RingFiles;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.RingSource;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.health.HealthServer;
import io.saccade.runtime.mqtt.MqttEvent;
import io.saccade.runtime.mqtt.MqttWill;
import io.saccade.runtime.mqtt.PahoMqttPort;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.Metrics;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One coordinator replica. Every replica heartbeats, follows the election, keeps the newest results and its node's
 * thumbnails; the one that leads also decides every frame and publishes the work plans. Leadership is checked per
 * decision (the election's volatile stamp and the broker connection), so a replica that loses the broker or sees a
 * superseding leadership stops deciding with the next frame.
 */
public final class CoordinatorService implements AutoCloseable {
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
    private final MessageCodec codec = new MessageCodec();
    private final EnumCounters<CoordinatorEvent> events = new EnumCounters<>(CoordinatorEvent.class);
    private final EnumCounters<MqttEvent> mqttEvents = new EnumCounters<>(MqttEvent.class);
    private final long incarnation;
    private final Metrics metrics = new Metrics("coordinator");
    private final LiveView view = new LiveView();
    private PreviewView preview;
    private final Histogram decideSeconds = metrics.latency("ready_to_decided",
        "On this node: frame reassembled by preprocess -> decision made (decode, thumbnail, wake-up, deciding).");
    private final Histogram hopSeconds = metrics.latency("hop",
        "Per hop, the time from the previous hop of its path, on the robot's clock (the latency ledger); model is"
            + " empty on the decision path.", "hop", "model");
    private final LedgerKeeper ledgers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("coordinator-election").factory());
    private PahoMqttPort mqtt;
    private DecisionDelivery delivery;
    private DecisionAgent agent;
    private Thread deciding;
    private HealthServer health;

    private CoordinatorService(final CoordinatorConfig config, final NanoClock clock, final Clock wallClock) {
        this.config = config;
        this.topics = new TopicTree(config.topicPrefix());
        this.clock = clock;
        this.wallClock = wallClock;
        this.election = new LeaderElection(config.member(), TimeUnit.MILLISECONDS.toNanos(
            config.election().timeoutMillis()), wallClock::millis);
        this.planner = new WorkPlanner(TimeUnit.MILLISECONDS.toNanos(config.planStaleMillis()));
        this.incarnation = wallClock.millis();
        this.ledgers = new LedgerKeeper(config.node(), config.ledgerEvery(), LEDGER_HOLD_NANOS, (hop, model) -> {
            final DistributionDataPoint steps = hopSeconds.labelValues(hop.name().toLowerCase(Locale.ROOT),
                model == null ? "" : model);
            return stepMicros -> steps.observe(Math.max(0, stepMicros) / 1e6);
        });
        metrics.counters("events", "Frames, decisions, deliveries, election changes.", events)
            .counters("mqtt", "Broker connection events.", mqttEvents)
            .gauge("leader_epoch", "The epoch this member leads in; 0 while it follows.", () -> {
                final LeaderStamp leading = election.leadership();
                return leading == null ? 0 : leading.epoch();
            });
    }

    /**
     * Starts the replica; it joins the election at once and may lead after listening for a few election timeouts.
     *
     * @param config    the settings.
     * @param policy    the decision policy.
     * @param key       the MAC key decision datagrams are signed with.
     * @param clock     monotonic time.
     * @param wallClock wall time: new epochs and display fields.
     * @return the running replica.
     * @throws IOException when the decision socket or the health server cannot be opened.
     */
    public static CoordinatorService start(final CoordinatorConfig config, final Policy policy, final MacKey key,
                                           final NanoClock clock, final Clock wallClock) throws IOException {
        final CoordinatorService service = new CoordinatorService(config, clock, wallClock);
        try {
            service.startUp(policy, key);
            return service;
        } catch (final IOException | RuntimeException ex) {
            service.close();
            throw ex;
        }
    }

    private void startUp(final Policy policy, final MacKey key) throws IOException {
        health = HealthServer.startAt(config.health(), this::liveness,
            () -> mqtt != null && mqtt.isConnected() ? null : "not connected to the broker", metrics);
        mqtt = PahoMqttPort.start(config.mqtt(), "coordinator-" + config.member(),
            new MqttWill(topics.member(config.member()), codec.encode(heartbeat(MemberState.GONE))),
            this::onConnected, this::onConnectionLost, mqttEvents);
        mqtt.subscribe(topics.allMembers(), 0, (topic, payload) -> decode(payload, MemberHeartbeat.class,
            this::onHeartbeat));
        mqtt.subscribe(topics.leader(), 1, (topic, payload) -> decode(payload, LeaderAnnouncement.class,
            announcement -> stepDownIf(election.announcement(announcement, clock.nanoTime()))));
        mqtt.subscribe(topics.allResults(), 0, (topic, payload) -> decode(payload, InferenceResult.class,
            result -> {
                final long arrival = clock.nanoTime();
                events.increment(board.offer(result) ? CoordinatorEvent.RESULT : CoordinatorEvent.RESULT_SUPERSEDED);
                ledgers.result(result, arrival, wallClock.millis()); // after the board: deciding comes first
            }));
        mqtt.subscribe(topics.allStatus(), 1, (topic, payload) -> decode(payload, ServiceStatus.class,
            status -> planner.status(status, clock.nanoTime())));
        mqtt.subscribe(topics.allPlans(), 1, (topic, payload) -> decode(payload, WorkPlan.class,
            plan -> planner.observed(plan.model(), plan.nodes())));
        mqtt.subscribe(topics.allDecisions(), 0, (topic, payload) -> {
            if (election.leadership() == null) { // the leader's view is fed its own decisions, not their echo
                decode(payload, Decision.class, decision -> view.decision(decision, wallClock.millis()));
            }
        });
        if (health != null) {
            preview = new PreviewView(RingFiles.previews(config.sharedMemoryDirectory()),
                FutexWordSignal.forThisPlatform());
            new Dashboard(view, preview, this::membership, this::counters, ledgers, wallClock::millis)
                .serveOn(health);
        }
        delivery = new DecisionDelivery(mqtt, topics, new DecisionDatagram(new MessageAuthenticator(key)),
            config.robotAddresses(), events, clock, new DecisionReceipt(new MessageAuthenticator(key)),
            (stream, seq, arrivedMicros) -> ledgers.delivered(stream, seq, arrivedMicros, wallClock.millis()));
        agent = new DecisionAgent(new RingSource(RingFiles.thumbnails(config.sharedMemoryDirectory()),
            RingKind.THUMBNAIL, FutexWordSignal.forThisPlatform(), TimeUnit.MILLISECONDS.toNanos(50)), board,
            new Decider(policy), this::leadership, decision -> {
                delivery.deliver(decision); // first: everything else is bookkeeping
                decideSeconds.observe(decision.timings().decideMicros() / 1e6);
                final long wallMillis = wallClock.millis();
                view.decision(decision, wallMillis);
                ledgers.decided(decision, clock.nanoTime(), wallMillis);
            }, config.historyFrames(), clock, events, (thumbnail, frame, now) -> {
                view.thumbnail(thumbnail, now);
                ledgers.frame(frame);
            });
        deciding = Thread.ofPlatform().name("coordinator-decide").start(agent);
        timer.scheduleAtFixedRate(this::tick, 0, config.election().heartbeatMillis(), TimeUnit.MILLISECONDS);
        LOG.log(System.Logger.Level.INFO, "coordinator {0} on {1} started: broker {2}, thumbnails {3}, "
                + "heartbeat {4,number,#} ms, timeout {5,number,#} ms", config.member(), config.node(),
            config.mqtt().uri(), RingFiles.thumbnails(config.sharedMemoryDirectory()),
            config.election().heartbeatMillis(), config.election().timeoutMillis());
    }

    /** The stamp decisions carry: only while this member leads and the broker is there to fence it. */
    private LeaderStamp leadership() {
        final LeaderStamp stamp = election.leadership();
        return stamp != null && mqtt.isConnected() ? stamp : null;
    }

    /** Runs on the election timer: evaluate, heartbeat, and as leader publish changed plans. */
    private void tick() {
        try {
            final long now = clock.nanoTime();
            final LeaderElection.Change change = election.evaluate(now, eligible(now));
            stepDownIf(change.givenUp());
            final LeaderStamp claimed = change.claimed();
            if (claimed != null) {
                events.increment(CoordinatorEvent.ELECTED);
                planner.forgetPublished();
                mqtt.publish(topics.leader(), codec.encode(new LeaderAnnouncement(LeaderAnnouncement.VERSION,
                    claimed, members(), wallClock.millis())), 1, true);
                LOG.log(System.Logger.Level.INFO, "{0} leads in epoch {1}", config.member(), claimed.epoch());
            }
            mqtt.publish(topics.member(config.member()), codec.encode(heartbeat(MemberState.ALIVE)), 0, false);
            final LeaderStamp leading = election.leadership();
            if (leading != null) {
                publishPlans(leading, now);
            }
            for (final LatencyLedger ledger : ledgers.due(now)) {
                if (leading != null) {
                    mqtt.publish(topics.ledgers(ledger.streamId()), codec.encode(ledger), 0, false);
                }
            }
        } catch (final RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "election tick failed: {0}", ex.toString());
        }
    }

    private void publishPlans(final LeaderStamp leading, final long now) {
        planner.changes(now).forEach((model, nodes) -> {
            if (mqtt.publish(topics.plan(model), codec.encode(new WorkPlan(WorkPlan.VERSION, model, leading, nodes,
                wallClock.millis())), 1, true)) {
                planner.published(model, nodes);
                events.increment(CoordinatorEvent.PLAN_PUBLISHED);
                LOG.log(System.Logger.Level.INFO, "plan for {0}: {1}", model, nodes.isEmpty() ? "no node" : nodes);
            }
        });
    }

    private Dashboard.Membership membership() {
        return new Dashboard.Membership(config.member(), config.node(), election.announced(),
            election.leadership() != null, members());
    }

    private Map<String, Long> counters() {
        final Map<String, Long> counters = new LinkedHashMap<>();
        events.snapshot().forEach((event, value) -> counters.put(event.name(), value));
        return counters;
    }

    private List<String> members() {
        final List<String> members = new ArrayList<>(election.liveMembers());
        members.add(config.member());
        return members.stream().sorted().toList();
    }

    private MemberHeartbeat heartbeat(final MemberState state) {
        final LeaderStamp leading = election.leadership();
        return new MemberHeartbeat(MemberHeartbeat.VERSION, config.member(), config.node(), incarnation, state,
            election.highestEpoch(), state == MemberState.ALIVE && leading != null ? leading.epoch() : 0,
            state == MemberState.ALIVE && election.ready(clock.nanoTime()), wallClock.millis());
    }

    /** Frames are arriving on this node: this member could decide them. */
    private boolean eligible(final long nowNanos) {
        final DecisionAgent current = agent;
        return current != null && current.hasFramesSince(nowNanos - ELIGIBLE_NANOS);
    }

    private void onConnected() {
        election.connected(clock.nanoTime());
    }

    private void onConnectionLost() {
        stepDownIf(election.disconnected());
    }

    private void onHeartbeat(final MemberHeartbeat heartbeat) {
        stepDownIf(election.heartbeat(heartbeat, clock.nanoTime()));
        if (heartbeat.state() == MemberState.GONE && !heartbeat.member().equals(config.member())) {
            try {
                timer.execute(this::tick); // a leader's Last Will: elect now, not at the next tick
            } catch (final RejectedExecutionException ex) {
                LOG.log(System.Logger.Level.DEBUG, "not electing: shutting down");
            }
        }
    }

    private void stepDownIf(final LeaderStamp givenUp) {
        if (givenUp != null) {
            events.increment(CoordinatorEvent.STEPPED_DOWN);
            LOG.log(System.Logger.Level.WARNING, "{0} stopped leading epoch {1}", config.member(), givenUp.epoch());
        }
    }

    private <T extends Message> void decode(final byte[] payload, final Class<T> type, final Consumer<T> handler) {
        final T message;
        try {
            message = codec.decode(payload, type);
        } catch (final InvalidMessageException ex) {
            events.increment(CoordinatorEvent.BAD_MESSAGE);
            return;
        }
        handler.accept(message);
    }

    private String liveness() {
        final DecisionAgent current = agent;
        return current != null && clock.nanoTime() - current.lastTurnNanos() > LIVENESS_NANOS
            ? "the decision loop has not turned for over 10 s" : null;
    }

    /** @return the election. */
    public LeaderElection election() {
        return election;
    }

    /** @return what was counted. */
    public EnumCounters<CoordinatorEvent> events() {
        return events;
    }

    /** @return the port {@code /live} and {@code /ready} are served on, or -1. */
    public int healthPort() {
        return health == null ? -1 : health.port();
    }

    /** Leaves cleanly: stops deciding, says it is gone (so the others elect at once) and disconnects. */
    @Override
    public void close() {
        timer.shutdownNow();
        if (agent != null) {
            agent.stop();
            try {
                deciding.join(TimeUnit.SECONDS.toMillis(5));
            } catch (final InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        if (mqtt != null) {
            election.disconnected();
            mqtt.publish(topics.member(config.member()), codec.encode(heartbeat(MemberState.GONE)), 1, true);
            mqtt.close();
        }
        if (delivery != null) {
            delivery.close();
        }
        if (health != null) {
            health.close();
        }
        if (preview != null) {
            preview.close();
        }
    }
}
