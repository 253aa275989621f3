/*
 * A stand-in for libopenvino_c, used only by OpenVinoStubAbiTest. It is NOT OpenVINO.
 *
 * It implements the functions io.saccade.openvino binds, with the signatures of the openvino/c headers (2022.3 on),
 * so that the Java side's calling convention is exercised for real: ov_shape_t passed by value, the variadic
 * ov_core_compile_model, out-pointers, size_t, enums, struct out-parameters and the free functions. Its one "model"
 * (any readable file) has an input "input" of shape [1,4] f32 whose values are doubled into an output "output".
 *
 * Handles are never really freed: they are marked dead, so a double free or a use after free is counted (see
 * stub_misuse) instead of crashing. Strings and dims arrays it hands out are counted until given back.
 *
 * Build flags:
 *   -DSTUB_LAYOUT=2022|2024|2026  which ov_element_type_e numbering to use (default 2024)
 *   -DSTUB_NO_LAST_ERROR          leave out ov_get_last_err_msg, as OpenVINO 2022.3 does
 *   -DSTUB_NO_PROBE               make ov_tensor_create fail, so the Java side must fall back to the version
 *   -DSTUB_BUILD_NUMBER='"..."'   what ov_get_openvino_version reports (default "stub-0")
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef STUB_LAYOUT
#define STUB_LAYOUT 2024
#endif
#ifndef STUB_BUILD_NUMBER
#define STUB_BUILD_NUMBER "stub-0"
#endif

#define API __attribute__((visibility("default")))

typedef enum {
    OK = 0,
    GENERAL_ERROR = -1,
    NOT_IMPLEMENTED = -2,
    INVALID_C_PARAM = -14,
} ov_status_e;

/* The three numberings of ov_element_type_e, for the types the Java side maps (see OvElementTable). */
#if STUB_LAYOUT == 2022
typedef enum { E_BOOLEAN = 2, E_BF16, E_F16, E_F32, E_F64, E_I8 = 8, E_I16, E_I32, E_I64,
               E_U8 = 14, E_U16, E_U32, E_U64 } ov_element_type_e;
#elif STUB_LAYOUT == 2024
typedef enum { E_BOOLEAN = 2, E_BF16, E_F16, E_F32, E_F64, E_I8 = 8, E_I16, E_I32, E_I64,
               E_U8 = 17, E_U16, E_U32, E_U64 } ov_element_type_e;
#elif STUB_LAYOUT == 2026
typedef enum { E_BOOLEAN = 1, E_BF16, E_F16, E_F32, E_F64, E_I8 = 7, E_I16, E_I32, E_I64,
               E_U8 = 16, E_U16, E_U32, E_U64 } ov_element_type_e;
#else
#error "STUB_LAYOUT must be 2022, 2024 or 2026"
#endif

typedef struct {
    int64_t rank;
    int64_t* dims;
} ov_shape_t;

typedef struct ov_version {
    const char* buildNumber;
    const char* description;
} ov_version_t;

typedef struct {
    char** devices;
    size_t size;
} ov_available_devices_t;

enum kind { CORE, MODEL, PORT, COMPILED, REQUEST, TENSOR, KINDS };

struct handle {
    uint32_t magic;
    enum kind kind;
    int alive;
};

#define MAGIC 0x0f0e0d0cu
#define MAX_RANK 8

typedef struct ov_core { struct handle h; } ov_core_t;
typedef struct ov_model { struct handle h; } ov_model_t;
typedef struct ov_compiled_model { struct handle h; } ov_compiled_model_t;
typedef struct ov_output_const_port { struct handle h; int input; } ov_output_const_port_t;
typedef struct ov_tensor {
    struct handle h;
    ov_element_type_e type;
    int64_t rank;
    int64_t dims[MAX_RANK];
    void* data;
    int owns_data;
} ov_tensor_t;
typedef struct ov_infer_request {
    struct handle h;
    const float* input; /* Like OpenVINO, the request keeps the tensor's memory, not the ov_tensor_t. */
    float output[4];
} ov_infer_request_t;

static int live[KINDS];
static int allocations;
static int misuse;
static char last_error[512];
static char last_compile[1024];
static const void* last_host_ptr;

static void* make(size_t size, enum kind kind) {
    struct handle* h = calloc(1, size);
    h->magic = MAGIC;
    h->kind = kind;
    h->alive = 1;
    live[kind]++;
    return h;
}

static int ok(const void* object, enum kind kind) {
    const struct handle* h = object;
    if (h != NULL && h->magic == MAGIC && h->kind == kind && h->alive) {
        return 1;
    }
    misuse++;
    return 0;
}

static void kill(void* object, enum kind kind) {
    struct handle* h = object;
    if (h == NULL) {
        return;
    }
    if (ok(h, kind)) {
        h->alive = 0;
        live[kind]--;
    }
}

