package dev.webnn.engine.backend.reference;

import dev.webnn.engine.DataType;
import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.backend.TensorLimits;
import dev.webnn.engine.ops.Op;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference backend's kernels and the support limits it advertises, filled by one register method per op
 * family, so an op's kernel and its limits are declared side by side.
 */
final class KernelTable {
    static final Set<DataType> ALL_TYPES = Set.copyOf(EnumSet.allOf(DataType.class));
    /** The highest rank advertised; the kernels themselves handle any rank. */
    static final int MAX_RANK = 8;

    /** One op's computation: positional inputs (null for absent optional ones), one result per output. */
    @FunctionalInterface
    interface Kernel<T extends Op> {
        List<TensorData> run(T op, List<TensorData> inputs, List<OperandDescriptor> outputs);
    }

    /**
     * Why the backend cannot run an op the spec accepts on these input descriptors, or null when it can. Asked at
     * compile time, so the refusal fails build() with an OperationError instead of losing the context later.
     */
    @FunctionalInterface
    interface Refusal<T extends Op> {
        String reason(T op, List<OperandDescriptor> inputs);
    }

    private final Map<Class<?>, Kernel<?>> kernels = new HashMap<>();
    private final Map<Class<?>, Refusal<?>> refusals = new HashMap<>();
    private final Map<String, Map<String, TensorLimits>> limits = new LinkedHashMap<>();

    static KernelTable standard() {
        KernelTable table = new KernelTable();
        ElementwiseKernels.register(table);
        ReductionKernels.register(table);
        LinearAlgebraKernels.register(table);
        RecurrentKernels.register(table);
        DataMovementKernels.register(table);
        return table;
    }

    <T extends Op> void kernel(Class<T> type, Kernel<T> kernel) {
        kernels.put(type, kernel);
    }

    /** Declares the limits of one op: operand names as the spec's MLOpSupportLimits spells them, each with limits. */
    void limits(String opName, Object... operandLimitPairs) {
        Map<String, TensorLimits> operands = new LinkedHashMap<>();
        for (int i = 0; i < operandLimitPairs.length; i += 2) {
            operands.put((String) operandLimitPairs[i], (TensorLimits) operandLimitPairs[i + 1]);
        }
        limits.put(opName, operands);
    }

    TensorLimits anyRank(Set<DataType> types) {
        return new TensorLimits(types, 0, MAX_RANK);
    }

    Map<String, Map<String, TensorLimits>> limits() {
        return limits;
    }

    boolean supports(Op op) {
        return kernels.containsKey(op.getClass());
    }

    <T extends Op> void refusal(Class<T> type, Refusal<T> refusal) {
        refusals.put(type, refusal);
    }

    /** The reason this backend refuses the op on these inputs, or null when it runs it. */
    @SuppressWarnings("unchecked")
    String refusalReason(Op op, List<OperandDescriptor> inputs) {
        Refusal<Op> refusal = (Refusal<Op>) refusals.get(op.getClass());
        return refusal == null ? null : refusal.reason(op, inputs);
    }

    @SuppressWarnings("unchecked")
    List<TensorData> run(Op op, List<TensorData> inputs, List<OperandDescriptor> outputs) {
        Kernel<Op> kernel = (Kernel<Op>) kernels.get(op.getClass());
        if (kernel == null) {
            throw new WebNNException(ErrorKind.OPERATION, "The reference backend has no kernel for " + op.opName() + ".");
        }
        return kernel.run(op, inputs, outputs);
    }
}
