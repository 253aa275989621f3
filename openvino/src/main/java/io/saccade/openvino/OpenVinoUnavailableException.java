package io.saccade.openvino;

import java.util.List;

/**
 * No usable OpenVINO C library could be loaded. The message lists every file and library name tried and why each
 * failed, in order.
 *
 * <p>Checked on purpose: most nodes have no OpenVINO at all, so a caller of {@link OpenVino#load} must decide there
 * and then what to do instead (another backend, or telling the operator), rather than find out from a stack trace.
 * Failures after loading are {@link OpenVinoException}s, which are unchecked.
 */
public final class OpenVinoUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @serial each attempt as {@code "what: why it failed"}. */
    private final List<String> attempts;

    /**
     * @param attempts each attempt as {@code "what: why it failed"}, in the order tried.
     */
    OpenVinoUnavailableException(final List<String> attempts) {
        super(message(attempts));
        this.attempts = List.copyOf(attempts);
    }

    /** @return each attempt as {@code "what: why it failed"}, in the order tried. */
    public List<String> attempts() {
        return attempts;
    }

    private static String message(final List<String> attempts) {
        final StringBuilder text = new StringBuilder("No usable OpenVINO C library (libopenvino_c.so) was found");
        if (attempts.isEmpty()) {
            text.append(": nothing to try");
        } else {
            text.append(". Tried:");
            for (final String attempt : attempts) {
                text.append("\n  ").append(attempt);
            }
        }
        return text.append("\nPoint ").append(OpenVino.ENV_LIBRARY)
            .append(" at the library or its directory, or add the OpenVINO runtime/lib directory to LD_LIBRARY_PATH.")
            .toString();
    }
}
