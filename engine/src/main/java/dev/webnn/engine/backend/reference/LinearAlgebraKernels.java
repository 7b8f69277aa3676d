package dev.webnn.engine.backend.reference;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.backend.TensorLimits;
import dev.webnn.engine.ops.Conv2d;
import dev.webnn.engine.ops.ConvTranspose2d;
import dev.webnn.engine.ops.Gemm;
import dev.webnn.engine.ops.Matmul;
import dev.webnn.engine.ops.Pool2d;
import dev.webnn.engine.ops.Resample2d;
import dev.webnn.engine.ops.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reference kernels over matrices and windows: matmul, gemm, convolutions, pools, resample2d. Layouts are handled
 * by strides, never by transposing: each kernel walks the logical (nchw / oihw) coordinates and reads every operand
 * through the strides its layout gives those coordinates.
 */
final class LinearAlgebraKernels {
    private LinearAlgebraKernels() {
    }

    static void register(KernelTable table) {
        table.kernel(Matmul.class, (op, in, out) -> List.of(matmul(in.get(0), in.get(1), out.get(0))));
        TensorLimits matmul = new TensorLimits(Matmul.ALLOWED_TYPES, 2, KernelTable.MAX_RANK);
        table.limits("matmul", "a", matmul, "b", matmul, "output", matmul);

        table.kernel(Gemm.class, (op, in, out) -> List.of(gemm(op, in.get(0), in.get(1), in.get(2), out.get(0))));
        TensorLimits matrix = new TensorLimits(Gemm.ALLOWED_TYPES, 2, 2);
        table.limits("gemm", "a", matrix, "b", matrix, "c", new TensorLimits(Gemm.ALLOWED_TYPES, 0, 2),
                "output", matrix);

        table.kernel(Conv2d.class, (op, in, out) -> List.of(conv2d(op, in)));
        table.kernel(ConvTranspose2d.class, (op, in, out) -> List.of(convTranspose2d(op, in)));
        table.refusal(ConvTranspose2d.class, LinearAlgebraKernels::convTranspose2dRefusal);
        TensorLimits image = new TensorLimits(Conv2d.ALLOWED_TYPES, 4, 4);
        TensorLimits bias = new TensorLimits(Conv2d.ALLOWED_TYPES, 1, 1);
        table.limits("conv2d", "input", image, "filter", image, "bias", bias, "output", image);
        table.limits("convTranspose2d", "input", image, "filter", image, "bias", bias, "output", image);

        table.kernel(Pool2d.class, (op, in, out) -> List.of(pool2d(op, in.get(0))));
        for (Pool2d.Kind kind : Pool2d.Kind.values()) {
            TensorLimits pooled = new TensorLimits(kind.allowedTypes(), 4, 4);
            table.limits(kind.methodName(), "input", pooled, "output", pooled);
        }

        table.kernel(Resample2d.class, (op, in, out) -> List.of(resample2d(op, in.get(0), out.get(0))));
        TensorLimits resampled = new TensorLimits(Resample2d.ALLOWED_TYPES, 4, 4);
        table.limits("resample2d", "input", resampled, "output", resampled);
    }

    private static TensorData matmul(TensorData a, TensorData b, OperandDescriptor out) {
        long[] shapeA = a.descriptor().shape();
        long[] shapeB = b.descriptor().shape();
        long[] shapeOut = out.shape();
        int m = (int) shapeA[shapeA.length - 2];
        int k = (int) shapeA[shapeA.length - 1];
        int n = (int) shapeB[shapeB.length - 1];
        long[] batchOut = Arrays.copyOf(shapeOut, shapeOut.length - 2);
        int[] batchA = Broadcasting.indices(Arrays.copyOf(shapeA, shapeA.length - 2), batchOut);
        int[] batchB = Broadcasting.indices(Arrays.copyOf(shapeB, shapeB.length - 2), batchOut);
        double[] x = a.floats();
        double[] y = b.floats();
        double[] result = new double[batchA.length * m * n];
        for (int batch = 0; batch < batchA.length; batch++) {
            int baseA = batchA[batch] * m * k;
            int baseB = batchB[batch] * k * n;
            int baseOut = batch * m * n;
            for (int row = 0; row < m; row++) {
                for (int col = 0; col < n; col++) {
                    double sum = 0;
                    for (int i = 0; i < k; i++) {
                        sum += x[baseA + row * k + i] * y[baseB + i * n + col];
                    }
                    result[baseOut + row * n + col] = sum;
                }
            }
        }
        return TensorData.ofFloats(out, result);
    }

