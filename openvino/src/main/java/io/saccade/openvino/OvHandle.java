package io.saccade.openvino;

import java.lang.foreign.MemorySegment;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One native OpenVINO object, freed exactly once and only after the objects registered as depending on it (a core's
 * models and compiled models, a compiled model's infer requests). Closing is idempotent and may come from the owner or
 * from a parent closing first. Locks are never held while freeing, so parent and child may close on different
 * threads.
 */
final class OvHandle {
    private final OvHandle parent;
    private final String what;
    private final MemorySegment address;
    private final Consumer<MemorySegment> free;
    private final Set<OvHandle> dependents = new LinkedHashSet<>(); // Guarded by this.
    private volatile boolean closed;

    private OvHandle(final OvHandle parent, final String what, final MemorySegment address,
        final Consumer<MemorySegment> free) {
        this.parent = parent;
        this.what = what;
        this.address = address;
        this.free = free;
    }

    /**
     * @param what    the object's name in messages, e.g. {@code "OpenVINO core"}.
     * @param address the native pointer.
     * @param free    frees it.
     * @return a handle with no parent.
     */
    static OvHandle root(final String what, final MemorySegment address, final Consumer<MemorySegment> free) {
        return new OvHandle(null, what, address, free);
    }

    /**
     * Registers a native object that must be freed before this one. If this handle is already closed, frees the new
     * object at once and throws.
     *
     * @param dependentWhat its name in messages.
     * @param dependent     the native pointer.
     * @param dependentFree frees it.
     * @return its handle.
     */
    OvHandle dependent(final String dependentWhat, final MemorySegment dependent,
        final Consumer<MemorySegment> dependentFree) {
        final OvHandle handle = new OvHandle(this, dependentWhat, dependent, dependentFree);
        synchronized (this) {
            if (!closed) {
                dependents.add(handle);
                return handle;
            }
        }
        dependentFree.accept(dependent);
        throw new IllegalStateException(what + " is closed");
    }

    /**
     * @return the native pointer.
     * @throws IllegalStateException once closed.
     */
    MemorySegment address() {
        if (closed) {
            throw new IllegalStateException(what + " is closed");
        }
        return address;
    }

    /** @return whether this has been closed. */
    boolean isClosed() {
        return closed;
    }

    /** Frees the dependents, newest first, then this object; does nothing the second time. */
    void close() {
        final OvHandle[] first;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            first = dependents.toArray(new OvHandle[0]);
            dependents.clear();
        }
        try {
            for (int i = first.length - 1; i >= 0; i--) {
                first[i].close();
            }
        } finally {
            free.accept(address);
            if (parent != null) {
                parent.forget(this);
            }
        }
    }

    private synchronized void forget(final OvHandle dependent) {
        dependents.remove(dependent);
    }
}
