package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import java.util.List;
import java.util.Set;

/** Parametric ReLU, max(0, x) + slope * min(0, x), with input and slope broadcast bidirectionally. */
public record Prelu() implements Op {
    /** The spec's allowed data types for input; slope must match it. */
    public static final Set<DataType> ALLOWED_TYPES =
            Set.of(DataType.FLOAT32, DataType.FLOAT16, DataType.INT64, DataType.INT32, DataType.INT8);

    @Override
    public String opName() {
        return "prelu";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-prelu
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input", "slope");
        OperandDescriptor input = inputs.get(0);
        OperandDescriptor slope = inputs.get(1);
        OpInputs.requireType(label, this, "input", input, ALLOWED_TYPES);
        OpInputs.requireSameType(label, this, input, slope);
        return List.of(OperandDescriptor.checked(label, input.dataType(),
                Shapes.broadcast(label, slope.shape(), input.shape())));
    }
}
