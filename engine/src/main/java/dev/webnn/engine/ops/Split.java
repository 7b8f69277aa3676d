package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Cuts the input along one axis into consecutive pieces: either {@code count} equal ones or one per entry of
 * {@code sizes}.
 */
public record Split(long count, long[] sizes, long axis) implements Op {
    /**
     * The most outputs one split may make. The spec sets none, but each output is an operand: a count in the
     * billions would exhaust memory inside validation, before any graph size cap could refuse it.
     */
    public static final int MAX_OUTPUTS = 1 << 20;

    /** @param sizes the piece sizes, or null to split into {@code count} equal pieces */
    public Split {
        sizes = sizes == null ? null : sizes.clone();
    }

    public static Split evenly(long count, long axis) {
        return new Split(count, null, axis);
    }

    public static Split bySizes(long[] sizes, long axis) {
        return new Split(sizes.length, sizes, axis);
    }

    @Override
    public long[] sizes() {
        return sizes == null ? null : sizes.clone();
    }

    @Override
    public String opName() {
        return "split";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-split
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        Axes.single(label, this, axis, input.rank());
        long size = input.dim((int) axis);
        long[] pieces;
        if (sizes == null) {
            if (count <= 0) {
                throw new ValidationError(label, "split's splits must not be 0 or negative: " + count + ".");
            }
            if (size % count != 0) {
                throw new ValidationError(label, "split cannot cut dimension " + axis + " of size " + size
                        + " into " + count + " equal pieces.");
            }
            if (count > MAX_OUTPUTS) {
                throw new ValidationError(label, "split cannot make " + count + " outputs.");
            }
            pieces = new long[(int) count];
            Arrays.fill(pieces, size / count);
        } else {
            if (sizes.length > MAX_OUTPUTS) {
                throw new ValidationError(label, "split cannot make " + sizes.length + " outputs.");
            }
            long sum = 0;
            for (long piece : sizes) {
                if (piece <= 0 || piece > OperandDescriptor.MAX_DIMENSION) {
                    throw new ValidationError(label, "split's splits " + Arrays.toString(sizes)
                            + " hold a 0, a negative or an oversized piece.");
                }
                sum += piece; // Cannot overflow: at most 2^20 pieces below 2^32 each.
            }
            if (sum != size) {
                throw new ValidationError(label, "split's splits " + Arrays.toString(sizes) + " add up to " + sum
                        + ", not to the size " + size + " of dimension " + axis + ".");
            }
            pieces = sizes;
        }
        List<OperandDescriptor> outputs = new ArrayList<>(pieces.length);
        for (long piece : pieces) {
            long[] shape = input.shape();
            shape[(int) axis] = piece;
            outputs.add(input.withShape(shape));
        }
        return List.copyOf(outputs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split s && s.count == count && Arrays.equals(s.sizes, sizes) && s.axis == axis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(count, Arrays.hashCode(sizes), axis);
    }

    @Override
    public String toString() {
        return "Split[count=" + count + ", sizes=" + Arrays.toString(sizes) + ", axis=" + axis + "]";
    }
}
