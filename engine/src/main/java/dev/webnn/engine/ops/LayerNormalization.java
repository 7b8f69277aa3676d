package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import java.util.List;

/**
 * Normalizes over {@code axes} (null: every axis but the first), then applies scale and bias, whose dimensions are
 * the input's dimensions named by {@code axes}, in that order. Inputs: input, then scale and bias, each null when
 * absent.
 */
public record LayerNormalization(List<Long> axes, double epsilon) implements Op {
    /** @param axes the axes to normalize over, or null for the default */
    public LayerNormalization {
        axes = Axes.copyOrNull(axes);
    }

    @Override
    public String opName() {
        return "layerNormalization";
    }

    /** The axes, with the default (1 to rank - 1) filled in for an input of this rank. */
    public int[] resolvedAxes(int rank) {
        if (axes == null) {
            int[] all = new int[Math.max(rank - 1, 0)];
            for (int i = 0; i < all.length; i++) {
                all[i] = i + 1;
            }
            return all;
        }
        return axes.stream().mapToInt(Long::intValue).toArray();
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-layernorm
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, 1, "input", "scale", "bias");
        OperandDescriptor input = inputs.get(0);
        OpInputs.requireType(label, this, "input", input, OpInputs.FLOAT_TYPES);
        if (axes != null) {
            Axes.mask(label, this, axes, input.rank());
        }
        int[] resolved = resolvedAxes(input.rank());
        long[] featureShape = new long[resolved.length];
        for (int i = 0; i < resolved.length; i++) {
            featureShape[i] = input.dim(resolved[i]);
        }
        OpInputs.requireOptional(label, this, "scale", inputs.get(1), input, featureShape);
        OpInputs.requireOptional(label, this, "bias", inputs.get(2), input, featureShape);
        return List.of(input);
    }
}
