package dev.webnn.engine.compiler;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.graph.Operation;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiler's mutable form of a graph: values and nodes in execution order. {@link #compile} runs the passes
 * (constant folding, fusion, layout, memory plan) that sit between the IR and a backend's kernels.
 */
public final class Program {
    final List<Value> values = new ArrayList<>();
    final List<Node> nodes = new ArrayList<>();
    final Map<String, Value> inputs = new LinkedHashMap<>();
    final Map<String, Value> outputs = new LinkedHashMap<>();
    MemoryPlan memoryPlan;

    private Program() {
    }

    /** Builds the program of a graph and runs every pass, steered by the backend's capabilities. */
    public static Program compile(Graph graph, Capabilities capabilities) {
        Program program = of(graph);
        ConstantFolding.run(program);
        Fusion.run(program, capabilities);
        LayoutAssignment.run(program, capabilities);
        program.memoryPlan = MemoryPlan.run(program, capabilities);
        return program;
    }

    /** The graph as a program, before any pass. */
    public static Program of(Graph graph) {
        Program program = new Program();
        Map<Operand, Value> valueOf = new HashMap<>();
        graph.inputs().forEach((name, operand) -> {
            Value v = program.newValue(operand.descriptor());
            v.inputName = name;
            program.inputs.put(name, v);
            valueOf.put(operand, v);
        });
        graph.constants().forEach((operand, bytes) -> {
            Value v = program.newValue(operand.descriptor());
            v.constant = bytes;
            valueOf.put(operand, v);
        });
        for (Operation operation : graph.operations()) {
            List<Value> in = new ArrayList<>();
            for (Operand operand : operation.inputs()) {
                in.add(operand == null ? null : valueOf.get(operand));
            }
            List<Value> out = new ArrayList<>();
            for (Operand operand : operation.outputs()) {
                Value v = program.newValue(operand.descriptor());
                valueOf.put(operand, v);
                out.add(v);
            }
            program.add(program.nodes.size(), new Node(Node.Kind.OP, operation.op(), in, out, operation.label()));
        }
        graph.outputs().forEach((name, operand) -> {
            Value v = valueOf.get(operand);
            v.outputNames.add(name);
            program.outputs.put(name, v);
        });
        return program;
    }

    Value newValue(OperandDescriptor descriptor) {
        Value v = new Value(values.size(), descriptor);
        values.add(v);
        return v;
    }

    Value newConstant(OperandDescriptor descriptor, ByteBuffer bytes) {
        Value v = newValue(descriptor);
        v.constant = bytes;
        return v;
    }

    /** Inserts a node at a position and links it to its values. */
    void add(int position, Node node) {
        nodes.add(position, node);
        for (Value in : node.inputs) {
            if (in != null) {
                in.consumers.add(node);
            }
        }
        for (Value out : node.outputs) {
            out.producer = node;
        }
    }

    /** Removes a node and its links; its outputs keep no producer. */
    void remove(Node node) {
        nodes.remove(node);
        for (Value in : node.inputs) {
            if (in != null) {
                in.consumers.remove(node);
            }
        }
        for (Value out : node.outputs) {
            if (out.producer == node) {
                out.producer = null;
            }
        }
    }

    /** Makes the node read {@code replacement} where it read input {@code index}. */
    void replaceInput(Node node, int index, Value replacement) {
        Value old = node.inputs.get(index);
        node.inputs.set(index, replacement);
        if (old != null && !node.inputs.contains(old)) {
            old.consumers.remove(node);
        }
        if (replacement != null && !replacement.consumers.contains(node)) {
            replacement.consumers.add(node);
        }
    }

    public List<Value> values() {
        return Collections.unmodifiableList(values);
    }

    /** In execution order. */
    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public Map<String, Value> inputs() {
        return Collections.unmodifiableMap(inputs);
    }

    public Map<String, Value> outputs() {
        return Collections.unmodifiableMap(outputs);
    }

    public MemoryPlan memoryPlan() {
        return memoryPlan;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Node node : nodes) {
            out.append(node).append('\n');
        }
        return out.toString();
    }
}
