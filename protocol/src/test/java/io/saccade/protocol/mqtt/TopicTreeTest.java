package io.saccade.protocol.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.LeaderAnnouncement;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.MemberHeartbeat;
import io.saccade.protocol.message.MemberState;
import io.saccade.protocol.message.ResultTimings;
import io.saccade.protocol.message.ServiceRole;
import io.saccade.protocol.message.ServiceState;
import io.saccade.protocol.message.ServiceStatus;
import io.saccade.protocol.message.WorkPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicTreeTest {
    private final TopicTree topics = new TopicTree(TopicTree.DEFAULT_PREFIX);

    @Test
    void shouldBuildEveryTopicUnderThePrefix() {
        assertEquals("saccade/results/7/ssd/node-1", topics.results(7, "ssd", "node-1"));
        assertEquals("saccade/results/+/+/+", topics.allResults());
        assertEquals("saccade/decisions/7", topics.decisions(7));
        assertEquals("saccade/decisions/7/signed", topics.signedDecisions(7));
        assertEquals("saccade/decisions/+/signed", topics.allSignedDecisions());
        assertEquals("saccade/status/node-1/accelerator-ssd", topics.status("node-1", "accelerator-ssd"));
        assertEquals("saccade/coordinators/members/coord-a", topics.member("coord-a"));
        assertEquals("saccade/coordinators/leader", topics.leader());
        assertEquals("saccade/plans/ssd", topics.plan("ssd"));
        assertEquals("saccade/ledgers/7", topics.ledgers(7));
    }

    @Test
    void shouldNameTheOneTopicEachMessageBelongsOn() {
        final LeaderStamp leader = new LeaderStamp("coord-a", 5);
        assertEquals("saccade/results/7/ssd/node-2", topics.of(new InferenceResult(7, 1, 2, "ssd", "node-2", "CPU",
            new ResultTimings(0, 0, 0, 0, 0), List.of())));
        assertEquals("saccade/plans/ssd", topics.of(new WorkPlan(WorkPlan.VERSION, "ssd", leader, List.of(), 0)));
        assertEquals("saccade/coordinators/leader", topics.of(new LeaderAnnouncement(LeaderAnnouncement.VERSION,
            leader, List.of(), 0)));
        assertEquals("saccade/coordinators/members/coord-b", topics.of(new MemberHeartbeat(MemberHeartbeat.VERSION,
            "coord-b", "node-1", 1, MemberState.ALIVE, 0, 0, false, 0)));
        assertEquals("saccade/status/node-1/accelerator-ssd", topics.of(new ServiceStatus(ServiceStatus.VERSION,
            "node-1", "accelerator-ssd", ServiceRole.ACCELERATOR, ServiceState.READY, "ssd", "CPU", 0, 0, 0, 0, 0,
            null, 0)));
    }

    @Test
    void shouldAcceptMultiLevelPrefixesWithOrWithoutTrailingSlash() {
        assertEquals("site-a/saccade/decisions/1", new TopicTree("site-a/saccade").decisions(1));
        assertEquals("site-a/saccade/", new TopicTree("site-a/saccade/").prefix());
    }

    @Test
    void shouldRefuseWildcardsSeparatorsAndEmptyLevels() {
        assertThrows(IllegalArgumentException.class, () -> new TopicTree("a/+/b"));
        assertThrows(IllegalArgumentException.class, () -> new TopicTree("#"));
        assertThrows(IllegalArgumentException.class, () -> new TopicTree("a//b"));
        assertThrows(IllegalArgumentException.class, () -> new TopicTree("/"));
        assertThrows(IllegalArgumentException.class, () -> topics.results(1, "a/b", "n"));
        assertThrows(IllegalArgumentException.class, () -> topics.results(1, "m", "+"));
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> topics.status("node 1", "x"));
        assertTrue(refused.getMessage().contains("node name"), refused.getMessage());
    }
}
