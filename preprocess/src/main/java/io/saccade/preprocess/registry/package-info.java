/**
 * Preprocess's view of the node registry: which input specs the node's accelerators want produced.
 */
package io.saccade.preprocess.registry;