static void* counted(size_t size) {
    allocations++;
    return calloc(1, size);
}

static void uncounted(void* memory) {
    if (memory != NULL) {
        allocations--;
        free(memory);
    }
}

static char* copy(const char* text) {
    char* result = counted(strlen(text) + 1);
    strcpy(result, text);
    return result;
}

static ov_status_e fail(ov_status_e status, const char* format, const char* argument) {
    snprintf(last_error, sizeof last_error, format, argument);
    return status;
}

static size_t element_size(ov_element_type_e type) {
    switch (type) {
        case E_BOOLEAN: case E_I8: case E_U8: return 1;
        case E_BF16: case E_F16: case E_I16: case E_U16: return 2;
        case E_F32: case E_I32: case E_U32: return 4;
        case E_F64: case E_I64: case E_U64: return 8;
        default: return 0;
    }
}

static void fill_shape(ov_shape_t* shape, int64_t rank, const int64_t* dims) {
    shape->rank = rank;
    shape->dims = counted((size_t)(rank > 0 ? rank : 1) * sizeof(int64_t));
    memcpy(shape->dims, dims, (size_t)rank * sizeof(int64_t));
}

/* ---- ov_common.h ---- */

API void ov_free(const char* content) {
    uncounted((void*)content);
}

#ifndef STUB_NO_LAST_ERROR
API const char* ov_get_last_err_msg(void) {
    return last_error[0] ? last_error : NULL; /* Static here; the binding does not free it either way. */
}
#endif

/* ---- ov_shape.h ---- */

API ov_status_e ov_shape_free(ov_shape_t* shape) {
    if (shape == NULL) {
        return INVALID_C_PARAM;
    }
    uncounted(shape->dims);
    shape->dims = NULL;
    shape->rank = 0;
    return OK;
}

/* ---- ov_core.h ---- */

API ov_status_e ov_get_openvino_version(ov_version_t* version) {
    if (version == NULL) {
        return INVALID_C_PARAM;
    }
    version->buildNumber = copy(STUB_BUILD_NUMBER);
    version->description = copy("Saccade OpenVINO C API stub");
    return OK;
}

API void ov_version_free(ov_version_t* version) {
    if (version != NULL) {
        uncounted((void*)version->buildNumber);
        uncounted((void*)version->description);
        version->buildNumber = NULL;
        version->description = NULL;
    }
}

API ov_status_e ov_core_create(ov_core_t** core) {
    if (core == NULL) {
        return INVALID_C_PARAM;
    }
    *core = make(sizeof(ov_core_t), CORE);
    return OK;
}

API void ov_core_free(ov_core_t* core) {
    kill(core, CORE);
}

API ov_status_e ov_core_get_available_devices(const ov_core_t* core, ov_available_devices_t* devices) {
    if (!ok(core, CORE) || devices == NULL) {
        return INVALID_C_PARAM;
    }
    devices->size = 2;
    devices->devices = counted(2 * sizeof(char*));
    devices->devices[0] = copy("CPU");
    devices->devices[1] = copy("STUB");
    return OK;
}

API void ov_available_devices_free(ov_available_devices_t* devices) {
    if (devices != NULL && devices->devices != NULL) {
        for (size_t i = 0; i < devices->size; i++) {
            uncounted(devices->devices[i]);
        }
        uncounted(devices->devices);
        devices->devices = NULL;
        devices->size = 0;
    }
}

API ov_status_e ov_core_read_model(const ov_core_t* core, const char* model_path, const char* bin_path,
                                   ov_model_t** model) {
    if (!ok(core, CORE) || model_path == NULL || bin_path == NULL || model == NULL) {
        return INVALID_C_PARAM;
    }
    if (access(model_path, R_OK) != 0) {
        /* OpenVINO 2023+ maps the ov::Exception from Core::read_model to GENERAL_ERROR. */
        return fail(GENERAL_ERROR, "Model file %s cannot be opened!", model_path);
    }
    *model = make(sizeof(ov_model_t), MODEL);
    return OK;
}

API ov_status_e ov_core_compile_model(const ov_core_t* core, const ov_model_t* model, const char* device_name,
                                      const size_t property_args_size, ov_compiled_model_t** compiled_model, ...) {
    if (!ok(core, CORE) || !ok(model, MODEL) || device_name == NULL || compiled_model == NULL
        || property_args_size % 2 != 0) {
        return INVALID_C_PARAM;
    }
    if (strcmp(device_name, "CPU") != 0 && strcmp(device_name, "STUB") != 0) {
        return fail(GENERAL_ERROR, "Device with \"%s\" name is not registered in the OpenVINO Runtime",
                    device_name);
    }
    snprintf(last_compile, sizeof last_compile, "%s|", device_name);
    va_list args;
    va_start(args, compiled_model);
    for (size_t i = 0; i < property_args_size / 2; i++) {
        const char* key = va_arg(args, const char*);
        const char* value = va_arg(args, const char*);
        size_t used = strlen(last_compile);
        snprintf(last_compile + used, sizeof last_compile - used, "%s=%s;", key, value);
    }
    va_end(args);
    *compiled_model = make(sizeof(ov_compiled_model_t), COMPILED);
    return OK;
}

