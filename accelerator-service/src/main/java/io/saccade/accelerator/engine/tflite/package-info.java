/**
 * A DJL engine around the TensorFlow Lite C++ interpreter (bytedeco build) with an XNNPACK delegate of its own
 * (thread count, fp32 or fp16), inference over host memory, and the conversion of convolutional TFLite graphs to
 * ONNX for ONNX Runtime ({@link io.saccade.accelerator.engine.tflite.TfLiteToOnnx}).
 */
package io.saccade.accelerator.engine.tflite;
