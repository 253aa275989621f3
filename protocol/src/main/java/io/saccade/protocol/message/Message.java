package io.saccade.protocol.message;

/**
 * A message Saccade publishes on MQTT. Each type carries the version of its own layout; {@link MessageCodec} refuses
 * a version it does not read before looking at anything else.
 */
public sealed interface Message
    permits InferenceResult, Decision, ServiceStatus, MemberHeartbeat, LeaderAnnouncement, WorkPlan, LatencyLedger {
    /** @return the layout version of this message. */
    int version();
}
