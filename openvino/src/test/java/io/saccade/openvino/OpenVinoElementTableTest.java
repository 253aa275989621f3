package io.saccade.openvino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenVinoElementTableTest {
    @Test
    void shouldMatchTheHeadersOfEachNumbering() {
        // ov_common.h 2022.3: ... I64=11, U1=12, U4=13, U8=14, U16, U32, U64=17.
        assertEquals(5, OvElementTable.V2022_1.code(OvElementType.F32));
        assertEquals(11, OvElementTable.V2022_1.code(OvElementType.I64));
        assertEquals(14, OvElementTable.V2022_1.code(OvElementType.U8));
        assertEquals(17, OvElementTable.V2022_1.code(OvElementType.U64));
        // 2024.2: U2, U3 after U1 and U6 after U4, so U8=17.
        assertEquals(5, OvElementTable.V2024_2.code(OvElementType.F32));
        assertEquals(4, OvElementTable.V2024_2.code(OvElementType.F16));
        assertEquals(10, OvElementTable.V2024_2.code(OvElementType.I32));
        assertEquals(17, OvElementTable.V2024_2.code(OvElementType.U8));
        // 2026.0: DYNAMIC = UNDEFINED = 0, so BOOLEAN=1, F32=4, U8=16.
        assertEquals(1, OvElementTable.V2026_0.code(OvElementType.BOOLEAN));
        assertEquals(4, OvElementTable.V2026_0.code(OvElementType.F32));
        assertEquals(9, OvElementTable.V2026_0.code(OvElementType.I32));
        assertEquals(16, OvElementTable.V2026_0.code(OvElementType.U8));
    }

    @ParameterizedTest
    @EnumSource(OvElementTable.class)
    void shouldMapEveryTypeToItsOwnCodeAndBack(final OvElementTable table) {
        final Set<Integer> codes = new HashSet<>();
        for (final OvElementType type : OvElementType.values()) {
            final int code = table.code(type);
            assertSame(type, table.type(code), table + " " + type);
            assertEquals(true, codes.add(code), table + " reuses code " + code);
        }
    }

    @Test
    void shouldNotMapCodesSaccadeDoesNotUse() {
        assertNull(OvElementTable.V2022_1.type(0), "UNDEFINED");
        assertNull(OvElementTable.V2022_1.type(7), "I4");
        assertNull(OvElementTable.V2024_2.type(13), "U2");
        assertNull(OvElementTable.V2024_2.type(24), "STRING");
        assertNull(OvElementTable.V2026_0.type(-1));
        assertNull(OvElementTable.V2026_0.type(1000));
    }

    @Test
    void shouldTellTheNumberingsApartByTheSizeOfTheProbeCode() {
        assertEquals(Optional.of(OvElementTable.V2022_1), OvElementTable.forProbe(8));
        assertEquals(Optional.of(OvElementTable.V2024_2), OvElementTable.forProbe(1));
        assertEquals(Optional.of(OvElementTable.V2026_0), OvElementTable.forProbe(2));
        assertEquals(Optional.empty(), OvElementTable.forProbe(4));
        assertEquals(Optional.empty(), OvElementTable.forProbe(-1));
    }

    @ParameterizedTest
    @CsvSource({
        "2022.3.0-9052-9752fafe8eb-releases/2022/3, V2022_1",
        "2023.3.0-13775-ceeafaf64f3-releases/2023/3, V2022_1",
        "2024.1.0-15008-f4afc983258-releases/2024/1, V2022_1",
        "2024.2.0-15519-5c0f38f83f6-releases/2024/2, V2024_2",
        "2024.6.0-17404-4c0f47d2335-releases/2024/6, V2024_2",
        "2025.4.0-20398-8fdad55727d-releases/2025/4, V2024_2",
        "2026.0.0-20965-c6d6a13a886-releases/2026/0, V2026_0",
        "2027.1.0, V2026_0"})
    void shouldPickTheNumberingByRelease(final String buildNumber, final OvElementTable expected) {
        assertEquals(Optional.of(expected), OvElementTable.forBuildNumber(buildNumber));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"stub-0", "2021.4.2-3976-0943ed67223-refs/pull/539/head", "2022.0.0", "custom_2024.2"})
    void shouldNotGuessFromAnUnknownBuildNumber(final String buildNumber) {
        assertEquals(Optional.empty(), OvElementTable.forBuildNumber(buildNumber));
    }

    @Test
    void shouldKnowElementSizes() {
        assertEquals(1, OvElementType.U8.byteSize());
        assertEquals(2, OvElementType.F16.byteSize());
        assertEquals(4, OvElementType.F32.byteSize());
        assertEquals(8, OvElementType.I64.byteSize());
        assertEquals("2024.2", OvElementTable.V2024_2.firstRelease());
    }
}
