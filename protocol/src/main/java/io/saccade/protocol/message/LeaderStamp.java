package io.saccade.protocol.message;

/**
 * Which leadership produced a message. Receivers ignore anything stamped with an epoch below the highest they have
 * seen: that is the fence that keeps a deposed leader's late decisions out.
 *
 * @param leader member id of the leader.
 * @param epoch  its leadership epoch, strictly increasing across leaderships.
 */
public record LeaderStamp(String leader, long epoch) {
    /** Validates the fields. */
    public LeaderStamp {
        FieldRules.name(leader, "leader");
        FieldRules.notNegative(epoch, "epoch");
    }
}
