package io.saccade.protocol.message;

/**
 * A coordinator replica's heartbeat on its membership topic; the {@link MemberState#GONE} form is its Last Will.
 *
 * @param version      layout version, {@value #VERSION}.
 * @param member       member id, unique among coordinators.
 * @param node         node it runs on.
 * @param incarnation  changes every time the member process starts, so a restart is not mistaken for continuity.
 * @param state        alive or gone.
 * @param highestEpoch the highest leadership epoch this member has seen.
 * @param leaderEpoch  the epoch this member leads in, or 0 while it does not lead; followers trust an announced
 *                     leader only while its heartbeats say it still leads.
 * @param eligible     whether this member could lead now: frames are arriving on its node, and it has listened
 *                     long enough since it connected; only eligible members are elected.
 * @param sentAtMillis wall-clock time of publishing, for display only.
 */
public record MemberHeartbeat(int version, String member, String node, long incarnation, MemberState state,
                              long highestEpoch, long leaderEpoch, boolean eligible, long sentAtMillis)
    implements Message {
    /** The layout version this build writes and reads. */
    public static final int VERSION = 1;

    /** Validates the fields. */
    public MemberHeartbeat {
        FieldRules.version(version, VERSION, "heartbeat");
        FieldRules.name(member, "member");
        FieldRules.name(node, "node");
        FieldRules.present(state, "state");
        FieldRules.notNegative(highestEpoch, "highestEpoch");
        FieldRules.notNegative(leaderEpoch, "leaderEpoch");
        if (leaderEpoch > highestEpoch) {
            throw new IllegalArgumentException("leaderEpoch " + leaderEpoch + " is above highestEpoch " + highestEpoch);
        }
    }
}
