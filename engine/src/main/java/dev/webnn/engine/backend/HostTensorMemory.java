package dev.webnn.engine.backend;

import dev.webnn.engine.MemoryBudget;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Tensor bytes in a heap buffer (what host backends compute on directly), counted against the context's budget. */
public final class HostTensorMemory implements TensorMemory {
    private ByteBuffer bytes;
    private final MemoryBudget.Grant grant;

    /** @param grant returned on release; null when the bytes are not counted */
    public HostTensorMemory(ByteBuffer bytes, MemoryBudget.Grant grant) {
        this.bytes = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).clear();
        this.grant = grant;
    }

    /** The contents, little-endian, position 0; null once released. */
    public ByteBuffer buffer() {
        return bytes == null ? null : bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).clear();
    }

    @Override
    public void write(ByteBuffer source) {
        bytes.duplicate().clear().put(source.duplicate());
    }

    @Override
    public ByteBuffer read() {
        ByteBuffer copy = ByteBuffer.allocate(bytes.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        copy.put(bytes.duplicate().clear()).flip();
        return copy;
    }

    @Override
    public void release() {
        bytes = null;
        if (grant != null) {
            grant.release();
        }
    }
}
