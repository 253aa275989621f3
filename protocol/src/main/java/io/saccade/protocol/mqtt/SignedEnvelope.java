package io.saccade.protocol.mqtt;

import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.LeaderAnnouncement;
import io.saccade.protocol.message.MemberHeartbeat;
import io.saccade.protocol.message.Message;
import io.saccade.protocol.message.ServiceStatus;
import io.saccade.protocol.message.WorkPlan;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The signed envelope every MQTT message that can change a decision, the leadership or the work split travels in
 * (spec: {@code protocol/spec/signed-envelope.md}): a 24-byte header, the sender's id, the message's JSON, and a
 * truncated HMAC-SHA256 tag over the topic and everything before the tag. The topic is signed but not carried, so a
 * message cannot be moved to another topic; the counter and session let receivers refuse replays
 * ({@link io.saccade.protocol.auth.ReplayGuard}).
 * <pre>
 *   0  magic "SENV" (u32)   4  version (u8)   5  key id (u8)   6  flags (u8)   7  sender length n (u8)
 *   8  counter (u64): the sender's message counter, strictly increasing
 *  16  session (u64): the counter of the sender's current Last Will; 0 when it has none
 *  24  sender id, n bytes of A-Z a-z 0-9 . _ - /
 *  24 + n  payload: the message as JSON (UTF-8)
 *  end - 16  tag: HMAC-SHA256(key, topic length (u16) | topic (UTF-8) | bytes 0 .. end - 16), first 16 bytes
 * </pre>
 * All integers little-endian. Stateless: the authenticator passed in holds the keys; one per thread.
 */
public final class SignedEnvelope {
    /** "SENV" as a little-endian u32. */
    public static final int MAGIC = 'S' | 'E' << 8 | 'N' << 16 | 'V' << 24;
    /** The layout version this build writes and reads. */
    public static final int VERSION = 1;
    /** Bytes before the sender id. */
    public static final int HEADER_LENGTH = 24;
    /** Flag: this message is the sender's Last Will, published by the broker when the sender's connection dies. */
    public static final int FLAG_WILL = 1;
    /** Longest sender id. */
    public static final int MAX_SENDER_LENGTH = 255;
    /**
     * The messages that travel in envelopes: everything that can change a decision, the leadership or the work
     * split. Decisions travel as signed datagrams; their JSON copy and the latency ledgers are informational.
     */
    public static final Set<Class<? extends Message>> CARRIES = Set.of(InferenceResult.class, ServiceStatus.class,
        MemberHeartbeat.class, LeaderAnnouncement.class, WorkPlan.class);

    static final int VERSION_OFFSET = 4;
    static final int KEY_ID_OFFSET = 5;
    static final int FLAGS_OFFSET = 6;
    static final int SENDER_LENGTH_OFFSET = 7;
    static final int COUNTER_OFFSET = 8;
    static final int SESSION_OFFSET = 16;

    private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private SignedEnvelope() {
    }

    /**
     * Seals a message for one topic.
     *
     * @param authenticator signs, with its signing key.
     * @param topic         the topic it will be published on.
     * @param sender        the sender's id, 1..255 of {@code A-Z a-z 0-9 . _ - /}.
     * @param counter       the sender's next counter value, positive.
     * @param session       the counter of the sender's current Last Will, 0..counter.
     * @param will          whether this is that Last Will.
     * @param payload       the message's JSON.
     * @return the envelope.
     * @throws IllegalArgumentException when the sender, counter or session is out of range.
     */
    public static byte[] seal(final MessageAuthenticator authenticator, final String topic, final String sender,
                              final long counter, final long session, final boolean will, final byte[] payload) {
        final byte[] id = sender.getBytes(StandardCharsets.US_ASCII);
        if (!isSenderId(id, 0, id.length)) {
            throw new IllegalArgumentException("sender id must be 1-" + MAX_SENDER_LENGTH
                + " characters of A-Z a-z 0-9 . _ - /, got '" + sender + "'");
        }
        if (counter <= 0 || session < 0 || session > counter) {
            throw new IllegalArgumentException("counter must be positive and session within 0..counter, got "
                + counter + ", " + session);
        }
        final int tagOffset = HEADER_LENGTH + id.length + payload.length;
        final byte[] envelope = new byte[tagOffset + MessageAuthenticator.TAG_LENGTH];
        U32.set(envelope, 0, MAGIC);
        envelope[VERSION_OFFSET] = VERSION;
        envelope[KEY_ID_OFFSET] = (byte)authenticator.keyId();
        envelope[FLAGS_OFFSET] = (byte)(will ? FLAG_WILL : 0);
        envelope[SENDER_LENGTH_OFFSET] = (byte)id.length;
        U64.set(envelope, COUNTER_OFFSET, counter);
        U64.set(envelope, SESSION_OFFSET, session);
        System.arraycopy(id, 0, envelope, HEADER_LENGTH, id.length);
        System.arraycopy(payload, 0, envelope, HEADER_LENGTH + id.length, payload.length);
        authenticator.sign(context(topic), ByteBuffer.wrap(envelope), 0, tagOffset);
        return envelope;
    }

