package dev.webnn.engine.backend;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** A compiled graph. */
public interface Executable {
    /**
     * Runs the graph. Buffers are little-endian, keyed by the graph's input and output names, each
     * exactly its descriptor's byte length; outputs are written, inputs are never modified.
     */
    void execute(Map<String, ByteBuffer> inputs, Map<String, ByteBuffer> outputs);

    /**
     * Runs the graph on tensors' memory, on the timeline. The default serves host backends: it computes on the
     * host buffers, copying only memory another backend allocated.
     */
    default void dispatch(Map<String, TensorMemory> inputs, Map<String, TensorMemory> outputs) {
        Map<String, ByteBuffer> in = new LinkedHashMap<>();
        inputs.forEach((name, memory) -> in.put(name, memory instanceof HostTensorMemory host
                ? host.buffer().asReadOnlyBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN) : memory.read()));
        Map<String, ByteBuffer> out = new LinkedHashMap<>();
        outputs.forEach((name, memory) -> out.put(name, memory instanceof HostTensorMemory host
                ? host.buffer() : memory.read()));
        execute(in, out);
        outputs.forEach((name, memory) -> {
            if (!(memory instanceof HostTensorMemory)) {
                memory.write(out.get(name).clear());
            }
        });
    }

    /** Frees what the compiled graph holds; called on the timeline after its last queued dispatch. */
    default void release() {
    }
}