    private static TensorData gemm(Gemm op, TensorData a, TensorData b, TensorData c, OperandDescriptor out) {
        DataType type = out.dataType();
        // The spec casts alpha and beta to the operands' type before anything is computed.
        double alpha = TensorData.roundTo(type, op.alpha());
        double beta = TensorData.roundTo(type, op.beta());
        int m = (int) out.dim(0);
        int n = (int) out.dim(1);
        int k = (int) (op.aTranspose() ? a.descriptor().dim(0) : a.descriptor().dim(1));
        // Element (row, i) of the transposed-as-asked A, and (i, col) of B, as strides into the stored arrays.
        int aRowStride = op.aTranspose() ? 1 : k;
        int aInnerStride = op.aTranspose() ? m : 1;
        int bInnerStride = op.bTranspose() ? 1 : n;
        int bColStride = op.bTranspose() ? k : 1;
        double[] x = a.floats();
        double[] y = b.floats();
        double[] z = c == null ? null : c.floats();
        int[] fromC = c == null ? null : Broadcasting.indices(c.descriptor().shape(), out.shape());
        double[] result = new double[m * n];
        for (int row = 0; row < m; row++) {
            for (int col = 0; col < n; col++) {
                double sum = 0;
                for (int i = 0; i < k; i++) {
                    sum += x[row * aRowStride + i * aInnerStride] * y[i * bInnerStride + col * bColStride];
                }
                double value = alpha * sum;
                if (z != null) {
                    value += beta * z[fromC[row * n + col]];
                }
                result[row * n + col] = value;
            }
        }
        return TensorData.ofFloats(out, result);
    }

    private static TensorData conv2d(Conv2d op, List<TensorData> in) {
        List<OperandDescriptor> descriptors = descriptorsOf(in);
        Conv2d.Geometry g = op.geometry("", descriptors);
        Image input = Image.of(descriptors.get(0), op.inputLayout().channelAxis(), op.inputLayout().spatialAxes());
        Image output = Image.of(g.output(), op.inputLayout().channelAxis(), op.inputLayout().spatialAxes());
        int[] filterAxes = op.filterLayout().oihwAxes();
        long[] filterStrides = Shapes.strides(descriptors.get(1).shape());
        int outerStride = (int) filterStrides[filterAxes[0]];
        int innerStride = (int) filterStrides[filterAxes[1]];
        int filterRowStride = (int) filterStrides[filterAxes[2]];
        int filterColStride = (int) filterStrides[filterAxes[3]];

        double[] x = in.get(0).floats();
        double[] w = in.get(1).floats();
        double[] bias = in.get(2) == null ? null : in.get(2).floats();
        int groups = (int) op.groups();
        int inputChannelsPerGroup = (int) (g.inputChannels() / groups);
        int outputChannelsPerGroup = (int) (g.outputChannels() / groups);
        double[] result = new double[output.size];
        for (int n = 0; n < g.batches(); n++) {
            for (int oc = 0; oc < g.outputChannels(); oc++) {
                int firstInputChannel = oc / outputChannelsPerGroup * inputChannelsPerGroup;
                for (int oh = 0; oh < g.outputHeight(); oh++) {
                    for (int ow = 0; ow < g.outputWidth(); ow++) {
                        double sum = bias == null ? 0 : bias[oc];
                        for (int icl = 0; icl < inputChannelsPerGroup; icl++) {
                            for (int kh = 0; kh < g.filterHeight(); kh++) {
                                long ih = oh * g.strides()[0] - g.padding()[0] + kh * g.dilations()[0];
                                if (ih < 0 || ih >= g.inputHeight()) {
                                    continue;
                                }
                                for (int kw = 0; kw < g.filterWidth(); kw++) {
                                    long iw = ow * g.strides()[1] - g.padding()[2] + kw * g.dilations()[1];
                                    if (iw < 0 || iw >= g.inputWidth()) {
                                        continue;
                                    }
                                    sum += x[input.index(n, firstInputChannel + icl, (int) ih, (int) iw)]
                                            * w[oc * outerStride + icl * innerStride + kh * filterRowStride
                                                + kw * filterColStride];
                                }
                            }
                        }
                        result[output.index(n, oc, oh, ow)] = sum;
                    }
                }
            }
        }
        return TensorData.ofFloats(g.output(), result);
    }

