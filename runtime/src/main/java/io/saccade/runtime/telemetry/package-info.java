/**
 * What services count and say about themselves: enum-keyed counters, rate-limited diagnostics for bad input.
 */
package io.saccade.runtime.telemetry;
