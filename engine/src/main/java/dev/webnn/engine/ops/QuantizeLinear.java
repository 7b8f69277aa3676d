package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import java.util.List;

/**
 * saturate(roundEven(input / scale) + zeroPoint) to the zeroPoint's type, with scale and zeroPoint blockwise
 * broadcast to the input's shape.
 */
public record QuantizeLinear() implements Op {
    @Override
    public String opName() {
        return "quantizeLinear";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-quantizelinear
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input", "scale", "zeroPoint");
        OperandDescriptor input = inputs.get(0);
        OperandDescriptor scale = inputs.get(1);
        OperandDescriptor zeroPoint = inputs.get(2);
        OpInputs.requireType(label, this, "input", input, OpInputs.FLOAT_TYPES);
        OpInputs.requireSameType(label, this, input, scale);
        OpInputs.requireType(label, this, "zeroPoint", zeroPoint, DequantizeLinear.QUANTIZED_TYPES);
        DequantizeLinear.requireBlockwise(label, this, input, scale, zeroPoint);
        return List.of(input.withDataType(zeroPoint.dataType()));
    }
}