    /**
     * Each input element scatters its products with the filter into the output: input (ih, iw) and filter tap
     * (kh, kw) land on output (ih * stride + kh * dilation - beginningPadding, likewise for the width). Rows and
     * columns no product reaches, such as those outputSizes adds, hold only the bias.
     */
    private static TensorData convTranspose2d(ConvTranspose2d op, List<TensorData> in) {
        List<OperandDescriptor> descriptors = descriptorsOf(in);
        ConvTranspose2d.Geometry g = op.geometry("", descriptors);
        Image input = Image.of(descriptors.get(0), op.inputLayout().channelAxis(), op.inputLayout().spatialAxes());
        Image output = Image.of(g.output(), op.inputLayout().channelAxis(), op.inputLayout().spatialAxes());
        int[] filterAxes = op.filterLayout().iohwAxes();
        long[] filterStrides = Shapes.strides(descriptors.get(1).shape());
        int inputChannelStride = (int) filterStrides[filterAxes[0]];
        int outputChannelStride = (int) filterStrides[filterAxes[1]];
        int filterRowStride = (int) filterStrides[filterAxes[2]];
        int filterColStride = (int) filterStrides[filterAxes[3]];

        double[] x = in.get(0).floats();
        double[] w = in.get(1).floats();
        double[] bias = in.get(2) == null ? null : in.get(2).floats();
        int groups = (int) op.groups();
        int inputChannelsPerGroup = (int) (g.inputChannels() / groups);
        int outputChannelsPerGroup = (int) g.outputChannelsPerGroup();
        double[] result = new double[output.size];
        for (int n = 0; n < g.batches(); n++) {
            for (int ic = 0; ic < g.inputChannels(); ic++) {
                int firstOutputChannel = ic / inputChannelsPerGroup * outputChannelsPerGroup;
                for (int ih = 0; ih < g.inputHeight(); ih++) {
                    for (int iw = 0; iw < g.inputWidth(); iw++) {
                        double value = x[input.index(n, ic, ih, iw)];
                        for (int ocl = 0; ocl < outputChannelsPerGroup; ocl++) {
                            for (int kh = 0; kh < g.filterHeight(); kh++) {
                                long oh = ih * g.strides()[0] + kh * g.dilations()[0] - g.padding()[0];
                                if (oh < 0 || oh >= g.outputHeight()) {
                                    continue;
                                }
                                for (int kw = 0; kw < g.filterWidth(); kw++) {
                                    long ow = iw * g.strides()[1] + kw * g.dilations()[1] - g.padding()[2];
                                    if (ow < 0 || ow >= g.outputWidth()) {
                                        continue;
                                    }
                                    result[output.index(n, firstOutputChannel + ocl, (int) oh, (int) ow)] +=
                                            value * w[ic * inputChannelStride + ocl * outputChannelStride
                                                    + kh * filterRowStride + kw * filterColStride];
                                }
                            }
                        }
                    }
                }
            }
        }
        if (bias != null) {
            for (int n = 0; n < g.batches(); n++) {
                for (int oc = 0; oc < output.channels; oc++) {
                    for (int oh = 0; oh < g.outputHeight(); oh++) {
                        for (int ow = 0; ow < g.outputWidth(); ow++) {
                            result[output.index(n, oc, oh, ow)] += bias[oc];
                        }
                    }
                }
            }
        }
        return TensorData.ofFloats(g.output(), result);
    }

    /**
     * The spec lets convTranspose2d have input channels that its groups do not divide, but such a grouping has no
     * meaning (each group's filter slice would take a fraction of a channel), so the backend refuses to compile it.
     */
    private static String convTranspose2dRefusal(ConvTranspose2d op, List<OperandDescriptor> inputs) {
        long inputChannels = inputs.get(0).dim(op.inputLayout().channelAxis());
        if (inputChannels % op.groups() != 0) {
            return "convTranspose2d cannot split " + inputChannels + " input channels into " + op.groups()
                    + " groups.";
        }
        return null;
    }

