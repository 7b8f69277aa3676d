package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.List;

/**
 * What conv2d, convTranspose2d and the 2-D pools share: optional operands, option lists with their defaults and
 * length checks, and the spec's window arithmetic done exactly in 64-bit integers, so a size that overflows is
 * refused instead of wrapping.
 */
final class Windows {
    private Windows() {
    }


    static void requireRank(String label, Op op, String name, OperandDescriptor d, int rank) {
        if (d.rank() != rank) {
            throw new ValidationError(label, op.opName() + " needs a " + rank + "-D " + name + " but got rank "
                    + d.rank() + ".");
        }
    }

    /** The option's items, or the defaults when it is absent; a present list must have the defaults' length. */
    static long[] orDefault(String label, Op op, String name, List<Long> option, long... defaults) {
        if (option == null) {
            return defaults.clone();
        }
        if (option.size() != defaults.length) {
            throw new ValidationError(label, op.opName() + "'s " + name + " must have " + defaults.length
                    + " items but has " + option.size() + ".");
        }
        return toArray(option);
    }

    /** A present option list that must have {@code size} items. */
    static long[] ofSize(String label, Op op, String name, List<Long> option, int size) {
        if (option.size() != size) {
            throw new ValidationError(label, op.opName() + "'s " + name + " must have " + size + " items but has "
                    + option.size() + ".");
        }
        return toArray(option);
    }

    static void requireNonZero(String label, Op op, String name, long[] values) {
        for (long v : values) {
            if (v == 0) {
                throw new ValidationError(label, op.opName() + "'s " + name + " must not contain 0.");
            }
        }
    }

    static long[] toArray(List<Long> values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** (filterSize - 1) * dilation + 1, refused when it cannot be represented. */
    static long effectiveSize(String label, Op op, String what, long filterSize, long dilation) {
        try {
            return Math.addExact(Math.multiplyExact(filterSize - 1, dilation), 1);
        } catch (ArithmeticException e) {
            throw new ValidationError(label, op.opName() + "'s effective " + what + " size (" + filterSize
                    + " - 1) * " + dilation + " + 1 is too large.");
        }
    }

    /**
     * The spec's "calculate conv output size", (inputSize - effectiveFilterSize + beginningPadding + endingPadding)
     * / stride + 1, rounded down or up. Exact: floor(x / s + 1) is floorDiv(x, s) + 1 for integers.
     */
    static long convOutputSize(long inputSize, long effectiveFilterSize, long beginningPadding, long endingPadding,
            long stride, boolean ceil) {
        long span = inputSize - effectiveFilterSize + beginningPadding + endingPadding;
        return (ceil ? Math.ceilDiv(span, stride) : Math.floorDiv(span, stride)) + 1;
    }

    /**
     * The spec's "calculate convtranspose output size", (inputSize - 1) * stride + effectiveFilterSize
     * - beginningPadding - endingPadding, refused when it cannot be represented.
     */
    static long convTransposeOutputSize(String label, Op op, String what, long inputSize, long effectiveFilterSize,
            long beginningPadding, long endingPadding, long stride) {
        try {
            long grown = Math.addExact(Math.multiplyExact(inputSize - 1, stride), effectiveFilterSize);
            return grown - beginningPadding - endingPadding;
        } catch (ArithmeticException e) {
            throw new ValidationError(label, op.opName() + "'s output " + what + " is too large.");
        }
    }

    /** A valid dimension: an integer in [1, 2^32 - 1]. */
    static long requireValidDimension(String label, Op op, String what, long size) {
        if (size <= 0 || size > OperandDescriptor.MAX_DIMENSION) {
            throw new ValidationError(label, op.opName() + "'s output " + what + " would be " + size
                    + ", which is not a valid dimension (1 to " + OperandDescriptor.MAX_DIMENSION + ").");
        }
        return size;
    }
}
