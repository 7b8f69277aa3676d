package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** One-operand element-wise operations whose output has the input's type and shape. */
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
        SIN(OpInputs.FLOAT_TYPES),
        SQRT(OpInputs.FLOAT_TYPES),
        TAN(OpInputs.FLOAT_TYPES),
        SIGN(FLOAT_OR_SIGNED),
        RELU(FLOAT_OR_SIGNED),
        SIGMOID(OpInputs.FLOAT_TYPES),
        TANH(OpInputs.FLOAT_TYPES),
        SOFTSIGN(OpInputs.FLOAT_TYPES);

        private final Set<DataType> allowedTypes;

        Kind(Set<DataType> allowedTypes) {
            this.allowedTypes = allowedTypes;
        }

        /** The data types the spec allows for this operation's input. */
        public Set<DataType> allowedTypes() {
            return allowedTypes;
        }
    }

    public ElementwiseUnary {
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String opName() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-unary (element-wise unary operations),
    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-relu-method,
    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-sigmoid-method,
    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-tanh-method,
    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-softsign-method
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        OpInputs.requireType(label, this, "input", input, kind.allowedTypes);
        return List.of(input);
    }
}
