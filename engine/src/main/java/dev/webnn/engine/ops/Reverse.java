package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/** Reverses the order of the elements along the given axes. */
public record Reverse(long[] axes) implements Op {
    /** @param axes the axes to reverse, or null for all of them */
    public Reverse {
        axes = axes == null ? null : axes.clone();
    }

    @Override
    public long[] axes() {
        return axes == null ? null : axes.clone();
    }

    /** Which dimensions of an input of this rank are reversed. */
    public boolean[] reversedFor(int rank) {
        boolean[] reversed = new boolean[rank];
        if (axes == null) {
            Arrays.fill(reversed, true);
        } else {
            for (long axis : axes) {
                reversed[(int) axis] = true;
            }
        }
        return reversed;
    }

    @Override
    public String opName() {
        return "reverse";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-reverse-method
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        if (axes != null) {
            Axes.mask(label, this, LongStream.of(axes).boxed().toList(), input.rank());
        }
        return List.of(input);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reverse r && Arrays.equals(r.axes, axes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(axes);
    }

    @Override
    public String toString() {
        return "Reverse[axes=" + Arrays.toString(axes) + "]";
    }
}
