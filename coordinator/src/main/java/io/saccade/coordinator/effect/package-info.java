/**
 * Effectiveness: whether a label computed on an older frame still holds for the frame being decided, judged from
 * the small grey thumbnails preprocess writes for every frame.
 */
package io.saccade.coordinator.effect;
