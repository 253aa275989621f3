package io.saccade.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageAuthenticatorTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** printf abc | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef, first 16 bytes. */
    private static final String GOLDEN_TAG = "a60c859a6827c5ea576a48d8d368672f";

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheTruncatedHmacSha256() {
        final ByteBuffer buffer = ByteBuffer.allocate(3 + 16);
        buffer.put(0, "abc".getBytes(StandardCharsets.US_ASCII));

        new MessageAuthenticator(MacKey.of(1, KEY)).sign(buffer, 0, 3);

        assertEquals(GOLDEN_TAG, HexFormat.of().formatHex(buffer.array(), 3, 19));
    }

    @Test
    void shouldAcceptItsOwnTagAndRejectAnyChange() {
        final MessageAuthenticator authenticator = new MessageAuthenticator(MacKey.of(1, KEY));
        final ByteBuffer buffer = ByteBuffer.allocateDirect(200);
        for (int i = 0; i < 184; i++) {
            buffer.put(i, (byte)i);
        }
        authenticator.sign(buffer, 10, 184);

        assertTrue(authenticator.verify(buffer, 10, 184, 1));
        for (final int position : new int[] {10, 100, 183, 184, 199}) {
            buffer.put(position, (byte)(buffer.get(position) ^ 1));
            assertFalse(authenticator.verify(buffer, 10, 184, 1), "flipped byte " + position);
            buffer.put(position, (byte)(buffer.get(position) ^ 1));
        }
        assertTrue(authenticator.verify(buffer, 10, 184, 1), "unaffected by bytes outside [from, tag + 16)");
    }

    @Test
    void shouldRejectTagsOfAnotherKey() {
        final ByteBuffer buffer = ByteBuffer.allocate(64);
        new MessageAuthenticator(MacKey.of(1, KEY)).sign(buffer, 0, 48);
        final byte[] other = KEY.clone();
        other[0] ^= 1;

        assertFalse(new MessageAuthenticator(MacKey.of(1, other)).verify(buffer, 0, 48, 1));
    }

    @Test
    void shouldCheckWithTheKeyTheMessageNamesWhileKeysAreRolled() {
        final MacKey old = MacKey.of(1, KEY);
        final byte[] next = KEY.clone();
        next[5] ^= 0x40;
        final MacKey rolled = MacKey.of(2, next);
        final ByteBuffer signedWithOld = ByteBuffer.allocate(64);
        final ByteBuffer signedWithNew = ByteBuffer.allocate(64);
        new MessageAuthenticator(old).sign(signedWithOld, 0, 48);
        new MessageAuthenticator(KeyRing.of(rolled, old)).sign(signedWithNew, 0, 48);

        final MessageAuthenticator accepting = new MessageAuthenticator(KeyRing.of(old, rolled));

        assertEquals(1, accepting.keyId(), "still signs with the old key");
        assertTrue(accepting.verify(signedWithOld, 0, 48, 1));
        assertTrue(accepting.verify(signedWithNew, 0, 48, 2));
        assertFalse(accepting.verify(signedWithNew, 0, 48, 1), "a tag is checked with the key it names only");
        assertFalse(accepting.accepts(3));
        assertFalse(accepting.verify(signedWithOld, 0, 48, 3), "an unknown key id never verifies");
        assertFalse(new MessageAuthenticator(old).verify(signedWithNew, 0, 48, 2), "not rolled yet: refused");
    }

    @Test
    void shouldCoverTheContextSoATagDoesNotVerifyUnderAnotherOne() {
        final MessageAuthenticator authenticator = new MessageAuthenticator(MacKey.of(1, KEY));
        final ByteBuffer buffer = ByteBuffer.allocate(40);
        final byte[] topic = "saccade/plans/ssd".getBytes(StandardCharsets.UTF_8);
        authenticator.sign(topic, buffer, 0, 24);

        assertTrue(authenticator.verify(topic, buffer, 0, 24, 1));
        assertFalse(authenticator.verify("saccade/plans/face".getBytes(StandardCharsets.UTF_8), buffer, 0, 24, 1));
        assertFalse(authenticator.verify(buffer, 0, 24, 1), "without the context");
    }

    @Test
    void shouldRefuseARingWhoseTwoKeysShareAnId() {
        assertThrows(IllegalArgumentException.class, () -> KeyRing.of(MacKey.of(4, KEY), MacKey.of(4, new byte[32])));
    }

    @Test
    void shouldLeaveTheBuffersPositionAndLimitAlone() {
        final ByteBuffer buffer = ByteBuffer.allocate(64).position(5).limit(60);

        new MessageAuthenticator(MacKey.of(1, KEY)).sign(buffer, 0, 40);

        assertEquals(5, buffer.position());
        assertEquals(60, buffer.limit());
    }

    @Test
    void shouldGenerateAndLoadOwnerOnlyKeyFiles() throws IOException {
        final Path file = dir.resolve("mac.key");

        MacKey.generate(file);
        final MacKey key = MacKey.load(3, file);

        assertEquals(3, key.id());
        assertEquals(MacKey.MIN_BYTES, Files.size(file));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
            Files.getPosixFilePermissions(file));
        assertThrows(IOException.class, () -> MacKey.generate(file), "never overwrites a key");
    }

    @Test
    void shouldRefuseKeyFilesOfTheWrongLengthNamingTheFile() throws IOException {
        final Path file = Files.writeString(dir.resolve("short.key"), "secret\n");

        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> MacKey.load(1, file));

        assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("keygen"), refused.getMessage());
    }
}
