package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.Arrays;
import java.util.Set;

/** Per-dimension list, rank, shape and index-operand checks shared by the data-movement validators (axes: {@link Axes}). */
final class DataMovementChecks {
    /** The index operand types of gather, gatherElements, gatherND, scatterElements and scatterND. */
    static final Set<DataType> INDICES_TYPES = Set.of(DataType.INT32, DataType.UINT32, DataType.INT64);

    private DataMovementChecks() {
    }

    /** A list with one value per input dimension (beginningPadding, starts, repetitions, ...). */
    static void requirePerDimension(String label, Op op, String name, long[] values, int rank) {
        if (values.length != rank) {
            throw new ValidationError(label, op.opName() + "'s " + name + " " + Arrays.toString(values) + " has "
                    + values.length + " entries but the input has rank " + rank + ".");
        }
    }

    static void requireIndices(String label, Op op, OperandDescriptor indices) {
        OpInputs.requireType(label, op, "indices", indices, INDICES_TYPES);
    }

    static void requireRankAtLeast(String label, Op op, String name, OperandDescriptor d, int minRank) {
        if (d.rank() < minRank) {
            throw new ValidationError(label, op.opName() + " needs '" + name + "' of rank " + minRank
                    + " or more but got rank " + d.rank() + ".");
        }
    }

    static void requireShape(String label, Op op, String name, OperandDescriptor d, long[] expected) {
        if (!Arrays.equals(d.shape(), expected)) {
            throw new ValidationError(label, op.opName() + " needs '" + name + "' of shape "
                    + Arrays.toString(expected) + " but got " + Arrays.toString(d.shape()) + ".");
        }
    }
}
