package io.saccade.runtime.config;

import io.saccade.protocol.DefaultPorts;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The command-line options that say how a service reaches the broker and as whom (a picocli mixin); the password
 * itself only ever in a file.
 */
public final class BrokerOptions {
    @Option(names = "--mqtt", paramLabel = "URI", description = "The broker, tcp://HOST:PORT or ssl://HOST:PORT "
        + "(default tcp://127.0.0.1:" + DefaultPorts.MQTT + ").")
    private String uri;
    @Option(names = "--mqtt-user", paramLabel = "USER", description = "Broker user name (etc/broker/acl: a node's "
        + "name, coordinator, robot-STREAM).")
    private String user;
    @Option(names = "--mqtt-password-file", paramLabel = "FILE", description = "File holding the broker password.")
    private String passwordFile;

    /**
     * @param overrides the flag values of a service's configuration, by dotted key; what was given is added.
     */
    public void addTo(final Map<String, Object> overrides) {
        overrides.put("mqtt.uri", uri);
        overrides.put("mqtt.username", user);
        overrides.put("mqtt.passwordFile", passwordFile);
    }
}
