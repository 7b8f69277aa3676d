package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * alpha * A * B + beta * C for 2-D A and B, either optionally transposed first. Inputs: a, b, then c or null.
 * alpha and beta are the WebIDL doubles; the kernel casts them to the operands' type, as the spec does.
 */
public record Gemm(double alpha, double beta, boolean aTranspose, boolean bTranspose) implements Op {
    /** a must be float32 or float16; b and c must have a's type. */
    public static final Set<DataType> ALLOWED_TYPES = OpInputs.FLOAT_TYPES;

    /** The spec's defaults: alpha 1, beta 1, no transposition. */
    public static Gemm defaults() {
        return new Gemm(1.0, 1.0, false, false);
    }

    @Override
    public String opName() {
        return "gemm";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-gemm
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, 2, "a", "b", "c");
        OperandDescriptor a = inputs.get(0);
        OperandDescriptor b = inputs.get(1);
        OperandDescriptor c = inputs.get(2);
        OpInputs.requireType(label, this, "a", a, ALLOWED_TYPES);
        OpInputs.requireSameType(label, this, a, b);
        Windows.requireRank(label, this, "a", a, 2);
        Windows.requireRank(label, this, "b", b, 2);
        long[] shapeA = a.shape();
        long[] shapeB = b.shape();
        if (aTranspose) {
            reverse(shapeA);
        }
        if (bTranspose) {
            reverse(shapeB);
        }
        if (shapeA[1] != shapeB[0]) {
            throw new ValidationError(label, "gemm's inner dimensions differ: a is " + Arrays.toString(shapeA)
                    + " and b is " + Arrays.toString(shapeB) + " after the transpositions.");
        }
        long[] outputShape = {shapeA[0], shapeB[1]};
        if (c != null) {
            if (c.rank() > 2 || !unidirectionallyBroadcastable(c.shape(), outputShape)) {
                throw new ValidationError(label, "gemm's c " + Arrays.toString(c.shape())
                        + " cannot be broadcast to the output shape " + Arrays.toString(outputShape) + ".");
            }
            if (c.dataType() != a.dataType()) {
                throw new ValidationError(label, "gemm's c is " + c.dataType().webnnName() + " but a is "
                        + a.dataType().webnnName() + ".");
            }
        }
        return List.of(OperandDescriptor.checked(label, a.dataType(), outputShape));
    }

    private static void reverse(long[] shape) {
        long first = shape[0];
        shape[0] = shape[1];
        shape[1] = first;
    }

    /**
     * https://www.w3.org/TR/webnn/#unidirectionally-broadcasting: right-aligned, each dimension of {@code from}
     * equal to the target's or 1, and no more dimensions than the target.
     */
    static boolean unidirectionallyBroadcastable(long[] from, long[] to) {
        if (from.length > to.length) {
            return false;
        }
        int offset = to.length - from.length;
        for (int i = 0; i < from.length; i++) {
            if (from[i] != 1 && from[i] != to[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
