package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** (input - zeroPoint) * scale, with scale and zeroPoint blockwise broadcast to the input's shape. */
public record DequantizeLinear() implements Op {
    /**
     * The quantized types: the spec's int8, uint8, int32 and uint32, plus int4 and uint4, which earlier versions of
     * the spec and the WPT suite use.
     */
    public static final Set<DataType> QUANTIZED_TYPES = Set.of(DataType.INT4, DataType.UINT4, DataType.INT8,
            DataType.UINT8, DataType.INT32, DataType.UINT32);

    @Override
    public String opName() {
        return "dequantizeLinear";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-dequantizelinear
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input", "scale", "zeroPoint");
        OperandDescriptor input = inputs.get(0);
        OperandDescriptor scale = inputs.get(1);
        OperandDescriptor zeroPoint = inputs.get(2);
        OpInputs.requireType(label, this, "input", input, QUANTIZED_TYPES);
        OpInputs.requireType(label, this, "scale", scale, OpInputs.FLOAT_TYPES);
        OpInputs.requireType(label, this, "zeroPoint", zeroPoint, QUANTIZED_TYPES);
        OpInputs.requireSameType(label, this, input, zeroPoint);
        requireBlockwise(label, this, input, scale, zeroPoint);
        return List.of(input.withDataType(scale.dataType()));
    }

    /**
     * scale and zeroPoint must have one shape that is blockwise broadcastable to the input's: each dimension divides
     * the input's. The spec now also asks for equal ranks, but the WPT suite still passes scales of lower rank (a
     * [5] scale for a [3, 2, 5] input), so missing leading dimensions count as 1, one block spanning the dimension.
     */
    static void requireBlockwise(String label, Op op, OperandDescriptor input, OperandDescriptor scale,
            OperandDescriptor zeroPoint) {
        if (!Arrays.equals(scale.shape(), zeroPoint.shape())) {
            throw new ValidationError(label, op.opName() + " needs scale and zeroPoint of one shape but got "
                    + Arrays.toString(scale.shape()) + " and " + Arrays.toString(zeroPoint.shape()) + ".");
        }
        long[] from = scale.shape();
        long[] to = input.shape();
        if (from.length > to.length) {
            throw new ValidationError(label, op.opName() + ": the scale's rank " + from.length
                    + " is greater than the input's rank " + to.length + ".");
        }
        int offset = to.length - from.length;
        for (int i = 0; i < from.length; i++) {
            if (to[offset + i] % from[i] != 0) {
                throw new ValidationError(label, op.opName() + ": the scale shape " + Arrays.toString(from)
                        + " does not divide the input shape " + Arrays.toString(to) + " into whole blocks.");
            }
        }
    }
}
