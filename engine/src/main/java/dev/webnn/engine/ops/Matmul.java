package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Matrix product over the last two dimensions, broadcasting the leading (batch) dimensions. */
public record Matmul() implements Op {
    /** The spec allows float32 and float16 for a, and b must match a. */
    public static final Set<DataType> ALLOWED_TYPES = OpInputs.FLOAT_TYPES;

    @Override
    public String opName() {
        return "matmul";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-matmul
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "a", "b");
        OperandDescriptor a = inputs.get(0);
        OperandDescriptor b = inputs.get(1);
        OpInputs.requireSameType(label, this, a, b);
        OpInputs.requireType(label, this, "a", a, ALLOWED_TYPES);
        if (a.rank() < 2 || b.rank() < 2) {
            throw new ValidationError(label, "matmul needs operands of rank 2 or more but got ranks "
                    + a.rank() + " and " + b.rank() + ".");
        }
        long[] shapeA = a.shape();
        long[] shapeB = b.shape();
        long m = shapeA[shapeA.length - 2];
        long k = shapeA[shapeA.length - 1];
        long kB = shapeB[shapeB.length - 2];
        long n = shapeB[shapeB.length - 1];
        if (k != kB) {
            throw new ValidationError(label, "matmul's inner dimensions differ: " + Arrays.toString(shapeA)
                    + " x " + Arrays.toString(shapeB) + ".");
        }
        long[] batch = Shapes.broadcast(label, Arrays.copyOf(shapeA, shapeA.length - 2),
                Arrays.copyOf(shapeB, shapeB.length - 2));
        long[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = m;
        out[batch.length + 1] = n;
        return List.of(OperandDescriptor.checked(label, a.dataType(), out));
    }
}
