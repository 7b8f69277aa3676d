package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * averagePool2d, l2Pool2d and maxPool2d: one value per window of a 4-D input's two spatial dimensions. Padding
 * adds no values: a window reduces only the input elements it covers. Option lists are as the caller gave them,
 * null when absent; the validator applies the spec's defaults.
 */
public record Pool2d(Kind kind, List<Long> windowDimensions, List<Long> padding, List<Long> strides,
                     List<Long> dilations, InputLayout layout, Rounding outputShapeRounding,
                     List<Long> outputSizes) implements Op {
    public enum Kind {
        AVERAGE_POOL2D(OpInputs.FLOAT_TYPES),
        L2_POOL2D(OpInputs.FLOAT_TYPES),
        MAX_POOL2D(OpInputs.ALL_TYPES);

        private final Set<DataType> allowedTypes;

        Kind(Set<DataType> allowedTypes) {
            this.allowedTypes = allowedTypes;
        }

        /** The data types the spec allows for this pool's input (and so its output). */
        public Set<DataType> allowedTypes() {
            return allowedTypes;
        }

        /** The MLGraphBuilder method name. */
        public String methodName() {
            return switch (this) {
                case AVERAGE_POOL2D -> "averagePool2d";
                case L2_POOL2D -> "l2Pool2d";
                case MAX_POOL2D -> "maxPool2d";
            };
        }
    }

    /** MLRoundingType: how a fractional output size is made whole. */
    public enum Rounding implements WebIdlEnum {
        FLOOR, CEIL;
    }

    public Pool2d {
        Objects.requireNonNull(kind, "kind");
        windowDimensions = windowDimensions == null ? null : List.copyOf(windowDimensions);
        padding = padding == null ? null : List.copyOf(padding);
        strides = strides == null ? null : List.copyOf(strides);
        dilations = dilations == null ? null : List.copyOf(dilations);
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(outputShapeRounding, "outputShapeRounding");
        outputSizes = outputSizes == null ? null : List.copyOf(outputSizes);
    }

    /** A global pool: the spec's defaults, a window as large as the input. */
    public static Pool2d defaults(Kind kind) {
        return new Pool2d(kind, null, null, null, null, InputLayout.NCHW, Rounding.FLOOR, null);
    }

    @Override
    public String opName() {
        return kind.methodName();
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-pool2d
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        return List.of(geometry(label, inputs).output());
    }

    /** Everything the kernel needs after the spec's validation. */
    public record Geometry(OperandDescriptor output, long[] window, long[] padding, long[] strides,
                           long[] dilations) {
    }

    /*
     * Two steps of the spec's algorithm are left out on purpose, as the WPT suite and the browsers do: it resets
     * padding to zero when outputSizes is given, and it requires outputSizes to be smaller than the strides. The
     * first would make outputSizes disagree with the padded window arithmetic the next steps check it against; the
     * second would refuse nearly every real outputSizes.
     */
    public Geometry geometry(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        OpInputs.requireType(label, this, "input", input, kind.allowedTypes);
        Windows.requireRank(label, this, "input", input, 4);
        int[] spatial = layout.spatialAxes();
        long inputHeight = input.dim(spatial[0]);
        long inputWidth = input.dim(spatial[1]);
        long[] window = Windows.orDefault(label, this, "windowDimensions", windowDimensions,
                inputHeight, inputWidth);
        Windows.requireNonZero(label, this, "windowDimensions", window);
        long[] pads = Windows.orDefault(label, this, "padding", padding, 0, 0, 0, 0);
        long[] strideValues = Windows.orDefault(label, this, "strides", strides, 1, 1);
        Windows.requireNonZero(label, this, "strides", strideValues);
        long[] sizes = outputSizes == null ? null : Windows.ofSize(label, this, "outputSizes", outputSizes, 2);
        long[] dilationValues = Windows.orDefault(label, this, "dilations", dilations, 1, 1);
        Windows.requireNonZero(label, this, "dilations", dilationValues);

        long effectiveHeight = Windows.effectiveSize(label, this, "window height", window[0], dilationValues[0]);
        long effectiveWidth = Windows.effectiveSize(label, this, "window width", window[1], dilationValues[1]);
        long outputHeight;
        long outputWidth;
        if (sizes != null) {
            outputHeight = sizes[0];
            outputWidth = sizes[1];
            boolean floorMatches =
                    outputHeight == Windows.convOutputSize(inputHeight, effectiveHeight, pads[0], pads[1],
                            strideValues[0], false)
                    && outputWidth == Windows.convOutputSize(inputWidth, effectiveWidth, pads[2], pads[3],
                            strideValues[1], false);
            boolean ceilMatches =
                    outputHeight == Windows.convOutputSize(inputHeight, effectiveHeight, pads[0], pads[1],
                            strideValues[0], true)
                    && outputWidth == Windows.convOutputSize(inputWidth, effectiveWidth, pads[2], pads[3],
                            strideValues[1], true);
            if (!floorMatches && !ceilMatches) {
                throw new ValidationError(label, opName() + "'s outputSizes [" + outputHeight + ", " + outputWidth
                        + "] match neither the floor nor the ceiling of the computed output sizes.");
            }
        } else {
            boolean ceil = outputShapeRounding == Rounding.CEIL;
            outputHeight = Windows.convOutputSize(inputHeight, effectiveHeight, pads[0], pads[1], strideValues[0],
                    ceil);
            outputWidth = Windows.convOutputSize(inputWidth, effectiveWidth, pads[2], pads[3], strideValues[1],
                    ceil);
        }
        Windows.requireValidDimension(label, this, "height", outputHeight);
        Windows.requireValidDimension(label, this, "width", outputWidth);
        long[] outputShape = input.shape();
        outputShape[spatial[0]] = outputHeight;
        outputShape[spatial[1]] = outputWidth;
        OperandDescriptor output = OperandDescriptor.checked(label, input.dataType(), outputShape);
        return new Geometry(output, window, pads, strideValues, dilationValues);
    }
}
