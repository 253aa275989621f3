package io.saccade.protocol.message;

/**
 * Which leadership produced a message. Receivers ignore anything stamped below the highest stamp they have seen
 * (by epoch, then leader id): that is the fence that keeps a deposed leader's late decisions out.
 *
 * @param leader member id of the leader.
 * @param epoch  its leadership epoch, strictly increasing across leaderships.
 */
public record LeaderStamp(String leader, long epoch) implements Comparable<LeaderStamp> {
    /** Validates the fields. */
    public LeaderStamp {
        FieldRules.name(leader, "leader");
        FieldRules.notNegative(epoch, "epoch");
    }

    /**
     * Orders leaderships by epoch, then by leader id, so that two members that claimed the same epoch in a race
     * still have a winner every receiver agrees on.
     */
    @Override
    public int compareTo(final LeaderStamp other) {
        final int byEpoch = Long.compare(epoch, other.epoch);
        return byEpoch != 0 ? byEpoch : leader.compareTo(other.leader);
    }

    /**
     * @param other another leadership, or {@code null}.
     * @return whether this one fences the other off: it is newer, or there is no other.
     */
    public boolean supersedes(final LeaderStamp other) {
        return other == null || compareTo(other) > 0;
    }
}
