/**
 * The latency ledger: where every millisecond between capture and decision goes, per hop, on the robot's clock.
 */
package io.saccade.coordinator.ledger;
