package io.saccade.runtime.mqtt;

import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.auth.MessageCounter;
import io.saccade.protocol.mqtt.SignedEnvelope;

/**
 * Seals one sender's messages into {@link SignedEnvelope}s: its id, the next value of its counter, the session of
 * its current connection, the signing key of its ring. A Will starts a new session: it is sealed before every
 * connection attempt, and the messages sent over that connection name it. Thread-safe: the services publish from
 * several threads, and a counter must be taken and used under one lock so that no two envelopes of the same topic
 * leave in the opposite order of their counters.
 */
public final class MessageSealer {
    private final String sender;
    private final MessageAuthenticator authenticator;
    private final MessageCounter counter;
    private long session;

    /**
     * @param sender  the sender's id, 1..255 of {@code A-Z a-z 0-9 . _ - /}, unique among the senders.
     * @param keys    signs with its signing key.
     * @param counter the process's message counter.
     */
    public MessageSealer(final String sender, final KeyRing keys, final MessageCounter counter) {
        this.sender = sender;
        this.authenticator = new MessageAuthenticator(keys);
        this.counter = counter;
    }

    /**
     * @param topic where the message goes.
     * @param json  the message's JSON.
     * @return the envelope.
     */
    public synchronized byte[] seal(final String topic, final byte[] json) {
        return SignedEnvelope.seal(authenticator, topic, sender, counter.next(), session, false, json);
    }

    /**
     * Seals the Will of the connection about to be made; messages sealed after it name its session.
     *
     * @param topic the Will's topic.
     * @param json  the Will's JSON.
     * @return the envelope.
     */
    public synchronized byte[] sealWill(final String topic, final byte[] json) {
        session = counter.next();
        return SignedEnvelope.seal(authenticator, topic, sender, session, session, true, json);
    }
}
