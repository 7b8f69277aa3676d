package dev.webnn.engine.backend.reference;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.backend.TensorLimits;
import dev.webnn.engine.ops.ArgMinMax;
import dev.webnn.engine.ops.BatchNormalization;
import dev.webnn.engine.ops.CumulativeSum;
import dev.webnn.engine.ops.InstanceNormalization;
import dev.webnn.engine.ops.LayerNormalization;
import dev.webnn.engine.ops.Reduce;
import dev.webnn.engine.ops.Shapes;
import dev.webnn.engine.ops.Softmax;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reference kernels that reduce or normalize along axes: the ten reductions, argMin/argMax, cumulativeSum, softmax
 * and batch, instance and layer normalization. Float values accumulate in double and round once when stored;
 * integer sums and products wrap as two's complement, which gives the output type's low bits exactly.
 */
final class ReductionKernels {
    private static final Set<DataType> FLOAT_TYPES = Set.of(DataType.FLOAT32, DataType.FLOAT16);

    private ReductionKernels() {
    }

    static void register(KernelTable table) {
        table.kernel(Reduce.class, (op, in, out) -> List.of(reduce(op, in.get(0), out.get(0))));
        table.kernel(ArgMinMax.class, (op, in, out) -> List.of(argMinMax(op, in.get(0), out.get(0))));
        table.kernel(CumulativeSum.class, (op, in, out) -> List.of(cumulativeSum(op, in.get(0))));
        table.kernel(Softmax.class, (op, in, out) -> List.of(softmax(op, in.get(0))));
        table.kernel(BatchNormalization.class, (op, in, out) -> List.of(batchNormalization(op, in)));
        table.kernel(InstanceNormalization.class, (op, in, out) -> List.of(instanceNormalization(op, in)));
        table.kernel(LayerNormalization.class, (op, in, out) -> List.of(layerNormalization(op, in)));

        for (Reduce.Kind kind : Reduce.Kind.values()) {
            TensorLimits limits = table.anyRank(kind.allowedTypes());
            table.limits(kind.methodName(), "input", limits, "output", limits);
        }
        TensorLimits argInput = new TensorLimits(KernelTable.ALL_TYPES, 1, KernelTable.MAX_RANK);
        TensorLimits argOutput = table.anyRank(ArgMinMax.OUTPUT_TYPES);
        table.limits("argMin", "input", argInput, "output", argOutput);
        table.limits("argMax", "input", argInput, "output", argOutput);
        TensorLimits cumulative = new TensorLimits(CumulativeSum.ALLOWED_TYPES, 1, KernelTable.MAX_RANK);
        table.limits("cumulativeSum", "input", cumulative, "output", cumulative);
        TensorLimits softmax = new TensorLimits(Softmax.ALLOWED_TYPES, 1, KernelTable.MAX_RANK);
        table.limits("softmax", "input", softmax, "output", softmax);
        TensorLimits batchInput = new TensorLimits(FLOAT_TYPES, 1, KernelTable.MAX_RANK);
        TensorLimits perFeature = new TensorLimits(FLOAT_TYPES, 1, 1);
        table.limits("batchNormalization", "input", batchInput, "mean", perFeature, "variance", perFeature,
                "scale", perFeature, "bias", perFeature, "output", batchInput);
        TensorLimits image = new TensorLimits(FLOAT_TYPES, 4, 4);
        table.limits("instanceNormalization", "input", image, "scale", perFeature, "bias", perFeature,
                "output", image);
        TensorLimits anyFloat = table.anyRank(FLOAT_TYPES);
        table.limits("layerNormalization", "input", anyFloat, "scale", anyFloat, "bias", anyFloat,
                "output", anyFloat);
    }

    // ---- reductions ----

    private static TensorData reduce(Reduce op, TensorData input, OperandDescriptor out) {
        long[] shape = input.descriptor().shape();
        int[] group = groups(shape, op.reducedAxes(shape.length));
        int groupCount = TensorData.elementCountOf(out);
        if (input.descriptor().dataType().isFloat()) {
            return TensorData.ofFloats(out, reduceFloats(op.kind(), input.floats(), group, groupCount));
        }
        return TensorData.ofIntegers(out, reduceIntegers(op.kind(), input.descriptor().dataType(), input.integers(),
                group, groupCount));
    }

