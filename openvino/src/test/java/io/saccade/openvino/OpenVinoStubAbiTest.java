package io.saccade.openvino;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the binding against {@code src/test/c/openvino_c_stub.c}, a C library compiled here with the OpenVINO C API's
 * signatures. This checks the binding's side of the ABI (struct-by-value shapes, the variadic compile, out-pointers,
 * enums and {@code size_t}), its error paths and that it frees every handle exactly once. It does not check OpenVINO:
 * the stub's behaviour is this project's reading of the headers. {@link OpenVinoRuntimeSmokeTest} covers the real
 * runtime where one is installed.
 */
@SuppressWarnings("restricted") // Reads the stub's counters through FFM.
class OpenVinoStubAbiTest {
    private static final long[] SHAPE = {1, 4};

    @TempDir
    Path dir;

    private Stub stub;
    private Path model;

    @BeforeAll
    static void needGcc() {
        OvTestSupport.requireGcc();
    }

    @BeforeEach
    void compileStub() throws Exception {
        stub = Stub.compile(dir.resolve("v2024"));
        model = OvTestSupport.writeDoublingModel(dir);
    }

    @Test
    void shouldRunTheWholePathThroughTheStub() throws Exception {
        try (OpenVino ov = OpenVino.load(List.of(stub.library()), false)) {
            assertEquals("stub-0", ov.version());
            assertEquals(OvElementTable.V2024_2, ov.elementTable());
            assertEquals(stub.library().toString(), ov.library());
            assertEquals(List.of("CPU", "STUB"), ov.availableDevices());

            try (OvModel read = ov.readModel(model, null)) {
                assertEquals("[0:input[1, 4]]", read.inputs().toString());
                assertEquals("[0:output[1, 4]]", read.outputs().toString());

                final Map<String, String> properties = new LinkedHashMap<>();
                properties.put(OpenVino.PERFORMANCE_HINT, "LATENCY");
                properties.put(OpenVino.INFERENCE_NUM_THREADS, "2");
                try (OvCompiledModel compiled = ov.compile(read, "STUB", properties);
                    OvInferRequest request = compiled.createInferRequest();
                    Arena arena = Arena.ofConfined()) {
                    assertEquals("STUB|PERFORMANCE_HINT=LATENCY;INFERENCE_NUM_THREADS=2;", stub.lastCompile());
                    assertEquals(1, request.inputCount());
                    assertEquals(1, request.outputCount());

                    final MemorySegment input = arena.allocateFrom(JAVA_FLOAT, 1.5f, -2f, 0f, 3.25f);
                    request.setInput(0, input, SHAPE, OvElementType.F32);
                    assertEquals(input.address(), stub.lastHostPtr(), "the tensor wraps the caller's memory");
                    request.infer();

                    final OvTensorView output = request.output(0);
                    assertArrayEquals(SHAPE, output.shape());
                    assertEquals(OvElementType.F32, output.elementType());
                    assertArrayEquals(new float[] {3f, -4f, 0f, 6.5f}, output.data().toArray(JAVA_FLOAT));
                    assertTrue(output.data().isReadOnly());
                    assertSame(output, request.output(0));
                }
            }
        }
        stub.assertAllFreed();
    }

    @Test
    void shouldReadRefilledInputInPlaceAndEndOldOutputViews() throws Exception {
        try (OpenVino ov = OpenVino.load(List.of(stub.library()), false);
            OvModel read = ov.readModel(model, null);
            OvCompiledModel compiled = ov.compile(read, "CPU", Map.of());
            OvInferRequest request = compiled.createInferRequest();
            Arena arena = Arena.ofConfined()) {
            final MemorySegment input = arena.allocate(JAVA_FLOAT, 4);
            input.setAtIndex(JAVA_FLOAT, 0, 1f);
            request.setInput(0, input, SHAPE, OvElementType.F32);
            request.infer();
            final OvTensorView first = request.output(0);
            assertEquals(2f, first.data().getAtIndex(JAVA_FLOAT, 0));

            input.setAtIndex(JAVA_FLOAT, 0, 21f);
            request.setInput(0, input, SHAPE, OvElementType.F32); // Same memory: no new tensor.
            request.infer();
            assertThrows(IllegalStateException.class, () -> first.data().getAtIndex(JAVA_FLOAT, 0));
            assertEquals(42f, request.output(0).data().getAtIndex(JAVA_FLOAT, 0));
            assertEquals("CPU|", stub.lastCompile());
        }
        stub.assertAllFreed();
    }

