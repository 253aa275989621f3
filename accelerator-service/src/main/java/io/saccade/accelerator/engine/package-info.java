/**
 * DJL engines of Saccade's own, for runtimes DJL does not reach well: NDArrays over plain host memory that the
 * engines fill or wrap, and nothing more (no tensor maths; the detectors' post-processing is plain Java).
 */
package io.saccade.accelerator.engine;
