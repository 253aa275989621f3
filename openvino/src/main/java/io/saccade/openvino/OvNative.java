package io.saccade.openvino;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The OpenVINO C API functions this package uses, bound to one loaded {@code libopenvino_c}, with the struct layouts
 * of {@code openvino/c/*.h}. Signatures are those of 2022.3, unchanged since. 64-bit Linux only: {@code size_t} is
 * bound as {@code long} and the C enums as {@code int}.
 *
 * <p>A loaded library is never unloaded: OpenVINO's device plugins start threads and keep static state, and
 * {@code dlclose} under them is not safe. Only a library rejected while binding (a missing symbol) is closed again.
 * <p>
 * Large because it is the binding table: one downcall handle per OpenVINO C function used, declared in one place.
 */
@SuppressWarnings("restricted") // The one class of this package that crosses into native code.
final class OvNative {
    /** {@code ov_shape_t}: {@code {int64_t rank; int64_t* dims;}}, passed by value to the tensor constructors. */
    static final StructLayout SHAPE = MemoryLayout.structLayout(JAVA_LONG.withName("rank"), ADDRESS.withName("dims"))
        .withName("ov_shape_t");
    /** {@code ov_version_t}: {@code {const char* buildNumber; const char* description;}}. */
    static final StructLayout VERSION = MemoryLayout.structLayout(ADDRESS.withName("buildNumber"),
        ADDRESS.withName("description")).withName("ov_version_t");
    /** {@code ov_available_devices_t}: {@code {char** devices; size_t size;}}. */
    static final StructLayout DEVICES = MemoryLayout.structLayout(ADDRESS.withName("devices"),
        JAVA_LONG.withName("size")).withName("ov_available_devices_t");

    private static final long SHAPE_DIMS = SHAPE.byteOffset(MemoryLayout.PathElement.groupElement("dims"));
    private static final long DEVICES_SIZE = DEVICES.byteOffset(MemoryLayout.PathElement.groupElement("size"));
    private static final int MAX_RANK = 64;
    private static final int RTLD_LAZY = 1;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle DLOPEN = libc("dlopen", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle DLERROR = libc("dlerror", FunctionDescriptor.of(ADDRESS));
    private static final MethodHandle DLCLOSE = libc("dlclose", FunctionDescriptor.of(JAVA_INT, ADDRESS));

    /** A bound C function with its name, for messages. */
    private record Fn(String name, MethodHandle handle) {
    }

    private final SymbolLookup lookup;
    private final Fn getVersion;
    private final Fn versionFree;
    private final Fn coreCreate;
    private final Fn coreFree;
    private final Fn availableDevices;
    private final Fn availableDevicesFree;
    private final Fn readModel;
    private final Fn modelFree;
    private final Fn modelInputsSize;
    private final Fn modelOutputsSize;
    private final Fn modelInputByIndex;
    private final Fn modelOutputByIndex;
    private final Fn portAnyName;
    private final Fn portShape;
    private final Fn portFree;
    private final Fn shapeFree;
    private final Fn free;
    private final MemorySegment compileModel;
    private final Fn compiledInputsSize;
    private final Fn compiledOutputsSize;
    private final Fn createInferRequest;
    private final Fn compiledFree;
    private final Fn setInputTensor;
    private final Fn infer;
    private final Fn outputTensor;
    private final Fn inferRequestFree;
    private final Fn tensorCreate;
    private final Fn tensorFromHostPtr;
    private final Fn tensorShape;
    private final Fn tensorElementType;
    private final Fn tensorByteSize;
    private final Fn tensorData;
    private final Fn tensorFree;
    private final Fn lastErrMsg;
    private final ConcurrentMap<Integer, MethodHandle> compileByPropertyCount = new ConcurrentHashMap<>();

    private OvNative(final SymbolLookup lookup) {
        this.lookup = lookup;
        getVersion = bind("ov_get_openvino_version", JAVA_INT, ADDRESS);
        versionFree = bindVoid("ov_version_free", ADDRESS);
        coreCreate = bind("ov_core_create", JAVA_INT, ADDRESS);
        coreFree = bindVoid("ov_core_free", ADDRESS);
        availableDevices = bind("ov_core_get_available_devices", JAVA_INT, ADDRESS, ADDRESS);
        availableDevicesFree = bindVoid("ov_available_devices_free", ADDRESS);
        readModel = bind("ov_core_read_model", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        modelFree = bindVoid("ov_model_free", ADDRESS);
        modelInputsSize = bind("ov_model_inputs_size", JAVA_INT, ADDRESS, ADDRESS);
        modelOutputsSize = bind("ov_model_outputs_size", JAVA_INT, ADDRESS, ADDRESS);
        modelInputByIndex = bind("ov_model_const_input_by_index", JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);
        modelOutputByIndex = bind("ov_model_const_output_by_index", JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);
        portAnyName = bind("ov_port_get_any_name", JAVA_INT, ADDRESS, ADDRESS);
        portShape = bind("ov_const_port_get_shape", JAVA_INT, ADDRESS, ADDRESS);
        portFree = bindVoid("ov_output_const_port_free", ADDRESS);
        shapeFree = bind("ov_shape_free", JAVA_INT, ADDRESS);
        free = bindVoid("ov_free", ADDRESS);
        compileModel = symbol("ov_core_compile_model");
        compiledInputsSize = bind("ov_compiled_model_inputs_size", JAVA_INT, ADDRESS, ADDRESS);
        compiledOutputsSize = bind("ov_compiled_model_outputs_size", JAVA_INT, ADDRESS, ADDRESS);
        createInferRequest = bind("ov_compiled_model_create_infer_request", JAVA_INT, ADDRESS, ADDRESS);
        compiledFree = bindVoid("ov_compiled_model_free", ADDRESS);
        setInputTensor = bind("ov_infer_request_set_input_tensor_by_index", JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);
        infer = bind("ov_infer_request_infer", JAVA_INT, ADDRESS);
        outputTensor = bind("ov_infer_request_get_output_tensor_by_index", JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);
        inferRequestFree = bindVoid("ov_infer_request_free", ADDRESS);
        tensorCreate = bind("ov_tensor_create", JAVA_INT, JAVA_INT, SHAPE, ADDRESS);
        tensorFromHostPtr = bind("ov_tensor_create_from_host_ptr", JAVA_INT, JAVA_INT, SHAPE, ADDRESS, ADDRESS);
        tensorShape = bind("ov_tensor_get_shape", JAVA_INT, ADDRESS, ADDRESS);
        tensorElementType = bind("ov_tensor_get_element_type", JAVA_INT, ADDRESS, ADDRESS);
        tensorByteSize = bind("ov_tensor_get_byte_size", JAVA_INT, ADDRESS, ADDRESS);
        tensorData = bind("ov_tensor_data", JAVA_INT, ADDRESS, ADDRESS);
        tensorFree = bindVoid("ov_tensor_free", ADDRESS);
        lastErrMsg = lookup.find("ov_get_last_err_msg")
            .map(address -> new Fn("ov_get_last_err_msg", LINKER.downcallHandle(address,
                FunctionDescriptor.of(ADDRESS))))
            .orElse(null);
    }

    /**
     * Loads and binds a library.
     *
     * @param target a library file, or a soname for the dynamic loader.
     * @return the bindings.
     * @throws IllegalStateException saying why the library cannot be loaded or is not an OpenVINO C library.
     */
    static OvNative open(final OvLibrarySearch.Target target) {
        final Arena arena = Arena.ofShared(); // Never closed once bound: see the class comment.
        try {
            return new OvNative(target.file() == null ? SymbolLookup.libraryLookup(target.label(), arena)
                : SymbolLookup.libraryLookup(target.file(), arena));
        } catch (final IllegalArgumentException ex) {
            arena.close();
            throw new IllegalStateException(dlopenError(target.file() == null ? target.label()
                : target.file().toString()), ex);
        } catch (final RuntimeException | Error ex) {
            arena.close();
            throw ex;
        }
    }

    /** @return {@code ov_version_t.buildNumber}. */
    String buildNumber() {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment version = arena.allocate(VERSION);
            check(getVersion, call(getVersion, version));
            try {
                return string(version.get(ADDRESS, 0));
            } finally {
                callVoid(versionFree, version);
            }
        }
    }

    /**
     * @param code an {@code ov_element_type_e} value.
     * @return the byte size OpenVINO gives a one-element tensor of that code, or -1 if it refuses the code.
     */
    long elementBytes(final int code) {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment shape = arena.allocate(SHAPE);
            putShape(shape, arena.allocateFrom(JAVA_LONG, 1L), 1);
            final MemorySegment slot = arena.allocate(ADDRESS);
            if (call(tensorCreate, code, shape, slot) != 0) {
                return -1;
            }
            final MemorySegment tensor = slot.get(ADDRESS, 0);
            try {
                return call(tensorByteSize, tensor, slot) == 0 ? slot.get(JAVA_LONG, 0) : -1;
            } finally {
                callVoid(tensorFree, tensor);
            }
        }
    }

    /** @return a new {@code ov_core_t*}. */
    MemorySegment coreCreate() {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment slot = arena.allocate(ADDRESS);
            check(coreCreate, call(coreCreate, slot));
            return slot.get(ADDRESS, 0);
        }
    }

    /** @param core an {@code ov_core_t*} to free. */
    void coreFree(final MemorySegment core) {
        callVoid(coreFree, core);
    }

    /**
     * @param core an {@code ov_core_t*}.
     * @return the device names, e.g. {@code CPU}, {@code GPU.0}, {@code NPU}, {@code MYRIAD}.
     */
    List<String> availableDevices(final MemorySegment core) {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment devices = arena.allocate(DEVICES);
            check(availableDevices, call(availableDevices, core, devices));
            try {
                final long count = devices.get(JAVA_LONG, DEVICES_SIZE);
                final MemorySegment names = devices.get(ADDRESS, 0).reinterpret(count * ADDRESS.byteSize());
                final List<String> result = new ArrayList<>();
                for (long i = 0; i < count; i++) {
                    result.add(string(names.getAtIndex(ADDRESS, i)));
                }
                return List.copyOf(result);
            } finally {
                callVoid(availableDevicesFree, devices);
            }
        }
    }

    /**
     * @param core    an {@code ov_core_t*}.
     * @param model   the model file path.
     * @param weights the weights file path, or "" to let OpenVINO find it (IR: same name, {@code .bin}).
     * @return a new {@code ov_model_t*}.
     */
    MemorySegment readModel(final MemorySegment core, final String model, final String weights) {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment slot = arena.allocate(ADDRESS);
            check(readModel, call(readModel, core, arena.allocateFrom(model), arena.allocateFrom(weights), slot));
            return slot.get(ADDRESS, 0);
        }
    }

    /** @param model an {@code ov_model_t*} to free. */
    void modelFree(final MemorySegment model) {
        callVoid(modelFree, model);
    }

    /**
     * @param model an {@code ov_model_t*}.
     * @param input inputs, else outputs.
     * @return how many.
     */
    long modelPortCount(final MemorySegment model, final boolean input) {
        final Fn fn = input ? modelInputsSize : modelOutputsSize;
        return sizeOf(fn, model);
    }

    /**
     * @param model an {@code ov_model_t*}.
     * @param input an input port, else an output port.
     * @param index the port index.
     * @return a new {@code ov_output_const_port_t*}, to free with {@link #portFree}.
     */
    MemorySegment modelPort(final MemorySegment model, final boolean input, final long index) {
        final Fn fn = input ? modelInputByIndex : modelOutputByIndex;
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment slot = arena.allocate(ADDRESS);
            check(fn, call(fn, model, index, slot));
            return slot.get(ADDRESS, 0);
        }
    }

    /**
     * @param port an {@code ov_output_const_port_t*}.
     * @return one of its tensor names, or "" when it has none.
     */
    String portName(final MemorySegment port) {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment slot = arena.allocate(ADDRESS);
            if (call(portAnyName, port, slot) != 0) {
                return "";
            }
            final MemorySegment name = slot.get(ADDRESS, 0);
            try {
                return string(name);
            } finally {
                callVoid(free, name);
            }
        }
    }

    /**
     * @param port an {@code ov_output_const_port_t*}.
     * @return its static shape, or {@code null} when the shape is dynamic.
     */
    long[] portShape(final MemorySegment port) {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment shape = arena.allocate(SHAPE);
            return call(portShape, port, shape) == 0 ? takeShape(shape) : null;
        }
    }

    /** @param port an {@code ov_output_const_port_t*} to free. */
    void portFree(final MemorySegment port) {
        callVoid(portFree, port);
    }

    /**
     * {@code ov_core_compile_model}, whose properties are C varargs: {@code property_args_size} counts keys and
     * values, followed by that many {@code const char*}.
     *
     * @param core       an {@code ov_core_t*}.
     * @param model      an {@code ov_model_t*}.
     * @param device     the device name.
     * @param properties property keys and values.
     * @return a new {@code ov_compiled_model_t*}.
     */
    MemorySegment compile(final MemorySegment core, final MemorySegment model, final String device,
        final Map<String, String> properties) {
        final MethodHandle handle = compileByPropertyCount.computeIfAbsent(properties.size(), this::bindCompile);
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment slot = arena.allocate(ADDRESS);
            final List<Object> args = new ArrayList<>(5 + 2 * properties.size());
            args.add(core);
            args.add(model);
            args.add(arena.allocateFrom(device));
            args.add(2L * properties.size());
            args.add(slot);
            for (final Map.Entry<String, String> property : properties.entrySet()) {
                args.add(arena.allocateFrom(property.getKey()));
                args.add(arena.allocateFrom(property.getValue()));
            }
            final int status;
            try {
                status = (int)handle.invokeWithArguments(args);
            } catch (final Throwable ex) {
                throw unexpected("ov_core_compile_model", ex);
            }
            check("ov_core_compile_model", status);
            return slot.get(ADDRESS, 0);
        }
    }

    /**
     * @param compiled an {@code ov_compiled_model_t*}.
     * @param input    inputs, else outputs.
     * @return how many.
     */
    long compiledPortCount(final MemorySegment compiled, final boolean input) {
        return sizeOf(input ? compiledInputsSize : compiledOutputsSize, compiled);
    }

    /**
     * @param compiled an {@code ov_compiled_model_t*}.
     * @return a new {@code ov_infer_request_t*}.
     */
    MemorySegment createInferRequest(final MemorySegment compiled) {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment slot = arena.allocate(ADDRESS);
            check(createInferRequest, call(createInferRequest, compiled, slot));
            return slot.get(ADDRESS, 0);
        }
    }

    /** @param compiled an {@code ov_compiled_model_t*} to free. */
    void compiledFree(final MemorySegment compiled) {
        callVoid(compiledFree, compiled);
    }

    /**
     * Wraps caller memory as a tensor; OpenVINO keeps the pointer, copying nothing.
     *
     * @param code  the {@code ov_element_type_e}.
     * @param shape an {@link #SHAPE} struct, passed by value (OpenVINO copies the dims).
     * @param data  the host memory.
     * @param slot  an 8-byte scratch segment.
     * @return a new {@code ov_tensor_t*}.
     */
    MemorySegment tensorFromHostPtr(final int code, final MemorySegment shape, final MemorySegment data,
        final MemorySegment slot) {
        check(tensorFromHostPtr, call(tensorFromHostPtr, code, shape, data, slot));
        return slot.get(ADDRESS, 0);
    }

    /**
     * @param request an {@code ov_infer_request_t*}.
     * @param index   the input index.
     * @param tensor  an {@code ov_tensor_t*}.
     */
    void setInputTensor(final MemorySegment request, final long index, final MemorySegment tensor) {
        check(setInputTensor, call(setInputTensor, request, index, tensor));
    }

    /** @param request an {@code ov_infer_request_t*} to run synchronously. */
    void infer(final MemorySegment request) {
        check(infer, call(infer, request));
    }

    /**
     * @param request an {@code ov_infer_request_t*}.
     * @param index   the output index.
     * @param slot    an 8-byte scratch segment.
     * @return a new {@code ov_tensor_t*} sharing the request's output memory.
     */
    MemorySegment outputTensor(final MemorySegment request, final long index, final MemorySegment slot) {
        check(outputTensor, call(outputTensor, request, index, slot));
        return slot.get(ADDRESS, 0);
    }

    /** @param request an {@code ov_infer_request_t*} to free. */
    void inferRequestFree(final MemorySegment request) {
        callVoid(inferRequestFree, request);
    }

    /**
     * @param tensor an {@code ov_tensor_t*}.
     * @param shape  an {@link #SHAPE} scratch struct.
     * @return the tensor's dims.
     */
    long[] tensorShape(final MemorySegment tensor, final MemorySegment shape) {
        check(tensorShape, call(tensorShape, tensor, shape));
        return takeShape(shape);
    }

    /**
     * @param tensor an {@code ov_tensor_t*}.
     * @param slot   an 8-byte scratch segment.
     * @return its {@code ov_element_type_e} value.
     */
    int tensorElementType(final MemorySegment tensor, final MemorySegment slot) {
        slot.set(JAVA_LONG, 0, 0L);
        check(tensorElementType, call(tensorElementType, tensor, slot));
        return slot.get(JAVA_INT, 0);
    }

    /**
     * @param tensor an {@code ov_tensor_t*}.
     * @param slot   an 8-byte scratch segment.
     * @return its size in bytes.
     */
    long tensorByteSize(final MemorySegment tensor, final MemorySegment slot) {
        check(tensorByteSize, call(tensorByteSize, tensor, slot));
        return slot.get(JAVA_LONG, 0);
    }

    /**
     * @param tensor an {@code ov_tensor_t*}.
     * @param slot   an 8-byte scratch segment.
     * @return the address of its data, as a zero-length segment.
     */
    MemorySegment tensorData(final MemorySegment tensor, final MemorySegment slot) {
        check(tensorData, call(tensorData, tensor, slot));
        return slot.get(ADDRESS, 0);
    }

    /** @param tensor an {@code ov_tensor_t*} to free. */
    void tensorFree(final MemorySegment tensor) {
        callVoid(tensorFree, tensor);
    }

    /** @return whether the runtime has {@code ov_get_last_err_msg} (2023 and later). */
    boolean hasLastErrorMessage() {
        return lastErrMsg != null;
    }

    /**
     * @param data  the address of native memory, as from {@link #tensorData}.
     * @param bytes its size.
     * @param scope the arena whose closing ends access.
     * @return a read-only view of {@code bytes} bytes that fails cleanly once {@code scope} is closed.
     */
    static MemorySegment view(final MemorySegment data, final long bytes, final Arena scope) {
        return data.reinterpret(bytes, scope, null).asReadOnly();
    }

    /**
     * Fills an {@link #SHAPE} struct.
     *
     * @param shape the struct.
     * @param dims  {@code rank} longs.
     * @param rank  the rank.
     */
    static void putShape(final MemorySegment shape, final MemorySegment dims, final long rank) {
        shape.set(JAVA_LONG, 0, rank);
        shape.set(ADDRESS, SHAPE_DIMS, dims);
    }

    private long[] takeShape(final MemorySegment shape) {
        try {
            final long rank = shape.get(JAVA_LONG, 0);
            if (rank < 0 || rank > MAX_RANK) {
                throw new IllegalStateException("OpenVINO returned a shape of rank " + rank);
            }
            return shape.get(ADDRESS, SHAPE_DIMS).reinterpret(rank * JAVA_LONG.byteSize()).toArray(JAVA_LONG);
        } finally {
            call(shapeFree, shape);
        }
    }

    private long sizeOf(final Fn fn, final MemorySegment object) {
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment size = arena.allocate(JAVA_LONG);
            check(fn, call(fn, object, size));
            return size.get(JAVA_LONG, 0);
        }
    }

    private void check(final Fn fn, final int status) {
        check(fn.name(), status);
    }

    private void check(final String call, final int status) {
        if (status == OvStatus.OK.code()) {
            return;
        }
        if (status == OvStatus.INVALID_C_PARAM.code()) {
            // The wrapper returns this before calling OpenVINO, leaving any earlier message in place: do not use it.
            throw new OpenVinoException(call, status, null, "the C wrapper rejected an argument");
        }
        if (lastErrMsg == null) {
            throw new OpenVinoException(call, status, null, "no detail: this OpenVINO predates ov_get_last_err_msg");
        }
        final MemorySegment text;
        try {
            text = (MemorySegment)lastErrMsg.handle().invokeExact();
        } catch (final Throwable ex) {
            throw unexpected(lastErrMsg.name(), ex);
        }
        // Not freed: the header does not say who owns the text and bindings in the wild do not free it; a few bytes
        // per failure are a better risk than a double free.
        throw new OpenVinoException(call, status, string(text), "ov_get_last_err_msg gave no text");
    }

    private Fn bind(final String name, final MemoryLayout result, final MemoryLayout... args) {
        return new Fn(name, LINKER.downcallHandle(symbol(name), FunctionDescriptor.of(result, args)));
    }

    private Fn bindVoid(final String name, final MemoryLayout... args) {
        return new Fn(name, LINKER.downcallHandle(symbol(name), FunctionDescriptor.ofVoid(args)));
    }

    private MethodHandle bindCompile(final int propertyCount) {
        final List<MemoryLayout> args = new ArrayList<>(List.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        for (int i = 0; i < 2 * propertyCount; i++) {
            args.add(ADDRESS);
        }
        return LINKER.downcallHandle(compileModel,
            FunctionDescriptor.of(JAVA_INT, args.toArray(MemoryLayout[]::new)), Linker.Option.firstVariadicArg(5));
    }

    private MemorySegment symbol(final String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalStateException(
            "has no " + name + ", so it is not an OpenVINO 2022.3+ C library"));
    }

    private static int call(final Fn fn, final MemorySegment a) {
        try {
            return (int)fn.handle().invokeExact(a);
        } catch (final Throwable ex) {
            throw unexpected(fn.name(), ex);
        }
    }

    private static int call(final Fn fn, final MemorySegment a, final MemorySegment b) {
        try {
            return (int)fn.handle().invokeExact(a, b);
        } catch (final Throwable ex) {
            throw unexpected(fn.name(), ex);
        }
    }

    private static int call(final Fn fn, final MemorySegment a, final long index, final MemorySegment b) {
        try {
            return (int)fn.handle().invokeExact(a, index, b);
        } catch (final Throwable ex) {
            throw unexpected(fn.name(), ex);
        }
    }

    private static int call(final Fn fn, final MemorySegment a, final MemorySegment b, final MemorySegment c,
        final MemorySegment d) {
        try {
            return (int)fn.handle().invokeExact(a, b, c, d);
        } catch (final Throwable ex) {
            throw unexpected(fn.name(), ex);
        }
    }

    private static int call(final Fn fn, final int code, final MemorySegment shape, final MemorySegment out) {
        try {
            return (int)fn.handle().invokeExact(code, shape, out);
        } catch (final Throwable ex) {
            throw unexpected(fn.name(), ex);
        }
    }

    private static int call(final Fn fn, final int code, final MemorySegment shape, final MemorySegment data,
        final MemorySegment out) {
        try {
            return (int)fn.handle().invokeExact(code, shape, data, out);
        } catch (final Throwable ex) {
            throw unexpected(fn.name(), ex);
        }
    }

    private static void callVoid(final Fn fn, final MemorySegment a) {
        try {
            fn.handle().invokeExact(a);
        } catch (final Throwable ex) {
            throw unexpected(fn.name(), ex);
        }
    }

    private static RuntimeException unexpected(final String name, final Throwable ex) {
        if (ex instanceof Error error) {
            throw error;
        }
        return ex instanceof RuntimeException runtime ? runtime
            : new IllegalStateException(name + " could not be called", ex);
    }

    private static String string(final MemorySegment text) {
        return text.equals(MemorySegment.NULL) ? null : text.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** @return dlerror()'s reason for a library that {@code SymbolLookup.libraryLookup} refused, which it omits. */
    private static String dlopenError(final String library) {
        if (DLOPEN == null || DLERROR == null) {
            return "dlopen failed (missing dependency? try: ldd " + library + ")";
        }
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment handle = (MemorySegment)DLOPEN.invokeExact(arena.allocateFrom(library), RTLD_LAZY);
            if (!handle.equals(MemorySegment.NULL)) {
                final int closed = (int)DLCLOSE.invokeExact(handle);
                return "refused by SymbolLookup.libraryLookup, though dlopen accepts it (dlclose: " + closed + ")";
            }
            final String reason = string((MemorySegment)DLERROR.invokeExact());
            return reason == null ? "dlopen failed" : reason;
        } catch (final Throwable ex) {
            return "dlopen failed (" + ex + ")";
        }
    }

    private static MethodHandle libc(final String name, final FunctionDescriptor descriptor) {
        return LINKER.defaultLookup().find(name).map(address -> LINKER.downcallHandle(address, descriptor))
            .orElse(null);
    }
}
