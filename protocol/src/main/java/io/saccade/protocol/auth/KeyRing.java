package io.saccade.protocol.auth;

import java.util.List;

/**
 * The keys one party holds for one purpose: the key it signs with, and at most one more it also accepts while keys
 * are rolled. A roll takes two steps, each a rolling restart: first every party accepts the new key while still
 * signing with the old one, then every party signs with the new key while still accepting the old one; the old key
 * is dropped afterwards. At no point does a party receive a key it cannot check.
 */
public final class KeyRing {
    private final MacKey signing;
    private final MacKey accepted;

    private KeyRing(final MacKey signing, final MacKey accepted) {
        if (signing == null) {
            throw new IllegalArgumentException("a key ring needs a signing key");
        }
        if (accepted != null && accepted.id() == signing.id()) {
            throw new IllegalArgumentException("the accepted key must have another id than the signing key "
                + signing.id());
        }
        this.signing = signing;
        this.accepted = accepted;
    }

    /**
     * @param signing the only key: signs and is accepted.
     * @return the ring.
     */
    public static KeyRing of(final MacKey signing) {
        return new KeyRing(signing, null);
    }

    /**
     * @param signing  the key messages are signed with; also accepted.
     * @param accepted another key accepted while keys are rolled, or {@code null}.
     * @return the ring.
     * @throws IllegalArgumentException when both keys have the same id.
     */
    public static KeyRing of(final MacKey signing, final MacKey accepted) {
        return new KeyRing(signing, accepted);
    }

    /** @return the key messages are signed with. */
    public MacKey signing() {
        return signing;
    }

    /** @return every key accepted, the signing key first. */
    public List<MacKey> keys() {
        return accepted == null ? List.of(signing) : List.of(signing, accepted);
    }

    /**
     * @param keyId a key id from a message.
     * @return whether this ring holds a key of that id.
     */
    public boolean contains(final int keyId) {
        return signing.id() == keyId || accepted != null && accepted.id() == keyId;
    }

    @Override
    public String toString() {
        return "KeyRing[signing " + signing.id() + (accepted == null ? "" : ", accepting " + accepted.id()) + "]";
    }
}
