package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The checks gru, gruCell, lstm and lstmCell share: operand arity, float types, exact shapes, activations. */
final class RecurrentChecks {
    private RecurrentChecks() {
    }


    /** The first operand's type must be float32 or float16; every other listed operand must have that type. */
    static void requireFloatTypes(String label, Op op, List<OperandDescriptor> inputs, String... names) {
        OperandDescriptor first = inputs.get(0);
        OpInputs.requireType(label, op, names[0], first, OpInputs.FLOAT_TYPES);
        for (int i = 1; i < names.length; i++) {
            requireType(label, op, names[i], inputs.get(i), first.dataType());
        }
    }

    static void requireType(String label, Op op, String name, OperandDescriptor d, DataType expected) {
        if (d.dataType() != expected) {
            throw new ValidationError(label, op.opName() + " needs '" + name + "' of data type "
                    + expected.webnnName() + " (the input's) but got " + d.dataType().webnnName() + ".");
        }
    }

    static void requireRanks(String label, Op op, List<OperandDescriptor> inputs, int rank, String... names) {
        for (int i = 0; i < names.length; i++) {
            OperandDescriptor d = inputs.get(i);
            if (d.rank() != rank) {
                throw new ValidationError(label, op.opName() + " needs '" + names[i] + "' of rank " + rank
                        + " but got rank " + d.rank() + " " + Arrays.toString(d.shape()) + ".");
            }
        }
    }

    static void requireShape(String label, Op op, String name, OperandDescriptor d, long... expected) {
        if (!Arrays.equals(d.shape(), expected)) {
            throw new ValidationError(label, op.opName() + " needs '" + name + "' of shape "
                    + Arrays.toString(expected) + " but got " + Arrays.toString(d.shape()) + ".");
        }
    }

    /** An optional operand, when present, must have the input's data type and exactly the given shape. */
    static void requireOptional(String label, Op op, String name, OperandDescriptor d, DataType inputType,
                                long... expected) {
        if (d != null) {
            requireType(label, op, name, d, inputType);
            requireShape(label, op, name, d, expected);
        }
    }

    /**
     * hiddenSize times {@code factor} must be a valid dimension: the spec's room for backends that concatenate
     * bias and recurrentBias into one tensor.
     */
    static void requireHiddenSizeTimes(String label, Op op, long hiddenSize, int factor) {
        long product = hiddenSize * factor; // hiddenSize < 2^32, so no overflow
        if (product <= 0 || product > OperandDescriptor.MAX_DIMENSION) {
            throw new ValidationError(label, op.opName() + " needs hiddenSize * " + factor
                    + " to be a valid dimension (1 to " + OperandDescriptor.MAX_DIMENSION + ") but hiddenSize is "
                    + hiddenSize + ".");
        }
    }

    static void requireActivationCount(String label, Op op, List<RecurrentActivation> activations, int count) {
        if (activations.size() != count) {
            throw new ValidationError(label, op.opName() + " needs " + count + " activations but got "
                    + activations.size() + " ("
                    + activations.stream().map(RecurrentActivation::webnnName).collect(Collectors.joining(", "))
                    + ").");
        }
    }

    /** Checks a value the records take as a WebIDL unsigned long. */
    static long requireUnsignedLong(String what, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " must be an unsigned long but is " + value);
        }
        return value;
    }

    static List<RecurrentActivation> activationsOrDefault(List<RecurrentActivation> given,
                                                          RecurrentActivation... defaults) {
        if (given == null) {
            return List.of(defaults);
        }
        return List.copyOf(given);
    }
}
