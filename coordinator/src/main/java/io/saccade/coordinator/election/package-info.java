/**
 * Membership and leader election over MQTT: heartbeats with a Last Will, a deterministic choice among the live
 * members, strictly increasing epochs, and the fencing rules that keep a deposed leader quiet.
 */
package io.saccade.coordinator.election;
