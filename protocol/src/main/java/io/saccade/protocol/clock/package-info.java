/**
 * Clock probes: how a node measures the offset between its monotonic clock and the robot's, NTP style, so that
 * every latency ledger lies on one time axis (spec: {@code protocol/spec/clock-probe.md}).
 */
package io.saccade.protocol.clock;
