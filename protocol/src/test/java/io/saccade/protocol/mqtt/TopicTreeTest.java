package io.saccade.protocol.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopicTreeTest {
    private final TopicTree topics = new TopicTree(TopicTree.DEFAULT_PREFIX);

    @Test
    void shouldBuildEveryTopicUnderThePrefix() {
        assertEquals("saccade/results/7/ssd", topics.results(7, "ssd"));
        assertEquals("saccade/results/+/+", topics.allResults());
        assertEquals("saccade/decisions/7", topics.decisions(7));
        assertEquals("saccade/decisions/7/signed", topics.signedDecisions(7));
        assertEquals("saccade/status/node-1/accelerator-ssd", topics.status("node-1", "accelerator-ssd"));
        assertEquals("saccade/coordinators/members/coord-a", topics.member("coord-a"));
        assertEquals("saccade/coordinators/leader", topics.leader());
        assertEquals("saccade/plans/ssd", topics.plan("ssd"));
        assertEquals("saccade/ledgers/7", topics.ledgers(7));
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
        assertThrows(IllegalArgumentException.class, () -> topics.results(1, "a/b"));
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> topics.status("node 1", "x"));
        assertTrue(refused.getMessage().contains("node name"), refused.getMessage());
    }
}
