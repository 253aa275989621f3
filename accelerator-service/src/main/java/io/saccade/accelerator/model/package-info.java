/**
 * What a model is to the service: its file, format, input spec, outputs and post-processing, from a catalog that
 * ships with the build and can be extended by the operator.
 */
package io.saccade.accelerator.model;
