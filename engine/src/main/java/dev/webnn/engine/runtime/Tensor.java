package dev.webnn.engine.runtime;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.backend.TensorMemory;

/** An MLTensor: bytes owned by one context and touched only on that context's timeline. */
public final class Tensor {
    private final WebNNContext context;
    private final OperandDescriptor descriptor;
    private final boolean readable;
    private final boolean writable;
    private final boolean constant;
    private volatile boolean destroyed;
    /**
     * The contents, in host memory or on the backend's device; touched only on the timeline thread, null once
     * released. Host memory returns its bytes to the context's budget on release, or when the tensor is collected.
     */
    private TensorMemory memory;

    Tensor(WebNNContext context, OperandDescriptor descriptor, boolean readable, boolean writable,
           boolean constant, TensorMemory memory) {
        this.context = context;
        this.descriptor = descriptor;
        this.readable = readable;
        this.writable = writable;
        this.constant = constant;
        this.memory = memory;
    }

    public WebNNContext context() {
        return context;
    }

    public OperandDescriptor descriptor() {
        return descriptor;
    }

    public boolean readable() {
        return readable;
    }

    public boolean writable() {
        return writable;
    }

    public boolean constant() {
        return constant;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    /** Idempotent. Pending reads of this tensor reject; its memory is released in timeline order. */
    public void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        context.tensorDestroyed(this);
    }

    TensorMemory memory() {
        return memory;
    }

    void release() {
        if (memory != null) {
            memory.release();
            memory = null;
        }
    }
}
