package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import java.util.List;

/**
 * Normalizes with given per-feature statistics: {@code scale * (x - mean) / sqrt(variance + epsilon) + bias},
 * the features lying along {@code axis}. Inputs: input, mean, variance, then scale and bias, each null when absent.
 */
public record BatchNormalization(long axis, double epsilon) implements Op {
    @Override
    public String opName() {
        return "batchNormalization";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-batchnorm
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, 3, "input", "mean", "variance", "scale", "bias");
        OperandDescriptor input = inputs.get(0);
        OpInputs.requireType(label, this, "input", input, OpInputs.FLOAT_TYPES);
        int a = Axes.single(label, this, axis, input.rank());
        long features = input.dim(a);
        String[] names = {"mean", "variance", "scale", "bias"};
        for (int i = 0; i < names.length; i++) {
            OpInputs.requireOptional(label, this, names[i], inputs.get(i + 1), input, features);
        }
        return List.of(input);
    }
}
