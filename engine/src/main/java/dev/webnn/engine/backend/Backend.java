package dev.webnn.engine.backend;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.graph.Graph;

/** Something that can run WebNN graphs. */
public interface Backend {
    String name();

    /** What this backend runs; must list only what compile accepts. */
    OpSupportLimits opSupportLimits();

    /** @throws dev.webnn.engine.WebNNException of kind OPERATION for a graph it cannot run */
    Executable compile(Graph graph);

    /**
     * Zero-filled device memory for an MLTensor whose byte length the caller has checked against the limits, or null
     * (the default) when this backend's tensors live in host memory, which the context then allocates within its
     * memory budget.
     *
     * @throws dev.webnn.engine.WebNNException when the device cannot hold it
     */
    default TensorMemory allocateDevice(OperandDescriptor descriptor) {
        return null;
    }

    /**
     * Whether this backend's executables compute float32 on float arrays and take {@link FloatTensorMemory} for
     * float32 tensors, reading and writing it without copies; the context then keeps such tensors as floats.
     */
    default boolean computesOnFloatArrays() {
        return false;
    }

    /**
     * Frees what the backend holds; called once, on the timeline, when the context that chose it is destroyed or
     * lost (a backend given to contexts by their creator is the creator's to close).
     */
    default void close() {
    }
}
