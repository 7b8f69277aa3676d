package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Arity and data-type checks shared by the validators. */
final class OpInputs {
    static final Set<DataType> ALL_TYPES = Set.copyOf(EnumSet.allOf(DataType.class));
    static final Set<DataType> FLOAT_TYPES = Set.copyOf(EnumSet.of(DataType.FLOAT32, DataType.FLOAT16));

    private OpInputs() {
    }

    /** Requires exactly {@code names.length} inputs, all present. */
    static void requireInputs(String label, Op op, List<OperandDescriptor> inputs, String... names) {
        requireInputs(label, op, inputs, names.length, names);
    }

    /**
     * Requires one positional input per name, the first {@code required} present; the others may be null, for
     * optional operands the caller left out.
     */
    static void requireInputs(String label, Op op, List<OperandDescriptor> inputs, int required, String... names) {
        if (inputs == null || inputs.size() != names.length) {
            throw new ValidationError(label, op.opName() + " takes " + names.length
                    + " input(s), one per operand slot, but got " + (inputs == null ? 0 : inputs.size()) + ".");
        }
        for (int i = 0; i < required; i++) {
            if (inputs.get(i) == null) {
                throw new ValidationError(label, op.opName() + " requires the operand '" + names[i] + "'.");
            }
        }
    }

    /** An optional operand: when present, it must have {@code input}'s data type and exactly {@code shape}. */
    static void requireOptional(String label, Op op, String name, OperandDescriptor operand, OperandDescriptor input,
                                long... shape) {
        if (operand == null) {
            return;
        }
        if (operand.dataType() != input.dataType()) {
            throw new ValidationError(label, op.opName() + " needs '" + name + "' of data type "
                    + input.dataType().webnnName() + " (the input's) but got " + operand.dataType().webnnName() + ".");
        }
        if (!Arrays.equals(operand.shape(), shape)) {
            throw new ValidationError(label, op.opName() + " needs '" + name + "' of shape " + Arrays.toString(shape)
                    + " but got " + Arrays.toString(operand.shape()) + ".");
        }
    }

    static void requireType(String label, Op op, String operandName, OperandDescriptor d, Set<DataType> allowed) {
        if (!allowed.contains(d.dataType())) {
            String names = allowed.stream().sorted().map(DataType::webnnName).collect(Collectors.joining(", "));
            throw new ValidationError(label, op.opName() + " does not accept " + d.dataType().webnnName()
                    + " for '" + operandName + "'; allowed: " + names + ".");
        }
    }

    static void requireSameType(String label, Op op, OperandDescriptor a, OperandDescriptor b) {
        if (a.dataType() != b.dataType()) {
            throw new ValidationError(label, op.opName() + " needs operands of one data type but got "
                    + a.dataType().webnnName() + " and " + b.dataType().webnnName() + ".");
        }
    }
}
