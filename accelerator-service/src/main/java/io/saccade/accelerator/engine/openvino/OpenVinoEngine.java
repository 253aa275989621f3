package io.saccade.accelerator.engine.openvino;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import io.saccade.accelerator.engine.HostEngine;
import io.saccade.accelerator.engine.HostNDManager;
import io.saccade.openvino.OpenVino;
import io.saccade.openvino.OpenVinoUnavailableException;
import java.nio.file.Path;
import java.util.List;

/**
 * The DJL engine {@value #ENGINE_NAME}. It binds {@code libopenvino_c} when first asked for: from the system
 * property {@value #LIBRARY_PROPERTY} or {@code SACCADE_OPENVINO_LIB}, else OpenVINO's usual install places. On a
 * node without the runtime, asking for it fails with the list of places searched.
 */
public final class OpenVinoEngine extends HostEngine {
    /** The name models ask for. */
    public static final String ENGINE_NAME = "SaccadeOpenVINO";
    /** System property naming the library file or its directory. */
    public static final String LIBRARY_PROPERTY = "saccade.openvino.library";
    static final int RANK = 30;

    private final OpenVino runtime;
    private final HostNDManager system;

    private OpenVinoEngine(final OpenVino runtime) {
        super(ENGINE_NAME, RANK);
        this.runtime = runtime;
        this.system = new HostNDManager(null, Device.cpu(), this);
    }

    /**
     * @return the engine over the runtime found on this node.
     * @throws EngineException listing what was searched when there is none.
     */
    static OpenVinoEngine load() {
        final String explicit = System.getProperty(LIBRARY_PROPERTY, "");
        try {
            return new OpenVinoEngine(OpenVino.load(explicit.isBlank() ? List.of() : List.of(Path.of(explicit))));
        } catch (final OpenVinoUnavailableException ex) {
            throw new EngineException("no OpenVINO runtime on this node: " + ex.getMessage(), ex);
        }
    }

    OpenVino runtime() {
        return runtime;
    }

    @Override
    public String getVersion() {
        return runtime.version();
    }

    @Override
    public Model newModel(final String name, final Device device) {
        return new OpenVinoModel(name, this);
    }

    @Override
    public NDManager newBaseManager() {
        return system.newSubManager(Device.cpu());
    }

    @Override
    public NDManager newBaseManager(final Device device) {
        return system.newSubManager(Device.cpu()); // host memory; the OpenVINO device is a model option
    }
}
