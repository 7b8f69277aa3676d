package dev.webnn.engine.graph;

import dev.webnn.engine.OperandDescriptor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An immutable, validated graph: only what the outputs depend on, in topological order. */
public final class Graph {
    private final Map<String, Operand> inputs;
    private final Map<String, Operand> outputs;
    private final List<Operation> operations;
    private final Map<Operand, ByteBuffer> constants;

    Graph(Map<String, Operand> inputs, Map<String, Operand> outputs, List<Operation> operations,
          Map<Operand, ByteBuffer> constants) {
        this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        this.operations = List.copyOf(operations);
        this.constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
    }

    /** The input operands the outputs depend on, by name, in creation order. */
    public Map<String, Operand> inputs() {
        return inputs;
    }

    public Map<String, Operand> outputs() {
        return outputs;
    }

    /** Operations in an order where every operand is produced before it is used. */
    public List<Operation> operations() {
        return operations;
    }

    /**
     * The constants the outputs depend on, as read-only little-endian buffers. Each call hands out
     * fresh views, so one reader moving a position cannot disturb another.
     */
    public Map<Operand, ByteBuffer> constants() {
        Map<Operand, ByteBuffer> views = new LinkedHashMap<>();
        constants.forEach((operand, bytes) -> views.put(operand, bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN)));
        return Collections.unmodifiableMap(views);
    }

    public Map<String, OperandDescriptor> inputDescriptors() {
        return descriptorsOf(inputs);
    }

    public Map<String, OperandDescriptor> outputDescriptors() {
        return descriptorsOf(outputs);
    }

    private static Map<String, OperandDescriptor> descriptorsOf(Map<String, Operand> operands) {
        Map<String, OperandDescriptor> out = new LinkedHashMap<>();
        operands.forEach((name, operand) -> out.put(name, operand.descriptor()));
        return Collections.unmodifiableMap(out);
    }
}
