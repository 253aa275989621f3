/**
 * Model input specs: the size, colour order, layout, element type and normalisation a model wants, shared by the
 * preprocess that produces tensors and the accelerator that consumes them.
 */
package io.saccade.protocol.tensor;