    @Test
    void shouldCarryTheCallTheStatusAndOpenVinosTextInErrors() throws Exception {
        try (OpenVino ov = OpenVino.load(List.of(stub.library()), false)) {
            final Path missing = dir.resolve("missing.xml");
            final OpenVinoException unread = assertThrows(OpenVinoException.class, () -> ov.readModel(missing, null));
            assertEquals("ov_core_read_model", unread.call());
            assertEquals(OvStatus.GENERAL_ERROR, unread.status());
            assertEquals("Model file " + missing + " cannot be opened!", unread.detail());
            assertTrue(unread.getMessage().startsWith("ov_core_read_model failed: GENERAL_ERROR (-1): Model file"),
                unread.getMessage());

            try (OvModel read = ov.readModel(model, null)) {
                final OpenVinoException device = assertThrows(OpenVinoException.class,
                    () -> ov.compile(read, "GPU", Map.of()));
                assertEquals("ov_core_compile_model", device.call());
                assertTrue(device.detail().contains("\"GPU\""), device.detail());
                assertThrows(IllegalArgumentException.class,
                    () -> ov.compile(read, "CPU", Map.of("CACHE_ENCRYPTION_CALLBACKS", "x")));

                try (OvCompiledModel compiled = ov.compile(read, "CPU", Map.of());
                    OvInferRequest request = compiled.createInferRequest();
                    Arena arena = Arena.ofConfined()) {
                    final OpenVinoException notSet = assertThrows(OpenVinoException.class, request::infer);
                    assertEquals("ov_infer_request_infer", notSet.call());

                    final MemorySegment three = arena.allocate(JAVA_FLOAT, 3);
                    final OpenVinoException shape = assertThrows(OpenVinoException.class,
                        () -> request.setInput(0, three, new long[] {1, 3}, OvElementType.F32));
                    assertEquals("ov_infer_request_set_input_tensor_by_index", shape.call());
                    assertEquals(OvStatus.GENERAL_ERROR, shape.status());

                    assertThrows(IllegalArgumentException.class,
                        () -> request.setInput(0, three, SHAPE, OvElementType.F32), "too small for [1,4] f32");
                    assertThrows(IllegalArgumentException.class,
                        () -> request.setInput(0, MemorySegment.ofArray(new float[4]), SHAPE, OvElementType.F32));
                    assertThrows(IndexOutOfBoundsException.class,
                        () -> request.setInput(1, arena.allocate(16), SHAPE, OvElementType.F32));
                    assertThrows(IndexOutOfBoundsException.class, () -> request.output(1));
                }
            }
        }
        stub.assertAllFreed();
    }

    @Test
    void shouldFreeEverythingOnceWhenOnlyTheRuntimeIsClosed() throws Exception {
        final OpenVino ov = OpenVino.load(List.of(stub.library()), false);
        final OvModel read = ov.readModel(model, null);
        final OvCompiledModel compiled = ov.compile(read, "CPU", Map.of());
        final OvInferRequest request = compiled.createInferRequest();
        final Arena arena = Arena.ofConfined();
        request.setInput(0, arena.allocate(JAVA_FLOAT, 4), SHAPE, OvElementType.F32);
        request.infer();
        final OvTensorView output = request.output(0);
        assertTrue(stub.liveHandles() >= 6, "core, model, compiled model, request, input and output tensors");

        ov.close();
        stub.assertAllFreed();

        ov.close();
        request.close();
        compiled.close();
        read.close();
        assertEquals(0, stub.misuse(), "closing again frees nothing twice");
        assertThrows(IllegalStateException.class, request::infer);
        assertThrows(IllegalStateException.class, compiled::createInferRequest);
        assertThrows(IllegalStateException.class, ov::availableDevices);
        assertThrows(IllegalStateException.class, () -> output.data().getAtIndex(JAVA_FLOAT, 0));
        arena.close();
    }