    /**
     * A window reduces only the input elements it covers; padding adds none. A window that covers none gives 0
     * for averagePool2d and l2Pool2d and the lowest value of the type (-Infinity for floats) for maxPool2d.
     */
    private static TensorData pool2d(Pool2d op, TensorData in) {
        OperandDescriptor inputDescriptor = in.descriptor();
        Pool2d.Geometry g = op.geometry("", List.of(inputDescriptor));
        int channelAxis = op.layout().channelAxis();
        int[] spatial = op.layout().spatialAxes();
        Image input = Image.of(inputDescriptor, channelAxis, spatial);
        Image output = Image.of(g.output(), channelAxis, spatial);
        DataType type = inputDescriptor.dataType();
        boolean floats = type.isFloat();
        double[] x = floats ? in.floats() : null;
        long[] xi = floats ? null : in.integers();
        double[] result = floats ? new double[output.size] : null;
        long[] resultIntegers = floats ? null : new long[output.size];
        for (int n = 0; n < output.batches; n++) {
            for (int c = 0; c < output.channels; c++) {
                for (int oh = 0; oh < output.height; oh++) {
                    for (int ow = 0; ow < output.width; ow++) {
                        double sum = 0;
                        double max = Double.NEGATIVE_INFINITY;
                        long maxInteger = floats ? 0 : TensorData.minOf(type);
                        int count = 0;
                        for (int kh = 0; kh < g.window()[0]; kh++) {
                            long ih = oh * g.strides()[0] - g.padding()[0] + kh * g.dilations()[0];
                            if (ih < 0 || ih >= input.height) {
                                continue;
                            }
                            for (int kw = 0; kw < g.window()[1]; kw++) {
                                long iw = ow * g.strides()[1] - g.padding()[2] + kw * g.dilations()[1];
                                if (iw < 0 || iw >= input.width) {
                                    continue;
                                }
                                int index = input.index(n, c, (int) ih, (int) iw);
                                count++;
                                if (!floats) {
                                    maxInteger = type == DataType.UINT64
                                            ? (Long.compareUnsigned(xi[index], maxInteger) > 0 ? xi[index] : maxInteger)
                                            : Math.max(xi[index], maxInteger);
                                    continue;
                                }
                                switch (op.kind()) {
                                    case AVERAGE_POOL2D -> sum += x[index];
                                    case L2_POOL2D -> sum += x[index] * x[index];
                                    case MAX_POOL2D -> max = Math.max(max, x[index]);
                                }
                            }
                        }
                        int at = output.index(n, c, oh, ow);
                        if (!floats) {
                            resultIntegers[at] = maxInteger;
                            continue;
                        }
                        result[at] = switch (op.kind()) {
                            case AVERAGE_POOL2D -> count == 0 ? 0 : sum / count;
                            case L2_POOL2D -> Math.sqrt(sum);
                            case MAX_POOL2D -> max;
                        };
                    }
                }
            }
        }
        return floats ? TensorData.ofFloats(g.output(), result) : TensorData.ofIntegers(g.output(), resultIntegers);
    }

