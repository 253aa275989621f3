package io.saccade.coordinator.service;

import io.saccade.coordinator.CoordinatorEvent;
import io.saccade.coordinator.dashboard.Dashboard;
import io.saccade.coordinator.dashboard.LiveView;
import io.saccade.coordinator.dashboard.PreviewView;
import io.saccade.coordinator.deliver.DecisionDelivery;
import io.saccade.coordinator.election.LeaderElection;
import io.saccade.coordinator.ledger.LedgerKeeper;
import io.saccade.coordinator.merge.EarlyResults;
import io.saccade.coordinator.merge.ResultBoard;
import io.saccade.coordinator.merge.ResultScreen;
import io.saccade.coordinator.merge.ResultVerdict;
import io.saccade.coordinator.merge.SeenFrames;
import io.saccade.coordinator.merge.WorkPlanner;
import io.saccade.coordinator.policy.Decider;
import io.saccade.coordinator.policy.Policy;
import io.saccade.os.futex.FutexWordSignal;
import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.decision.DatagramVerdict;
import io.saccade.protocol.decision.DecisionDatagram;
import io.saccade.protocol.decision.DecisionReceipt;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.EpochBound;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.InvalidMessageException;
import io.saccade.protocol.message.LatencyLedger;
import io.saccade.protocol.message.LeaderAnnouncement;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.MemberHeartbeat;
import io.saccade.protocol.message.MemberState;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.message.ServiceStatus;
import io.saccade.protocol.message.WorkPlan;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.ring.RingFiles;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.RingSource;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.health.HealthServer;
import io.saccade.runtime.mqtt.InboundEvent;
import io.saccade.runtime.mqtt.MessageOpener;
import io.saccade.runtime.mqtt.MqttEvent;
import io.saccade.runtime.mqtt.MqttIdentity;
import io.saccade.runtime.mqtt.SignedMqtt;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.Metrics;
import java.io.IOException;
import java.nio.ByteBuffer;
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

/**
 * One coordinator replica. Every replica heartbeats, follows the election, keeps the newest results and its node's
 * thumbnails; the one that leads also decides every frame and publishes the work plans. Leadership is checked per
 * decision (the election's volatile stamp and the broker connection), so a replica that loses the broker or sees a
 * superseding leadership stops deciding with the next frame.
 * <p>
 * Nothing from the broker is believed before it is authenticated: results, status, heartbeats, announcements and
 * plans arrive signed with the cluster key ({@link SignedMqtt}); epochs beyond this replica's clock plus the skew
 * allowance are refused before any comparison or arithmetic; a result must be about a frame this node has seen,
 * with that frame's capture time, from an accelerator the work plan has ({@link ResultScreen}). What a follower's
 * dashboard shows of the leader's decisions comes from the robot-signed decision datagrams.
 */
