package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import java.util.List;

/**
 * output[c] = input[c with c[axis] replaced by indices[c]]: the indices have the input's shape except along
 * the axis, and the output has the indices' shape.
 */
public record GatherElements(long axis) implements Op {
    @Override
    public String opName() {
        return "gatherElements";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-gatherelements
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input", "indices");
        OperandDescriptor input = inputs.get(0);
        OperandDescriptor indices = inputs.get(1);
        DataMovementChecks.requireIndices(label, this, indices);
        DataMovementChecks.requireRankAtLeast(label, this, "input", input, 1);
        Axes.single(label, this, axis, input.rank());
        DataMovementChecks.requireShape(label, this, "indices", indices, alongAxis(input, indices, axis));
        return List.of(input.withShape(indices.shape()));
    }

    /** The input's shape with dimension {@code axis} taken from the indices, the shape the indices must have. */
    static long[] alongAxis(OperandDescriptor input, OperandDescriptor indices, long axis) {
        long[] expected = input.shape();
        if (indices.rank() == input.rank()) {
            expected[(int) axis] = indices.dim((int) axis);
        }
        return expected;
    }
}
