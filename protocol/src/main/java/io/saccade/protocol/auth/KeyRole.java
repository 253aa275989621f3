package io.saccade.protocol.auth;

import io.saccade.protocol.message.Message;
import io.saccade.protocol.message.ServiceRole;
import io.saccade.protocol.message.ServiceStatus;

/**
 * What a key may vouch for. Keys are given by role so that a leaked key of one role cannot forge the other's
 * messages; {@code docs/security.md} lists what a holder of each can do.
 */
public enum KeyRole {
    /**
     * Shared by the robot and the cluster nodes that talk to it: frame fragments, decisions, receipts, clock probes,
     * and the robot's own status on MQTT.
     */
    ROBOT,
    /**
     * Held by the cluster's services only: inference results, service status, coordinator heartbeats, leader
     * announcements and work plans.
     */
    CLUSTER;

    /**
     * @param message a message that arrived in a signed envelope ({@code io.saccade.protocol.mqtt.SignedEnvelope}).
     * @return whether a key of this role may vouch for it: the robot's key only for the robot's own status, the
     *     cluster key for everything.
     */
    public boolean mayVouchFor(final Message message) {
        return this == CLUSTER || message instanceof ServiceStatus status && status.role() == ServiceRole.ROBOT;
    }
}
