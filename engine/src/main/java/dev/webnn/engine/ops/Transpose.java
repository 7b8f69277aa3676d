package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/** Permutes the dimensions: output dimension i is input dimension permutation[i]. */
public record Transpose(long[] permutation) implements Op {
    /** @param permutation the new order of the dimensions, or null for the reversed order */
    public Transpose {
        permutation = permutation == null ? null : permutation.clone();
    }

    @Override
    public long[] permutation() {
        return permutation == null ? null : permutation.clone();
    }

    /** The permutation for an input of this rank, the reversed order where none was given. */
    public int[] permutationFor(int rank) {
        int[] order = new int[rank];
        for (int i = 0; i < rank; i++) {
            order[i] = permutation == null ? rank - 1 - i : (int) permutation[i];
        }
        return order;
    }

    @Override
    public String opName() {
        return "transpose";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-transpose
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        if (permutation != null) {
            DataMovementChecks.requirePerDimension(label, this, "permutation", permutation, input.rank());
            Axes.mask(label, this, LongStream.of(permutation).boxed().toList(), input.rank());
        }
        int[] order = permutationFor(input.rank());
        long[] shape = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            shape[i] = input.dim(order[i]);
        }
        return List.of(input.withShape(shape));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transpose t && Arrays.equals(t.permutation, permutation);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(permutation);
    }

    @Override
    public String toString() {
        return "Transpose[permutation=" + Arrays.toString(permutation) + "]";
    }
}
