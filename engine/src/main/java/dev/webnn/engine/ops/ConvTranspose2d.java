package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * 2-D transposed convolution (the gradient of conv2d with respect to its input). Inputs: input, filter, then bias
 * or null. Option lists are as the caller gave them, null when absent; the validator applies the spec's defaults.
 */
public record ConvTranspose2d(List<Long> padding, List<Long> strides, List<Long> dilations,
                              List<Long> outputPadding, List<Long> outputSizes, long groups,
                              InputLayout inputLayout, FilterLayout filterLayout) implements Op {
    /** input, filter, bias and output must all be float32 or all float16. */
    public static final Set<DataType> ALLOWED_TYPES = OpInputs.FLOAT_TYPES;

    /**
     * MLConvTranspose2dFilterOperandLayout. The filter's "i" axis holds all input channels, its "o" axis the output
     * channels of one group.
     */
    public enum FilterLayout implements WebIdlEnum {
        IOHW(0, 1, 2, 3),
        HWOI(3, 2, 0, 1),
        OHWI(3, 0, 1, 2);

        private final int inputChannelAxis;
        private final int outputChannelAxis;
        private final int heightAxis;
        private final int widthAxis;

        FilterLayout(int inputChannelAxis, int outputChannelAxis, int heightAxis, int widthAxis) {
            this.inputChannelAxis = inputChannelAxis;
            this.outputChannelAxis = outputChannelAxis;
            this.heightAxis = heightAxis;
            this.widthAxis = widthAxis;
        }

        /** The filter's axes in (input channel, output channel per group, height, width) order. */
        public int[] iohwAxes() {
            return new int[] {inputChannelAxis, outputChannelAxis, heightAxis, widthAxis};
        }
    }

    public ConvTranspose2d {
        padding = padding == null ? null : List.copyOf(padding);
        strides = strides == null ? null : List.copyOf(strides);
        dilations = dilations == null ? null : List.copyOf(dilations);
        outputPadding = outputPadding == null ? null : List.copyOf(outputPadding);
        outputSizes = outputSizes == null ? null : List.copyOf(outputSizes);
        Objects.requireNonNull(inputLayout, "inputLayout");
        Objects.requireNonNull(filterLayout, "filterLayout");
    }

    /** The spec's defaults: no padding, unit strides and dilations, one group, nchw input and iohw filter. */
    public static ConvTranspose2d defaults() {
        return new ConvTranspose2d(null, null, null, null, null, 1, InputLayout.NCHW, FilterLayout.IOHW);
    }

    @Override
    public String opName() {
        return "convTranspose2d";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-convtranspose2d
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        return List.of(geometry(label, inputs).output());
    }

    /** Everything the kernel needs, in nchw / iohw terms, after the spec's validation. */
    public record Geometry(OperandDescriptor output, long[] padding, long[] strides, long[] dilations,
                           long batches, long inputChannels, long inputHeight, long inputWidth,
                           long outputChannelsPerGroup, long filterHeight, long filterWidth,
                           long outputHeight, long outputWidth) {
    }

    public Geometry geometry(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, 2, "input", "filter", "bias");
        OperandDescriptor input = inputs.get(0);
        OperandDescriptor filter = inputs.get(1);
        OperandDescriptor bias = inputs.get(2);
        Windows.requireRank(label, this, "input", input, 4);
        OpInputs.requireType(label, this, "input", input, ALLOWED_TYPES);
        Windows.requireRank(label, this, "filter", filter, 4);
        if (filter.dataType() != input.dataType()) {
            throw new ValidationError(label, "convTranspose2d's filter is " + filter.dataType().webnnName()
                    + " but the input is " + input.dataType().webnnName() + ".");
        }
        long[] pads = Windows.orDefault(label, this, "padding", padding, 0, 0, 0, 0);
        long[] strideValues = Windows.orDefault(label, this, "strides", strides, 1, 1);
        Windows.requireNonZero(label, this, "strides", strideValues);
        long[] dilationValues = Windows.orDefault(label, this, "dilations", dilations, 1, 1);
        Windows.requireNonZero(label, this, "dilations", dilationValues);
        long[] outputPads = Windows.orDefault(label, this, "outputPadding", outputPadding, 0, 0);
        long[] sizes = null;
        if (outputSizes != null) {
            sizes = Windows.ofSize(label, this, "outputSizes", outputSizes, 2);
        } else if (outputPads[0] >= strideValues[0] || outputPads[1] >= strideValues[1]) {
            throw new ValidationError(label, "convTranspose2d's outputPadding must be smaller than the strides.");
        }
        if (groups == 0) {
            throw new ValidationError(label, "convTranspose2d's groups must not be 0.");
        }

        int[] spatial = inputLayout.spatialAxes();
        long batches = input.dim(0);
        long inputChannels = input.dim(inputLayout.channelAxis());
        long inputHeight = input.dim(spatial[0]);
        long inputWidth = input.dim(spatial[1]);
        int[] axes = filterLayout.iohwAxes();
        long filterInputChannels = filter.dim(axes[0]);
        long filterOutputChannels = filter.dim(axes[1]);
        long filterHeight = filter.dim(axes[2]);
        long filterWidth = filter.dim(axes[3]);
        if (inputChannels != filterInputChannels) {
            throw new ValidationError(label, "convTranspose2d's filter has " + filterInputChannels
                    + " input channels but the input has " + inputChannels + ".");
        }
        // Both factors are at most 2^32 - 1, so the product fits a long.
        long outputChannels = filterOutputChannels * groups;
        Windows.requireValidDimension(label, this, "channel count", outputChannels);
        if (bias != null) {
            Conv2d.requireBias(label, this, bias, outputChannels, input);
        }
        long calculatedHeight = Windows.convTransposeOutputSize(label, this, "height", inputHeight,
                Windows.effectiveSize(label, this, "filter height", filterHeight, dilationValues[0]),
                pads[0], pads[1], strideValues[0]);
        long calculatedWidth = Windows.convTransposeOutputSize(label, this, "width", inputWidth,
                Windows.effectiveSize(label, this, "filter width", filterWidth, dilationValues[1]),
                pads[2], pads[3], strideValues[1]);
        long outputHeight;
        long outputWidth;
        if (sizes != null) {
            outputHeight = sizes[0];
            outputWidth = sizes[1];
            if (outputHeight < calculatedHeight || outputHeight >= calculatedHeight + strideValues[0]) {
                throw new ValidationError(label, "convTranspose2d's outputSizes[0] " + outputHeight
                        + " must be at least " + calculatedHeight + " and less than "
                        + (calculatedHeight + strideValues[0]) + ".");
            }
            if (outputWidth < calculatedWidth || outputWidth >= calculatedWidth + strideValues[1]) {
                throw new ValidationError(label, "convTranspose2d's outputSizes[1] " + outputWidth
                        + " must be at least " + calculatedWidth + " and less than "
                        + (calculatedWidth + strideValues[1]) + ".");
            }
        } else {
            outputHeight = calculatedHeight + outputPads[0];
            outputWidth = calculatedWidth + outputPads[1];
        }
        Windows.requireValidDimension(label, this, "height", outputHeight);
        Windows.requireValidDimension(label, this, "width", outputWidth);
        long[] outputShape = inputLayout == InputLayout.NCHW
                ? new long[] {batches, outputChannels, outputHeight, outputWidth}
                : new long[] {batches, outputHeight, outputWidth, outputChannels};
        OperandDescriptor output = OperandDescriptor.checked(label, input.dataType(), outputShape);
        return new Geometry(output, pads, strideValues, dilationValues, batches, inputChannels, inputHeight,
                inputWidth, filterOutputChannels, filterHeight, filterWidth, outputHeight, outputWidth);
    }
}
