package io.saccade.coordinator.service;

import io.saccade.coordinator.CoordinatorEvent;
import io.saccade.coordinator.dashboard.Dashboard;
import io.saccade.coordinator.election.LeaderElection;
import io.saccade.coordinator.ledger.LedgerKeeper;
import io.saccade.coordinator.merge.WorkPlanner;
import io.saccade.protocol.message.EpochBound;
import io.saccade.protocol.message.LatencyLedger;
import io.saccade.protocol.message.LeaderAnnouncement;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.MemberHeartbeat;
import io.saccade.protocol.message.MemberState;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.message.WorkPlan;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.mqtt.SignedMqtt;
import io.saccade.runtime.telemetry.EnumCounters;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * The replica's part in the election and, while it leads, the leader's duties: the periodic {@link #tick()} (on the
 * housekeeping agent) evaluates the election, announces a claimed leadership, heartbeats, publishes changed work
 * plans and due latency ledgers; the MQTT adapters hand it heartbeats, announcements and plans of the other members,
 * each epoch bounded by this replica's clock first ({@link EpochBound}). A peer's Last Will asks for an election at
 * once rather than at the next tick.
 */
final class ElectionDuty {
    private static final System.Logger LOG = System.getLogger(ElectionDuty.class.getName());

    private final CoordinatorConfig config;
    private final LeaderElection election;
    private final WorkPlanner planner;
    private final LedgerKeeper ledgers;
    private final EnumCounters<CoordinatorEvent> events;
    private final EpochBound epochs;
    private final TopicTree topics;
    private final LongPredicate eligible;
    private final Runnable electNow;
    private final NanoClock clock;
    private final Clock wallClock;
    private final MessageCodec codec = new MessageCodec();
    private final long incarnation;
    private volatile SignedMqtt mqtt;

    /**
     * @param config    the settings.
     * @param election  the election state.
     * @param planner   the work plans.
     * @param ledgers   the latency ledgers the leader publishes.
     * @param events    where changes are counted.
     * @param eligible  whether this member could decide now (its node gets frames), given the time.
     * @param electNow  has {@link #tick()} run as soon as possible on its own thread.
     * @param clock     monotonic time.
     * @param wallClock new epochs, display fields.
     */
    ElectionDuty(final CoordinatorConfig config, final LeaderElection election, final WorkPlanner planner,
                 final LedgerKeeper ledgers, final EnumCounters<CoordinatorEvent> events, final LongPredicate eligible,
                 final Runnable electNow, final NanoClock clock, final Clock wallClock) {
        this.config = config;
        this.election = election;
        this.planner = planner;
        this.ledgers = ledgers;
        this.events = events;
        this.eligible = eligible;
        this.electNow = electNow;
        this.clock = clock;
        this.wallClock = wallClock;
        this.topics = new TopicTree(config.topicPrefix());
        this.epochs = new EpochBound(wallClock::millis, config.keys().maxClockSkewMillis());
        this.incarnation = wallClock.millis();
    }

    /** @param connection the broker connection the duties publish on, once it exists. */
    void publishOn(final SignedMqtt connection) {
        this.mqtt = connection;
    }

    /** Evaluate, heartbeat, and as leader publish changed plans and due ledgers; on the housekeeping agent. */
    void tick() {
        final SignedMqtt connection = mqtt;
        final long now = clock.nanoTime();
        final LeaderElection.Change change = election.evaluate(now, eligible.test(now));
        stepDownIf(change.givenUp());
        final LeaderStamp claimed = change.claimed();
        if (claimed != null) {
            events.increment(CoordinatorEvent.ELECTED);
            planner.forgetPublished();
            connection.publish(new LeaderAnnouncement(LeaderAnnouncement.VERSION, claimed, members(),
                wallClock.millis()), 1, true);
            LOG.log(System.Logger.Level.INFO, "{0} leads in epoch {1,number,#}", config.member(), claimed.epoch());
        }
        connection.publish(heartbeat(MemberState.ALIVE), 0, false);
        final LeaderStamp leading = election.leadership();
        if (leading != null) {
            publishPlans(connection, leading, now);
        }
        for (final LatencyLedger ledger : ledgers.due(now)) {
            if (leading != null) {
                connection.publishUnsigned(topics.ledgers(ledger.streamId()), codec.encode(ledger), 0, false);
            }
        }
    }

