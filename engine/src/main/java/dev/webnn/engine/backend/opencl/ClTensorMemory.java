package dev.webnn.engine.backend.opencl;

import dev.webnn.engine.backend.TensorMemory;
import java.nio.ByteBuffer;
import org.jocl.cl_mem;

/** An MLTensor's bytes in a device buffer. */
final class ClTensorMemory implements TensorMemory {
    private final OpenCLBackend backend;
    private final long byteLength;
    private cl_mem mem;

    ClTensorMemory(OpenCLBackend backend, cl_mem mem, long byteLength) {
        this.backend = backend;
        this.mem = mem;
        this.byteLength = byteLength;
    }

    /** The buffer, or null once released. */
    cl_mem mem() {
        return mem;
    }

    OpenCLBackend backend() {
        return backend;
    }

    long byteLength() {
        return byteLength;
    }

    @Override
    public void write(ByteBuffer bytes) {
        backend.write(mem, 0, bytes);
    }

    @Override
    public ByteBuffer read() {
        return backend.read(mem, byteLength);
    }

    @Override
    public void release() {
        if (mem != null) {
            backend.free(mem, Math.max(1, byteLength));
            mem = null;
        }
    }
}
