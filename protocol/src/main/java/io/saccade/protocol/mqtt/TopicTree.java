package io.saccade.protocol.mqtt;

import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.LatencyLedger;
import io.saccade.protocol.message.LeaderAnnouncement;
import io.saccade.protocol.message.MemberHeartbeat;
import io.saccade.protocol.message.Message;
import io.saccade.protocol.message.ServiceStatus;
import io.saccade.protocol.message.WorkPlan;
import java.util.regex.Pattern;

/**
 * The MQTT topic tree under a configurable prefix (default {@value #DEFAULT_PREFIX}). Every topic and filter
 * Saccade publishes or subscribes to is built here; the tree is documented in {@code protocol/spec/asyncapi.yaml}.
 * <pre>
 *  {prefix}results/{stream}/{model}/{node} inference results          QoS 0, signed
 *  {prefix}decisions/{stream}             decisions (JSON)             QoS 0
 *  {prefix}decisions/{stream}/signed      decisions as signed datagrams QoS 0, the robot's fallback
 *  {prefix}status/{node}/{service}        service status, Last Will    QoS 1, retained, signed
 *  {prefix}coordinators/members/{member}  membership heartbeats        QoS 0, Last Will, signed
 *  {prefix}coordinators/leader            leader and epoch             QoS 1, retained, signed
 *  {prefix}plans/{model}                  work split between nodes     QoS 1, retained, signed
 *  {prefix}ledgers/{stream}               sampled latency ledgers      QoS 0
 * </pre>
 * Signed topics carry {@link SignedEnvelope}s; {@link #of(Message)} says where a message belongs, so that a receiver
 * can refuse one published under another message's topic.
 */
public final class TopicTree {
    /** The prefix used when none is configured. */
    public static final String DEFAULT_PREFIX = "saccade/";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String prefix;

    /**
     * @param prefix one or more topic levels, e.g. {@code saccade/} or {@code site-a/saccade}; a trailing slash is
     *               added when missing.
     */
    public TopicTree(final String prefix) {
        final String normalised = prefix.endsWith("/") ? prefix : prefix + "/";
        for (final String level : normalised.substring(0, normalised.length() - 1).split("/", -1)) {
            requireSegment(level, "topic prefix level");
        }
        this.prefix = normalised;
    }

    /**
     * Checks that a value can be one topic level: 1 to 64 of {@code A-Z a-z 0-9 . _ -}, so no wildcard, separator or
     * control character can reach a topic.
     *
     * @param value the candidate level.
     * @param what  what the value is, for the message.
     * @return the value.
     * @throws IllegalArgumentException naming the value and what it is.
     */
    public static String requireSegment(final String value, final String what) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-64 characters of A-Z a-z 0-9 . _ -, got "
                + (value == null ? "nothing" : "'" + value + "'"));
        }
        return value;
    }

    /** @return the prefix, ending in a slash. */
    public String prefix() {
        return prefix;
    }

    /**
     * @param streamId stream (robot) id.
     * @param model    model id.
     * @param node     the node the model ran on; a broker's ACL lets each node publish under its own name only.
     * @return where that node's results of that model for that stream are published.
     */
    public String results(final long streamId, final String model, final String node) {
        return prefix + "results/" + streamId + "/" + requireSegment(model, "model id") + "/"
            + requireSegment(node, "node name");
    }

    /** @return a filter matching every result topic. */
    public String allResults() {
        return prefix + "results/+/+/+";
    }

    /**
     * @param streamId stream (robot) id.
     * @return where decisions for that stream are published.
     */
    public String decisions(final long streamId) {
        return prefix + "decisions/" + streamId;
    }

    /**
     * @param streamId stream (robot) id.
     * @return where decisions for that stream are published as signed decision datagrams, the form the robot
     *     accepts on its MQTT fallback.
     */
    public String signedDecisions(final long streamId) {
        return prefix + "decisions/" + streamId + "/signed";
    }

    /** @return a filter matching every signed decisions topic. */
    public String allSignedDecisions() {
        return prefix + "decisions/+/signed";
    }

    /** @return a filter matching every (JSON) decision topic. */
    public String allDecisions() {
        return prefix + "decisions/+";
    }

    /**
     * @param node    node name.
     * @param service service instance name.
     * @return where that service publishes its status.
     */
    public String status(final String node, final String service) {
        return prefix + "status/" + requireSegment(node, "node name") + "/" + requireSegment(service, "service name");
    }

    /** @return a filter matching every status topic. */
    public String allStatus() {
        return prefix + "status/+/+";
    }

    /**
     * @param member coordinator member id.
     * @return where that member heartbeats.
     */
    public String member(final String member) {
        return prefix + "coordinators/members/" + requireSegment(member, "member id");
    }

    /** @return a filter matching every membership topic. */
    public String allMembers() {
        return prefix + "coordinators/members/+";
    }

    /** @return where the leader and its epoch are announced. */
    public String leader() {
        return prefix + "coordinators/leader";
    }

    /**
     * @param model model id.
     * @return where the work plan for that model is announced.
     */
    public String plan(final String model) {
        return prefix + "plans/" + requireSegment(model, "model id");
    }

    /** @return a filter matching every plan topic. */
    public String allPlans() {
        return prefix + "plans/+";
    }

    /**
     * @param streamId stream (robot) id.
     * @return where sampled latency ledgers of that stream are published.
     */
    public String ledgers(final long streamId) {
        return prefix + "ledgers/" + streamId;
    }

    /**
     * @param message a message.
     * @return the one topic it may be published on: a receiver refuses it anywhere else.
     */
    public String of(final Message message) {
        return switch (message) {
            case InferenceResult result -> results(result.streamId(), result.model(), result.node());
            case ServiceStatus status -> status(status.node(), status.service());
            case MemberHeartbeat heartbeat -> member(heartbeat.member());
            case LeaderAnnouncement announcement -> leader();
            case WorkPlan plan -> plan(plan.model());
            case Decision decision -> decisions(decision.streamId());
            case LatencyLedger ledger -> ledgers(ledger.streamId());
        };
    }

    /** @return a filter matching every ledger topic. */
    public String allLedgers() {
        return prefix + "ledgers/+";
    }
}
