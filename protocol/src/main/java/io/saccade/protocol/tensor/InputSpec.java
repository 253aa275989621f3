package io.saccade.protocol.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * What a model wants as input: size, colour order, layout, element type, how the frame is fitted, and how pixel
 * values are normalised. Preprocess produces one tensor per distinct spec registered on its node; the accelerator
 * that registered the spec consumes it.
 * <p>
 * The canonical text form, used in configuration, the node registry and logs, is
 * <pre>{@code <width>x<height>:<colour>:<layout>:<type>:<resize>[:mean=<m>[,<m>,<m>]:std=<s>[,<s>,<s>]]}</pre>
 * for example {@code 300x300:rgb:nhwc:f32:letterbox:mean=127.5:std=127.5}. The normalisation part is left out when
 * it is the identity. The binary form ({@link #BINARY_LENGTH} bytes, inside a slot ring's header) is described in
 * {@code protocol/spec/slot-ring.md}.
 *
 * @param width         input width in pixels.
 * @param height        input height in pixels.
 * @param colourOrder   channel order (and so the channel count).
 * @param layout        dimension order.
 * @param elementType   element type.
 * @param resizeMode    how the frame is fitted to width x height.
 * @param normalisation how pixel values map to element values; the identity for {@link ElementType#U8}.
 * <p>
 * Large because the spec is a wire format: its fields, their validation and the canonical id derived from them are one
 * contract.
 */
public record InputSpec(int width, int height, ColourOrder colourOrder, TensorLayout layout, ElementType elementType,
                        ResizeMode resizeMode, Normalisation normalisation) {
    /** Largest width or height a spec may have. */
    public static final int MAX_DIMENSION = 8192;
    /** Bytes the binary form takes. */
    public static final int BINARY_LENGTH = 64;

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int WIDTH_OFFSET = 0;
    private static final int HEIGHT_OFFSET = 2;
    private static final int COLOUR_OFFSET = 4;
    private static final int LAYOUT_OFFSET = 5;
    private static final int TYPE_OFFSET = 6;
    private static final int RESIZE_OFFSET = 7;
    private static final int MEAN_OFFSET = 8;
    private static final int STD_OFFSET = 20;
    private static final int ID_OFFSET = 32;

    /** Validates the components. */
    public InputSpec {
        if (width < 1 || width > MAX_DIMENSION || height < 1 || height > MAX_DIMENSION) {
            throw new InputSpecFormatException("input size must be 1.." + MAX_DIMENSION + " per side, got " + width
                + "x" + height);
        }
        if (colourOrder == null || layout == null || elementType == null || resizeMode == null
            || normalisation == null) {
            throw new InputSpecFormatException("input spec needs colour order, layout, element type, resize mode and "
                + "normalisation");
        }
        if (elementType == ElementType.U8 && !normalisation.isIdentity()) {
            throw new InputSpecFormatException("u8 tensors carry raw pixels; normalisation must be left out");
        }
    }

    /** @return channels per pixel. */
    public int channels() {
        return colourOrder.channels();
    }

    /** @return bytes of one tensor of this spec. */
    public int tensorBytes() {
        return width * height * channels() * elementType.bytes();
    }

    /** @return a stable 32-bit id of this spec: CRC-32C of the canonical text. */
    public int id() {
        final CRC32C crc = new CRC32C();
        crc.update(toString().getBytes(StandardCharsets.US_ASCII));
        return (int)crc.getValue();
    }

    /** @return the canonical text form. */
    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder(64)
            .append(width).append('x').append(height).append(':')
            .append(lower(colourOrder)).append(':').append(lower(layout)).append(':')
            .append(lower(elementType)).append(':').append(lower(resizeMode));
        if (!normalisation.isIdentity()) {
            text.append(":mean=");
            appendChannels(text, true);
            text.append(":std=");
            appendChannels(text, false);
        }
        return text.toString();
    }

    private void appendChannels(final StringBuilder text, final boolean mean) {
        final int shown = normalisation.isUniform() ? 1 : 3;
        for (int c = 0; c < shown; c++) {
            text.append(c == 0 ? "" : ",").append(mean ? normalisation.mean(c) : normalisation.std(c));
        }
    }

    /**
     * Parses the canonical text form.
     *
     * @param text the spec, e.g. {@code 128x128:rgb:nhwc:f32:stretch:mean=127.5:std=127.5}.
     * @return the spec.
     * @throws InputSpecFormatException naming the part that is wrong.
     */
    public static InputSpec parse(final String text) {
        final String[] parts = text.strip().split(":", -1);
        if (parts.length != 5 && parts.length != 7) {
            throw new InputSpecFormatException("input spec '" + text
                + "' must look like WxH:colour:layout:type:resize[:mean=..:std=..]");
        }
        final String[] size = parts[0].split("x", -1);
        if (size.length != 2) {
            throw new InputSpecFormatException("input spec '" + text + "': size must be WxH, got '" + parts[0] + "'");
        }
        return new InputSpec(dimension(text, size[0]), dimension(text, size[1]),
            constant(text, ColourOrder.class, parts[1]), constant(text, TensorLayout.class, parts[2]),
            constant(text, ElementType.class, parts[3]), constant(text, ResizeMode.class, parts[4]),
            parts.length == 7 ? normalisation(text, parts[5], parts[6]) : Normalisation.IDENTITY);
    }

    /**
     * Writes the binary form.
     *
     * @param segment where to write.
     * @param offset  byte offset of the {@link #BINARY_LENGTH} bytes.
     */
    public void writeTo(final MemorySegment segment, final long offset) {
        segment.asSlice(offset, BINARY_LENGTH).fill((byte)0);
        segment.set(U16, offset + WIDTH_OFFSET, (short)width);
        segment.set(U16, offset + HEIGHT_OFFSET, (short)height);
        segment.set(ValueLayout.JAVA_BYTE, offset + COLOUR_OFFSET, (byte)colourOrder.ordinal());
        segment.set(ValueLayout.JAVA_BYTE, offset + LAYOUT_OFFSET, (byte)layout.ordinal());
        segment.set(ValueLayout.JAVA_BYTE, offset + TYPE_OFFSET, (byte)elementType.ordinal());
        segment.set(ValueLayout.JAVA_BYTE, offset + RESIZE_OFFSET, (byte)resizeMode.ordinal());
        for (int c = 0; c < 3; c++) {
            segment.set(F32, offset + MEAN_OFFSET + 4L * c, normalisation.mean(c));
            segment.set(F32, offset + STD_OFFSET + 4L * c, normalisation.std(c));
        }
        segment.set(U32, offset + ID_OFFSET, id());
    }

    /**
     * Reads the binary form.
     *
     * @param segment where to read.
     * @param offset  byte offset of the {@link #BINARY_LENGTH} bytes.
     * @return the spec.
     * @throws InputSpecFormatException when the bytes do not hold a valid spec or its id does not match.
     */
    public static InputSpec readFrom(final MemorySegment segment, final long offset) {
        final float[] mean = new float[3];
        final float[] std = new float[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = segment.get(F32, offset + MEAN_OFFSET + 4L * c);
            std[c] = segment.get(F32, offset + STD_OFFSET + 4L * c);
        }
        final InputSpec spec;
        try {
            spec = new InputSpec(
                Short.toUnsignedInt(segment.get(U16, offset + WIDTH_OFFSET)),
                Short.toUnsignedInt(segment.get(U16, offset + HEIGHT_OFFSET)),
                ordinal(ColourOrder.class, segment.get(ValueLayout.JAVA_BYTE, offset + COLOUR_OFFSET)),
                ordinal(TensorLayout.class, segment.get(ValueLayout.JAVA_BYTE, offset + LAYOUT_OFFSET)),
                ordinal(ElementType.class, segment.get(ValueLayout.JAVA_BYTE, offset + TYPE_OFFSET)),
                ordinal(ResizeMode.class, segment.get(ValueLayout.JAVA_BYTE, offset + RESIZE_OFFSET)),
                Normalisation.perChannel(mean, std));
        } catch (final IllegalArgumentException ex) {
            throw new InputSpecFormatException("binary input spec: " + ex.getMessage());
        }
        final int storedId = segment.get(U32, offset + ID_OFFSET);
        if (storedId != spec.id()) {
            throw new InputSpecFormatException("binary input spec " + spec + " carries id "
                + Integer.toHexString(storedId) + ", expected " + Integer.toHexString(spec.id()));
        }
        return spec;
    }

    private static int dimension(final String text, final String value) {
        try {
            return Integer.parseInt(value);
        } catch (final NumberFormatException ex) {
            throw new InputSpecFormatException("input spec '" + text + "': '" + value + "' is not a size in pixels");
        }
    }

    private static <E extends Enum<E>> E constant(final String text, final Class<E> type, final String value) {
        for (final E constant : type.getEnumConstants()) {
            if (lower(constant).equals(value)) {
                return constant;
            }
        }
        throw new InputSpecFormatException("input spec '" + text + "': '" + value + "' is not one of "
            + java.util.Arrays.stream(type.getEnumConstants()).map(InputSpec::lower).toList());
    }

    private static <E extends Enum<E>> E ordinal(final Class<E> type, final byte value) {
        final E[] constants = type.getEnumConstants();
        if (value < 0 || value >= constants.length) {
            throw new InputSpecFormatException(value + " is not a " + type.getSimpleName());
        }
        return constants[value];
    }

    private static Normalisation normalisation(final String text, final String mean, final String std) {
        if (!mean.startsWith("mean=") || !std.startsWith("std=")) {
            throw new InputSpecFormatException("input spec '" + text + "': normalisation must be mean=..:std=..");
        }
        try {
            return Normalisation.perChannel(channels(text, mean.substring(5)), channels(text, std.substring(4)));
        } catch (final InputSpecFormatException ex) {
            throw ex;
        } catch (final IllegalArgumentException ex) {
            throw new InputSpecFormatException("input spec '" + text + "': " + ex.getMessage());
        }
    }

    private static float[] channels(final String text, final String values) {
        final String[] parts = values.split(",", -1);
        if (parts.length != 1 && parts.length != 3) {
            throw new InputSpecFormatException("input spec '" + text + "': give one value or three, got '" + values
                + "'");
        }
        final float[] channels = new float[3];
        for (int c = 0; c < 3; c++) {
            try {
                channels[c] = Float.parseFloat(parts[parts.length == 1 ? 0 : c]);
            } catch (final NumberFormatException ex) {
                throw new InputSpecFormatException("input spec '" + text + "': '" + values + "' is not a number list");
            }
        }
        return channels;
    }

    private static String lower(final Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
