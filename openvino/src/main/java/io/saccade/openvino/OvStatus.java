package io.saccade.openvino;

/**
 * The {@code ov_status_e} codes of the OpenVINO C API. They are the same in every release this package binds:
 * {@code openvino/c/ov_common.h} of 2022.3 and of 2025/2026 list the same 18 values; only
 * {@code ov_get_last_err_msg()} (the text behind a failure) was added later, in 2023.
 */
public enum OvStatus {
    /** Success. */
    OK(0),
    /** An {@code ov::Exception} (or, before 2024, an {@code InferenceEngine::GeneralError}). */
    GENERAL_ERROR(-1),
    /** The operation is not implemented by the device plugin. */
    NOT_IMPLEMENTED(-2),
    /** Legacy Inference Engine: network not loaded. */
    NETWORK_NOT_LOADED(-3),
    /** Legacy Inference Engine: parameter mismatch. */
    PARAMETER_MISMATCH(-4),
    /** Legacy Inference Engine: not found. */
    NOT_FOUND(-5),
    /** Legacy Inference Engine: out of bounds. */
    OUT_OF_BOUNDS(-6),
    /** Legacy Inference Engine: an exception not derived from {@code std::exception}. */
    UNEXPECTED(-7),
    /** The infer request is busy. */
    REQUEST_BUSY(-8),
    /** Legacy Inference Engine: result not ready. */
    RESULT_NOT_READY(-9),
    /** Legacy Inference Engine: not allocated. */
    NOT_ALLOCATED(-10),
    /** Legacy Inference Engine: inference not started. */
    INFER_NOT_STARTED(-11),
    /** Legacy Inference Engine (up to 2023): the model could not be read. */
    NETWORK_NOT_READ(-12),
    /** The inference was cancelled. */
    INFER_CANCELLED(-13),
    /** The C wrapper rejected an argument (a null pointer, an unknown enum value) before calling OpenVINO. */
    INVALID_C_PARAM(-14),
    /** An unknown error in the C wrapper. */
    UNKNOWN_C_ERROR(-15),
    /** The C wrapper does not implement the method. */
    NOT_IMPLEMENT_C_METHOD(-16),
    /** Any other exception (spelled as in the header). */
    UNKNOW_EXCEPTION(-17);

    private static final OvStatus[] BY_NEGATED_CODE = byNegatedCode();

    private final int code;

    OvStatus(final int code) {
        this.code = code;
    }

    /** @return the numeric {@code ov_status_e} value. */
    public int code() {
        return code;
    }

    /**
     * @param code an {@code ov_status_e} value.
     * @return the status, or {@code null} when the code is not one the header defines.
     */
    public static OvStatus of(final int code) {
        return code <= 0 && code > -BY_NEGATED_CODE.length ? BY_NEGATED_CODE[-code] : null;
    }

    /**
     * @param code an {@code ov_status_e} value.
     * @return its name and number, e.g. {@code "GENERAL_ERROR (-1)"}, or {@code "unknown status 7"}.
     */
    public static String describe(final int code) {
        final OvStatus status = of(code);
        return status == null ? "unknown status " + code : status.name() + " (" + code + ")";
    }

    private static OvStatus[] byNegatedCode() {
        final OvStatus[] table = new OvStatus[values().length];
        for (final OvStatus status : values()) {
            table[-status.code] = status;
        }
        return table;
    }
}
