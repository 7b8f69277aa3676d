package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.ValidationError;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** argMin and argMax: the index along {@code axis} of the smallest or largest value. */
public record ArgMinMax(Kind kind, long axis, boolean keepDimensions, DataType outputDataType) implements Op {
    public enum Kind { ARG_MIN, ARG_MAX }

    /** The output data types the spec's table allows. */
    public static final Set<DataType> OUTPUT_TYPES = Set.of(DataType.INT32, DataType.INT64);

    public ArgMinMax {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outputDataType, "outputDataType");
    }

    @Override
    public String opName() {
        return kind == Kind.ARG_MIN ? "argMin" : "argMax";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-argminmax (create an argMin/argMax operation)
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        int a = Axes.single(label, this, axis, input.rank());
        if (!OUTPUT_TYPES.contains(outputDataType)) {
            throw new ValidationError(label, opName() + " cannot output " + outputDataType.webnnName()
                    + "; allowed: int32, int64.");
        }
        if (input.dim(a) > TensorData.maxOf(outputDataType)) {
            throw new ValidationError(label, opName() + ": dimension " + a + " of size " + input.dim(a)
                    + " has indices that " + outputDataType.webnnName() + " cannot hold.");
        }
        boolean[] reduced = new boolean[input.rank()];
        reduced[a] = true;
        long[] shape = Axes.reducedShape(input.shape(), reduced, keepDimensions);
        return List.of(OperandDescriptor.of(outputDataType, shape));
    }
}
