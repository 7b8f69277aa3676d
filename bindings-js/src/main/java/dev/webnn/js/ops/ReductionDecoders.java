package dev.webnn.js.ops;

import dev.webnn.engine.ops.ArgMinMax;
import dev.webnn.engine.ops.BatchNormalization;
import dev.webnn.engine.ops.CumulativeSum;
import dev.webnn.engine.ops.InputLayout;
import dev.webnn.engine.ops.InstanceNormalization;
import dev.webnn.engine.ops.LayerNormalization;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.ops.Reduce;
import dev.webnn.engine.ops.Softmax;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Builds the engine op records of the Reduction family: reductions, argMin/argMax, cumulativeSum, softmax,
 * normalizations. reduction.js applies the WebIDL defaults, so every member except the optional {@code axes} is
 * present.
 */
public final class ReductionDecoders {
    private ReductionDecoders() {
    }

    /** The op for this builder method, or null when the method is not of this family. */
    public static Op create(String name, Attributes attributes, String label) {
        Reduce.Kind reduce = OpNames.kindOrNull(Reduce.Kind.class, name);
        if (reduce != null) {
            return new Reduce(reduce, axesOrNull(attributes), attributes.bool("keepDimensions"));
        }
        ArgMinMax.Kind arg = OpNames.kindOrNull(ArgMinMax.Kind.class, name);
        if (arg != null) {
            return new ArgMinMax(arg, attributes.integer("axis"), attributes.bool("keepDimensions"),
                    attributes.dataType("outputDataType", label));
        }
        return switch (name) {
            case "cumulativeSum" -> new CumulativeSum(attributes.integer("axis"), attributes.bool("exclusive"),
                    attributes.bool("reversed"));
            case "softmax" -> new Softmax(attributes.integer("axis"));
            case "batchNormalization" -> new BatchNormalization(attributes.integer("axis"),
                    attributes.number("epsilon"));
            case "instanceNormalization" -> new InstanceNormalization(attributes.number("epsilon"),
                    InputLayout.valueOf(attributes.string("layout").toUpperCase(Locale.ROOT)));
            case "layerNormalization" -> new LayerNormalization(axesOrNull(attributes), attributes.number("epsilon"));
            default -> null;
        };
    }

    private static List<Long> axesOrNull(Attributes attributes) {
        return attributes.has("axes") ? Arrays.stream(attributes.longs("axes")).boxed().toList() : null;
    }
}
