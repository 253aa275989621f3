package io.saccade.coordinator.election;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.message.LeaderAnnouncement;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.MemberHeartbeat;
import io.saccade.protocol.message.MemberState;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {
    private static final long MS = 1_000_000L;
    private static final long TIMEOUT = 300 * MS;
    /** When a member that connected at 0 may first claim. */
    private static final long LISTENED = LeaderElection.LISTEN_TIMEOUTS * TIMEOUT;

    private long wallMillis = 1_000;

    @Test
    void shouldNotClaimBeforeItHasListenedLongEnough() {
        final LeaderElection a = election("a");
        a.connected(0);

        assertNull(claim(a, LISTENED - 1));
        assertNotNull(claim(a, LISTENED));
    }

    @Test
    void shouldNeverClaimWhileDisconnected() {
        final LeaderElection a = election("a");

        assertNull(claim(a, 10 * TIMEOUT));
    }

    @Test
    void shouldLetTheSmallestLiveMemberClaimAndTheOthersWait() {
        final LeaderElection a = election("a");
        final LeaderElection b = election("b");
        a.connected(-LISTENED);
        b.connected(-LISTENED);
        a.heartbeat(alive("b", 0, 0), TIMEOUT);
        b.heartbeat(alive("a", 0, 0), TIMEOUT);

        assertNull(claim(b, TIMEOUT));
        final LeaderStamp claimed = claim(a, TIMEOUT);

        assertEquals(new LeaderStamp("a", 1_000), claimed);
        assertEquals(claimed, a.leadership());
    }

    @Test
    void shouldClaimAnEpochAboveEveryEpochItHasSeenEvenWhenTheWallClockIsBehind() {
        final LeaderElection a = election("a");
        a.connected(-LISTENED);
        a.heartbeat(new MemberHeartbeat(MemberHeartbeat.VERSION, "b", "node-1", 1, MemberState.GONE, 5_000, 0, false,
            0), 1);

        assertEquals(5_001, claim(a, TIMEOUT).epoch());
    }

    @Test
    void shouldClaimWithTheWallClockWhenTheRetainedEpochWasLost() {
        final LeaderElection a = election("a");
        a.connected(-LISTENED);
        wallMillis = 1_700_000_000_000L;

        assertEquals(1_700_000_000_000L, claim(a, TIMEOUT).epoch());
    }

    @Test
    void shouldFollowAnAnnouncedLeaderThatIsLiveEvenWhenItsIdIsLarger() {
        final LeaderElection a = election("a");
        a.connected(-LISTENED);
        a.announcement(announcement("c", 7), 0);
        a.heartbeat(alive("c", 7, 7), TIMEOUT);

        assertNull(claim(a, TIMEOUT), "leadership is sticky: a restarted smaller member does not take over");
        assertNull(claim(a, TIMEOUT + TIMEOUT / 2));
    }

    @Test
    void shouldTakeOverAtOnceWhenTheLeaderLeavesAndNextInLineIsThisMember() {
        final LeaderElection b = election("b");
        b.connected(-LISTENED);
        b.announcement(announcement("a", 7), 0);
        b.heartbeat(alive("a", 7, 7), TIMEOUT);
        b.heartbeat(alive("c", 7, 0), TIMEOUT);
        assertNull(claim(b, TIMEOUT));

        b.heartbeat(new MemberHeartbeat(MemberHeartbeat.VERSION, "a", "node-1", 1, MemberState.GONE, 7, 0, false, 0),
            TIMEOUT + MS);

        assertEquals(new LeaderStamp("b", 1_000), claim(b, TIMEOUT + 2 * MS));
    }

    @Test
    void shouldTakeOverWhenTheLeaderStopsHeartbeating() {
        final LeaderElection b = election("b");
        b.connected(-LISTENED);
        b.announcement(announcement("a", 7), 0);
        b.heartbeat(alive("a", 7, 7), TIMEOUT);

        assertNull(claim(b, 2 * TIMEOUT));
        assertNotNull(claim(b, 2 * TIMEOUT + 1));
    }

    @Test
    void shouldNotFollowALiveLeaderWhoseHeartbeatsSayItNoLongerLeads() {
        final LeaderElection b = election("b");
        b.connected(-LISTENED);
        b.announcement(announcement("c", 7), 0);
        b.heartbeat(alive("c", 7, 0), TIMEOUT + 1);

        assertNotNull(claim(b, TIMEOUT + 1), "c lost its leadership (e.g. reconnected); b is smallest and claims");
    }

    @Test
    void shouldTrustAFreshAnnouncementBeforeTheLeadersHeartbeatCatchesUp() {
        final LeaderElection c = election("c");
        c.connected(-LISTENED);
        c.heartbeat(alive("b", 0, 0), TIMEOUT);
        c.announcement(announcement("b", 7), TIMEOUT);

        assertNull(claim(c, TIMEOUT + MS));
    }

    @Test
    void shouldStepDownAtOnceWhenASupersedingLeadershipIsAnnounced() {
        final LeaderElection a = election("a");
        a.connected(-LISTENED);
        final LeaderStamp mine = claim(a, TIMEOUT);

        assertNull(a.announcement(announcement("a", mine.epoch()), TIMEOUT), "its own echo changes nothing");
        assertEquals(mine, a.leadership());
        assertEquals(mine, a.announcement(announcement("b", mine.epoch() + 1), TIMEOUT + MS));
        assertNull(a.leadership());
    }

    @Test
    void shouldResolveASameEpochRaceByIdOnBothSides() {
        final LeaderElection a = election("a");
        final LeaderElection b = election("b");
        a.connected(-LISTENED);
        b.connected(-LISTENED);
        final LeaderStamp ofA = claim(a, TIMEOUT);
        final LeaderStamp ofB = claim(b, TIMEOUT);
        assertEquals(ofA.epoch(), ofB.epoch(), "both claimed blind, with the same epoch");

        assertEquals(ofA, a.announcement(announcement("b", ofB.epoch()), TIMEOUT + MS));
        assertNull(b.announcement(announcement("a", ofA.epoch()), TIMEOUT + MS));

        assertNull(a.leadership());
        assertEquals(ofB, b.leadership());
    }

    @Test
    void shouldStepDownWhenAHeartbeatShowsASupersedingLeadership() {
        final LeaderElection a = election("a");
        a.connected(-LISTENED);
        final LeaderStamp mine = claim(a, TIMEOUT);

        assertEquals(mine, a.heartbeat(alive("b", mine.epoch() + 3, mine.epoch() + 3), TIMEOUT + MS));
    }

    @Test
    void shouldStepDownWhenTheBrokerIsLostAndClaimANewEpochLater() {
        final LeaderElection a = election("a");
        a.connected(-LISTENED);
        final LeaderStamp first = claim(a, TIMEOUT);

        assertEquals(first, a.disconnected());
        assertNull(a.leadership());
        assertNull(claim(a, 2 * TIMEOUT), "not while disconnected");

        a.connected(3 * TIMEOUT);
        assertNull(claim(a, 3 * TIMEOUT + LISTENED - 1), "listens again after reconnecting");
        final LeaderStamp second = claim(a, 3 * TIMEOUT + LISTENED);
        assertTrue(second.supersedes(first));
    }

    @Test
    void shouldIgnoreItsOwnHeartbeatsAndForgetSilentMembers() {
        final LeaderElection a = election("b");
        a.connected(-LISTENED);
        a.heartbeat(alive("b", 0, 0), 0);
        a.heartbeat(alive("a", 0, 0), 0);

        assertEquals(List.of("a"), a.liveMembers());
        claim(a, TIMEOUT + 1);
        assertEquals(List.of(), a.liveMembers());
    }

    @Test
    void shouldNotLetAMemberWithoutFramesLeadOrBlockTheOthers() {
        final LeaderElection a = election("a");
        final LeaderElection b = election("b");
        a.connected(-LISTENED);
        b.connected(-LISTENED);
        a.heartbeat(alive("b", 0, 0, true), TIMEOUT);
        b.heartbeat(alive("a", 0, 0, false), TIMEOUT);

        assertEquals(LeaderElection.Change.NONE, a.evaluate(TIMEOUT, false), "a's node gets no frames");
        assertEquals("b", claim(b, TIMEOUT).leader(), "a is smaller but not eligible");
    }

    @Test
    void shouldWaitOneTimeoutAfterItsFramesStartSoThatASmallerMembersFramesAreHeardOf() {
        final LeaderElection b = election("b");
        b.connected(-LISTENED);
        b.heartbeat(alive("a", 0, 0, false), 0);

        assertNull(b.evaluate(0, true).claimed(), "frames just started here");
        b.heartbeat(alive("a", 0, 0, true), TIMEOUT / 2);
        assertNull(b.evaluate(TIMEOUT, true).claimed(), "a has them too, and a is smaller");
    }

    @Test
    void shouldBeACandidateOnlyOnceItHasListenedAndHadFramesLongEnough() {
        final LeaderElection a = election("a");
        a.connected(0);
        a.evaluate(0, true);

        assertFalse(a.ready(TIMEOUT), "still listening after connecting");
        assertTrue(a.ready(LISTENED));
        a.evaluate(LISTENED + 1, false);
        assertFalse(a.ready(LISTENED + 2), "frames stopped");
    }

    @Test
    void shouldStepDownWhenItsNodeLosesTheFramesAndAnotherMemberHasThem() {
        final LeaderElection a = election("a");
        a.connected(-LISTENED);
        final LeaderStamp mine = claim(a, TIMEOUT);

        assertEquals(LeaderElection.Change.NONE, a.evaluate(TIMEOUT + MS, false), "nobody else has frames: stay");
        assertEquals(mine, a.leadership());
        a.heartbeat(alive("b", mine.epoch(), 0, true), TIMEOUT + 2 * MS);

        assertEquals(mine, a.evaluate(TIMEOUT + 3 * MS, false).givenUp());
        assertNull(a.leadership());
        assertEquals(LeaderElection.Change.NONE, a.evaluate(TIMEOUT + 4 * MS, false));
    }

    private LeaderElection election(final String self) {
        return new LeaderElection(self, TIMEOUT, () -> wallMillis);
    }

    private static MemberHeartbeat alive(final String member, final long highest, final long leading) {
        return alive(member, highest, leading, true);
    }

    private static MemberHeartbeat alive(final String member, final long highest, final long leading,
                                         final boolean eligible) {
        return new MemberHeartbeat(MemberHeartbeat.VERSION, member, "node-1", 1, MemberState.ALIVE, highest, leading,
            eligible, 0);
    }

    /** An evaluation on a node that has had frames for a while; returns the leadership claimed, if any. */
    private static LeaderStamp claim(final LeaderElection election, final long now) {
        election.evaluate(-LISTENED, true); // frames have been arriving since long before
        return election.evaluate(now, true).claimed();
    }

    private static LeaderAnnouncement announcement(final String leader, final long epoch) {
        return new LeaderAnnouncement(LeaderAnnouncement.VERSION, new LeaderStamp(leader, epoch), List.of(leader), 0);
    }
}
