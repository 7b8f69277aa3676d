package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One-operand element-wise operations without options whose output has the input's type and shape: the spec's
 * element-wise unary operations and the option-less activations. Each kind carries the spec's allowed data types.
 */
public record ElementwiseUnary(Kind kind) implements Op {
    private static final Set<DataType> FLOAT_OR_SIGNED =
            Set.of(DataType.FLOAT32, DataType.FLOAT16, DataType.INT32, DataType.INT64, DataType.INT8);

    public enum Kind {
        ABS(FLOAT_OR_SIGNED),
        CEIL(OpInputs.FLOAT_TYPES),
        COS(OpInputs.FLOAT_TYPES),
        ERF(OpInputs.FLOAT_TYPES),
        EXP(OpInputs.FLOAT_TYPES),
        FLOOR(OpInputs.FLOAT_TYPES),
        IDENTITY(OpInputs.ALL_TYPES),
        LOG(OpInputs.FLOAT_TYPES),
        NEG(FLOAT_OR_SIGNED),
        RECIPROCAL(OpInputs.FLOAT_TYPES),
        ROUND_EVEN(OpInputs.FLOAT_TYPES),
        SIN(OpInputs.FLOAT_TYPES),
        SQRT(OpInputs.FLOAT_TYPES),
        TAN(OpInputs.FLOAT_TYPES),
        SIGN(FLOAT_OR_SIGNED),
        RELU(FLOAT_OR_SIGNED),
        SIGMOID(OpInputs.FLOAT_TYPES),
        TANH(OpInputs.FLOAT_TYPES),
        SOFTSIGN(OpInputs.FLOAT_TYPES),
        GELU(OpInputs.FLOAT_TYPES),
        HARD_SWISH(OpInputs.FLOAT_TYPES),
        SOFTPLUS(OpInputs.FLOAT_TYPES);

        private final Set<DataType> allowedTypes;
        private final String methodName;

        Kind(Set<DataType> allowedTypes) {
            this.allowedTypes = allowedTypes;
            this.methodName = camelCase(name());
        }

        /** The MLGraphBuilder method name, e.g. "roundEven". */
        public String methodName() {
            return methodName;
        }

        /** The data types the spec allows for this operation's input. */
        public Set<DataType> allowedTypes() {
            return allowedTypes;
        }
    }

    /** ROUND_EVEN becomes "roundEven". */
    static String camelCase(String constantName) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : constantName.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? c : Character.toLowerCase(c));
                upper = false;
            }
        }
        return out.toString();
    }

    public ElementwiseUnary {
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String opName() {
        return kind.methodName();
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-unary (element-wise unary operations),
    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-relu-method,
    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-sigmoid-method,
    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-tanh-method,
    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-softsign-method,
    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-gelu-method,
    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-hard-swish,
    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-softplus-method
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        OpInputs.requireType(label, this, "input", input, kind.allowedTypes);
        return List.of(input);
    }
}
