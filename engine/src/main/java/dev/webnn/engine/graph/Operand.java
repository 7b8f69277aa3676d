package dev.webnn.engine.graph;

import dev.webnn.engine.OperandDescriptor;

/** A value in a graph under construction. Identity matters: two operands are never equal. */
public final class Operand {
    public enum Kind { INPUT, CONSTANT, OPERATION_OUTPUT }

    private final int id;
    private final OperandDescriptor descriptor;
    private final GraphBuilder builder;
    private final Kind kind;
    private final String name;

    Operand(int id, OperandDescriptor descriptor, GraphBuilder builder, Kind kind, String name) {
        this.id = id;
        this.descriptor = descriptor;
        this.builder = builder;
        this.kind = kind;
        this.name = name;
    }

    /** Unique within its builder, in creation order. */
    public int id() {
        return id;
    }

    public OperandDescriptor descriptor() {
        return descriptor;
    }

    public GraphBuilder builder() {
        return builder;
    }

    public Kind kind() {
        return kind;
    }

    /** The input name for an input operand, else null. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Operand#" + id + "(" + kind + (name != null ? " '" + name + "'" : "") + " " + descriptor + ")";
    }
}
