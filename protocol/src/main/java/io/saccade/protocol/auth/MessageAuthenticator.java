package io.saccade.protocol.auth;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes and checks authentication tags: the first {@value #TAG_LENGTH} bytes of HMAC-SHA256(key, bytes), stored
 * right after the bytes they cover. Signs with the ring's signing key and checks with whichever key of the ring the
 * message names, so that keys can be rolled without stopping anything ({@link KeyRing}). A tag may also cover a
 * context the receiver knows but the message does not carry (an MQTT message's topic), fed to the MAC first.
 * <p>
 * One instance per thread; nothing is allocated per message.
 */
public final class MessageAuthenticator {
    /** Bytes of tag: 128 bits, the truncation RFC 4868 uses for HMAC-SHA256-128. */
    public static final int TAG_LENGTH = 16;

    private static final byte[] NO_CONTEXT = new byte[0];

    private final int signingId;
    private final int[] ids;
    private final Mac[] macs;
    private final byte[] computed = new byte[32];
    private final byte[] received = new byte[TAG_LENGTH];

    /**
     * @param key the only key: signs and checks.
     */
    public MessageAuthenticator(final MacKey key) {
        this(KeyRing.of(key));
    }

    /**
     * @param keys the signing key and the keys accepted.
     */
    public MessageAuthenticator(final KeyRing keys) {
        final List<MacKey> all = keys.keys();
        this.signingId = keys.signing().id();
        this.ids = new int[all.size()];
        this.macs = new Mac[all.size()];
        for (int i = 0; i < all.size(); i++) {
            ids[i] = all.get(i).id();
            macs[i] = mac(all.get(i));
        }
    }

    /** @return the id of the key tags are computed with. */
    public int keyId() {
        return signingId;
    }

    /**
     * @param keyId a key id read from a message.
     * @return whether a key of that id is held.
     */
    public boolean accepts(final int keyId) {
        return index(keyId) >= 0;
    }

    /**
     * Writes the tag of {@code [from, tagOffset)} at {@code tagOffset}, with the signing key.
     *
     * @param buffer    holding the bytes; its position and limit are restored.
     * @param from      first byte covered.
     * @param tagOffset end of the covered bytes and start of the tag.
     */
    public void sign(final ByteBuffer buffer, final int from, final int tagOffset) {
        sign(NO_CONTEXT, buffer, from, tagOffset);
    }

    /**
     * Writes the tag of {@code context} followed by {@code [from, tagOffset)} at {@code tagOffset}, with the signing
     * key.
     *
     * @param context   bytes the receiver knows without reading them from the message; may be empty.
     * @param buffer    holding the bytes; its position and limit are restored.
     * @param from      first byte covered.
     * @param tagOffset end of the covered bytes and start of the tag.
     */
    public void sign(final byte[] context, final ByteBuffer buffer, final int from, final int tagOffset) {
        digest(macs[0], context, buffer, from, tagOffset);
        buffer.put(tagOffset, computed, 0, TAG_LENGTH);
    }

    /**
     * Checks the tag at {@code tagOffset} against {@code [from, tagOffset)}, in constant time.
     *
     * @param buffer    holding the bytes and the tag; its position and limit are restored.
     * @param from      first byte covered.
     * @param tagOffset end of the covered bytes and start of the tag.
     * @param keyId     the key the message says it was signed with.
     * @return whether that key is held and the tag is right.
     */
    public boolean verify(final ByteBuffer buffer, final int from, final int tagOffset, final int keyId) {
        return verify(NO_CONTEXT, buffer, from, tagOffset, keyId);
    }

    /**
     * Checks the tag at {@code tagOffset} against {@code context} followed by {@code [from, tagOffset)}, in constant
     * time.
     *
     * @param context   what the sender signed along with the bytes; may be empty.
     * @param buffer    holding the bytes and the tag; its position and limit are restored.
     * @param from      first byte covered.
     * @param tagOffset end of the covered bytes and start of the tag.
     * @param keyId     the key the message says it was signed with.
     * @return whether that key is held and the tag is right.
     */
    public boolean verify(final byte[] context, final ByteBuffer buffer, final int from, final int tagOffset,
                          final int keyId) {
        final int index = index(keyId);
        if (index < 0) {
            return false;
        }
        digest(macs[index], context, buffer, from, tagOffset);
        buffer.get(tagOffset, received, 0, TAG_LENGTH);
        return tagsEqual();
    }

    private int index(final int keyId) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == keyId) {
                return i;
            }
        }
        return -1;
    }

    /** Compares every byte whatever the first difference, so timing tells an attacker nothing. */
    private boolean tagsEqual() {
        int difference = 0;
        for (int i = 0; i < TAG_LENGTH; i++) {
            difference |= computed[i] ^ received[i];
        }
        return difference == 0;
    }

    private void digest(final Mac mac, final byte[] context, final ByteBuffer buffer, final int from, final int to) {
        final int position = buffer.position();
        final int limit = buffer.limit();
        try {
            mac.update(context);
            buffer.limit(to).position(from);
            mac.update(buffer);
            mac.doFinal(computed, 0);
        } catch (final ShortBufferException ex) {
            throw new IllegalStateException("HMAC output buffer too short", ex);
        } finally {
            buffer.limit(limit).position(position);
        }
    }

    private static Mac mac(final MacKey key) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            return mac;
        } catch (final NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", ex);
        }
    }
}