    private static double[] reduceFloats(Reduce.Kind kind, double[] x, int[] group, int groupCount) {
        double[] acc = new double[groupCount];
        switch (kind) {
            case REDUCE_PRODUCT -> Arrays.fill(acc, 1);
            case REDUCE_MAX -> Arrays.fill(acc, Double.NEGATIVE_INFINITY);
            case REDUCE_MIN -> Arrays.fill(acc, Double.POSITIVE_INFINITY);
            default -> { }
        }
        // log(sum(exp(x))) = max + log(sum(exp(x - max))), so exp cannot overflow where the result would not.
        double[] max = kind == Reduce.Kind.REDUCE_LOG_SUM_EXP ? reduceFloats(Reduce.Kind.REDUCE_MAX, x, group,
                groupCount) : null;
        for (int i = 0; i < x.length; i++) {
            int g = group[i];
            double v = x[i];
            acc[g] = switch (kind) {
                case REDUCE_L1 -> acc[g] + Math.abs(v);
                case REDUCE_L2, REDUCE_SUM_SQUARE -> acc[g] + v * v;
                case REDUCE_LOG_SUM, REDUCE_MEAN, REDUCE_SUM -> acc[g] + v;
                case REDUCE_LOG_SUM_EXP -> acc[g] + (Double.isInfinite(max[g]) ? 0 : Math.exp(v - max[g]));
                case REDUCE_MAX -> Math.max(acc[g], v);
                case REDUCE_MIN -> Math.min(acc[g], v);
                case REDUCE_PRODUCT -> acc[g] * v;
            };
        }
        int count = x.length / groupCount;
        for (int g = 0; g < groupCount; g++) {
            acc[g] = switch (kind) {
                case REDUCE_L2 -> Math.sqrt(acc[g]);
                case REDUCE_LOG_SUM -> Math.log(acc[g]);
                // An infinite max decides the result alone: +inf, or -inf when every value is -inf.
                case REDUCE_LOG_SUM_EXP -> Double.isInfinite(max[g]) ? max[g] : max[g] + Math.log(acc[g]);
                case REDUCE_MEAN -> acc[g] / count;
                default -> acc[g];
            };
        }
        return acc;
    }

    private static long[] reduceIntegers(Reduce.Kind kind, DataType type, long[] x, int[] group, int groupCount) {
        long[] acc = new long[groupCount];
        switch (kind) {
            case REDUCE_PRODUCT -> Arrays.fill(acc, 1);
            case REDUCE_MAX -> Arrays.fill(acc, TensorData.minOf(type));
            case REDUCE_MIN -> Arrays.fill(acc, TensorData.maxOf(type));
            default -> { }
        }
        for (int i = 0; i < x.length; i++) {
            int g = group[i];
            long v = x[i];
            acc[g] = switch (kind) {
                // Canonical unsigned values are never negative, except uint64's upper half, which is not negative.
                case REDUCE_L1 -> acc[g] + (type.isSigned() ? Math.abs(v) : v);
                case REDUCE_SUM_SQUARE -> acc[g] + v * v;
                case REDUCE_SUM -> acc[g] + v;
                case REDUCE_PRODUCT -> acc[g] * v;
                case REDUCE_MAX -> compare(type, v, acc[g]) > 0 ? v : acc[g];
                case REDUCE_MIN -> compare(type, v, acc[g]) < 0 ? v : acc[g];
                default -> throw new IllegalStateException(kind + " was validated as float-only");
            };
        }
        return acc;
    }

    /** Orders canonical integer values: narrower unsigned types are zero-extended, so only uint64 needs care. */
    private static int compare(DataType type, long a, long b) {
        return type == DataType.UINT64 ? Long.compareUnsigned(a, b) : Long.compare(a, b);
    }

    // ---- argMin / argMax ----

    /**
     * The first index of the extreme value along the axis. NaN counts as more extreme than any number, as in
     * numpy, so a NaN is found rather than skipped.
     */
    private static TensorData argMinMax(ArgMinMax op, TensorData input, OperandDescriptor out) {
        long[] shape = input.descriptor().shape();
        int axis = (int) op.axis();
        boolean[] reduced = new boolean[shape.length];
        reduced[axis] = true;
        int[] group = groups(shape, reduced);
        int inner = product(shape, axis + 1, shape.length);
        int size = (int) shape[axis];
        int groupCount = TensorData.elementCountOf(out);
        long[] best = new long[groupCount];
        boolean max = op.kind() == ArgMinMax.Kind.ARG_MAX;
        DataType type = input.descriptor().dataType();
        // Elements of one group come in increasing index along the axis, so replacing only on a strictly better
        // value keeps the first extreme; index 0 is where every group starts.
        if (type.isFloat()) {
            double[] x = input.floats();
            double[] extreme = new double[groupCount];
            boolean[] seen = new boolean[groupCount];
            for (int i = 0; i < x.length; i++) {
                int g = group[i];
                double v = x[i];
                if (!seen[g] || floatBetter(max, v, extreme[g])) {
                    seen[g] = true;
                    extreme[g] = v;
                    best[g] = (i / inner) % size;
                }
            }
        } else {
            long[] x = input.integers();
            long[] extreme = new long[groupCount];
            boolean[] seen = new boolean[groupCount];
            for (int i = 0; i < x.length; i++) {
                int g = group[i];
                int c = compare(type, x[i], extreme[g]);
                if (!seen[g] || (max ? c > 0 : c < 0)) {
                    seen[g] = true;
                    extreme[g] = x[i];
                    best[g] = (i / inner) % size;
                }
            }
        }
        return TensorData.ofIntegers(out, best);
    }