    @ParameterizedTest(name = "stub layout {0} is {1}")
    @CsvSource({"2022, V2022_1", "2024, V2024_2", "2026, V2026_0"})
    void shouldDetectEachElementNumberingAndInferWithIt(final int layout, final OvElementTable expected)
        throws Exception {
        // As in 2022.3, the 2022 build has no ov_get_last_err_msg.
        final Stub old = layout == 2022 ? Stub.compile(dir.resolve("v" + layout), "-DSTUB_LAYOUT=2022",
            "-DSTUB_NO_LAST_ERROR") : Stub.compile(dir.resolve("v" + layout), "-DSTUB_LAYOUT=" + layout);
        try (OpenVino ov = OpenVino.load(List.of(old.library().getParent()), false);
            OvModel read = ov.readModel(model, null);
            OvCompiledModel compiled = ov.compile(read, "CPU", Map.of());
            OvInferRequest request = compiled.createInferRequest();
            Arena arena = Arena.ofConfined()) {
            assertEquals(expected, ov.elementTable());
            request.setInput(0, arena.allocateFrom(JAVA_FLOAT, 1f, 2f, 3f, 4f), SHAPE, OvElementType.F32);
            request.infer();
            assertEquals(OvElementType.F32, request.output(0).elementType());
            assertArrayEquals(new float[] {2f, 4f, 6f, 8f}, request.output(0).data().toArray(JAVA_FLOAT));

            final OpenVinoException error = assertThrows(OpenVinoException.class,
                () -> ov.readModel(dir.resolve("missing.xml"), null));
            if (layout == 2022) {
                assertNull(error.detail());
                assertTrue(error.getMessage().endsWith("this OpenVINO predates ov_get_last_err_msg"),
                    error.getMessage());
            }
        }
        old.assertAllFreed();
    }

    @Test
    void shouldFallBackToTheReleaseNumberWhenTheProbeIsRefused() throws Exception {
        final Stub noProbe = Stub.compile(dir.resolve("noprobe"), "-DSTUB_LAYOUT=2022", "-DSTUB_NO_PROBE",
            "-DSTUB_BUILD_NUMBER=\"2022.3.0-9052-9752fafe8eb-releases/2022/3\"");
        try (OpenVino ov = OpenVino.load(List.of(noProbe.library()), false)) {
            assertEquals(OvElementTable.V2022_1, ov.elementTable());
        }
        noProbe.assertAllFreed();

        final Stub unknown = Stub.compile(dir.resolve("unknown"), "-DSTUB_NO_PROBE");
        final OpenVinoUnavailableException refused = assertThrows(OpenVinoUnavailableException.class,
            () -> OpenVino.load(List.of(unknown.library()), false));
        assertTrue(refused.attempts().getFirst().contains("ov_element_type_e numbering is unknown"),
            refused.getMessage());
    }

    /** A compiled stub and its test-only entry points. */
    private static final class Stub {
        private final Path library;
        private final MethodHandle liveHandles;
        private final MethodHandle liveAllocations;
        private final MethodHandle misuse;
        private final MethodHandle lastCompile;
        private final MethodHandle lastHostPtr;

        private Stub(final Path library) {
            this.library = library;
            final SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
            final Linker linker = Linker.nativeLinker();
            final FunctionDescriptor count = FunctionDescriptor.of(JAVA_INT);
            final FunctionDescriptor pointer = FunctionDescriptor.of(ADDRESS);
            liveHandles = linker.downcallHandle(lookup.findOrThrow("stub_live_handles"), count);
            liveAllocations = linker.downcallHandle(lookup.findOrThrow("stub_live_allocations"), count);
            misuse = linker.downcallHandle(lookup.findOrThrow("stub_misuse"), count);
            lastCompile = linker.downcallHandle(lookup.findOrThrow("stub_last_compile"), pointer);
            lastHostPtr = linker.downcallHandle(lookup.findOrThrow("stub_last_host_ptr"), pointer);
        }

        static Stub compile(final Path dir, final String... flags) throws Exception {
            return new Stub(OvTestSupport.compileLibrary(OvTestSupport.stubSource(),
                dir.resolve(OvLibrarySearch.LIBRARY), flags));
        }

        Path library() {
            return library;
        }

        int liveHandles() {
            return count(liveHandles);
        }

        int misuse() {
            return count(misuse);
        }

        String lastCompile() {
            return pointer(lastCompile).reinterpret(1024).getString(0);
        }

        long lastHostPtr() {
            return pointer(lastHostPtr).address();
        }

        void assertAllFreed() {
            assertEquals(0, liveHandles(), "live stub handles");
            assertEquals(0, count(liveAllocations), "strings, dims and buffers not given back");
            assertEquals(0, misuse(), "double frees or uses of freed handles");
        }

        private static int count(final MethodHandle function) {
            try {
                return (int)function.invokeExact();
            } catch (final Throwable ex) {
                throw new AssertionError(ex);
            }
        }

        private static MemorySegment pointer(final MethodHandle function) {
            try {
                return (MemorySegment)function.invokeExact();
            } catch (final Throwable ex) {
                throw new AssertionError(ex);
            }
        }
    }
}
