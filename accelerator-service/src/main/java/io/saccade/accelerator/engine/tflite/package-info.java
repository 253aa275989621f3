/**
 * A DJL engine around the TensorFlow Lite C++ interpreter (bytedeco build, XNNPACK on by default): model load,
 * thread count, and inference over host memory.
 */
package io.saccade.accelerator.engine.tflite;
