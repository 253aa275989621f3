package io.saccade.protocol.message;

import java.util.List;

/**
 * Who leads, since which epoch, and the members it saw when elected; published retained.
 *
 * @param version         layout version, {@value #VERSION}.
 * @param leader          the leader and its epoch.
 * @param members         the live members at election time.
 * @param electedAtMillis wall-clock time of the election, for display only.
 */
public record LeaderAnnouncement(int version, LeaderStamp leader, List<String> members, long electedAtMillis)
    implements Message {
    /** The layout version this build writes and reads. */
    public static final int VERSION = 1;

    /** Validates the fields. */
    public LeaderAnnouncement {
        FieldRules.version(version, VERSION, "leader announcement");
        FieldRules.present(leader, "leader");
        members = FieldRules.list(members, "members");
        members.forEach(member -> FieldRules.name(member, "member"));
    }
}
