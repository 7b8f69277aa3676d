package dev.webnn.engine.ops;

import dev.webnn.engine.ValidationError;
import java.util.List;

/** Axis-list checks and the reduction shape rule shared by the reduction and normalization validators. */
final class Axes {
    private Axes() {
    }

    /**
     * Marks the axes of an operand of rank {@code rank}; {@code axes} null means every axis.
     *
     * @throws ValidationError if an axis is out of [0, rank) or appears twice
     */
    static boolean[] mask(String label, Op op, List<Long> axes, int rank) {
        boolean[] marked = new boolean[rank];
        if (axes == null) {
            java.util.Arrays.fill(marked, true);
            return marked;
        }
        for (long axis : axes) {
            if (axis < 0 || axis >= rank) {
                throw new ValidationError(label, op.opName() + ": axis " + axis + " is out of range for an input of rank "
                        + rank + ".");
            }
            if (marked[(int) axis]) {
                throw new ValidationError(label, op.opName() + ": axis " + axis + " appears more than once in axes "
                        + axes + ".");
            }
            marked[(int) axis] = true;
        }
        return marked;
    }

    /**
     * The spec's "calculate reduction output sizes": reduced dimensions become 1 when {@code keepDimensions},
     * and are dropped otherwise.
     * https://www.w3.org/TR/webnn/#mlgraphbuilder-calculate-reduction-output-sizes
     */
    static long[] reducedShape(long[] inputShape, boolean[] reduced, boolean keepDimensions) {
        if (keepDimensions) {
            long[] out = inputShape.clone();
            for (int d = 0; d < out.length; d++) {
                if (reduced[d]) {
                    out[d] = 1;
                }
            }
            return out;
        }
        int kept = 0;
        for (boolean r : reduced) {
            kept += r ? 0 : 1;
        }
        long[] out = new long[kept];
        int i = 0;
        for (int d = 0; d < inputShape.length; d++) {
            if (!reduced[d]) {
                out[i++] = inputShape[d];
            }
        }
        return out;
    }

    /** A single axis argument (argMin, softmax, cumulativeSum), which must name a dimension of the input. */
    static int single(String label, Op op, long axis, int rank) {
        if (axis < 0 || axis >= rank) {
            throw new ValidationError(label, op.opName() + ": axis " + axis + " must be less than the input's rank "
                    + rank + ".");
        }
        return (int) axis;
    }

    static List<Long> copyOrNull(List<Long> axes) {
        return axes == null ? null : List.copyOf(axes);
    }
}
