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
 * a directory and the file's base name) and the options {@code threads} (default 1) and {@code precision}
 * ({@code fp32}, the default, or {@code fp16}); the properties {@value TfLiteEngine#EXECUTION} and
 * {@value TfLiteEngine#MULTIPLY_ADDS}
 * then say how the model runs and how much arithmetic one inference is.
 */
final class TfLiteModel extends BaseModel {
    /** Option naming the interpreter's thread count. */
    static final String THREADS = "threads";
    /** Option naming the arithmetic, {@code fp32} (default) or {@code fp16}. */
    static final String PRECISION = "precision";

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
        final boolean fp16 = fp16(options);
        final TfLiteInterpreter interpreter;
        try {
            interpreter = TfLiteInterpreter.open(file, threads, fp16);
        } catch (final EngineException ex) {
            throw new MalformedModelException(ex.getMessage(), ex);
        }
        block = new TfLiteSymbolBlock(interpreter, (io.saccade.accelerator.engine.HostNDManager)manager);
        setProperty(THREADS, Integer.toString(threads));
        setProperty(TfLiteEngine.EXECUTION, interpreter.execution());
        setProperty(TfLiteEngine.MULTIPLY_ADDS, Long.toString(interpreter.multiplyAdds()));
    }

    @Override
    public void close() {
        if (block instanceof TfLiteSymbolBlock symbols) {
            symbols.close();
            block = null;
        }
        super.close();
    }

    private static boolean fp16(final Map<String, ?> options) {
        final Object value = options == null ? null : options.get(PRECISION);
        if (value == null || "fp32".equalsIgnoreCase(value.toString())) {
            return false;
        } else if ("fp16".equalsIgnoreCase(value.toString())) {
            return true;
        }
        throw new IllegalArgumentException("TFLite precision must be fp32 or fp16, got " + value);
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
