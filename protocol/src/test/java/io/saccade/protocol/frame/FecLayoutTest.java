package io.saccade.protocol.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FecLayoutTest {
    @Test
    void shouldPlaceEveryFragmentInExactlyOneGroupPositionAndBack() {
        for (int data = 1; data <= 40; data++) {
            for (int parity = 0; parity <= 12; parity++) {
                for (int groups = 1; groups <= Math.min(data, 5); groups++) {
                    assertBijective(data, parity, groups);
                }
            }
        }
    }

    @Test
    void shouldInterleaveDataAcrossGroups() {
        assertEquals(0, FecLayout.groupOf(0, 10, 3));
        assertEquals(1, FecLayout.groupOf(1, 10, 3));
        assertEquals(0, FecLayout.groupOf(3, 10, 3));
        assertEquals(1, FecLayout.shardInGroup(3, 10, 3));
        assertEquals(4, FecLayout.dataInGroup(0, 10, 3));
        assertEquals(3, FecLayout.dataInGroup(2, 10, 3));
    }

    @Test
    void shouldPutParityAfterTheGroupsData() {
        // 10 data, 4 parity, 3 groups: parity fragment 10 is group 0's first parity shard, after its 4 data shards.
        assertEquals(0, FecLayout.groupOf(10, 10, 3));
        assertEquals(4, FecLayout.shardInGroup(10, 10, 3));
        assertEquals(2, FecLayout.parityInGroup(0, 10, 14, 3));
        assertEquals(1, FecLayout.parityInGroup(2, 10, 14, 3));
    }

    @Test
    void shouldChooseEnoughGroupsForGaloisFieldLimit() {
        assertEquals(1, FecLayout.minimumGroupCount(200, 55));
        assertEquals(2, FecLayout.minimumGroupCount(200, 56));
        assertEquals(1, FecLayout.minimumGroupCount(1, 0));
    }

    private static void assertBijective(final int data, final int parity, final int groups) {
        final int fragments = data + parity;
        final Set<Long> positions = new HashSet<>();
        int dataTotal = 0;
        int parityTotal = 0;
        for (int group = 0; group < groups; group++) {
            dataTotal += FecLayout.dataInGroup(group, data, groups);
            parityTotal += FecLayout.parityInGroup(group, data, fragments, groups);
        }
        assertEquals(data, dataTotal);
        assertEquals(parity, parityTotal);
        for (int index = 0; index < fragments; index++) {
            final int group = FecLayout.groupOf(index, data, groups);
            final int shard = FecLayout.shardInGroup(index, data, groups);
            final int groupData = FecLayout.dataInGroup(group, data, groups);
            assertTrue(shard < groupData + FecLayout.parityInGroup(group, data, fragments, groups));
            assertEquals(index < data, shard < groupData, "data shards come first in a group");
            assertEquals(index, FecLayout.fragmentIndex(group, shard, data, groups));
            assertTrue(positions.add(((long)group << 32) | shard), "two fragments share a position");
        }
    }
}
