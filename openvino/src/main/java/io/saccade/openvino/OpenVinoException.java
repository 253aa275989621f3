package io.saccade.openvino;

/**
 * An OpenVINO C API call returned a status other than {@code OK}. The message names the call, the status and, where
 * the runtime has {@code ov_get_last_err_msg()} (2023 and later), the text of the C++ exception behind it. That text
 * is process-global in OpenVINO, not per thread, so with several threads failing at once it may belong to another
 * call.
 */
public final class OpenVinoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int statusCode;
    private final String detail;

    /**
     * @param call       the C function, e.g. {@code "ov_core_read_model"}.
     * @param statusCode the {@code ov_status_e} it returned.
     * @param detail     OpenVINO's own text for the failure, or {@code null} when there is none.
     * @param noDetail   why there is no detail, used in the message when {@code detail} is {@code null}.
     */
    OpenVinoException(final String call, final int statusCode, final String detail, final String noDetail) {
        super(call + " failed: " + OvStatus.describe(statusCode) + ": " + (detail == null ? noDetail : detail));
        this.call = call;
        this.statusCode = statusCode;
        this.detail = detail;
    }

    /** @return the C function that failed. */
    public String call() {
        return call;
    }

    /** @return the raw {@code ov_status_e} value. */
    public int statusCode() {
        return statusCode;
    }

    /** @return the status, or {@code null} for a code the header does not define. */
    public OvStatus status() {
        return OvStatus.of(statusCode);
    }

    /** @return OpenVINO's text for the failure, or {@code null} when the runtime gave none. */
    public String detail() {
        return detail;
    }
}
