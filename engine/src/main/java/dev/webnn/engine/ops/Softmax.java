package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import java.util.List;
import java.util.Set;

/** exp(x) / sum(exp(x)) along {@code axis}. */
public record Softmax(long axis) implements Op {
    public static final Set<DataType> ALLOWED_TYPES = OpInputs.FLOAT_TYPES;

    @Override
    public String opName() {
        return "softmax";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-softmax-method
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        OpInputs.requireType(label, this, "input", input, ALLOWED_TYPES);
        Axes.single(label, this, axis, input.rank());
        return List.of(input);
    }
}