/* ---- ov_model.h / ov_node.h ---- */

static ov_status_e one_port(const ov_model_t* model, size_t* size) {
    if (!ok(model, MODEL) || size == NULL) {
        return INVALID_C_PARAM;
    }
    *size = 1;
    return OK;
}

API ov_status_e ov_model_inputs_size(const ov_model_t* model, size_t* input_size) {
    return one_port(model, input_size);
}

API ov_status_e ov_model_outputs_size(const ov_model_t* model, size_t* output_size) {
    return one_port(model, output_size);
}

static ov_status_e port(const ov_model_t* model, size_t index, ov_output_const_port_t** result, int input) {
    if (!ok(model, MODEL) || result == NULL) {
        return INVALID_C_PARAM;
    }
    if (index != 0) {
        return fail(GENERAL_ERROR, "%s index is out of range", input ? "Input" : "Output");
    }
    *result = make(sizeof(ov_output_const_port_t), PORT);
    (*result)->input = input;
    return OK;
}

API ov_status_e ov_model_const_input_by_index(const ov_model_t* model, const size_t index,
                                              ov_output_const_port_t** input_port) {
    return port(model, index, input_port, 1);
}

API ov_status_e ov_model_const_output_by_index(const ov_model_t* model, const size_t index,
                                               ov_output_const_port_t** output_port) {
    return port(model, index, output_port, 0);
}

API void ov_model_free(ov_model_t* model) {
    kill(model, MODEL);
}

API ov_status_e ov_port_get_any_name(const ov_output_const_port_t* port, char** tensor_name) {
    if (!ok(port, PORT) || tensor_name == NULL) {
        return INVALID_C_PARAM;
    }
    *tensor_name = copy(port->input ? "input" : "output");
    return OK;
}

API ov_status_e ov_const_port_get_shape(const ov_output_const_port_t* port, ov_shape_t* tensor_shape) {
    static const int64_t dims[] = {1, 4};
    if (!ok(port, PORT) || tensor_shape == NULL) {
        return INVALID_C_PARAM;
    }
    fill_shape(tensor_shape, 2, dims);
    return OK;
}

API void ov_output_const_port_free(ov_output_const_port_t* port) {
    kill(port, PORT);
}

/* ---- ov_compiled_model.h ---- */

API ov_status_e ov_compiled_model_inputs_size(const ov_compiled_model_t* compiled_model, size_t* size) {
    if (!ok(compiled_model, COMPILED) || size == NULL) {
        return INVALID_C_PARAM;
    }
    *size = 1;
    return OK;
}

API ov_status_e ov_compiled_model_outputs_size(const ov_compiled_model_t* compiled_model, size_t* size) {
    return ov_compiled_model_inputs_size(compiled_model, size);
}

API ov_status_e ov_compiled_model_create_infer_request(const ov_compiled_model_t* compiled_model,
                                                       ov_infer_request_t** infer_request) {
    if (!ok(compiled_model, COMPILED) || infer_request == NULL) {
        return INVALID_C_PARAM;
    }
    *infer_request = make(sizeof(ov_infer_request_t), REQUEST);
    return OK;
}

API void ov_compiled_model_free(ov_compiled_model_t* compiled_model) {
    kill(compiled_model, COMPILED);
}

/* ---- ov_tensor.h ---- */

static ov_status_e tensor(ov_element_type_e type, ov_shape_t shape, void* data, ov_tensor_t** result) {
    if (result == NULL || shape.rank < 0 || shape.rank > MAX_RANK || (shape.rank > 0 && shape.dims == NULL)
        || element_size(type) == 0) {
        return INVALID_C_PARAM;
    }
    ov_tensor_t* t = make(sizeof(ov_tensor_t), TENSOR);
    t->type = type;
    t->rank = shape.rank;
    size_t elements = 1;
    for (int64_t i = 0; i < shape.rank; i++) {
        t->dims[i] = shape.dims[i];
        elements *= (size_t)shape.dims[i];
    }
    t->owns_data = data == NULL;
    t->data = data != NULL ? data : counted(elements * element_size(type));
    *result = t;
    return OK;
}

API ov_status_e ov_tensor_create(const ov_element_type_e type, const ov_shape_t shape, ov_tensor_t** out) {
#ifdef STUB_NO_PROBE
    (void)type;
    (void)shape;
    (void)out;
    return fail(NOT_IMPLEMENTED, "%s", "this stub refuses ov_tensor_create");
#else
    return tensor(type, shape, NULL, out);
#endif
}

