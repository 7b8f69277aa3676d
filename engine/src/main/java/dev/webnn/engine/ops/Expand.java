package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.Arrays;
import java.util.List;

/** Broadcasts the input, numpy style and in one direction only, to a new shape. */
public record Expand(long[] newShape) implements Op {
    public Expand {
        newShape = newShape.clone();
    }

    @Override
    public long[] newShape() {
        return newShape.clone();
    }

    @Override
    public String opName() {
        return "expand";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-expand
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        OperandDescriptor output = OperandDescriptor.checked(label, input.dataType(), newShape);
        // https://www.w3.org/TR/webnn/#unidirectionally-broadcasting
        int offset = newShape.length - input.rank();
        boolean broadcastable = offset >= 0;
        for (int i = 0; broadcastable && i < input.rank(); i++) {
            broadcastable = input.dim(i) == 1 || input.dim(i) == newShape[offset + i];
        }
        if (!broadcastable) {
            throw new ValidationError(label, "expand cannot broadcast shape " + Arrays.toString(input.shape())
                    + " to " + Arrays.toString(newShape) + ".");
        }
        return List.of(output);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expand e && Arrays.equals(e.newShape, newShape);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(newShape);
    }

    @Override
    public String toString() {
        return "Expand[newShape=" + Arrays.toString(newShape) + "]";
    }
}
