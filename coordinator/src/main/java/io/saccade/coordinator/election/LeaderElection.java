package io.saccade.coordinator.election;

import io.saccade.protocol.message.LeaderAnnouncement;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.MemberHeartbeat;
import io.saccade.protocol.message.MemberState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One member's view of the election, driven by what it hears on the membership and leader topics and by a
 * periodic {@link #evaluate}. No I/O: the service publishes what this class decides, which keeps every rule
 * testable with a fake clock.
 * <ul>
 *   <li>A member is <em>live</em> while its heartbeats keep coming (at most {@code timeout} apart) and it has not
 *       left (its {@link MemberState#GONE} heartbeat or Last Will).</li>
 *   <li>Leadership is sticky: the members follow the announced leader while it is live and its heartbeats say it
 *       still leads in the announced epoch (or the announcement is younger than one timeout, the time its next
 *       heartbeat needs to say so).</li>
 *   <li>Otherwise the <em>eligible</em> live member (frames arrive on its node) with the smallest id claims, after
 *       it has been connected for
 *       {@value #LISTEN_TIMEOUTS} timeouts (so it has heard the others and the retained announcement first, even on
 *       a machine busy starting other processes), with epoch
 *       {@code max(highest epoch seen + 1, wall-clock milliseconds)}: strictly above anything it saw, and above any
 *       earlier leadership even when a broker restart lost the retained announcement.</li>
 *   <li>Fencing: a leader steps down at once when it loses the broker or hears a leadership that supersedes its own
 *       (higher epoch, or the same epoch and a larger id: both racers agree on who won).</li>
 *   <li>A leader whose node stopped getting frames steps down when another live member is eligible, so a dead
 *       preprocess on the leader's node does not leave the robot without decisions.</li>
 * </ul>
 * Thread-safe: events arrive on the MQTT client's thread, evaluations on the service's timer; the decision thread
 * only reads {@link #leadership()}.
 */
public final class LeaderElection {
    /** Timeouts a member listens after (re)connecting before it may claim. */
    public static final int LISTEN_TIMEOUTS = 3;

    private final String self;
    private final long timeoutNanos;
    private final LongSupplier wallMillis;
    private final Map<String, Member> members = new HashMap<>();
    private LeaderStamp announced;
    private long announcedAtNanos;
    private long highestEpoch;
    private boolean connected;
    private long connectedSinceNanos;
    private boolean eligible;
    private long eligibleSinceNanos;
    private volatile LeaderStamp leadership;

    /** What the election knows of another member. */
    private record Member(long lastSeenNanos, long leaderEpoch, boolean eligible) {
    }

    /**
     * @param self         this member's id.
     * @param timeoutNanos how long a member stays live without a heartbeat; several heartbeat intervals.
     * @param wallMillis   wall-clock milliseconds, the floor of new epochs.
     */
    public LeaderElection(final String self, final long timeoutNanos, final LongSupplier wallMillis) {
        this.self = self;
        this.timeoutNanos = timeoutNanos;
        this.wallMillis = wallMillis;
    }

    /**
     * The broker connection came up; the member listens {@value #LISTEN_TIMEOUTS} timeouts before it may claim.
     *
     * @param nowNanos monotonic time.
     */
    public synchronized void connected(final long nowNanos) {
        connected = true;
        connectedSinceNanos = nowNanos;
    }

    /**
     * The broker connection was lost: a leader stops leading at once.
     *
     * @return the leadership given up, or {@code null} when this member did not lead.
     */
    public synchronized LeaderStamp disconnected() {
        connected = false;
        return stepDown();
    }

    /**
     * Another member's heartbeat (this member's own echo is ignored).
     *
     * @param heartbeat the heartbeat.
     * @param nowNanos  monotonic time of arrival.
     * @return the leadership this member gave up because the heartbeat shows a superseding one, or {@code null}.
     */
    public synchronized LeaderStamp heartbeat(final MemberHeartbeat heartbeat, final long nowNanos) {
        if (heartbeat.member().equals(self)) {
            return null;
        }
        raiseEpoch(heartbeat.highestEpoch());
        if (heartbeat.state() == MemberState.GONE) {
            members.remove(heartbeat.member());
            return null;
        }
        members.put(heartbeat.member(), new Member(nowNanos, heartbeat.leaderEpoch(), heartbeat.eligible()));
        if (heartbeat.leaderEpoch() > 0) {
            return fencedBy(new LeaderStamp(heartbeat.member(), heartbeat.leaderEpoch()), nowNanos);
        }
        return null;
    }

    /**
     * An announcement on the leader topic, possibly this member's own echo or a stale retained one.
     *
     * @param announcement the announcement.
     * @param nowNanos     monotonic time of arrival.
     * @return the leadership this member gave up because the announcement supersedes it, or {@code null}.
     */
    public synchronized LeaderStamp announcement(final LeaderAnnouncement announcement, final long nowNanos) {
        raiseEpoch(announcement.leader().epoch());
        return fencedBy(announcement.leader(), nowNanos);
    }

    private LeaderStamp fencedBy(final LeaderStamp stamp, final long nowNanos) {
        if (stamp.supersedes(announced)) {
            announced = stamp;
            announcedAtNanos = nowNanos;
        }
        return leadership != null && stamp.supersedes(leadership) ? stepDown() : null;
    }

    /**
     * Drops members that stopped heartbeating, gives up a leadership this member cannot serve, and claims leadership
     * when the rules say this member should.
     *
     * @param nowNanos     monotonic time.
     * @param framesArrive whether frames are arriving on this member's node; a member claims only after they have
     *                     for one timeout, so that the other members' heartbeats can say whether theirs do too.
     * @return what changed: a new leadership to announce, one given up, or neither.
     */
    public synchronized Change evaluate(final long nowNanos, final boolean framesArrive) {
        members.values().removeIf(member -> nowNanos - member.lastSeenNanos() > timeoutNanos);
        if (framesArrive && !eligible) {
            eligibleSinceNanos = nowNanos;
        }
        eligible = framesArrive;
        if (leadership != null) {
            return !eligible && anotherIsEligible() ? new Change(null, stepDown()) : Change.NONE;
        }
        if (!ready(nowNanos) || announcedLeaderHolds(nowNanos) || !isSmallestEligibleMember()) {
            return Change.NONE;
        }
        final LeaderStamp claimed = new LeaderStamp(self, Math.max(highestEpoch + 1, wallMillis.getAsLong()));
        highestEpoch = claimed.epoch();
        announced = claimed;
        announcedAtNanos = nowNanos;
        leadership = claimed;
        return new Change(claimed, null);
    }

    /**
     * Whether this member could lead now: connected and listening for {@value #LISTEN_TIMEOUTS} timeouts, and its
     * node getting frames for one timeout (frames reach every node at about the same time; the wait lets the other
     * members' heartbeats say whether theirs do too). Its heartbeats say so, and only members that can lead count
     * as candidates: a member still listening after a restart does not hold up a failover.
     *
     * @param nowNanos monotonic time, as passed to {@link #evaluate}.
     * @return whether this member is a candidate.
     */
    public synchronized boolean ready(final long nowNanos) {
        return eligible && nowNanos - eligibleSinceNanos >= timeoutNanos
            && connected && nowNanos - connectedSinceNanos >= LISTEN_TIMEOUTS * timeoutNanos;
    }

    /**
     * What an evaluation changed.
     *
     * @param claimed  a leadership this member now holds and must announce, or {@code null}.
     * @param givenUp  a leadership this member gave up, or {@code null}.
     */
    public record Change(LeaderStamp claimed, LeaderStamp givenUp) {
        /** Nothing changed. */
        public static final Change NONE = new Change(null, null);
    }

    private boolean anotherIsEligible() {
        return members.values().stream().anyMatch(Member::eligible);
    }

    private boolean announcedLeaderHolds(final long nowNanos) {
        if (announced == null || announced.leader().equals(self)) {
            return false;
        }
        final Member leader = members.get(announced.leader());
        return leader != null
            && (leader.leaderEpoch() == announced.epoch() || nowNanos - announcedAtNanos <= timeoutNanos);
    }

    private boolean isSmallestEligibleMember() {
        for (final Map.Entry<String, Member> member : members.entrySet()) {
            if (member.getValue().eligible() && member.getKey().compareTo(self) < 0) {
                return false;
            }
        }
        return true;
    }

    private LeaderStamp stepDown() {
        final LeaderStamp given = leadership;
        leadership = null;
        return given;
    }

    private void raiseEpoch(final long epoch) {
        highestEpoch = Math.max(highestEpoch, epoch);
    }

    /** @return this member's leadership while it leads, else {@code null}; cheap, for the decision thread. */
    public LeaderStamp leadership() {
        return leadership;
    }

    /** @return the highest epoch this member has seen or claimed. */
    public synchronized long highestEpoch() {
        return highestEpoch;
    }

    /** @return the leadership this member believes in (its own or another's), or {@code null}. */
    public synchronized LeaderStamp announced() {
        return announced;
    }

    /** @return the live members other than this one, sorted. */
    public synchronized List<String> liveMembers() {
        return members.keySet().stream().sorted().toList();
    }

}