API ov_status_e ov_tensor_create_from_host_ptr(const ov_element_type_e type, const ov_shape_t shape, void* host_ptr,
                                               ov_tensor_t** out) {
    if (host_ptr == NULL) {
        return INVALID_C_PARAM;
    }
    last_host_ptr = host_ptr;
    return tensor(type, shape, host_ptr, out);
}

API ov_status_e ov_tensor_get_shape(const ov_tensor_t* t, ov_shape_t* shape) {
    if (!ok(t, TENSOR) || shape == NULL) {
        return INVALID_C_PARAM;
    }
    fill_shape(shape, t->rank, t->dims);
    return OK;
}

API ov_status_e ov_tensor_get_element_type(const ov_tensor_t* t, ov_element_type_e* type) {
    if (!ok(t, TENSOR) || type == NULL) {
        return INVALID_C_PARAM;
    }
    *type = t->type;
    return OK;
}

API ov_status_e ov_tensor_get_byte_size(const ov_tensor_t* t, size_t* byte_size) {
    if (!ok(t, TENSOR) || byte_size == NULL) {
        return INVALID_C_PARAM;
    }
    size_t bytes = element_size(t->type);
    for (int64_t i = 0; i < t->rank; i++) {
        bytes *= (size_t)t->dims[i];
    }
    *byte_size = bytes;
    return OK;
}

API ov_status_e ov_tensor_data(const ov_tensor_t* t, void** data) {
    if (!ok(t, TENSOR) || data == NULL) {
        return INVALID_C_PARAM;
    }
    *data = t->data;
    return OK;
}

API void ov_tensor_free(ov_tensor_t* t) {
    if (t == NULL || !ok(t, TENSOR)) {
        return;
    }
    if (t->owns_data) {
        uncounted(t->data);
        t->data = NULL;
    }
    kill(t, TENSOR);
}

/* ---- ov_infer_request.h ---- */

API ov_status_e ov_infer_request_set_input_tensor_by_index(ov_infer_request_t* infer_request, const size_t idx,
                                                           const ov_tensor_t* t) {
    if (!ok(infer_request, REQUEST) || !ok(t, TENSOR)) {
        return INVALID_C_PARAM;
    }
    if (idx != 0) {
        return fail(GENERAL_ERROR, "%s", "Input port for index 1 was not found");
    }
    if (t->type != E_F32 || t->rank != 2 || t->dims[0] != 1 || t->dims[1] != 4) {
        return fail(GENERAL_ERROR, "%s", "The tensor element type or shape does not match input: f32 [1,4]");
    }
    infer_request->input = t->data;
    return OK;
}

API ov_status_e ov_infer_request_infer(ov_infer_request_t* infer_request) {
    if (!ok(infer_request, REQUEST)) {
        return INVALID_C_PARAM;
    }
    if (infer_request->input == NULL) {
        return fail(GENERAL_ERROR, "%s", "Input tensor 0 was not set");
    }
    for (int i = 0; i < 4; i++) {
        infer_request->output[i] = 2.0f * infer_request->input[i];
    }
    return OK;
}

API ov_status_e ov_infer_request_get_output_tensor_by_index(const ov_infer_request_t* infer_request,
                                                            const size_t idx, ov_tensor_t** out) {
    static const int64_t dims[] = {1, 4};
    if (!ok(infer_request, REQUEST) || out == NULL) {
        return INVALID_C_PARAM;
    }
    if (idx != 0) {
        return fail(GENERAL_ERROR, "%s", "Output port for index 1 was not found");
    }
    ov_shape_t shape = {2, (int64_t*)dims};
    return tensor(E_F32, shape, (void*)infer_request->output, out);
}

API void ov_infer_request_free(ov_infer_request_t* infer_request) {
    kill(infer_request, REQUEST);
}

/* ---- Not OpenVINO: for the test to look inside. ---- */

/** @return handles created and not yet freed, all kinds. */
API int stub_live_handles(void) {
    int total = 0;
    for (int i = 0; i < KINDS; i++) {
        total += live[i];
    }
    return total;
}

/** @return strings, dims arrays and tensor buffers handed out and not yet given back. */
API int stub_live_allocations(void) {
    return allocations;
}

/** @return double frees and calls with freed, foreign or null handles. */
API int stub_misuse(void) {
    return misuse;
}

/** @return "<device>|<key>=<value>;..." as the last successful ov_core_compile_model received them. */
API const char* stub_last_compile(void) {
    return last_compile;
}

/** @return the host_ptr of the last ov_tensor_create_from_host_ptr. */
API const void* stub_last_host_ptr(void) {
    return last_host_ptr;
}
