package dev.webnn.engine.compiler;

import dev.webnn.engine.OperandDescriptor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** One tensor of a program: a graph input, a constant, or a node's result. */
public final class Value {
    private final int id;
    private final OperandDescriptor descriptor;
    Layout layout = Layout.ROW_MAJOR;
    /** Little-endian bytes in storage order for a constant, else null. */
    ByteBuffer constant;
    String inputName;
    final List<String> outputNames = new ArrayList<>();
    Node producer;
    final List<Node> consumers = new ArrayList<>();

    Value(int id, OperandDescriptor descriptor) {
        this.id = id;
        this.descriptor = descriptor;
    }

    /** Dense from 0 within its program. */
    public int id() {
        return id;
    }

    /** The logical descriptor, as the graph sees the value. */
    public OperandDescriptor descriptor() {
        return descriptor;
    }

    public Layout layout() {
        return layout;
    }

    public long[] storageShape() {
        return layout.storageShape(descriptor.shape());
    }

    public boolean isConstant() {
        return constant != null;
    }

    /** A fresh read-only view of the constant's bytes. */
    public ByteBuffer constantBytes() {
        return constant.asReadOnlyBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /** The graph input name, or null. */
    public String inputName() {
        return inputName;
    }

    public List<String> outputNames() {
        return outputNames;
    }

    public boolean isGraphOutput() {
        return !outputNames.isEmpty();
    }

    public Node producer() {
        return producer;
    }

    public List<Node> consumers() {
        return consumers;
    }

    @Override
    public String toString() {
        return "v" + id + descriptor + (layout == Layout.NHWC ? "/nhwc" : "") + (constant != null ? "/const" : "");
    }
}
