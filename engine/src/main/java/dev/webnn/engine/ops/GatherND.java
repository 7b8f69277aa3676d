package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Picks slices addressed by whole coordinates: the last dimension of the indices holds k coordinates into the
 * input's first k dimensions, and each picks the slice over the input's remaining dimensions.
 */
public record GatherND() implements Op {
    @Override
    public String opName() {
        return "gatherND";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-gathernd
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input", "indices");
        OperandDescriptor input = inputs.get(0);
        OperandDescriptor indices = inputs.get(1);
        DataMovementChecks.requireIndices(label, this, indices);
        return List.of(OperandDescriptor.checked(label, input.dataType(), sliceShape(label, this, input, indices)));
    }

    /**
     * The indices' leading dimensions followed by the input's dimensions that the coordinates leave out: the
     * shape of gatherND's output and of scatterND's updates.
     */
    static long[] sliceShape(String label, Op op, OperandDescriptor input, OperandDescriptor indices) {
        DataMovementChecks.requireRankAtLeast(label, op, "input", input, 1);
        DataMovementChecks.requireRankAtLeast(label, op, "indices", indices, 1);
        long coordinates = indices.dim(indices.rank() - 1);
        if (coordinates > input.rank()) {
            throw new ValidationError(label, op.opName() + "'s indices hold " + coordinates
                    + " coordinates each, more than the input's rank " + input.rank() + ".");
        }
        return LongStream.concat(LongStream.of(indices.shape()).limit(indices.rank() - 1),
                LongStream.of(input.shape()).skip(coordinates)).toArray();
    }
}
