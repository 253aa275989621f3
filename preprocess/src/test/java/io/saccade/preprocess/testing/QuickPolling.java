package io.saccade.preprocess.testing;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes Awaitility poll every millisecond from the start instead of its default 100 ms, so lockstep tests that wait
 * for thousands of small conditions take milliseconds per step. Waits stay bounded by each {@code atMost}.
 */
public final class QuickPolling implements BeforeAllCallback {
    @Override
    public void beforeAll(final ExtensionContext context) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(1));
    }
}
