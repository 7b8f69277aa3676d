package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Comparisons, logic and the NaN / infinity tests: element-wise operations whose output is a uint8 tensor of 0s
 * and 1s. Two-operand kinds broadcast bidirectionally.
 */
public record ElementwiseLogical(Kind kind) implements Op {
    private static final Set<DataType> UINT8 = Set.of(DataType.UINT8);

    public enum Kind {
        EQUAL("equal", 2, OpInputs.ALL_TYPES),
        NOT_EQUAL("notEqual", 2, OpInputs.ALL_TYPES),
        GREATER("greater", 2, OpInputs.ALL_TYPES),
        GREATER_OR_EQUAL("greaterOrEqual", 2, OpInputs.ALL_TYPES),
        LESSER("lesser", 2, OpInputs.ALL_TYPES),
        LESSER_OR_EQUAL("lesserOrEqual", 2, OpInputs.ALL_TYPES),
        LOGICAL_NOT("logicalNot", 1, UINT8),
        LOGICAL_AND("logicalAnd", 2, UINT8),
        LOGICAL_OR("logicalOr", 2, UINT8),
        LOGICAL_XOR("logicalXor", 2, UINT8),
        // The spec's table lists any type, but its algorithm step requires float32 or float16; the algorithm wins.
        IS_NAN("isNaN", 1, OpInputs.FLOAT_TYPES),
        IS_INFINITE("isInfinite", 1, OpInputs.FLOAT_TYPES);

        private final String methodName;
        private final int arity;
        private final Set<DataType> allowedTypes;

        Kind(String methodName, int arity, Set<DataType> allowedTypes) {
            this.methodName = methodName;
            this.arity = arity;
            this.allowedTypes = allowedTypes;
        }

        /** The MLGraphBuilder method name, e.g. "greaterOrEqual". */
        public String methodName() {
            return methodName;
        }

        /** 1 for logicalNot, isNaN and isInfinite; 2 for the rest. */
        public int arity() {
            return arity;
        }

        /** The data types the spec allows for operand a (and b, which must match it). */
        public Set<DataType> allowedTypes() {
            return allowedTypes;
        }

        public static Kind fromMethodName(String name) {
            for (Kind kind : values()) {
                if (kind.methodName.equals(name)) {
                    return kind;
                }
            }
            return null;
        }
    }

    public ElementwiseLogical {
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String opName() {
        return kind.methodName;
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-logical (create an element-wise logical operation)
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        if (kind.arity == 1) {
            OpInputs.requireInputs(label, this, inputs, "a");
        } else {
            OpInputs.requireInputs(label, this, inputs, "a", "b");
        }
        OperandDescriptor a = inputs.get(0);
        OpInputs.requireType(label, this, "a", a, kind.allowedTypes);
        if (kind.arity == 1) {
            return List.of(a.withDataType(DataType.UINT8));
        }
        OperandDescriptor b = inputs.get(1);
        OpInputs.requireSameType(label, this, a, b);
        return List.of(OperandDescriptor.checked(label, DataType.UINT8, Shapes.broadcast(label, a.shape(), b.shape())));
    }
}
