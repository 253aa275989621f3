package io.saccade.openvino;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbering of {@code ov_element_type_e} in {@code openvino/c/ov_common.h}, which OpenVINO changed twice:
 * <ul>
 *   <li>{@link #V2022_1}: {@code UNDEFINED=0, DYNAMIC, BOOLEAN, BF16, F16, F32, F64, I4, I8, I16, I32, I64, U1, U4,
 *       U8, U16, U32, U64} (then {@code NF4, F8E4M3, F8E5M3} appended in 2023); U8 is 14.</li>
 *   <li>{@link #V2024_2}: {@code U2, U3} inserted after {@code U1} and {@code U6} after {@code U4} (openvino PR
 *       24608, in 2024.2), shifting U8 to 17.</li>
 *   <li>{@link #V2026_0}: {@code DYNAMIC} became an alias of {@code UNDEFINED} (both 0) when 2026.0 removed
 *       {@code ov::element::undefined}, shifting everything after it down by one: F32 is 4, U8 is 16.</li>
 * </ul>
 * {@link OpenVino} picks the table by asking the loaded library: it creates a one-element tensor of code
 * {@link #PROBE_CODE} and reads its byte size back, which is 8 (U64), 1 (U8) or 2 (U16) in the three numberings.
 * The release number is only the fallback, since a build number need not parse.
 */
public enum OvElementTable {
    // Codes in OvElementType order: BOOLEAN BF16 F16 F32 F64 I8 I16 I32 I64 U8 U16 U32 U64.
    /** OpenVINO 2022.1 to 2024.1. */
    V2022_1(2022, 1, new int[] {2, 3, 4, 5, 6, 8, 9, 10, 11, 14, 15, 16, 17}),
    /** OpenVINO 2024.2 to 2025.x. */
    V2024_2(2024, 2, new int[] {2, 3, 4, 5, 6, 8, 9, 10, 11, 17, 18, 19, 20}),
    /** OpenVINO 2026.0 and later. */
    V2026_0(2026, 0, new int[] {1, 2, 3, 4, 5, 7, 8, 9, 10, 16, 17, 18, 19});

    /** The code whose element size tells the three numberings apart. */
    public static final int PROBE_CODE = 17;

    private static final Pattern RELEASE = Pattern.compile("^(\\d{4})\\.(\\d+)");
    private static final int MAX_CODE = 32;

    private final int firstYear;
    private final int firstMinor;
    private final int[] codes;
    private final OvElementType[] byCode = new OvElementType[MAX_CODE];

    OvElementTable(final int firstYear, final int firstMinor, final int[] codes) {
        this.firstYear = firstYear;
        this.firstMinor = firstMinor;
        this.codes = codes;
        final OvElementType[] types = OvElementType.values();
        if (codes.length != types.length) {
            throw new IllegalStateException(name() + " maps " + codes.length + " of " + types.length + " types");
        }
        for (int i = 0; i < codes.length; i++) {
            byCode[codes[i]] = types[i];
        }
    }

    /**
     * @param type an element type.
     * @return its {@code ov_element_type_e} value in this numbering.
     */
    public int code(final OvElementType type) {
        return codes[type.ordinal()];
    }

    /**
     * @param code an {@code ov_element_type_e} value.
     * @return the element type, or {@code null} when the code is one Saccade does not map (sub-byte, string, fp8).
     */
    public OvElementType type(final int code) {
        return code >= 0 && code < MAX_CODE ? byCode[code] : null;
    }

    /** @return the first release using this numbering, e.g. {@code "2024.2"}. */
    public String firstRelease() {
        return firstYear + "." + firstMinor;
    }

    /**
     * @param probeByteSize the byte size OpenVINO reports for a one-element tensor of {@link #PROBE_CODE}.
     * @return the numbering that gives that code that size, if any.
     */
    public static Optional<OvElementTable> forProbe(final long probeByteSize) {
        for (final OvElementTable table : values()) {
            if (table.type(PROBE_CODE).byteSize() == probeByteSize) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }

    /**
     * @param buildNumber {@code ov_version_t.buildNumber}, e.g. {@code "2024.6.0-17404-4c0f47d2335-releases/2024/6"}.
     * @return the numbering of that release, or empty when the text does not start with a release at least 2022.1.
     */
    public static Optional<OvElementTable> forBuildNumber(final String buildNumber) {
        final Matcher release = RELEASE.matcher(buildNumber == null ? "" : buildNumber);
        if (!release.find()) {
            return Optional.empty();
        }
        final int year = Integer.parseInt(release.group(1));
        final int minor = Integer.parseInt(release.group(2));
        OvElementTable found = null;
        for (final OvElementTable table : values()) {
            if (year > table.firstYear || year == table.firstYear && minor >= table.firstMinor) {
                found = table;
            }
        }
        return Optional.ofNullable(found);
    }
}
