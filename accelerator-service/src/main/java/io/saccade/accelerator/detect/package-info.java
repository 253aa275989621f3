/**
 * Detector post-processing in plain Java: SSD-style anchors, box decoding, score filtering, non-maximum suppression
 * and the mapping of boxes back through the letterbox to frame coordinates.
 */
package io.saccade.accelerator.detect;
