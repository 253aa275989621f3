/**
 * OpenVINO inference through its C API ({@code libopenvino_c}) and the FFM API, with no JNI and nothing to build:
 * {@link io.saccade.openvino.OpenVino#load} finds the library at run time and reports precisely why when it
 * cannot. Covers OpenVINO 2022.3 LTS (MYRIAD) through 2026.x on 64-bit Linux.
 *
 * <p>The C API kept its function signatures across those releases but renumbered {@code ov_element_type_e} twice;
 * {@link io.saccade.openvino.OvElementTable} holds the three numberings and the loaded library is asked which one
 * it uses. Inputs are wrapped, not copied ({@code ov_tensor_create_from_host_ptr}); outputs are read-only views of
 * OpenVINO's memory that stop working, rather than dangle, after the next inference. Every native handle is freed
 * once: by its own {@code close()} or by its parent's.
 */
package io.saccade.openvino;
