package dev.webnn.engine.backend;

import java.nio.ByteBuffer;

/**
 * The bytes of one MLTensor, wherever its backend keeps them: host memory for CPU backends, a device buffer for the
 * OpenCL backend, so that tensors stay on the device between dispatches. Used only on its context's timeline,
 * except {@link Backend#allocate}, which creates it zero-filled.
 */
public interface TensorMemory {
    /** Replaces the contents with the little-endian bytes (exactly the tensor's byte length). */
    void write(ByteBuffer bytes);

    /** A new little-endian heap buffer with the contents, as every earlier queued operation left them. */
    ByteBuffer read();

    /** Frees the memory; idempotent. */
    void release();
}
