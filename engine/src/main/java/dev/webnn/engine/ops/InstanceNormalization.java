package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.List;
import java.util.Objects;

/**
 * Normalizes each channel of each sample of a 4-D input over its spatial dimensions, then applies the per-channel
 * scale and bias. Inputs: input, then scale and bias, each null when absent.
 */
public record InstanceNormalization(double epsilon, InputLayout layout) implements Op {
    public InstanceNormalization {
        Objects.requireNonNull(layout, "layout");
    }

    @Override
    public String opName() {
        return "instanceNormalization";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-instancenorm
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, 1, "input", "scale", "bias");
        OperandDescriptor input = inputs.get(0);
        OpInputs.requireType(label, this, "input", input, OpInputs.FLOAT_TYPES);
        if (input.rank() != 4) {
            throw new ValidationError(label, "instanceNormalization needs a 4-D input but got rank " + input.rank() + ".");
        }
        long channels = input.dim(layout.channelAxis());
        OpInputs.requireOptional(label, this, "scale", inputs.get(1), input, channels);
        OpInputs.requireOptional(label, this, "bias", inputs.get(2), input, channels);
        return List.of(input);
    }
}
