package io.saccade.runtime.mqtt;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * How a service reaches the broker.
 *
 * @param uri                 {@code tcp://host:port} (or {@code ssl://...}).
 * @param keepAliveSeconds    MQTT keep-alive; the broker fires the Will after 1.5x this without traffic.
 * @param connectTimeoutMillis how long one connection attempt may take.
 * @param reconnectMinMillis  first delay before reconnecting; doubled per failed attempt.
 * @param reconnectMaxMillis  longest delay between attempts.
 * @param username            user name, or empty for anonymous.
 * @param passwordFile        file holding the password (never on the command line), or empty.
 */
public record MqttSettings(String uri, int keepAliveSeconds, int connectTimeoutMillis, long reconnectMinMillis,
                           long reconnectMaxMillis, String username, String passwordFile) {
    /** Settings for a local broker on the default port. */
    public static final MqttSettings DEFAULTS = new MqttSettings("tcp://127.0.0.1:1883", 5, 2_000, 100, 5_000, "",
        "");

    /** Validates the settings. */
    public MqttSettings {
        try {
            final URI parsed = new URI(uri);
            if (!"tcp".equals(parsed.getScheme()) && !"ssl".equals(parsed.getScheme()) || parsed.getHost() == null
                || parsed.getPort() < 1) {
                throw new IllegalArgumentException("mqtt.uri must look like tcp://host:port, got '" + uri + "'");
            }
        } catch (final URISyntaxException | NullPointerException ex) {
            throw new IllegalArgumentException("mqtt.uri must look like tcp://host:port, got '" + uri + "'", ex);
        }
        if (keepAliveSeconds < 1 || connectTimeoutMillis < 1) {
            throw new IllegalArgumentException("mqtt.keepAliveSeconds and mqtt.connectTimeoutMillis must be positive");
        }
        if (reconnectMinMillis < 1 || reconnectMaxMillis < reconnectMinMillis) {
            throw new IllegalArgumentException("mqtt reconnect delays must satisfy 1 <= min <= max, got "
                + reconnectMinMillis + ", " + reconnectMaxMillis);
        }
        username = username == null ? "" : username;
        passwordFile = passwordFile == null ? "" : passwordFile;
    }

    /**
     * @param brokerUri another broker.
     * @return these settings for that broker.
     */
    public MqttSettings withUri(final String brokerUri) {
        return new MqttSettings(brokerUri, keepAliveSeconds, connectTimeoutMillis, reconnectMinMillis,
            reconnectMaxMillis, username, passwordFile);
    }

    /**
     * @param failedAttempts attempts that failed in a row, at least 1.
     * @return how long to wait before the next attempt.
     */
    public long reconnectDelayMillis(final int failedAttempts) {
        final int doublings = Math.min(failedAttempts - 1, 30);
        return Math.min(reconnectMaxMillis, reconnectMinMillis << doublings);
    }
}
