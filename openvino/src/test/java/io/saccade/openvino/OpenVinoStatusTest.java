package io.saccade.openvino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class OpenVinoStatusTest {
    @Test
    void shouldUseTheHeadersCodes() {
        assertEquals(0, OvStatus.OK.code());
        assertEquals(-1, OvStatus.GENERAL_ERROR.code());
        assertEquals(-8, OvStatus.REQUEST_BUSY.code());
        assertEquals(-12, OvStatus.NETWORK_NOT_READ.code());
        assertEquals(-14, OvStatus.INVALID_C_PARAM.code());
        assertEquals(-17, OvStatus.UNKNOW_EXCEPTION.code());
        assertEquals(18, OvStatus.values().length);
    }

    @Test
    void shouldFindEveryStatusByItsCode() {
        for (final OvStatus status : OvStatus.values()) {
            assertSame(status, OvStatus.of(status.code()));
        }
        assertNull(OvStatus.of(1));
        assertNull(OvStatus.of(-18));
        assertNull(OvStatus.of(Integer.MIN_VALUE));
    }

    @Test
    void shouldDescribeKnownAndUnknownCodes() {
        assertEquals("GENERAL_ERROR (-1)", OvStatus.describe(-1));
        assertEquals("unknown status -99", OvStatus.describe(-99));
    }

    @Test
    void shouldNameTheCallTheStatusAndTheDetail() {
        final OpenVinoException withText = new OpenVinoException("ov_core_read_model", -1,
            "Model file x cannot be opened!", "unused");
        assertEquals("ov_core_read_model failed: GENERAL_ERROR (-1): Model file x cannot be opened!",
            withText.getMessage());
        assertEquals("ov_core_read_model", withText.call());
        assertSame(OvStatus.GENERAL_ERROR, withText.status());
        assertEquals(-1, withText.statusCode());

        final OpenVinoException withoutText = new OpenVinoException("ov_infer_request_infer", -42, null, "no detail");
        assertEquals("ov_infer_request_infer failed: unknown status -42: no detail", withoutText.getMessage());
        assertNull(withoutText.status());
        assertNull(withoutText.detail());
    }
}