    /**
     * Samples each output element at the input coordinate the spec gives it: along a resampled axis,
     * (outputIndex + 0.5) * inputSize / outputSize - 0.5, clamped to the input. Nearest-neighbor rounds that
     * half down, exactly, in integers; linear weighs the two neighbours in double. Integer results of linear
     * round to nearest, ties away from zero.
     */
    private static TensorData resample2d(Resample2d op, TensorData in, OperandDescriptor out) {
        long[] inShape = in.descriptor().shape();
        long[] outShape = out.shape();
        int[] axes = op.axes("", inShape.length);
        long[] inStrides = Shapes.strides(inShape);
        int count = (int) out.elementCount();
        boolean floats = out.dataType().isFloat();
        double[] x = floats ? in.floats() : toDoubles(in.integers());
        double[] result = new double[count];
        Sampling first = new Sampling(inShape[axes[0]], outShape[axes[0]], op.mode());
        Sampling second = new Sampling(inShape[axes[1]], outShape[axes[1]], op.mode());
        long[] coordinate = new long[outShape.length];
        for (int i = 0; i < count; i++) {
            // Row-major decode of i into the output coordinate.
            long remaining = i;
            for (int d = outShape.length - 1; d >= 0; d--) {
                coordinate[d] = remaining % outShape[d];
                remaining /= outShape[d];
            }
            long base = 0;
            for (int d = 0; d < coordinate.length; d++) {
                if (d != axes[0] && d != axes[1]) {
                    base += coordinate[d] * inStrides[d];
                }
            }
            int o0 = (int) coordinate[axes[0]];
            int o1 = (int) coordinate[axes[1]];
            long s0 = inStrides[axes[0]];
            long s1 = inStrides[axes[1]];
            if (op.mode() == Resample2d.Mode.NEAREST_NEIGHBOR) {
                result[i] = x[(int) (base + first.lower[o0] * s0 + second.lower[o1] * s1)];
            } else {
                double t0 = first.weight[o0];
                double t1 = second.weight[o1];
                double v00 = x[(int) (base + first.lower[o0] * s0 + second.lower[o1] * s1)];
                double v01 = x[(int) (base + first.lower[o0] * s0 + second.upper[o1] * s1)];
                double v10 = x[(int) (base + first.upper[o0] * s0 + second.lower[o1] * s1)];
                double v11 = x[(int) (base + first.upper[o0] * s0 + second.upper[o1] * s1)];
                double near = v00 * (1 - t1) + v01 * t1;
                double far = v10 * (1 - t1) + v11 * t1;
                result[i] = near * (1 - t0) + far * t0;
            }
        }
        if (floats) {
            return TensorData.ofFloats(out, result);
        }
        long[] integers = new long[count];
        for (int i = 0; i < count; i++) {
            integers[i] = (long) (Math.signum(result[i]) * Math.floor(Math.abs(result[i]) + 0.5));
        }
        return TensorData.ofIntegers(out, integers);
    }

    /** Per output index along one resampled axis: the input indices to read and the weight of the upper one. */
    private static final class Sampling {
        final long[] lower;
        final long[] upper;
        final double[] weight;

        Sampling(long inputSize, long outputSize, Resample2d.Mode mode) {
            int n = (int) outputSize;
            lower = new long[n];
            upper = new long[n];
            weight = new double[n];
            for (int o = 0; o < n; o++) {
                // The input coordinate is ((2o + 1) * inputSize - outputSize) / (2 * outputSize); the numerator
                // stays below 2^63 because both sizes are array dimensions.
                long numerator = (2L * o + 1) * inputSize - outputSize;
                long denominator = 2 * outputSize;
                if (mode == Resample2d.Mode.NEAREST_NEIGHBOR) {
                    // ceil(coordinate - 0.5); clamping after rounding gives what clamping before would.
                    long nearest = Math.ceilDiv(numerator - outputSize, denominator);
                    lower[o] = Math.clamp(nearest, 0, inputSize - 1);
                } else {
                    double coordinate = Math.clamp((double) numerator / denominator, 0.0, inputSize - 1.0);
                    lower[o] = (long) Math.floor(coordinate);
                    upper[o] = (long) Math.ceil(coordinate);
                    weight[o] = coordinate - lower[o];
                }
            }
        }
    }

    /** Where the batch, channel, height and width coordinates of a 4-D image tensor sit in its flat array. */
    private static final class Image {
        final int batches;
        final int channels;
        final int height;
        final int width;
        final int size;
        private final int batchStride;
        private final int channelStride;
        private final int rowStride;
        private final int columnStride;

        private Image(long[] shape, int channelAxis, int[] spatialAxes) {
            long[] strides = Shapes.strides(shape);
            batches = (int) shape[0];
            channels = (int) shape[channelAxis];
            height = (int) shape[spatialAxes[0]];
            width = (int) shape[spatialAxes[1]];
            size = batches * channels * height * width;
            batchStride = (int) strides[0];
            channelStride = (int) strides[channelAxis];
            rowStride = (int) strides[spatialAxes[0]];
            columnStride = (int) strides[spatialAxes[1]];
        }

        static Image of(OperandDescriptor d, int channelAxis, int[] spatialAxes) {
            return new Image(d.shape(), channelAxis, spatialAxes);
        }

        int index(int n, int c, int h, int w) {
            return n * batchStride + c * channelStride + h * rowStride + w * columnStride;
        }
    }

    private static List<OperandDescriptor> descriptorsOf(List<TensorData> inputs) {
        List<OperandDescriptor> out = new ArrayList<>(inputs.size());
        for (TensorData t : inputs) {
            out.add(t == null ? null : t.descriptor());
        }
        return out;
    }

    private static double[] toDoubles(long[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
