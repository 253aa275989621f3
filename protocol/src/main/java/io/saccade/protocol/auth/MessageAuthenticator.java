package io.saccade.protocol.auth;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes and checks the authentication tag of a datagram: the first {@value #TAG_LENGTH} bytes of
 * HMAC-SHA256(key, bytes), stored right after the bytes it covers. One instance per thread; nothing is allocated
 * per datagram.
 */
public final class MessageAuthenticator {
    /** Bytes of tag: 128 bits, the truncation RFC 4868 uses for HMAC-SHA256-128. */
    public static final int TAG_LENGTH = 16;

    private final MacKey key;
    private final Mac mac;
    private final byte[] computed = new byte[32];
    private final byte[] received = new byte[TAG_LENGTH];

    /**
     * @param key the shared key.
     */
    public MessageAuthenticator(final MacKey key) {
        this.key = key;
        try {
            this.mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
        } catch (final NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", ex);
        }
    }

    /** @return the id of the key tags are computed with. */
    public int keyId() {
        return key.id();
    }

    /**
     * Writes the tag of {@code [from, tagOffset)} at {@code tagOffset}.
     *
     * @param buffer    holding the bytes; its position and limit are restored.
     * @param from      first byte covered.
     * @param tagOffset end of the covered bytes and start of the tag.
     */
    public void sign(final ByteBuffer buffer, final int from, final int tagOffset) {
        digest(buffer, from, tagOffset);
        buffer.put(tagOffset, computed, 0, TAG_LENGTH);
    }

    /**
     * Checks the tag at {@code tagOffset} against {@code [from, tagOffset)}, in constant time.
     *
     * @param buffer    holding the bytes and the tag; its position and limit are restored.
     * @param from      first byte covered.
     * @param tagOffset end of the covered bytes and start of the tag.
     * @return whether the tag is right.
     */
    public boolean verify(final ByteBuffer buffer, final int from, final int tagOffset) {
        digest(buffer, from, tagOffset);
        buffer.get(tagOffset, received, 0, TAG_LENGTH);
        return tagsEqual();
    }

    /** Compares every byte whatever the first difference, so timing tells an attacker nothing. */
    private boolean tagsEqual() {
        int difference = 0;
        for (int i = 0; i < TAG_LENGTH; i++) {
            difference |= computed[i] ^ received[i];
        }
        return difference == 0;
    }

    private void digest(final ByteBuffer buffer, final int from, final int to) {
        final int position = buffer.position();
        final int limit = buffer.limit();
        try {
            buffer.limit(to).position(from);
            mac.update(buffer);
            mac.doFinal(computed, 0);
        } catch (final ShortBufferException ex) {
            throw new IllegalStateException("HMAC output buffer too short", ex);
        } finally {
            buffer.limit(limit).position(position);
        }
    }
}