    /**
     * Checks a received payload, tag last.
     *
     * @param authenticator holds the keys accepted on this topic.
     * @param topic         the topic it arrived on.
     * @param envelope      the payload as received.
     * @return {@link EnvelopeVerdict#VALID}, or why not.
     */
    public static EnvelopeVerdict verify(final MessageAuthenticator authenticator, final String topic,
                                         final byte[] envelope) {
        final EnvelopeVerdict structure = check(envelope);
        if (structure != EnvelopeVerdict.VALID) {
            return structure;
        }
        if (!authenticator.accepts(keyId(envelope))) {
            return EnvelopeVerdict.UNKNOWN_KEY;
        }
        return authenticator.verify(context(topic), ByteBuffer.wrap(envelope), 0, tagOffset(envelope),
            keyId(envelope)) ? EnvelopeVerdict.VALID : EnvelopeVerdict.BAD_MAC;
    }

    /**
     * Checks everything but the key and the tag: magic, version, flags, lengths, sender id, counter and session.
     *
     * @param envelope a received payload.
     * @return {@link EnvelopeVerdict#VALID} when it is a well-formed envelope whose tag may be checked.
     */
    public static EnvelopeVerdict check(final byte[] envelope) {
        if (envelope.length < HEADER_LENGTH + 1 + MessageAuthenticator.TAG_LENGTH) {
            return envelope.length >= 4 && (int)U32.get(envelope, 0) != MAGIC ? EnvelopeVerdict.BAD_MAGIC
                : EnvelopeVerdict.TRUNCATED;
        }
        if ((int)U32.get(envelope, 0) != MAGIC) {
            return EnvelopeVerdict.BAD_MAGIC;
        }
        if (envelope[VERSION_OFFSET] != VERSION) {
            return EnvelopeVerdict.UNSUPPORTED_VERSION;
        }
        if ((envelope[FLAGS_OFFSET] & ~FLAG_WILL) != 0) {
            return EnvelopeVerdict.BAD_FLAGS;
        }
        final int senderLength = Byte.toUnsignedInt(envelope[SENDER_LENGTH_OFFSET]);
        if (HEADER_LENGTH + senderLength + MessageAuthenticator.TAG_LENGTH > envelope.length) {
            return EnvelopeVerdict.TRUNCATED;
        }
        if (!isSenderId(envelope, HEADER_LENGTH, senderLength)) {
            return EnvelopeVerdict.BAD_SENDER;
        }
        final long counter = counter(envelope);
        final long session = session(envelope);
        return counter > 0 && session >= 0 && session <= counter ? EnvelopeVerdict.VALID
            : EnvelopeVerdict.BAD_COUNTER;
    }

    /**
     * @param envelope a well-formed envelope ({@link #check}).
     * @return the id of the key it says it is signed with.
     */
    public static int keyId(final byte[] envelope) {
        return Byte.toUnsignedInt(envelope[KEY_ID_OFFSET]);
    }

    /**
     * @param envelope a well-formed envelope.
     * @return the sender's counter.
     */
    public static long counter(final byte[] envelope) {
        return (long)U64.get(envelope, COUNTER_OFFSET);
    }

    /**
     * @param envelope a well-formed envelope.
     * @return the counter of the sender's Last Will when it sent this; 0 when it had none.
     */
    public static long session(final byte[] envelope) {
        return (long)U64.get(envelope, SESSION_OFFSET);
    }

    /**
     * @param envelope a well-formed envelope.
     * @return whether it is a Last Will.
     */
    public static boolean isWill(final byte[] envelope) {
        return (envelope[FLAGS_OFFSET] & FLAG_WILL) != 0;
    }

    /**
     * @param envelope a well-formed envelope.
     * @return the sender's id.
     */
    public static String sender(final byte[] envelope) {
        return new String(envelope, HEADER_LENGTH, senderLength(envelope), StandardCharsets.US_ASCII);
    }

    /**
     * @param envelope a well-formed envelope.
     * @return where its JSON starts.
     */
    public static int payloadOffset(final byte[] envelope) {
        return HEADER_LENGTH + senderLength(envelope);
    }

    /**
     * @param envelope a well-formed envelope.
     * @return how long its JSON is.
     */
    public static int payloadLength(final byte[] envelope) {
        return tagOffset(envelope) - payloadOffset(envelope);
    }

    private static int senderLength(final byte[] envelope) {
        return Byte.toUnsignedInt(envelope[SENDER_LENGTH_OFFSET]);
    }

    private static int tagOffset(final byte[] envelope) {
        return envelope.length - MessageAuthenticator.TAG_LENGTH;
    }

    /** The topic as the tag covers it: its UTF-8 length (u16, little-endian), then its UTF-8 bytes. */
    static byte[] context(final String topic) {
        final byte[] utf8 = topic.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 0xFFFF) {
            throw new IllegalArgumentException("an MQTT topic has at most 65535 bytes, got " + utf8.length);
        }
        final byte[] context = new byte[2 + utf8.length];
        context[0] = (byte)utf8.length;
        context[1] = (byte)(utf8.length >>> 8);
        System.arraycopy(utf8, 0, context, 2, utf8.length);
        return context;
    }

    private static boolean isSenderId(final byte[] bytes, final int from, final int length) {
        if (length < 1 || length > MAX_SENDER_LENGTH) {
            return false;
        }
        for (int i = from; i < from + length; i++) {
            final byte b = bytes[i];
            if (!(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '.' || b == '_'
                || b == '-' || b == '/')) {
                return false;
            }
        }
        return true;
    }
}
