package io.saccade.runtime.health;

import io.saccade.runtime.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The secret an HTTP request must present to read a service's metrics or dashboard: as a bearer token, or as the
 * password of HTTP Basic authentication (any user name). Compared in constant time. Read from a file, never from a
 * command line.
 */
public final class AccessToken {
    /** No token: every request is admitted (the server binds loopback unless told otherwise). */
    public static final AccessToken NONE = new AccessToken(null);

    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";

    private final byte[] secret;

    private AccessToken(final byte[] secret) {
        this.secret = secret;
    }

    /**
     * @param token the token, at least one character that is not white space.
     * @return it.
     */
    public static AccessToken of(final String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an access token must not be empty");
        }
        return new AccessToken(token.strip().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param file a file holding the token (surrounding white space ignored); blank for {@link #NONE}.
     * @return the token.
     * @throws ConfigException when the file cannot be read or holds nothing.
     */
    public static AccessToken fromFile(final String file) {
        if (file == null || file.isBlank()) {
            return NONE;
        }
        try {
            final String token = Files.readString(Path.of(file));
            if (token.isBlank()) {
                throw new ConfigException("health token file " + file + " is empty");
            }
            return of(token);
        } catch (final IOException ex) {
            throw new ConfigException("cannot read the health token file " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @param authorization the request's {@code Authorization} header, or {@code null}.
     * @return whether it carries this token (always, for {@link #NONE}).
     */
    public boolean admits(final String authorization) {
        if (secret == null) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return matches(authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8));
        }
        if (authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return matches(basicPassword(authorization.substring(BASIC.length()).strip()));
        }
        return false;
    }

    private boolean matches(final byte[] presented) {
        return presented != null && MessageDigest.isEqual(secret, presented);
    }

    private static byte[] basicPassword(final String credentials) {
        try {
            final String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            final int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException ex) {
            return null;
        }
    }
}
