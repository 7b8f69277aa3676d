package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.Arrays;
import java.util.List;

/** Repeats the input repetitions[d] times along each dimension d. */
public record Tile(long[] repetitions) implements Op {
    public Tile {
        repetitions = repetitions.clone();
    }

    @Override
    public long[] repetitions() {
        return repetitions.clone();
    }

    @Override
    public String opName() {
        return "tile";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-tile
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        DataMovementChecks.requirePerDimension(label, this, "repetitions", repetitions, input.rank());
        long[] shape = input.shape();
        for (int d = 0; d < shape.length; d++) {
            if (repetitions[d] <= 0) {
                throw new ValidationError(label, "tile's repetitions " + Arrays.toString(repetitions)
                        + " must all be 1 or more.");
            }
            // Both factors are below 2^32, so the product fits a long and checked() rejects it if too large.
            shape[d] *= repetitions[d];
        }
        return List.of(OperandDescriptor.checked(label, input.dataType(), shape));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tile t && Arrays.equals(t.repetitions, repetitions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(repetitions);
    }

    @Override
    public String toString() {
        return "Tile[repetitions=" + Arrays.toString(repetitions) + "]";
    }
}
