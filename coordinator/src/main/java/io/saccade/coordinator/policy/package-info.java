/**
 * The decision policy: YAML rules that turn labels into GO / SLOW / STOP, the fail-safe for missing evidence, and
 * the {@link io.saccade.coordinator.policy.Decider} that applies them to every frame.
 */
package io.saccade.coordinator.policy;
