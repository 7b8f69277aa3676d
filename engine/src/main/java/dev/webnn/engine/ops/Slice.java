package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Takes sizes[d] input elements from starts[d] on, every strides[d]-th one, in each dimension d. */
public record Slice(long[] starts, long[] sizes, long[] strides) implements Op {
    /** @param strides one per dimension, or null for all 1 */
    public Slice {
        starts = starts.clone();
        sizes = sizes.clone();
        strides = strides == null ? null : strides.clone();
    }

    @Override
    public long[] starts() {
        return starts.clone();
    }

    @Override
    public long[] sizes() {
        return sizes.clone();
    }

    /** The strides, all 1 where none were given. */
    public long[] effectiveStrides() {
        if (strides != null) {
            return strides.clone();
        }
        long[] ones = new long[starts.length];
        Arrays.fill(ones, 1);
        return ones;
    }

    @Override
    public long[] strides() {
        return strides == null ? null : strides.clone();
    }

    @Override
    public String opName() {
        return "slice";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-slice
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        int rank = input.rank();
        DataMovementChecks.requirePerDimension(label, this, "starts", starts, rank);
        DataMovementChecks.requirePerDimension(label, this, "sizes", sizes, rank);
        if (strides != null) {
            DataMovementChecks.requirePerDimension(label, this, "strides", strides, rank);
        }
        long[] stride = effectiveStrides();
        long[] shape = new long[rank];
        for (int d = 0; d < rank; d++) {
            if (sizes[d] == 0) {
                throw new ValidationError(label, "slice's size of dimension " + d + " must not be 0.");
            }
            if (stride[d] < 1) {
                throw new ValidationError(label, "slice's stride of dimension " + d + " must be 1 or more.");
            }
            if (starts[d] + sizes[d] > input.dim(d)) {
                throw new ValidationError(label, "slice's window [" + starts[d] + ", " + (starts[d] + sizes[d])
                        + ") of dimension " + d + " exceeds its size " + input.dim(d) + ".");
            }
            shape[d] = (sizes[d] + stride[d] - 1) / stride[d];
        }
        return List.of(OperandDescriptor.checked(label, input.dataType(), shape));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Slice s && Arrays.equals(s.starts, starts) && Arrays.equals(s.sizes, sizes)
                && Arrays.equals(s.strides, strides);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(starts), Arrays.hashCode(sizes), Arrays.hashCode(strides));
    }

    @Override
    public String toString() {
        return "Slice[starts=" + Arrays.toString(starts) + ", sizes=" + Arrays.toString(sizes) + ", strides="
                + Arrays.toString(strides) + "]";
    }
}
