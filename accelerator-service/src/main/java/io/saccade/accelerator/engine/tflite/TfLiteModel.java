package io.saccade.accelerator.engine.tflite;

import ai.djl.BaseModel;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A TFLite model loaded into one interpreter. {@link #load(Path, String, Map)} takes the {@code .tflite} file (or
 * a directory and the file's base name) and the option {@code threads} (default 1).
 */
final class TfLiteModel extends BaseModel {
    /** Option naming the interpreter's thread count. */
    static final String THREADS = "threads";

    TfLiteModel(final String name, final Device device, final TfLiteEngine engine) {
        super(name);
        this.manager = engine.newBaseManager(device);
        this.manager.setName("tflite-" + name);
        this.dataType = ai.djl.ndarray.types.DataType.FLOAT32;
    }

    @Override
    public void load(final Path modelPath, final String prefix, final Map<String, ?> options)
        throws IOException, MalformedModelException {
        if (block != null) {
            throw new IllegalStateException("model " + modelName + " is already loaded");
        }
        final Path file = Files.isDirectory(modelPath)
            ? modelPath.resolve((prefix != null ? prefix : modelName) + ".tflite") : modelPath;
        if (!Files.isRegularFile(file)) {
            throw new IOException("no TFLite model at " + file);
        }
        setModelDir(file.toAbsolutePath().getParent());
        final int threads = threads(options);
        try {
            block = new TfLiteSymbolBlock(TfLiteInterpreter.open(file, threads),
                (io.saccade.accelerator.engine.HostNDManager)manager);
        } catch (final EngineException ex) {
            throw new MalformedModelException(ex.getMessage(), ex);
        }
        setProperty(THREADS, Integer.toString(threads));
    }

    @Override
    public void close() {
        if (block instanceof TfLiteSymbolBlock symbols) {
            symbols.close();
            block = null;
        }
        super.close();
    }

    private static int threads(final Map<String, ?> options) {
        final Object value = options == null ? null : options.get(THREADS);
        if (value == null) {
            return 1;
        }
        final int threads = value instanceof Number number ? number.intValue() : Integer.parseInt(value.toString());
        if (threads < 1) {
            throw new IllegalArgumentException("TFLite threads must be at least 1, got " + value);
        }
        return threads;
    }
}
