package dev.webnn.engine.runtime;

import dev.webnn.engine.MemoryBudget;
import dev.webnn.engine.OperandDescriptor;
import java.nio.ByteBuffer;

/** An MLTensor: bytes owned by one context and touched only on that context's timeline. */
public final class Tensor {
    private final WebNNContext context;
    private final OperandDescriptor descriptor;
    private final boolean readable;
    private final boolean writable;
    private final boolean constant;
    private volatile boolean destroyed;
    /** Little-endian contents; read and written only on the timeline thread, null once released. */
    private ByteBuffer storage;
    /** Returns the storage's bytes to the context's budget: on release, or when the tensor is collected. */
    private final MemoryBudget.Grant grant;

    Tensor(WebNNContext context, OperandDescriptor descriptor, boolean readable, boolean writable,
           boolean constant, ByteBuffer storage, MemoryBudget.Grant grant) {
        this.context = context;
        this.descriptor = descriptor;
        this.readable = readable;
        this.writable = writable;
        this.constant = constant;
        this.storage = storage;
        this.grant = grant;
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

    ByteBuffer storage() {
        return storage;
    }

    void release() {
        storage = null;
        grant.release();
    }
}
