package io.saccade.accelerator.engine.tflite;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import io.saccade.accelerator.engine.HostEngine;
import io.saccade.accelerator.engine.HostNDManager;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * The DJL engine {@value #ENGINE_NAME}: TensorFlow Lite through the bytedeco C++ build, CPU only. Chosen over DJL's
 * own TFLite engine, which runs the SSD without XNNPACK (~100-125 ms instead of ~40 ms here) and does not load with
 * DJL 0.38.
 */
public final class TfLiteEngine extends HostEngine {
    /** The name models ask for in {@code Model.newInstance(name, device, ENGINE_NAME)}. */
    public static final String ENGINE_NAME = "SaccadeTFLite";
    /**
     * Model property saying how a model runs: XNNPACK, precision and how many operators XNNPACK took, or that the
     * model was converted to ONNX.
     */
    public static final String EXECUTION = "execution";
    /** Model property: multiply-adds per inference in convolutions and fully connected layers. */
    public static final String MULTIPLY_ADDS = "multiplyAdds";
    /** Rank among engines: below DJL's own, so it is only used when asked for by name. */
    static final int RANK = 20;

    private final HostNDManager system;

    TfLiteEngine() {
        super(ENGINE_NAME, RANK);
        this.system = new HostNDManager(null, Device.cpu(), this);
    }

    @Override
    public String getVersion() {
        return tensorflowlite.TfLiteVersion().getString();
    }

    @Override
    public Model newModel(final String name, final Device device) {
        return new TfLiteModel(name, requireCpu(device), this);
    }

    @Override
    public NDManager newBaseManager() {
        return newBaseManager(Device.cpu());
    }

    @Override
    public NDManager newBaseManager(final Device device) {
        return system.newSubManager(requireCpu(device));
    }

    private static Device requireCpu(final Device device) {
        if (device != null && !Device.Type.CPU.equals(device.getDeviceType())) {
            throw new IllegalArgumentException(ENGINE_NAME + " runs on the CPU only, not " + device);
        }
        return Device.cpu();
    }
}
