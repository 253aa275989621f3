/**
 * Slot rings: the memory-mapped files on tmpfs through which preprocess hands tensors and thumbnails to the
 * accelerators and the coordinator of the same node. Layout, accessors and the wait/wake seam.
 */
package io.saccade.protocol.ring;
