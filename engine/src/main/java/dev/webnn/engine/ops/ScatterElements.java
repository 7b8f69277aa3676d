package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import java.util.List;

/**
 * A copy of the input where, for every element c of the indices, output[c with c[axis] replaced by indices[c]]
 * becomes updates[c]. Later updates win when two land on one element.
 */
public record ScatterElements(long axis) implements Op {
    @Override
    public String opName() {
        return "scatterElements";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-scatterelements
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input", "indices", "updates");
        OperandDescriptor input = inputs.get(0);
        OperandDescriptor indices = inputs.get(1);
        OperandDescriptor updates = inputs.get(2);
        DataMovementChecks.requireIndices(label, this, indices);
        OpInputs.requireSameType(label, this, input, updates);
        DataMovementChecks.requireRankAtLeast(label, this, "input", input, 1);
        Axes.single(label, this, axis, input.rank());
        DataMovementChecks.requireShape(label, this, "indices", indices, GatherElements.alongAxis(input, indices, axis));
        DataMovementChecks.requireShape(label, this, "updates", updates, indices.shape());
        return List.of(input);
    }
}
