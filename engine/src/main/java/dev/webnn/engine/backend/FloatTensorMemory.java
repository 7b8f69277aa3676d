package dev.webnn.engine.backend;

import dev.webnn.engine.MemoryBudget;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A float32 tensor kept as floats, for a backend that computes on float arrays (see {@link Backend#allocateTensor}):
 * its graphs read such a tensor and write their results into it in place of the copies in and out of their own
 * buffers. Counted against the context's budget like host bytes.
 */
public final class FloatTensorMemory implements TensorMemory {
    private float[] floats;
    private final MemoryBudget.Grant grant;

    /** @param grant returned on release; null when the floats are not counted */
    public FloatTensorMemory(float[] floats, MemoryBudget.Grant grant) {
        this.floats = floats;
        this.grant = grant;
    }

    /** The values themselves (not a copy), for a graph's steps on the timeline; null once released. */
    public float[] floats() {
        return floats;
    }

    @Override
    public void write(ByteBuffer source) {
        source.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(floats);
    }

    @Override
    public ByteBuffer read() {
        ByteBuffer copy = ByteBuffer.allocate(4 * floats.length).order(ByteOrder.LITTLE_ENDIAN);
        copy.asFloatBuffer().put(floats);
        return copy;
    }

    @Override
    public void release() {
        floats = null;
        if (grant != null) {
            grant.release();
        }
    }
}
