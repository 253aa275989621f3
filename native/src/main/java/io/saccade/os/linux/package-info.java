/**
 * The raw libc and system-call bindings, through the FFM API; everything above them speaks in Java types.
 */
package io.saccade.os.linux;
