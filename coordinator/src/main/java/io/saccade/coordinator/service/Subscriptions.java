package io.saccade.coordinator.service;

import io.saccade.coordinator.CoordinatorEvent;
import io.saccade.coordinator.dashboard.LiveView;
import io.saccade.coordinator.election.LeaderElection;
import io.saccade.coordinator.merge.WorkPlanner;
import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.decision.DatagramVerdict;
import io.saccade.protocol.decision.DecisionDatagram;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.InvalidMessageException;
import io.saccade.protocol.message.LeaderAnnouncement;
import io.saccade.protocol.message.MemberHeartbeat;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.message.ServiceStatus;
import io.saccade.protocol.message.WorkPlan;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.mqtt.SignedMqtt;
import io.saccade.runtime.telemetry.EnumCounters;
import java.nio.ByteBuffer;
import java.time.Clock;

/**
 * The replica's MQTT adapter: everything it listens to, each topic handed to the part that owns what it carries.
 * Signed topics are opened (authenticated, fresh, on their topic) before any handler sees them; heartbeats,
 * announcements and plans go to {@link ElectionDuty}, results to {@link ResultIntake}, service status to the
 * {@link WorkPlanner}, and the leader's robot-signed decision datagrams to a follower's dashboard. Handlers run on
 * the MQTT client's thread.
 */
final class Subscriptions {
    private final TopicTree topics;
    private final ElectionDuty duty;
    private final ResultIntake intake;
    private final WorkPlanner planner;
    private final LeaderElection election;
    private final LiveView view;
    private final EnumCounters<CoordinatorEvent> events;
    private final NanoClock clock;
    private final Clock wallClock;
    private final MessageCodec codec = new MessageCodec();

    /**
     * @param topics    the topic tree.
     * @param duty      the election.
     * @param intake    where results go.
     * @param planner   where service status goes.
     * @param election  whether this replica leads (a leader's view shows its own decisions).
     * @param view      the dashboard's live view.
     * @param events    where bad datagrams are counted.
     * @param clock     monotonic time.
     * @param wallClock the view's display time.
     */
    Subscriptions(final TopicTree topics, final ElectionDuty duty, final ResultIntake intake, final WorkPlanner planner,
                 final LeaderElection election, final LiveView view, final EnumCounters<CoordinatorEvent> events,
                 final NanoClock clock, final Clock wallClock) {
        this.topics = topics;
        this.duty = duty;
        this.intake = intake;
        this.planner = planner;
        this.election = election;
        this.view = view;
        this.events = events;
        this.clock = clock;
        this.wallClock = wallClock;
    }

    /**
     * @param mqtt      the connection.
     * @param robotKeys verify the leader's decision datagrams.
     */
    void subscribe(final SignedMqtt mqtt, final KeyRing robotKeys) {
        mqtt.subscribe(topics.allMembers(), 0, MemberHeartbeat.class, opened -> duty.onHeartbeat(opened.message()));
        mqtt.subscribe(topics.leader(), 1, LeaderAnnouncement.class,
            opened -> duty.onAnnouncement(opened.message()));
        mqtt.subscribe(topics.allResults(), 0, InferenceResult.class, intake::onResult);
        mqtt.subscribe(topics.allStatus(), 1, ServiceStatus.class,
            opened -> planner.status(opened.message(), clock.nanoTime()));
        mqtt.subscribe(topics.allPlans(), 1, WorkPlan.class, opened -> duty.onPlan(opened.message()));
        final DecisionDatagram leadersDecisions = new DecisionDatagram(new MessageAuthenticator(robotKeys));
        mqtt.subscribeUnsigned(topics.allSignedDecisions(), 0, (topic, payload) -> {
            if (election.leadership() == null) { // the leader's view is fed its own decisions, not their echo
                showLeadersDecision(leadersDecisions, payload);
            }
        });
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
}