    private static boolean floatBetter(boolean max, double candidate, double current) {
        if (Double.isNaN(current)) {
            return false;
        }
        if (Double.isNaN(candidate)) {
            return true;
        }
        return max ? candidate > current : candidate < current;
    }

    // ---- cumulativeSum and softmax: independent lines along one axis ----

    private static TensorData cumulativeSum(CumulativeSum op, TensorData input) {
        OperandDescriptor d = input.descriptor();
        long[] shape = d.shape();
        int axis = (int) op.axis();
        int outer = product(shape, 0, axis);
        int size = (int) shape[axis];
        int inner = product(shape, axis + 1, shape.length);
        boolean isFloat = d.dataType().isFloat();
        double[] xf = isFloat ? input.floats() : null;
        long[] xi = isFloat ? null : input.integers();
        double[] yf = isFloat ? new double[xf.length] : null;
        long[] yi = isFloat ? null : new long[xi.length];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double sumF = 0;
                long sumI = 0;
                for (int k = 0; k < size; k++) {
                    int at = (o * size + (op.reversed() ? size - 1 - k : k)) * inner + j;
                    if (isFloat) {
                        double before = sumF;
                        sumF += xf[at];
                        yf[at] = op.exclusive() ? before : sumF;
                    } else {
                        long before = sumI;
                        sumI += xi[at];
                        yi[at] = op.exclusive() ? before : sumI;
                    }
                }
            }
        }
        return isFloat ? TensorData.ofFloats(d, yf) : TensorData.ofIntegers(d, yi);
    }

    private static TensorData softmax(Softmax op, TensorData input) {
        long[] shape = input.descriptor().shape();
        int axis = (int) op.axis();
        int outer = product(shape, 0, axis);
        int size = (int) shape[axis];
        int inner = product(shape, axis + 1, shape.length);
        double[] x = input.floats();
        double[] y = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int base = o * size * inner + j;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < size; k++) {
                    max = Math.max(max, x[base + k * inner]);
                }
                double sum = 0;
                for (int k = 0; k < size; k++) {
                    y[base + k * inner] = Math.exp(x[base + k * inner] - max);
                    sum += y[base + k * inner];
                }
                for (int k = 0; k < size; k++) {
                    y[base + k * inner] /= sum;
                }
            }
        }
        return TensorData.ofFloats(input.descriptor(), y);
    }

    // ---- normalizations ----

    /** Inputs: input, mean, variance, scale or null, bias or null. */
    private static TensorData batchNormalization(BatchNormalization op, List<TensorData> in) {
        TensorData input = in.get(0);
        long[] shape = input.descriptor().shape();
        int axis = (int) op.axis();
        int inner = product(shape, axis + 1, shape.length);
        int features = (int) shape[axis];
        double epsilon = TensorData.roundTo(input.descriptor().dataType(), op.epsilon());
        double[] mean = in.get(1).floats();
        double[] variance = in.get(2).floats();
        double[] scale = floatsOr(in.get(3), features, 1);
        double[] bias = floatsOr(in.get(4), features, 0);
        double[] x = input.floats();
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = (i / inner) % features;
            y[i] = scale[c] * (x[i] - mean[c]) / Math.sqrt(variance[c] + epsilon) + bias[c];
        }
        return TensorData.ofFloats(input.descriptor(), y);
    }

    /** Inputs: input, scale or null, bias or null. */
    private static TensorData instanceNormalization(InstanceNormalization op, List<TensorData> in) {
        TensorData input = in.get(0);
        long[] shape = input.descriptor().shape();
        boolean[] reduced = new boolean[4];
        for (int axis : op.layout().spatialAxes()) {
            reduced[axis] = true;
        }
        int channels = (int) shape[op.layout().channelAxis()];
        // The kept dimensions are batch then channel in both layouts, so group g is channel g % channels.
        int[] group = groups(shape, reduced);
        double epsilon = TensorData.roundTo(input.descriptor().dataType(), op.epsilon());
        double[] scale = floatsOr(in.get(1), channels, 1);
        double[] bias = floatsOr(in.get(2), channels, 0);
        double[] x = input.floats();
        Moments moments = Moments.of(x, group, (int) shape[0] * channels);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int g = group[i];
            int c = g % channels;
            y[i] = scale[c] * (x[i] - moments.mean[g]) / Math.sqrt(moments.variance[g] + epsilon) + bias[c];
        }
        return TensorData.ofFloats(input.descriptor(), y);
    }

    /** Inputs: input, scale or null, bias or null; scale and bias are indexed by the coordinates along the axes. */
    private static TensorData layerNormalization(LayerNormalization op, List<TensorData> in) {
        TensorData input = in.get(0);
        long[] shape = input.descriptor().shape();
        int[] axes = op.resolvedAxes(shape.length);
        boolean[] reduced = new boolean[shape.length];
        int features = 1;
        for (int axis : axes) {
            reduced[axis] = true;
            features *= (int) shape[axis];
        }
        int[] group = groups(shape, reduced);
        double[] x = input.floats();
        double epsilon = TensorData.roundTo(input.descriptor().dataType(), op.epsilon());
        double[] scale = floatsOr(in.get(1), features, 1);
        double[] bias = floatsOr(in.get(2), features, 0);
        Moments moments = Moments.of(x, group, x.length / features);
        long[] strides = Shapes.strides(shape);
        // Feature strides follow the order of axes, which need not be increasing.
        int[] featureStrides = new int[axes.length];
        int stride = 1;
        for (int k = axes.length - 1; k >= 0; k--) {
            featureStrides[k] = stride;
            stride *= (int) shape[axes[k]];
        }
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int f = 0;
            for (int k = 0; k < axes.length; k++) {
                f += (int) ((i / strides[axes[k]]) % shape[axes[k]]) * featureStrides[k];
            }
            int g = group[i];
            y[i] = scale[f] * (x[i] - moments.mean[g]) / Math.sqrt(moments.variance[g] + epsilon) + bias[f];
        }
        return TensorData.ofFloats(input.descriptor(), y);
    }

    /** Per-group mean and (population) variance, the variance from a second pass around the mean. */
    private record Moments(double[] mean, double[] variance) {
        static Moments of(double[] x, int[] group, int groupCount) {
            double[] mean = new double[groupCount];
            double[] variance = new double[groupCount];
            int count = x.length / groupCount;
            for (int i = 0; i < x.length; i++) {
                mean[group[i]] += x[i];
            }
            for (int g = 0; g < groupCount; g++) {
                mean[g] /= count;
            }
            for (int i = 0; i < x.length; i++) {
                double deviation = x[i] - mean[group[i]];
                variance[group[i]] += deviation * deviation;
            }
            for (int g = 0; g < groupCount; g++) {
                variance[g] /= count;
            }
            return new Moments(mean, variance);
        }
    }

    // ---- index helpers ----

    /**
     * For each element of a tensor of {@code shape}, the row-major index of its position once the {@code reduced}
     * dimensions are taken out: the output element (or statistics slot) it contributes to.
     */
    static int[] groups(long[] shape, boolean[] reduced) {
        int rank = shape.length;
        int[] keptStride = new int[rank];
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            if (!reduced[d]) {
                keptStride[d] = stride;
                stride *= (int) shape[d];
            }
        }
        int n = product(shape, 0, rank);
        int[] map = new int[n];
        int[] coordinate = new int[rank];
        int g = 0;
        for (int i = 0; i < n; i++) {
            map[i] = g;
            for (int d = rank - 1; d >= 0; d--) {
                coordinate[d]++;
                g += keptStride[d];
                if (coordinate[d] < shape[d]) {
                    break;
                }
                g -= keptStride[d] * coordinate[d];
                coordinate[d] = 0;
            }
        }
        return map;
    }

    /** The product of {@code shape[from..to)}; the backend has already checked the whole shape fits an int. */
    private static int product(long[] shape, int from, int to) {
        long p = 1;
        for (int d = from; d < to; d++) {
            p *= shape[d];
        }
        return (int) p;
    }

    private static double[] floatsOr(TensorData operand, int length, double absentValue) {
        if (operand != null) {
            return operand.floats();
        }
        double[] filled = new double[length];
        Arrays.fill(filled, absentValue);
        return filled;
    }
}
