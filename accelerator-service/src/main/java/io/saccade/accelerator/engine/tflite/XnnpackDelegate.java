package io.saccade.accelerator.engine.tflite;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import ai.djl.engine.EngineException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.TfLiteDelegate;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * One XNNPACK delegate, created with explicit options through TFLite's C API ({@code xnnpack_delegate.h}), which the
 * bytedeco library exports but does not map to Java. Explicit rather than the op resolver's default delegate so
 * the thread count and the precision are ours to choose, and so the engine can tell how much of a model XNNPACK
 * took.
 *
 * <p>Only the two leading fields of {@code TfLiteXNNPackDelegateOptions} are touched ({@code int32_t num_threads;
 * uint32_t flags;}, first in every TFLite release since 2.3). The fields after them have grown from release to
 * release, so the options are filled by {@code TfLiteXNNPackDelegateOptionsDefault} into a buffer larger than any
 * release's struct: a struct of more than 16 bytes is returned through memory the caller provides, on x86-64 and
 * AArch64 alike, and the callee writes only its own size of it.
 */
@SuppressWarnings("restricted") // The one class of this package that calls native code outside JavaCPP.
final class XnnpackDelegate implements AutoCloseable {
    /** {@code TFLITE_XNNPACK_DELEGATE_FLAG_FORCE_FP16}: run fp32 operators in half precision. */
    static final int FLAG_FORCE_FP16 = 0x4;
    /** The custom name TFLite gives the graph nodes a delegate replaced operators with. */
    static final String KERNEL_NAME = "TfLiteXNNPackDelegate";

    private static final StructLayout OPTIONS = MemoryLayout.structLayout(JAVA_INT.withName("num_threads"),
        JAVA_INT.withName("flags"), MemoryLayout.sequenceLayout(62, JAVA_LONG).withName("later_fields"));
    private static final long FLAGS = OPTIONS.byteOffset(MemoryLayout.PathElement.groupElement("flags"));
    private static Bindings bindings;

    private final MemorySegment delegate;
    private final TfLiteDelegate view;
    private boolean closed;

    private XnnpackDelegate(final MemorySegment delegate) {
        this.delegate = delegate;
        this.view = new TfLiteDelegate(new Address(delegate.address()));
    }

    /**
     * @param threads threads of the delegate's own pool (1: inference on the calling thread only).
     * @param fp16    whether fp32 operators run in half precision.
     * @return a new delegate; {@link #close()} it after the interpreter that uses it.
     * @throws EngineException when the library lacks the C API or refuses the options.
     */
    static XnnpackDelegate create(final int threads, final boolean fp16) {
        final Bindings c = bindings();
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment options = (MemorySegment)c.defaults.invokeExact((SegmentAllocator)arena);
            options.set(JAVA_INT, 0, threads);
            options.set(JAVA_INT, FLAGS, options.get(JAVA_INT, FLAGS) | (fp16 ? FLAG_FORCE_FP16 : 0));
            final MemorySegment delegate = (MemorySegment)c.create.invokeExact(options);
            if (delegate.equals(MemorySegment.NULL)) {
                throw new EngineException("TFLite could not create an XNNPACK delegate");
            }
            return new XnnpackDelegate(delegate);
        } catch (final EngineException ex) {
            throw ex;
        } catch (final Throwable ex) {
            throw new EngineException("TFLite's XNNPACK C API failed: " + ex, ex);
        }
    }

    /** @return the delegate as the interpreter takes it. */
    TfLiteDelegate delegate() {
        return view;
    }

    /** Deletes the delegate; the interpreter that used it must be gone. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            bindings().delete.invokeExact(delegate);
        } catch (final Throwable ex) {
            throw new EngineException("TFLite could not delete an XNNPACK delegate: " + ex, ex);
        }
    }

    private static synchronized Bindings bindings() {
        if (bindings == null) {
            bindings = Bindings.bind();
        }
        return bindings;
    }

    /** The three C functions, looked up in the library JavaCPP loaded for TFLite. */
    private record Bindings(MethodHandle defaults, MethodHandle create, MethodHandle delete) {
        static Bindings bind() {
            final String library = Loader.load(tensorflowlite.class);
            // The library is already loaded; this lookup only takes another reference, kept for the JVM's life.
            final SymbolLookup lookup = SymbolLookup.libraryLookup(Path.of(library), Arena.global());
            final Linker linker = Linker.nativeLinker();
            return new Bindings(
                linker.downcallHandle(find(lookup, library, "TfLiteXNNPackDelegateOptionsDefault"),
                    FunctionDescriptor.of(OPTIONS)),
                linker.downcallHandle(find(lookup, library, "TfLiteXNNPackDelegateCreate"),
                    FunctionDescriptor.of(ADDRESS, ADDRESS)),
                linker.downcallHandle(find(lookup, library, "TfLiteXNNPackDelegateDelete"),
                    FunctionDescriptor.ofVoid(ADDRESS)));
        }

        private static MemorySegment find(final SymbolLookup lookup, final String library, final String name) {
            return lookup.find(name).orElseThrow(() -> new EngineException(library + " does not export " + name
                + ": this TFLite build has no XNNPACK C API"));
        }
    }

    /** A JavaCPP pointer at an address JavaCPP did not allocate (and must not free). */
    private static final class Address extends Pointer {
        Address(final long value) {
            address = value;
        }
    }
}
