/**
 * Running a detector through DJL: model loading on the engine the card names, the translator between a frame's
 * tensor and detections, warm-up.
 */
package io.saccade.accelerator.inference;
