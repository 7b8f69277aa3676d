package dev.webnn.engine.backend;

import dev.webnn.engine.MemoryBudget;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.graph.Graph;
import java.nio.ByteBuffer;

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
     * Zero-filled memory for an MLTensor whose byte length the caller has checked against the limits: device memory
     * where the backend has it, else host bytes within the budget. A backend whose executables compute on float
     * arrays keeps float32 tensors as {@link FloatTensorMemory}, which they then read and write without copies.
     *
     * @throws dev.webnn.engine.WebNNException when the device or the budget cannot hold it
     */
    default TensorMemory allocateTensor(OperandDescriptor descriptor, MemoryBudget budget) {
        TensorMemory device = allocateDevice(descriptor);
        if (device != null) {
            return device;
        }
        MemoryBudget.Allocation<byte[]> memory = budget.allocate(Math.toIntExact(descriptor.byteLength()),
                "A tensor of " + descriptor);
        return new HostTensorMemory(ByteBuffer.wrap(memory.array()), memory.grant());
    }

    /**
     * Frees what the backend holds; called once, on the timeline, when the context that chose it is destroyed or
     * lost (a backend given to contexts by their creator is the creator's to close).
     */
    default void close() {
    }
}
