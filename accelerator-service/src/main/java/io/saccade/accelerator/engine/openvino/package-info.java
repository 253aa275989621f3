/**
 * A DJL engine over OpenVINO's C API (bound in {@code native/} with the FFM API): read, compile for a device
 * (CPU, MYRIAD on 2022.3 LTS, NPU, GPU), infer over host memory. Available where the node provides libopenvino_c.
 */
package io.saccade.accelerator.engine.openvino;
