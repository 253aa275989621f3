package io.saccade.openvino;

/**
 * A model compiled for one device by {@link OpenVino#compile}. Closing it also closes its infer requests.
 */
public final class OvCompiledModel implements AutoCloseable {
    private final OvNative ov;
    private final OvElementTable elementTable;
    private final OvHandle handle;
    private final String device;
    private final int inputCount;
    private final int outputCount;

    OvCompiledModel(final OvNative ov, final OvElementTable elementTable, final OvHandle handle, final String device,
        final int inputCount, final int outputCount) {
        this.ov = ov;
        this.elementTable = elementTable;
        this.handle = handle;
        this.device = device;
        this.inputCount = inputCount;
        this.outputCount = outputCount;
    }

    /**
     * @return a new infer request. Each request is for one thread at a time; make one per concurrent pipeline stage.
     * @throws OpenVinoException when OpenVINO cannot create it.
     */
    public OvInferRequest createInferRequest() {
        return new OvInferRequest(ov, elementTable, handle, inputCount, outputCount);
    }

    /** @return the device name it was compiled for. */
    public String device() {
        return device;
    }

    /** @return the number of inputs. */
    public int inputCount() {
        return inputCount;
    }

    /** @return the number of outputs. */
    public int outputCount() {
        return outputCount;
    }

    /** Frees the compiled model and its infer requests; idempotent. */
    @Override
    public void close() {
        handle.close();
    }
}
