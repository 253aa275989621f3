package io.saccade.protocol.frame;

/**
 * Where each fragment of a frame sits in the forward-error-correction groups.
 * <p>
 * A frame of {@code D} data fragments and {@code P} parity fragments is interleaved over {@code G} groups: data
 * fragment {@code i} belongs to group {@code i % G}, parity fragment {@code D + j} to group {@code j % G}. Inside a
 * group the data shards come first, in fragment order, then the parity shards. Interleaving spreads a burst of
 * lost datagrams over several groups; each group is one Reed-Solomon code word of at most
 * {@link FrameFragmentDescriptor#MAX_SHARDS_PER_GROUP} shards. Everything is derived from the three counts every
 * fragment carries, so any single fragment is self-describing.
 */
public final class FecLayout {
    private FecLayout() {
    }

    /**
     * Group a fragment belongs to.
     *
     * @param fragmentIndex index of the fragment in the frame.
     * @param dataCount     data fragments in the frame.
     * @param groupCount    FEC groups in the frame.
     * @return the group, in {@code [0, groupCount)}.
     */
    public static int groupOf(final int fragmentIndex, final int dataCount, final int groupCount) {
        return fragmentIndex < dataCount ? fragmentIndex % groupCount : (fragmentIndex - dataCount) % groupCount;
    }

    /**
     * Position of a fragment inside its group's code word: data shards first, then parity shards.
     *
     * @param fragmentIndex index of the fragment in the frame.
     * @param dataCount     data fragments in the frame.
     * @param groupCount    FEC groups in the frame.
     * @return the shard index inside the group.
     */
    public static int shardInGroup(final int fragmentIndex, final int dataCount, final int groupCount) {
        if (fragmentIndex < dataCount) {
            return fragmentIndex / groupCount;
        }
        final int parity = fragmentIndex - dataCount;
        return dataInGroup(parity % groupCount, dataCount, groupCount) + parity / groupCount;
    }

    /**
     * Fragment index of a shard of a group: the inverse of {@link #groupOf} and {@link #shardInGroup}.
     *
     * @param group      the group.
     * @param shard      shard index inside the group.
     * @param dataCount  data fragments in the frame.
     * @param groupCount FEC groups in the frame.
     * @return the fragment index in the frame.
     */
    public static int fragmentIndex(final int group, final int shard, final int dataCount, final int groupCount) {
        final int groupData = dataInGroup(group, dataCount, groupCount);
        return shard < groupData ? group + shard * groupCount : dataCount + group + (shard - groupData) * groupCount;
    }

    /**
     * Data shards in a group.
     *
     * @param group      the group.
     * @param dataCount  data fragments in the frame.
     * @param groupCount FEC groups in the frame.
     * @return how many of the frame's data fragments the group holds.
     */
    public static int dataInGroup(final int group, final int dataCount, final int groupCount) {
        return membersOf(group, dataCount, groupCount);
    }

    /**
     * Parity shards in a group.
     *
     * @param group         the group.
     * @param dataCount     data fragments in the frame.
     * @param fragmentCount all fragments in the frame.
     * @param groupCount    FEC groups in the frame.
     * @return how many of the frame's parity fragments the group holds.
     */
    public static int parityInGroup(final int group, final int dataCount, final int fragmentCount,
        final int groupCount) {
        return membersOf(group, fragmentCount - dataCount, groupCount);
    }

    /**
     * Fewest groups that keep every code word within {@link FrameFragmentDescriptor#MAX_SHARDS_PER_GROUP} shards.
     *
     * @param dataCount   data fragments in the frame.
     * @param parityCount parity fragments in the frame.
     * @return the group count a sender should use.
     */
    public static int minimumGroupCount(final int dataCount, final int parityCount) {
        final int shards = dataCount + parityCount;
        return Math.max(1, (shards + FrameFragmentDescriptor.MAX_SHARDS_PER_GROUP - 1)
            / FrameFragmentDescriptor.MAX_SHARDS_PER_GROUP);
    }

    private static int membersOf(final int group, final int count, final int groupCount) {
        return count > group ? (count - group + groupCount - 1) / groupCount : 0;
    }
}
