package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** add, sub, mul, div, max, min and pow: broadcasting arithmetic on two operands. */
public record ElementwiseBinary(Kind kind) implements Op {
    public enum Kind { ADD, SUB, MUL, DIV, MAX, MIN, POW }

    /** The spec allows any data type for a (and b, which must match it). */
    public static final Set<DataType> ALLOWED_TYPES = OpInputs.ALL_TYPES;

    public ElementwiseBinary {
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String opName() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-binary (element-wise binary operations)
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "a", "b");
        OperandDescriptor a = inputs.get(0);
        OperandDescriptor b = inputs.get(1);
        OpInputs.requireSameType(label, this, a, b);
        OpInputs.requireType(label, this, "a", a, ALLOWED_TYPES);
        return List.of(OperandDescriptor.checked(label, a.dataType(), Shapes.broadcast(label, a.shape(), b.shape())));
    }
}
