/**
 * The reduce side of map/reduce: the newest result of every model per stream, and the work plans that split one
 * model's frames between the nodes that pin it.
 */
package io.saccade.coordinator.merge;
