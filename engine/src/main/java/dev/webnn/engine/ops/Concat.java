package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.Arrays;
import java.util.List;

/** Joins any number of inputs along one axis; the other dimensions must match. */
public record Concat(long axis) implements Op {
    @Override
    public String opName() {
        return "concat";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-concat
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw new ValidationError(label, "concat needs at least one input.");
        }
        if (inputs.contains(null)) {
            throw new ValidationError(label, "concat's inputs must all be operands.");
        }
        OperandDescriptor first = inputs.get(0);
        Axes.single(label, this, axis, first.rank());
        int concatAxis = (int) axis;
        long[] shape = first.shape();
        for (int index = 1; index < inputs.size(); index++) {
            OperandDescriptor input = inputs.get(index);
            OpInputs.requireSameType(label, this, first, input);
            if (input.rank() != first.rank()) {
                throw new ValidationError(label, "concat needs inputs of one rank but input " + index + " has rank "
                        + input.rank() + " and input 0 has rank " + first.rank() + ".");
            }
            for (int dim = 0; dim < input.rank(); dim++) {
                if (dim == concatAxis) {
                    shape[dim] += input.dim(dim);
                    if (shape[dim] > OperandDescriptor.MAX_DIMENSION) {
                        throw new ValidationError(label, "concat's output dimension " + dim + " exceeds "
                                + OperandDescriptor.MAX_DIMENSION + ".");
                    }
                } else if (input.dim(dim) != first.dim(dim)) {
                    throw new ValidationError(label, "concat's input " + index + " has shape "
                            + Arrays.toString(input.shape()) + ", which differs from input 0's "
                            + Arrays.toString(first.shape()) + " outside axis " + axis + ".");
                }
            }
        }
        return List.of(OperandDescriptor.checked(label, first.dataType(), shape));
    }
}
