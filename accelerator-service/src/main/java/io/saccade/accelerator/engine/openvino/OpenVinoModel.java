package io.saccade.accelerator.engine.openvino;

import ai.djl.BaseModel;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.types.DataType;
import io.saccade.accelerator.engine.HostNDManager;
import io.saccade.openvino.OpenVinoException;
import io.saccade.openvino.OvCompiledModel;
import io.saccade.openvino.OvModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OpenVINO model compiled for one device. {@link #load(Path, String, Map)} takes an IR {@code .xml} (weights in
 * the {@code .bin} beside it) or an {@code .onnx} file, and the options {@code device} (default CPU) and
 * {@code threads}.
 */
final class OpenVinoModel extends BaseModel {
    private final OpenVinoEngine engine;

    OpenVinoModel(final String name, final OpenVinoEngine engine) {
        super(name);
        this.engine = engine;
        this.manager = engine.newBaseManager();
        this.dataType = DataType.FLOAT32;
    }

    @Override
    public void load(final Path modelPath, final String prefix, final Map<String, ?> options)
        throws IOException, MalformedModelException {
        if (!Files.isRegularFile(modelPath)) {
            throw new IOException("no OpenVINO model at " + modelPath);
        }
        final String device = option(options, "device", "CPU");
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("PERFORMANCE_HINT", "LATENCY");
        final String threads = option(options, "threads", "");
        if (!threads.isEmpty() && "CPU".equalsIgnoreCase(device)) {
            properties.put("INFERENCE_NUM_THREADS", threads);
        }
        final Path weights = modelPath.toString().endsWith(".xml")
            ? modelPath.resolveSibling(modelPath.getFileName().toString().replaceFirst("\\.xml$", ".bin")) : null;
        try (OvModel model = engine.runtime().readModel(modelPath, weights)) {
            final OvCompiledModel compiled = engine.runtime().compile(model, device, properties);
            block = new OpenVinoSymbolBlock(compiled, model.outputs(), (HostNDManager)manager);
        } catch (final OpenVinoException ex) {
            throw new MalformedModelException("OpenVINO cannot load " + modelPath + " for " + device + ": "
                + ex.getMessage(), ex);
        }
        setProperty("device", device);
    }

    @Override
    public void close() {
        if (block instanceof OpenVinoSymbolBlock symbols) {
            symbols.close();
            block = null;
        }
        super.close();
    }

    private static String option(final Map<String, ?> options, final String key, final String fallback) {
        final Object value = options == null ? null : options.get(key);
        return value == null ? fallback : value.toString();
    }
}
