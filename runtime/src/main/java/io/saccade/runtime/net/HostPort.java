package io.saccade.runtime.net;

import java.net.InetSocketAddress;

/** The {@code host:port} settings every service takes (IPv6 hosts in brackets), checked the same way everywhere. */
public final class HostPort {
    private HostPort() {
    }

    /**
     * @param value   {@code host:port} or {@code [v6-host]:port}.
     * @param setting the setting's name, for the message.
     * @param minPort the lowest port allowed: 0 where the OS may choose, 1 for a peer's address.
     * @return the address, unresolved-safe (resolution is the caller's business).
     * @throws IllegalArgumentException naming the setting and the value.
     */
    public static InetSocketAddress parse(final String value, final String setting, final int minPort) {
        final int colon = value == null ? -1 : value.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException(setting + ": '" + value + "' must be host:port");
        }
        final int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (final NumberFormatException ex) {
            throw new IllegalArgumentException(setting + ": '" + value + "' has no numeric port", ex);
        }
        if (port < minPort || port > 65535) {
            throw new IllegalArgumentException(setting + ": '" + value + "' port must be " + minPort + "..65535");
        }
        return new InetSocketAddress(value.substring(0, colon).replace("[", "").replace("]", ""), port);
    }
}
