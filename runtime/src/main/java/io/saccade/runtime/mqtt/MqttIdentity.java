package io.saccade.runtime.mqtt;

import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.KeyRole;
import io.saccade.runtime.config.ConfigException;
import io.saccade.runtime.config.KeysConfig;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Who a service is on the broker and which keys it holds: its sender id (also its MQTT client id), the role it signs
 * as, and the rings it accepts messages signed with.
 *
 * @param sender             the sender id, e.g. {@code node-1/accelerator-ssd}; unique among the broker's clients.
 * @param signsAs            the role whose signing key seals this service's messages.
 * @param keys               the rings held, by role; must include {@code signsAs}.
 * @param maxClockSkewMillis how far a sender's clock may run ahead of this one's.
 */
public record MqttIdentity(String sender, KeyRole signsAs, Map<KeyRole, KeyRing> keys, long maxClockSkewMillis) {
    /** Validates the identity. */
    public MqttIdentity {
        if (sender == null || sender.isBlank()) {
            throw new IllegalArgumentException("an MQTT identity needs a sender id");
        }
        keys = Map.copyOf(new EnumMap<>(keys));
        if (!keys.containsKey(signsAs)) {
            throw new IllegalArgumentException(sender + " signs as " + signsAs + " but holds no such key");
        }
        if (maxClockSkewMillis < 0) {
            throw new IllegalArgumentException("maxClockSkewMillis must not be negative, got " + maxClockSkewMillis);
        }
    }

    /**
     * Reads the configured key files.
     *
     * @param sender  the sender id.
     * @param signsAs the role this service signs as.
     * @param keys    the configured keys.
     * @return the identity.
     * @throws ConfigException when a key file cannot be read, or the signing role's key is not configured.
     */
    public static MqttIdentity load(final String sender, final KeyRole signsAs, final KeysConfig keys) {
        final Map<KeyRole, KeyRing> rings = keys.load();
        if (!rings.containsKey(signsAs)) {
            final String role = signsAs.name().toLowerCase(Locale.ROOT);
            throw new ConfigException(sender + " signs its MQTT messages with the " + role + " key: set keys." + role
                + ".file");
        }
        return new MqttIdentity(sender, signsAs, rings, keys.maxClockSkewMillis());
    }

    /** @return the ring this service signs with. */
    public KeyRing signing() {
        return keys.get(signsAs);
    }
}
