package io.saccade.runtime.mqtt;

import io.saccade.protocol.DefaultPorts;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * How a service reaches the broker.
 *
 * @param uri                  {@code tcp://host:port}, or {@code ssl://host:port} for TLS.
 * @param keepAliveSeconds     MQTT keep-alive; the broker fires the Will after 1.5x this without traffic.
 * @param connectTimeoutMillis how long one connection attempt may take.
 * @param reconnectMinMillis   first delay before reconnecting; doubled per failed attempt.
 * @param reconnectMaxMillis   longest delay between attempts.
 * @param username             user name; brokers of this project take no anonymous clients.
 * @param passwordFile         file holding the password (never on the command line), or empty.
 * @param caFile               with {@code ssl://}: PEM file of the certificate authorities the broker's certificate
 *                             must chain to (its host name is checked too); empty: the JVM's trust store.
 */
public record MqttConfig(String uri, int keepAliveSeconds, int connectTimeoutMillis, long reconnectMinMillis,
                           long reconnectMaxMillis, String username, String passwordFile, String caFile) {
    /** Settings for a local broker on the default port. */
    public static final MqttConfig DEFAULTS = new MqttConfig("tcp://127.0.0.1:" + DefaultPorts.MQTT, 5, 2_000, 100,
        5_000, "",
        "", "");

    /** Validates the settings. */
    public MqttConfig {
        final URI parsed = parse(uri);
        if (keepAliveSeconds < 1 || connectTimeoutMillis < 1) {
            throw new IllegalArgumentException("mqtt.keepAliveSeconds and mqtt.connectTimeoutMillis must be positive");
        }
        if (reconnectMinMillis < 1 || reconnectMaxMillis < reconnectMinMillis) {
            throw new IllegalArgumentException("mqtt reconnect delays must satisfy 1 <= min <= max, got "
                + reconnectMinMillis + ", " + reconnectMaxMillis);
        }
        username = username == null ? "" : username;
        passwordFile = passwordFile == null ? "" : passwordFile;
        caFile = caFile == null ? "" : caFile;
        if (!caFile.isBlank() && !"ssl".equals(parsed.getScheme())) {
            throw new IllegalArgumentException("mqtt.caFile is for TLS: mqtt.uri must be ssl://host:port, got '" + uri
                + "'");
        }
    }

    /**
     * @param brokerUri another broker.
     * @return these settings for that broker.
     */
    public MqttConfig withUri(final String brokerUri) {
        return new MqttConfig(brokerUri, keepAliveSeconds, connectTimeoutMillis, reconnectMinMillis,
            reconnectMaxMillis, username, passwordFile, caFile);
    }

    /**
     * @param user     the user name.
     * @param password the file holding its password.
     * @return these settings with those credentials.
     */
    public MqttConfig withCredentials(final String user, final String password) {
        return new MqttConfig(uri, keepAliveSeconds, connectTimeoutMillis, reconnectMinMillis, reconnectMaxMillis,
            user, password, caFile);
    }

    /** @return whether the connection uses TLS. */
    public boolean tls() {
        return uri.startsWith("ssl:");
    }

    /**
     * @param failedAttempts attempts that failed in a row, at least 1.
     * @return how long to wait before the next attempt.
     */
    public long reconnectDelayMillis(final int failedAttempts) {
        final int doublings = Math.min(failedAttempts - 1, 30);
        return Math.min(reconnectMaxMillis, reconnectMinMillis << doublings);
    }

    private static URI parse(final String uri) {
        try {
            final URI parsed = new URI(uri);
            if (!"tcp".equals(parsed.getScheme()) && !"ssl".equals(parsed.getScheme()) || parsed.getHost() == null
                || parsed.getPort() < 1) {
                throw new IllegalArgumentException("mqtt.uri must look like tcp://host:port or ssl://host:port, got '"
                    + uri + "'");
            }
            return parsed;
        } catch (final URISyntaxException | NullPointerException ex) {
            throw new IllegalArgumentException("mqtt.uri must look like tcp://host:port or ssl://host:port, got '"
                + uri + "'", ex);
        }
    }
}
