package dev.webnn.engine.compiler;

import dev.webnn.engine.ops.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a program: an op of the graph (perhaps with fused bias and element-wise ops), or a layout change the
 * layout pass inserted.
 */
public final class Node {
    public enum Kind {
        /** Runs {@link #op()}, then adds {@link #bias()}, then applies {@link #epilogue()} in order. */
        OP,
        /** Reorders a row-major [N, C, H, W] value into NHWC storage. */
        TO_NHWC,
        /** Reorders NHWC storage back to row-major. */
        TO_ROW_MAJOR,
        /** The same bytes seen in another layout: NHWC storage that is also row-major (H * W or C is 1). */
        RELABEL
    }

    private final Kind kind;
    private final Op op;
    final List<Value> inputs;
    final List<Value> outputs;
    private final String label;
    Value bias;
    final List<Op> epilogue = new ArrayList<>();
    boolean nhwc;

    Node(Kind kind, Op op, List<Value> inputs, List<Value> outputs, String label) {
        this.kind = kind;
        this.op = op;
        this.inputs = new ArrayList<>(inputs);
        this.outputs = new ArrayList<>(outputs);
        this.label = label;
    }

    public Kind kind() {
        return kind;
    }

    /** The graph op, or null for a layout node. */
    public Op op() {
        return op;
    }

    /** Positional; null marks an absent optional operand. */
    public List<Value> inputs() {
        return inputs;
    }

    public List<Value> outputs() {
        return outputs;
    }

    public Value output() {
        return outputs.get(0);
    }

    public String label() {
        return label;
    }

    /**
     * A fused constant added to the result along its channel axis (the last axis for matmul and gemm): one value
     * per channel, or one for all. Null when none.
     */
    public Value bias() {
        return bias;
    }

    /** Element-wise ops fused after the op, each taking the previous result as its only tensor operand. */
    public List<Op> epilogue() {
        return epilogue;
    }

    /** Whether the op's image operands are NHWC in storage (its kernel's order), whatever its logical layout. */
    public boolean nhwc() {
        return nhwc;
    }

    @Override
    public String toString() {
        return kind + (op != null ? " " + op.opName() : "") + " " + inputs + " -> " + outputs
                + (bias != null ? " +bias" : "") + (epilogue.isEmpty() ? "" : " then " + epilogue.stream().map(Op::opName).toList());
    }
}
