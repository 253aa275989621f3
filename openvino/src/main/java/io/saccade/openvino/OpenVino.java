package io.saccade.openvino;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An OpenVINO runtime reached through its C API ({@code libopenvino_c}) with the FFM API: one {@code ov_core_t} and
 * the models and compiled models made from it. Works with OpenVINO 2022.3 LTS (the last with MYRIAD) through 2026.x,
 * on 64-bit Linux (x86_64, aarch64).
 *
 * <p>Closing it frees everything made from it that is still open (requests, compiled models, models), then the core.
 * The library itself stays loaded: see {@link #load(List, boolean)}.
 */
public final class OpenVino implements AutoCloseable {
    /** Environment variable naming the library file, or its directory, to try before the usual places. */
    public static final String ENV_LIBRARY = "SACCADE_OPENVINO_LIB";
    /** Property key: {@code LATENCY}, {@code THROUGHPUT} or {@code CUMULATIVE_THROUGHPUT}. */
    public static final String PERFORMANCE_HINT = "PERFORMANCE_HINT";
    /** Property key: the number of threads a CPU inference may use. */
    public static final String INFERENCE_NUM_THREADS = "INFERENCE_NUM_THREADS";
    /** Property key: the number of parallel inference streams. */
    public static final String NUM_STREAMS = "NUM_STREAMS";
    /** Property key: a directory for the compiled-model cache. */
    public static final String CACHE_DIR = "CACHE_DIR";

    private static final String ENCRYPTION_CALLBACKS = "CACHE_ENCRYPTION_CALLBACKS";

    private final OvNative ov;
    private final String library;
    private final String version;
    private final OvElementTable elementTable;
    private final OvHandle core;

    private OpenVino(final OvNative ov, final String library, final String version, final OvElementTable table) {
        this.ov = ov;
        this.library = library;
        this.version = version;
        this.elementTable = table;
        this.core = OvHandle.root("OpenVINO core", ov.coreCreate(), ov::coreFree);
    }

    /**
     * Same as {@link #load(List, boolean) load(candidates, true)}.
     *
     * @param candidates library files or directories to try first.
     * @return the runtime.
     * @throws OpenVinoUnavailableException listing everything tried, when nothing loads.
     */
    public static OpenVino load(final List<Path> candidates) throws OpenVinoUnavailableException {
        return load(candidates, true);
    }

    /**
     * Loads the first usable {@code libopenvino_c}: each candidate in order (a file, or every
     * {@code libopenvino_c.so*} in a directory), then, if asked, {@code $SACCADE_OPENVINO_LIB},
     * {@code $INTEL_OPENVINO_DIR/runtime/lib/<arch>}, {@code LD_LIBRARY_PATH}, {@code /opt/intel/openvino*}, the
     * system library directories and finally the known sonames through the dynamic loader. Files that are not ELF
     * libraries for this machine are reported without being opened.
     *
     * <p>A loaded library is never unloaded: OpenVINO's plugins keep threads and static state that do not survive
     * {@code dlclose}. The library's own dependencies ({@code libopenvino.so}, TBB, plugins) must be findable by the
     * dynamic loader, normally by putting its directory on {@code LD_LIBRARY_PATH}.
     *
     * @param candidates     library files or directories to try first.
     * @param searchDefaults whether to go on to the usual places.
     * @return the runtime, with a fresh {@code ov_core_t}.
     * @throws OpenVinoUnavailableException listing every path and name tried and why each failed.
     */
    public static OpenVino load(final List<Path> candidates, final boolean searchDefaults)
        throws OpenVinoUnavailableException {
        final String platform = unsupportedPlatform();
        if (platform != null) {
            throw new OpenVinoUnavailableException(List.of("this JVM: " + platform));
        }
        final OvLibrarySearch search = new OvLibrarySearch();
        candidates.forEach(search::addPath);
        if (searchDefaults) {
            search.addDefaults(System.getenv(), System.getProperty("os.arch", ""));
        }
        final List<String> attempts = new ArrayList<>();
        final Map<String, List<String>> sonamesByReason = new LinkedHashMap<>();
        for (final OvLibrarySearch.Target target : search.targets()) {
            String problem = target.problem();
            if (problem == null && target.file() != null) {
                problem = OvLibrarySearch.elfProblem(target.file());
            }
            if (problem == null) {
                try {
                    return open(target);
                } catch (final RuntimeException ex) {
                    problem = ex.getMessage();
                }
                if (target.file() == null) { // One line per reason, not per soname: "a, b, c: not found".
                    final String reason = problem.startsWith(target.label() + ": ")
                        ? problem.substring(target.label().length() + 2) : problem;
                    sonamesByReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(target.label());
                    continue;
                }
            }
            attempts.add(target.label() + ": " + problem);
        }
        sonamesByReason.forEach((reason, names) -> attempts.add(String.join(", ", names) + ": " + reason));
        throw new OpenVinoUnavailableException(attempts);
    }

    /** @return the library loaded: its path, or the soname the dynamic loader resolved. */
    public String library() {
        return library;
    }

    /** @return {@code ov_get_openvino_version()}'s build number, e.g. {@code "2024.6.0-17404-4c0f47d2335-..."}. */
    public String version() {
        return version;
    }

    /** @return the {@code ov_element_type_e} numbering of this runtime. */
    public OvElementTable elementTable() {
        return elementTable;
    }

    /** @return the devices OpenVINO can infer on here, e.g. {@code [CPU, GPU, NPU]} or {@code [CPU, MYRIAD]}. */
    public List<String> availableDevices() {
        return ov.availableDevices(core.address());
    }

    /**
     * Reads a model: OpenVINO IR ({@code .xml} plus {@code .bin}), ONNX, or another format the runtime's frontends
     * support.
     *
     * @param model   the model file.
     * @param weights the weights file, or {@code null} to let OpenVINO find it (for IR, the {@code .bin} beside it).
     * @return the model; close it once compiled, or leave it to {@link #close()}.
     * @throws OpenVinoException when OpenVINO cannot read it.
     */
    public OvModel readModel(final Path model, final Path weights) {
        final MemorySegment handle = ov.readModel(core.address(), model.toAbsolutePath().toString(),
            weights == null ? "" : weights.toAbsolutePath().toString());
        return new OvModel(ov, this, core.dependent("model " + model.getFileName(), handle, ov::modelFree));
    }

    /**
     * Compiles a model for a device.
     *
     * @param model      a model read by this runtime.
     * @param device     a device name from {@link #availableDevices()}, or a virtual one such as {@code AUTO}.
     * @param properties OpenVINO properties as strings, e.g. {@link #PERFORMANCE_HINT}={@code LATENCY},
     *                   {@link #INFERENCE_NUM_THREADS}={@code 4}; passed in iteration order.
     * @return the compiled model.
     * @throws OpenVinoException when OpenVINO rejects the device, a property or the model.
     */
    public OvCompiledModel compile(final OvModel model, final String device, final Map<String, String> properties) {
        Objects.requireNonNull(device, "device");
        if (model.owner() != this) {
            throw new IllegalArgumentException("the model was read by another OpenVino instance");
        }
        final Map<String, String> copy = new LinkedHashMap<>(properties);
        copy.forEach((key, value) -> {
            Objects.requireNonNull(value, key);
            if (key.equals(ENCRYPTION_CALLBACKS)) {
                throw new IllegalArgumentException(key + " takes a struct pointer, not a string");
            }
        });
        final MemorySegment handle = ov.compile(core.address(), model.handle().address(), device, copy);
        final OvHandle compiled = core.dependent("compiled model for " + device, handle, ov::compiledFree);
        try {
            return new OvCompiledModel(ov, elementTable, compiled, device,
                Math.toIntExact(ov.compiledPortCount(handle, true)),
                Math.toIntExact(ov.compiledPortCount(handle, false)));
        } catch (final RuntimeException ex) {
            compiled.close();
            throw ex;
        }
    }

    /** Frees every request, compiled model and model made from this runtime that is still open, then the core. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "OpenVINO " + version + " (" + library + ", element codes " + elementTable + ")";
    }

    private static OpenVino open(final OvLibrarySearch.Target target) {
        final OvNative ov = OvNative.open(target);
        final String version = ov.buildNumber();
        return new OpenVino(ov, target.label(), version, elementTable(ov, version));
    }

    /**
     * Asks the library which numbering it uses (see {@link OvElementTable}), cross-checked with F32; falls back to
     * the release number when the probe is inconclusive.
     */
    private static OvElementTable elementTable(final OvNative ov, final String version) {
        final long probe = ov.elementBytes(OvElementTable.PROBE_CODE);
        return OvElementTable.forProbe(probe)
            .filter(table -> ov.elementBytes(table.code(OvElementType.F32)) == OvElementType.F32.byteSize())
            .or(() -> OvElementTable.forBuildNumber(version))
            .orElseThrow(() -> new IllegalStateException("loaded, but its ov_element_type_e numbering is unknown: "
                + "a one-element tensor of code " + OvElementTable.PROBE_CODE + " is " + probe
                + " bytes and version '" + version + "' is not a known release"));
    }

    private static String unsupportedPlatform() {
        final String os = System.getProperty("os.name", "");
        final String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "not Linux (" + os + ")";
        }
        if (ValueLayout.ADDRESS.byteSize() != Long.BYTES
            || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64") || arch.equals("arm64"))) {
            return "not 64-bit x86 or ARM (" + arch + ")";
        }
        return null;
    }
}
