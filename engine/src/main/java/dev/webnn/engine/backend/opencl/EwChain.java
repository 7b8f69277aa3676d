package dev.webnn.engine.backend.opencl;

import dev.webnn.engine.DataType;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.graph.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The element-wise template: a chain of element-wise ops fused into one kernel (or into the epilogue of a GEMM or
 * convolution kernel, whose result is then the chain's seed). Every op of a chain has the same output shape; each
 * reads the previous op's result from a register and any other operand from memory through its broadcast map.
 */
final class EwChain {
    /** C code of one element-wise op: an expression in its output's compute type, over its arguments' values. */
    @FunctionalInterface
    interface Code {
        String apply(String[] args);
    }

    /** One element-wise op, lowered: its operands, the shape each is read as (aligned to the output), its code. */
    record Ew(Operation operation, List<Operand> args, List<long[]> readShapes, DataType type, Code code) {
        Operand output() {
            return operation.outputs().get(0);
        }
    }

    private record Leaf(Operand operand, long[] readShape) {
    }

    private static final int SEED = -1;

    /** args: leaf index (>= 0), SEED, or -2 - k for the result of node k. */
    private record Node(Code code, int[] args, DataType type) {
    }

    private final List<Leaf> leaves = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<Operation> operations = new ArrayList<>();
    private final DataType seedType;
    private Operand output;
    private DataType type;
    private final long[] shape;

    private EwChain(Operand output, DataType type, long[] shape) {
        this.seedType = type;
        this.output = output;
        this.type = type;
        this.shape = shape;
    }

    static EwChain of(Ew first) {
        EwChain chain = new EwChain(null, null, first.output().descriptor().shape());
        chain.append(first, null);
        return chain;
    }

    /** An epilogue: a chain whose first value is computed by the kernel it is fused into, not loaded. */
    static EwChain seeded(Operand produced) {
        return new EwChain(produced, produced.descriptor().dataType(), produced.descriptor().shape());
    }

    /** Whether {@code ew}, reading this chain's result, can join it. */
    boolean accepts(Ew ew) {
        return Arrays.equals(ew.output().descriptor().shape(), shape) && ew.args().contains(output);
    }

    /** Appends {@code ew}; its operands equal to the chain's current output read the register, not memory. */
    void append(Ew ew, Operand chained) {
        int[] refs = new int[ew.args().size()];
        for (int i = 0; i < refs.length; i++) {
            Operand arg = ew.args().get(i);
            if (chained != null && arg == chained) {
                refs[i] = nodes.isEmpty() ? SEED : -2 - (nodes.size() - 1);
            } else {
                refs[i] = leaf(arg, ew.readShapes().get(i));
            }
        }
        nodes.add(new Node(ew.code(), refs, ew.type()));
        operations.add(ew.operation());
        output = ew.output();
        type = ew.type();
    }

    private int leaf(Operand operand, long[] readShape) {
        for (int i = 0; i < leaves.size(); i++) {
            if (leaves.get(i).operand == operand && Arrays.equals(leaves.get(i).readShape, readShape)) {
                return i;
            }
        }
        leaves.add(new Leaf(operand, readShape));
        return leaves.size() - 1;
    }

    boolean isEmpty() {
        return nodes.isEmpty();
    }

    Operand output() {
        return output;
    }

    DataType type() {
        return type;
    }

    List<Operation> operations() {
        return operations;
    }

    List<Operand> leafOperands() {
        List<Operand> operands = new ArrayList<>();
        for (Leaf leaf : leaves) {
            operands.add(leaf.operand);
        }
        return operands;
    }

    /** Buffer parameters of the leaves, named {@code prefix0, prefix1, ...}. */
    String parameters(String prefix) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < leaves.size(); i++) {
            out.append(", __global const ").append(CType.storage(leaves.get(i).operand.descriptor().dataType()))
                    .append("* ").append(prefix).append(i);
        }
        return out.toString();
    }

    /**
     * Statements computing the chain for output element {@code linear}; returns the variable holding the result
     * (in the compute type of {@link #type()}). {@code seed} names the seed value of an epilogue.
     */
    String emit(StringBuilder code, String linear, String seed, String leafPrefix) {
        // A kernel holds at most one chain, so fixed names keep identical kernels' sources identical (and cached).
        String tag = "ew_";
        for (int i = 0; i < leaves.size(); i++) {
            DataType t = leaves.get(i).operand.descriptor().dataType();
            code.append("    ").append(CType.compute(t)).append(' ').append(tag).append('l').append(i).append(" = ")
                    .append(CType.load(t, leafPrefix + i, Indexing.broadcastIndex(leaves.get(i).readShape, shape,
                            linear))).append(";\n");
        }
        String result = seed;
        for (int k = 0; k < nodes.size(); k++) {
            Node node = nodes.get(k);
            String[] args = new String[node.args.length];
            for (int i = 0; i < args.length; i++) {
                int ref = node.args[i];
                args[i] = ref == SEED ? seed : ref >= 0 ? tag + "l" + ref : tag + "n" + (-2 - ref);
            }
            result = tag + "n" + k;
            code.append("    ").append(CType.compute(node.type)).append(' ').append(result).append(" = ")
                    .append(node.type.isFloat() ? node.code.apply(args) : CType.wrap(node.type, node.code.apply(args)))
                    .append(";\n");
        }
        return result;
    }

    /** The standalone kernel of a chain that starts from memory. */
    KernelSpec kernel() {
        long n = Indexing.count(shape);
        String idx = Indexing.indexType(n);
        StringBuilder code = new StringBuilder(Preamble.TEXT);
        code.append("__kernel void k(__global ").append(CType.storage(type)).append("* o0")
                .append(parameters("i")).append(") {\n");
        code.append("    ").append(idx).append(" gid = get_global_id(0);\n    if (gid >= ").append(n)
                .append(") return;\n");
        String result = emit(code, "gid", null, "i");
        code.append("    ").append(CType.store(type, "o0", "gid", result)).append("\n}\n");
        return KernelSpec.linear(code.toString(), List.of(output), leafOperands(), n);
    }

    DataType seedType() {
        return seedType;
    }
}
