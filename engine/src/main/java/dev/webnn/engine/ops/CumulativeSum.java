package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import java.util.List;
import java.util.Set;

/**
 * Running sums along {@code axis}: inclusive or {@code exclusive} of the current value, from the low end or, when
 * {@code reversed}, from the high end.
 */
public record CumulativeSum(long axis, boolean exclusive, boolean reversed) implements Op {
    public static final Set<DataType> ALLOWED_TYPES = Set.of(DataType.FLOAT32, DataType.FLOAT16, DataType.INT32,
            DataType.UINT32, DataType.INT64, DataType.UINT64);

    @Override
    public String opName() {
        return "cumulativeSum";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-cumulativesum
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        OpInputs.requireType(label, this, "input", input, ALLOWED_TYPES);
        Axes.single(label, this, axis, input.rank());
        return List.of(input);
    }
}