    private void publishPlans(final SignedMqtt connection, final LeaderStamp leading, final long now) {
        planner.changes(now).forEach((model, nodes) -> {
            if (connection.publish(new WorkPlan(WorkPlan.VERSION, model, leading, nodes, wallClock.millis()), 1,
                true)) {
                planner.published(model, nodes);
                events.increment(CoordinatorEvent.PLAN_PUBLISHED);
                LOG.log(System.Logger.Level.INFO, "plan for {0}: {1}", model, nodes.isEmpty() ? "no node" : nodes);
            }
        });
    }

    /**
     * @param state ALIVE, or GONE for the Last Will and a clean stop.
     * @return this member's heartbeat now.
     */
    MemberHeartbeat heartbeat(final MemberState state) {
        final LeaderStamp leading = election.leadership();
        return new MemberHeartbeat(MemberHeartbeat.VERSION, config.member(), config.node(), incarnation, state,
            election.highestEpoch(), state == MemberState.ALIVE && leading != null ? leading.epoch() : 0,
            state == MemberState.ALIVE && election.ready(clock.nanoTime()), wallClock.millis());
    }

    /** A member's heartbeat or Last Will; on the MQTT client's thread. */
    void onHeartbeat(final MemberHeartbeat heartbeat) {
        if (!admitted(heartbeat.highestEpoch())) { // highestEpoch bounds leaderEpoch too
            return;
        }
        stepDownIf(election.heartbeat(heartbeat, clock.nanoTime()));
        if (heartbeat.state() == MemberState.GONE && !heartbeat.member().equals(config.member())) {
            electNow.run(); // a leader's Last Will: elect now, not at the next tick
        }
    }

    /** A leader's announcement; on the MQTT client's thread. */
    void onAnnouncement(final LeaderAnnouncement announcement) {
        if (admitted(announcement.leader().epoch())) {
            stepDownIf(election.announcement(announcement, clock.nanoTime()));
        }
    }

    /** A published work plan, this replica's or another leader's; on the MQTT client's thread. */
    void onPlan(final WorkPlan plan) {
        if (admitted(plan.leader().epoch())) {
            planner.observed(plan.model(), plan.nodes());
        }
    }

    void onConnected() {
        election.connected(clock.nanoTime());
    }

    void onConnectionLost() {
        stepDownIf(election.disconnected());
    }

    /** The stamp decisions carry: only while this member leads and the broker is there to fence it. */
    LeaderStamp leadership() {
        final LeaderStamp stamp = election.leadership();
        final SignedMqtt connection = mqtt;
        return stamp != null && connection != null && connection.isConnected() ? stamp : null;
    }

    /** @return the dashboard's view of the membership. */
    Dashboard.Membership membership() {
        return new Dashboard.Membership(config.member(), config.node(), election.announced(),
            election.leadership() != null, members());
    }

    private List<String> members() {
        final List<String> members = new ArrayList<>(election.liveMembers());
        members.add(config.member());
        return members.stream().sorted().toList();
    }

    private void stepDownIf(final LeaderStamp givenUp) {
        if (givenUp != null) {
            events.increment(CoordinatorEvent.STEPPED_DOWN);
            LOG.log(System.Logger.Level.WARNING, "{0} gave up epoch {1,number,#}", config.member(), givenUp.epoch());
        }
    }

    /** Whether an epoch from a peer is within this replica's clock plus the skew allowance; counted when not. */
    private boolean admitted(final long epoch) {
        if (epochs.admits(epoch)) {
            return true;
        }
        events.increment(CoordinatorEvent.FUTURE_EPOCH);
        return false;
    }
}
