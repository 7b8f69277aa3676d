package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import java.util.List;
import java.util.Objects;

/** Converts every element to another data type; any type may be cast to any type. */
public record Cast(DataType to) implements Op {
    public Cast {
        Objects.requireNonNull(to, "to");
    }

    @Override
    public String opName() {
        return "cast";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-cast
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor output = inputs.get(0).withDataType(to);
        return List.of(OperandDescriptor.checked(label, to, output.shape()));
    }
}
