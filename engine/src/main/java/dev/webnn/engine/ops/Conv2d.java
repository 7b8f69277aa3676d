package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * 2-D convolution of a 4-D input by a 4-D filter, with optional grouping and bias. Inputs: input, filter, then
 * bias or null. Option lists are as the caller gave them, null when absent; the validator applies the spec's
 * defaults and checks their lengths.
 */
public record Conv2d(List<Long> padding, List<Long> strides, List<Long> dilations, long groups,
                     InputLayout inputLayout, FilterLayout filterLayout) implements Op {
    /** input, filter, bias and output must all be float32 or all float16. */
    public static final Set<DataType> ALLOWED_TYPES = OpInputs.FLOAT_TYPES;

    /** MLConv2dFilterOperandLayout: the order of the filter's output-channel, input-channel and spatial axes. */
    public enum FilterLayout implements WebIdlEnum {
        OIHW(0, 1, 2, 3),
        HWIO(3, 2, 0, 1),
        OHWI(0, 3, 1, 2),
        IHWO(3, 0, 1, 2);

        private final int outputChannelAxis;
        private final int inputChannelAxis;
        private final int heightAxis;
        private final int widthAxis;

        FilterLayout(int outputChannelAxis, int inputChannelAxis, int heightAxis, int widthAxis) {
            this.outputChannelAxis = outputChannelAxis;
            this.inputChannelAxis = inputChannelAxis;
            this.heightAxis = heightAxis;
            this.widthAxis = widthAxis;
        }

        /** The filter's axes in (output channel, input channel, height, width) order. */
        public int[] oihwAxes() {
            return new int[] {outputChannelAxis, inputChannelAxis, heightAxis, widthAxis};
        }
    }

    public Conv2d {
        padding = padding == null ? null : List.copyOf(padding);
        strides = strides == null ? null : List.copyOf(strides);
        dilations = dilations == null ? null : List.copyOf(dilations);
        Objects.requireNonNull(inputLayout, "inputLayout");
        Objects.requireNonNull(filterLayout, "filterLayout");
    }

    /** The spec's defaults: no padding, unit strides and dilations, one group, nchw input and oihw filter. */
    public static Conv2d defaults() {
        return new Conv2d(null, null, null, 1, InputLayout.NCHW, FilterLayout.OIHW);
    }

    @Override
    public String opName() {
        return "conv2d";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-conv2d
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        return List.of(geometry(label, inputs).output());
    }

    /** Everything the kernel needs, in nchw / oihw terms, after the spec's validation. */
    public record Geometry(OperandDescriptor output, long[] padding, long[] strides, long[] dilations,
                           long batches, long inputChannels, long inputHeight, long inputWidth,
                           long outputChannels, long filterHeight, long filterWidth,
                           long outputHeight, long outputWidth) {
    }

    public Geometry geometry(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, 2, "input", "filter", "bias");
        OperandDescriptor input = inputs.get(0);
        OperandDescriptor filter = inputs.get(1);
        OperandDescriptor bias = inputs.get(2);
        OpInputs.requireType(label, this, "input", input, ALLOWED_TYPES);
        Windows.requireRank(label, this, "input", input, 4);
        Windows.requireRank(label, this, "filter", filter, 4);
        requireInputType(label, "filter", filter, input);
        long[] pads = Windows.orDefault(label, this, "padding", padding, 0, 0, 0, 0);
        long[] strideValues = Windows.orDefault(label, this, "strides", strides, 1, 1);
        Windows.requireNonZero(label, this, "strides", strideValues);
        long[] dilationValues = Windows.orDefault(label, this, "dilations", dilations, 1, 1);
        Windows.requireNonZero(label, this, "dilations", dilationValues);
        if (groups == 0) {
            throw new ValidationError(label, "conv2d's groups must not be 0.");
        }

        int[] spatial = inputLayout.spatialAxes();
        long batches = input.dim(0);
        long inputChannels = input.dim(inputLayout.channelAxis());
        long inputHeight = input.dim(spatial[0]);
        long inputWidth = input.dim(spatial[1]);
        int[] axes = filterLayout.oihwAxes();
        long outputChannels = filter.dim(axes[0]);
        long filterInputChannels = filter.dim(axes[1]);
        long filterHeight = filter.dim(axes[2]);
        long filterWidth = filter.dim(axes[3]);
        if (inputChannels % groups != 0) {
            throw new ValidationError(label, "conv2d's " + inputChannels + " input channels cannot be split into "
                    + groups + " groups.");
        }
        if (inputChannels / groups != filterInputChannels) {
            throw new ValidationError(label, "conv2d's filter has " + filterInputChannels
                    + " input channels per group but the input has " + inputChannels + " channels in " + groups
                    + " groups.");
        }
        if (outputChannels % groups != 0) {
            throw new ValidationError(label, "conv2d's " + outputChannels + " output channels cannot be split into "
                    + groups + " groups.");
        }
        if (bias != null) {
            requireBias(label, this, bias, outputChannels, input);
        }
        long outputHeight = Windows.convOutputSize(inputHeight,
                Windows.effectiveSize(label, this, "filter height", filterHeight, dilationValues[0]),
                pads[0], pads[1], strideValues[0], false);
        long outputWidth = Windows.convOutputSize(inputWidth,
                Windows.effectiveSize(label, this, "filter width", filterWidth, dilationValues[1]),
                pads[2], pads[3], strideValues[1], false);
        Windows.requireValidDimension(label, this, "height", outputHeight);
        Windows.requireValidDimension(label, this, "width", outputWidth);
        long[] outputShape = inputLayout == InputLayout.NCHW
                ? new long[] {batches, outputChannels, outputHeight, outputWidth}
                : new long[] {batches, outputHeight, outputWidth, outputChannels};
        OperandDescriptor output = OperandDescriptor.checked(label, input.dataType(), outputShape);
        return new Geometry(output, pads, strideValues, dilationValues, batches, inputChannels, inputHeight,
                inputWidth, outputChannels, filterHeight, filterWidth, outputHeight, outputWidth);
    }

    private void requireInputType(String label, String name, OperandDescriptor operand, OperandDescriptor input) {
        if (operand.dataType() != input.dataType()) {
            throw new ValidationError(label, opName() + "'s " + name + " is " + operand.dataType().webnnName()
                    + " but the input is " + input.dataType().webnnName() + ".");
        }
    }

    /** The bias of conv2d and convTranspose2d: shape [outputChannels], the input's type. */
    static void requireBias(String label, Op op, OperandDescriptor bias, long outputChannels, OperandDescriptor input) {
        if (bias.rank() != 1 || bias.dim(0) != outputChannels) {
            throw new ValidationError(label, op.opName() + "'s bias must have the shape [" + outputChannels
                    + "] but has " + bias + ".");
        }
        if (bias.dataType() != input.dataType()) {
            throw new ValidationError(label, op.opName() + "'s bias is " + bias.dataType().webnnName()
                    + " but the input is " + input.dataType().webnnName() + ".");
        }
    }
}
