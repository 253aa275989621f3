package io.saccade.protocol.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InputSpecTest {
    private static final String SSD = "300x300:rgb:nhwc:f32:letterbox:mean=127.5:std=127.5";
    private static final String GOLDEN_SSD =
        "2c01" + "2c01"                         // 300 x 300
        + "00" + "01" + "00" + "01"             // rgb, nhwc, f32, letterbox
        + "0000ff42".repeat(3)                  // mean 127.5 x3
        + "0000ff42".repeat(3)                  // std 127.5 x3
        + "958b551a"                            // CRC-32C of the canonical text
        + "00".repeat(28);

    @Test
    void shouldParseAndPrintTheCanonicalForm() {
        final InputSpec spec = InputSpec.parse(SSD);

        assertEquals(300, spec.width());
        assertEquals(ColourOrder.RGB, spec.colourOrder());
        assertEquals(TensorLayout.NHWC, spec.layout());
        assertEquals(ElementType.F32, spec.elementType());
        assertEquals(ResizeMode.LETTERBOX, spec.resizeMode());
        assertEquals(-1f, spec.normalisation().offset(0));
        assertEquals(SSD, spec.toString());
        assertEquals(300 * 300 * 3 * 4, spec.tensorBytes());
    }

    @Test
    void shouldPrintPerChannelNormalisationInFull() {
        final String text = "224x224:bgr:nchw:f16:stretch:mean=103.94,116.78,123.68:std=57.0,57.0,58.0";

        assertEquals(text, InputSpec.parse(text).toString());
        assertEquals(InputSpec.parse(text), InputSpec.parse(InputSpec.parse(text).toString()));
    }

    @Test
    void shouldLeaveOutIdentityNormalisation() {
        assertEquals("80x60:grey:nhwc:u8:stretch", InputSpec.parse("80x60:grey:nhwc:u8:stretch").toString());
        assertEquals("80x60:grey:nhwc:f32:stretch",
            InputSpec.parse("80x60:grey:nhwc:f32:stretch:mean=0:std=1").toString());
    }

    @Test
    void shouldGiveDistinctSpecsDistinctIds() {
        assertNotEquals(InputSpec.parse(SSD).id(), InputSpec.parse(SSD.replace("nhwc", "nchw")).id());
        assertEquals(0x1a558b95, InputSpec.parse(SSD).id());
    }

    @Test
    void shouldWriteTheGoldenBinaryForm() {
        final MemorySegment segment = MemorySegment.ofArray(new byte[InputSpec.BINARY_LENGTH]);

        InputSpec.parse(SSD).writeTo(segment, 0);

        assertEquals(GOLDEN_SSD, HexFormat.of().formatHex(segment.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
    }

    @Test
    void shouldReadTheGoldenBinaryForm() {
        final MemorySegment segment = MemorySegment.ofArray(HexFormat.of().parseHex(GOLDEN_SSD));

        assertEquals(InputSpec.parse(SSD), InputSpec.readFrom(segment, 0));
    }

    @Test
    void shouldRejectBadTextNamingThePart() {
        assertMessageContains("'300y300'", "300y300:rgb:nhwc:f32:letterbox");
        assertMessageContains("'cmyk'", "300x300:cmyk:nhwc:f32:letterbox");
        assertMessageContains("1..8192", "0x300:rgb:nhwc:f32:letterbox");
        assertMessageContains("must look like", "300x300:rgb:nhwc:f32");
        assertMessageContains("raw pixels", "300x300:rgb:nhwc:u8:letterbox:mean=1:std=2");
        assertMessageContains("non-zero", "300x300:rgb:nhwc:f32:letterbox:mean=1:std=0");
        assertMessageContains("one value or three", "300x300:rgb:nhwc:f32:letterbox:mean=1,2:std=1");
        assertMessageContains("not a number", "300x300:rgb:nhwc:f32:letterbox:mean=x:std=1");
        assertMessageContains("finite", "300x300:rgb:nhwc:f32:letterbox:mean=NaN:std=1");
    }

    @Test
    void shouldRejectCorruptBinaryWithItsOwnException() {
        final Random random = new Random(3);
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            final byte[] bytes = HexFormat.of().parseHex(GOLDEN_SSD);
            if (round % 2 == 0) {
                random.nextBytes(bytes);
            } else {
                bytes[random.nextInt(36)] ^= (byte)(1 + random.nextInt(
                    255)); // the meaningful part; the rest is reserved
            }
            try {
                InputSpec.readFrom(MemorySegment.ofArray(bytes), 0);
                accepted++;
            } catch (final InputSpecFormatException expected) {
                assertTrue(expected.getMessage().startsWith("binary input spec"), expected.getMessage());
            }
        }
        assertEquals(0, accepted, "the id check catches every corruption of the meaningful bytes");
    }

    private static void assertMessageContains(final String part, final String text) {
        final InputSpecFormatException refused = assertThrows(InputSpecFormatException.class,
            () -> InputSpec.parse(text));
        assertTrue(refused.getMessage().contains(part), refused.getMessage());
    }
}
