package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.Arrays;
import java.util.List;

/** Gives the input's elements a new shape with the same element count. */
public record Reshape(long[] newShape) implements Op {
    public Reshape {
        newShape = newShape.clone();
    }

    @Override
    public long[] newShape() {
        return newShape.clone();
    }

    @Override
    public String opName() {
        return "reshape";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-reshape-method
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        OperandDescriptor output = OperandDescriptor.checked(label, input.dataType(), newShape);
        if (output.elementCount() != input.elementCount()) {
            throw new ValidationError(label, "reshape cannot turn " + input.elementCount() + " elements "
                    + Arrays.toString(input.shape()) + " into " + output.elementCount() + " elements "
                    + Arrays.toString(newShape) + ".");
        }
        return List.of(output);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reshape r && Arrays.equals(r.newShape, newShape);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(newShape);
    }

    @Override
    public String toString() {
        return "Reshape[newShape=" + Arrays.toString(newShape) + "]";
    }
}
