/**
 * The coordinator: several replicas, one leader elected over MQTT with epochs and fencing, which merges the newest
 * result of every model and decides for every frame that lands on its node, reusing a label while its region has
 * not changed. {@link io.saccade.coordinator.CoordinatorMain} is {@code ./saccade coordinator}.
 */
package io.saccade.coordinator;
