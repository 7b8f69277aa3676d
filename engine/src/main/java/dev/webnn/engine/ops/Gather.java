package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * Picks slices of the input along one axis: the output's shape is the input's with dimension {@code axis}
 * replaced by the indices' whole shape.
 */
public record Gather(long axis) implements Op {
    /** The data types of indices for every gather and scatter op. */
    public static final Set<DataType> INDICES_TYPES = DataMovementChecks.INDICES_TYPES;

    @Override
    public String opName() {
        return "gather";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-gather
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input", "indices");
        OperandDescriptor input = inputs.get(0);
        OperandDescriptor indices = inputs.get(1);
        DataMovementChecks.requireIndices(label, this, indices);
        Axes.single(label, this, axis, input.rank());
        long[] inputShape = input.shape();
        long[] shape = LongStream.concat(LongStream.concat(
                        LongStream.of(inputShape).limit(axis),
                        LongStream.of(indices.shape())),
                LongStream.of(inputShape).skip(axis + 1)).toArray();
        return List.of(OperandDescriptor.checked(label, input.dataType(), shape));
    }
}
