/**
 * The node's shared-memory directory: where rings and the registry live, and whether there is room for them.
 */
package io.saccade.preprocess.shm;
