package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import java.util.List;

/**
 * A copy of the input where each coordinate tuple in the indices' last dimension addresses a slice that is
 * replaced by the matching slice of the updates. Later updates win when two land on one element.
 */
public record ScatterND() implements Op {
    @Override
    public String opName() {
        return "scatterND";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-scatternd
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input", "indices", "updates");
        OperandDescriptor input = inputs.get(0);
        OperandDescriptor indices = inputs.get(1);
        OperandDescriptor updates = inputs.get(2);
        DataMovementChecks.requireIndices(label, this, indices);
        OpInputs.requireSameType(label, this, input, updates);
        DataMovementChecks.requireShape(label, this, "updates", updates, GatherND.sliceShape(label, this, input, indices));
        return List.of(input);
    }
}
