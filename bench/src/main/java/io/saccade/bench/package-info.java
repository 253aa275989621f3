/**
 * Benchmarks: programs that measure the real components and print tables with medians, p99 and the hardware.
 */
package io.saccade.bench;
