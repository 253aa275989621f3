/**
 * Time as the contracts see it: monotonic nanosecond clocks, injected everywhere so tests can drive them.
 */
package io.saccade.protocol.time;