public final class CoordinatorService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CoordinatorService.class.getName());
    private static final long LIVENESS_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** A member whose node got no frame for this long cannot lead. */
    private static final long ELIGIBLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long a sampled ledger waits for its frame's results. */
    private static final long LEDGER_HOLD_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How far ahead of this node's newest frame a result may be and wait for its frame, and for how long. */
    private static final int EARLY_FRAMES = 16;
    private static final long EARLY_HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final CoordinatorConfig config;
    private final TopicTree topics;
    private final NanoClock clock;
    private final Clock wallClock;
    private final LeaderElection election;
    private final ResultBoard board = new ResultBoard();
    private final WorkPlanner planner;
    private final MessageCodec codec = new MessageCodec();
    private final SeenFrames frames = new SeenFrames();
    private final ResultScreen screen;
    private final EarlyResults early = new EarlyResults(frames, EARLY_FRAMES, EARLY_HOLD_NANOS);
    private final EpochBound epochs;
    private final EnumCounters<CoordinatorEvent> events = new EnumCounters<>(CoordinatorEvent.class);
    private final EnumCounters<ResultVerdict> verdicts = new EnumCounters<>(ResultVerdict.class);
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
    private SignedMqtt mqtt;
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
        this.screen = new ResultScreen(frames, planner);
        this.epochs = new EpochBound(wallClock::millis, config.keys().maxClockSkewMillis());
        this.incarnation = wallClock.millis();
        this.ledgers = new LedgerKeeper(config.node(), config.ledgerEvery(), LEDGER_HOLD_NANOS, (hop, model) -> {
            final DistributionDataPoint steps = hopSeconds.labelValues(hop.name().toLowerCase(Locale.ROOT),
                model == null ? "" : model);
            return stepMicros -> steps.observe(Math.max(0, stepMicros) / 1e6);
        });
        metrics.counters("events", "Frames, decisions, deliveries, election changes.", events)
            .counters("mqtt", "Broker connection events.", mqttEvents)
            .counters("results", "Authenticated results, taken or refused by plausibility (frame seen, capture time, "
                + "work plan).", verdicts)
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
        health = HealthServer.startAt(config.health(), config.healthTokenFile(), this::liveness,
            () -> mqtt != null && mqtt.isConnected() ? null : "not connected to the broker", metrics);
        mqtt = SignedMqtt.start(config.mqtt(), identity, topics, () -> heartbeat(MemberState.GONE),
            connected -> onConnected(), this::onConnectionLost, mqttEvents, wallClock);
        metrics.counters("mqtt_inbound", "Messages on signed topics, accepted or refused by reason.", mqtt.inbound());
        subscribe(robotKeys);
        if (health != null) {
            preview = new PreviewView(RingFiles.previews(config.sharedMemoryDirectory()),
                FutexWordSignal.forThisPlatform());
            new Dashboard(view, preview, this::membership, this::counters, ledgers, wallClock::millis)
                .serveOn(health);
        }
        delivery = new DecisionDelivery(mqtt.port(), topics, new DecisionDatagram(new MessageAuthenticator(robotKeys)),
            config.robotAddresses(), events, clock, new DecisionReceipt(new MessageAuthenticator(robotKeys)),
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
                frames.record(frame.streamId(), frame.frameSeq(), frame.captureTimeNanos());
                early.release(frame.streamId(), now, this::onEarlyResult); // before this frame is decided
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

    /**
     * Everything this replica listens to: the signed topics (opened before any handler sees them) and the leader's
     * signed decision datagrams, which a follower's dashboard shows.
     */
    private void subscribe(final KeyRing robotKeys) {
        mqtt.subscribe(topics.allMembers(), 0, MemberHeartbeat.class, opened -> onHeartbeat(opened.message()));
        mqtt.subscribe(topics.leader(), 1, LeaderAnnouncement.class, opened -> {
            if (admitted(opened.message().leader().epoch())) {
                stepDownIf(election.announcement(opened.message(), clock.nanoTime()));
            }
        });
        mqtt.subscribe(topics.allResults(), 0, InferenceResult.class, this::onResult);
        mqtt.subscribe(topics.allStatus(), 1, ServiceStatus.class,
            opened -> planner.status(opened.message(), clock.nanoTime()));
        mqtt.subscribe(topics.allPlans(), 1, WorkPlan.class, opened -> {
            if (admitted(opened.message().leader().epoch())) {
                planner.observed(opened.message().model(), opened.message().nodes());
            }
        });
        final DecisionDatagram leadersDecisions = new DecisionDatagram(new MessageAuthenticator(robotKeys));
        mqtt.subscribeUnsigned(topics.allSignedDecisions(), 0, (topic, payload) -> {
            if (election.leadership() == null) { // the leader's view is fed its own decisions, not their echo
                showLeadersDecision(leadersDecisions, payload);
            }
        });
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
                mqtt.publish(new LeaderAnnouncement(LeaderAnnouncement.VERSION, claimed, members(),
                    wallClock.millis()), 1, true);
                LOG.log(System.Logger.Level.INFO, "{0} leads in epoch {1}", config.member(), claimed.epoch());
            }
            mqtt.publish(heartbeat(MemberState.ALIVE), 0, false);
            final LeaderStamp leading = election.leadership();
            if (leading != null) {
                publishPlans(leading, now);
            }
            for (final LatencyLedger ledger : ledgers.due(now)) {
                if (leading != null) {
                    mqtt.publishUnsigned(topics.ledgers(ledger.streamId()), codec.encode(ledger), 0, false);
                }
            }
        } catch (final RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "election tick failed: {0}", ex.toString());
        }
    }

    private void publishPlans(final LeaderStamp leading, final long now) {
        planner.changes(now).forEach((model, nodes) -> {
            if (mqtt.publish(new WorkPlan(WorkPlan.VERSION, model, leading, nodes, wallClock.millis()), 1, true)) {
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
        if (!admitted(heartbeat.highestEpoch())) { // highestEpoch bounds leaderEpoch too
            return;
        }
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

    /**
     * Runs on the MQTT client's thread with an authenticated result: screened, then offered to the board; a result
     * whose frame this node has not seen yet waits for it ({@link EarlyResults}).
     */
    private void onResult(final MessageOpener.Opened<InferenceResult> opened) {
        final InferenceResult result = opened.message();
        final long arrival = clock.nanoTime();
        final ResultVerdict verdict = screen.screen(result, arrival);
        if (verdict == ResultVerdict.FUTURE_FRAME
            && early.hold(result, arrival, displaced -> events.increment(CoordinatorEvent.RESULT_SUPERSEDED))) {
            events.increment(CoordinatorEvent.RESULT_EARLY);
            return;
        }
        take(result, verdict, arrival);
    }

    /** Runs on the decision thread: a held result's frame arrived (screen it now) or never did (refuse it). */
    private void onEarlyResult(final EarlyResults.Held held, final boolean expired) {
        take(held.result(), expired ? ResultVerdict.FUTURE_FRAME : screen.screen(held.result(), clock.nanoTime()),
            held.arrivalNanos());
    }

    private void take(final InferenceResult result, final ResultVerdict verdict, final long arrival) {
        verdicts.increment(verdict);
        if (!verdict.taken()) {
            return;
        }
        events.increment(board.offer(result) ? CoordinatorEvent.RESULT : CoordinatorEvent.RESULT_SUPERSEDED);
        ledgers.result(result, arrival, wallClock.millis()); // after the board: deciding comes first
    }

    /** Whether an epoch from a peer is within this replica's clock plus the skew allowance; counted when not. */
    private boolean admitted(final long epoch) {
        if (epochs.admits(epoch)) {
            return true;
        }
        events.increment(CoordinatorEvent.FUTURE_EPOCH);
        return false;
    }

    /** A follower's dashboard shows the leader's decisions as the robot gets them: signed datagrams only. */
    private void showLeadersDecision(final DecisionDatagram checker, final byte[] payload) {
        final ByteBuffer datagram = ByteBuffer.wrap(payload);
        if (checker.verify(datagram) != DatagramVerdict.VALID) {
            events.increment(CoordinatorEvent.BAD_MESSAGE);
            return;
        }
        try {
            view.decision(codec.decode(DecisionDatagram.payload(datagram), Decision.class), wallClock.millis());
        } catch (final InvalidMessageException ex) {
            events.increment(CoordinatorEvent.BAD_MESSAGE);
        }
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

    /** @return what happened to messages on the signed topics, by reason. */
    public EnumCounters<InboundEvent> inbound() {
        return mqtt.inbound();
    }

    /** @return authenticated results taken or refused by plausibility, by verdict. */
    public EnumCounters<ResultVerdict> results() {
        return verdicts;
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
            mqtt.publish(heartbeat(MemberState.GONE), 1, true);
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
