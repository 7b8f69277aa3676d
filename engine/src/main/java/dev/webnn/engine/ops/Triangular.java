package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import java.util.List;

/**
 * Keeps the upper (or lower) triangle of each innermost matrix and zeroes the rest. Element (row, column) is in
 * the upper triangle when column - row >= diagonal, in the lower one when column - row <= diagonal.
 */
public record Triangular(boolean upper, long diagonal) implements Op {
    @Override
    public String opName() {
        return "triangular";
    }

    /** Whether the element at this row and column keeps its value. */
    public boolean keeps(long row, long column) {
        long offset = column - row;
        return upper ? offset >= diagonal : offset <= diagonal;
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-triangular
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        DataMovementChecks.requireRankAtLeast(label, this, "input", input, 2);
        return List.of(input);
    }
}
