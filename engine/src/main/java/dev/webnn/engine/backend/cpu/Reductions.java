package dev.webnn.engine.backend.cpu;

import dev.webnn.engine.ops.Reduce;
import jdk.incubator.vector.FloatVector;

/**
 * Reductions, softmax and the normalizations on row-major float data seen as [outer, length, inner]. Sums run in
 * double, like the reference, so cancellation cannot cost more than the final rounding; max and min are exact and
 * use vectors; the normalizations evaluate the reference's expressions in double.
 */
final class Reductions {
    private Reductions() {
    }

    /** Reduces x[outer][length][inner] along the middle axis into out[outer][inner]. */
    static void reduce(Reduce.Kind kind, float[] x, float[] out, int outer, int length, int inner) {
        boolean vectors = Vectors.enabled();
        CpuThreads.forEach(outer, o -> {
            int base = o * length * inner;
            if (inner == 1 && vectors && (kind == Reduce.Kind.REDUCE_MAX || kind == Reduce.Kind.REDUCE_MIN)) {
                out[o] = extreme(kind == Reduce.Kind.REDUCE_MAX, x, base, length);
                return;
            }
            for (int j = 0; j < inner; j++) {
                out[o * inner + j] = reduceLine(kind, x, base + j, length, inner);
            }
        });
    }

    private static float extreme(boolean max, float[] x, int from, int length) {
        int i = 0;
        float result = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        int bound = Vectors.loopBound(length);
        if (bound > 0) {
            FloatVector acc = FloatVector.broadcast(Vectors.F, result);
            for (; i < bound; i += Vectors.LANES) {
                FloatVector v = FloatVector.fromArray(Vectors.F, x, from + i);
                acc = max ? acc.max(v) : acc.min(v);
            }
            for (int lane = 0; lane < Vectors.LANES; lane++) {
                result = max ? Math.max(result, acc.lane(lane)) : Math.min(result, acc.lane(lane));
            }
        }
        for (; i < length; i++) {
            result = max ? Math.max(result, x[from + i]) : Math.min(result, x[from + i]);
        }
        return result;
    }

    private static float reduceLine(Reduce.Kind kind, float[] x, int from, int length, int stride) {
        double acc = switch (kind) {
            case REDUCE_MAX -> Double.NEGATIVE_INFINITY;
            case REDUCE_MIN -> Double.POSITIVE_INFINITY;
            case REDUCE_PRODUCT -> 1;
            default -> 0;
        };
        for (int i = 0, at = from; i < length; i++, at += stride) {
            double v = x[at];
            acc = switch (kind) {
                case REDUCE_MAX -> Math.max(acc, v);
                case REDUCE_MIN -> Math.min(acc, v);
                case REDUCE_PRODUCT -> acc * v;
                case REDUCE_L1 -> acc + Math.abs(v);
                case REDUCE_L2, REDUCE_SUM_SQUARE -> acc + v * v;
                case REDUCE_LOG_SUM_EXP -> acc + Math.exp(v);
                default -> acc + v;
            };
        }
        return (float) switch (kind) {
            case REDUCE_MEAN -> acc / length;
            case REDUCE_L2 -> Math.sqrt(acc);
            case REDUCE_LOG_SUM, REDUCE_LOG_SUM_EXP -> Math.log(acc);
            default -> acc;
        };
    }

    /** softmax along the middle axis of x[outer][length][inner]: exp(x - max) / sum, the sum in double. */
    static void softmax(float[] x, float[] out, int outer, int length, int inner) {
        boolean vectors = Vectors.enabled();
        CpuThreads.forEach(outer, o -> {
            int base = o * length * inner;
            for (int j = 0; j < inner; j++) {
                int from = base + j;
                float max = inner == 1 && vectors ? extreme(true, x, from, length) : Float.NEGATIVE_INFINITY;
                if (!(inner == 1 && vectors)) {
                    for (int i = 0; i < length; i++) {
                        max = Math.max(max, x[from + i * inner]);
                    }
                }
                double sum = 0;
                for (int i = 0; i < length; i++) {
                    sum += Math.exp((double) x[from + i * inner] - max);
                }
                for (int i = 0; i < length; i++) {
                    out[from + i * inner] = (float) (Math.exp((double) x[from + i * inner] - max) / sum);
                }
            }
        });
    }

    /**
     * batchNormalization along a channel axis, x being [outer][channels][inner]: the reference's expression
     * scale * (x - mean) / sqrt(variance + epsilon) + bias, in double. Folding it into one float multiply-add would
     * be faster but loses the result to cancellation where the bias nearly cancels the normalized value.
     */
    static void channelNormalize(float[] x, float[] out, int outer, int channels, int inner, float[] mean,
                                 float[] variance, float[] scale, float[] bias, double epsilon) {
        CpuThreads.forEach(outer, o -> {
            for (int c = 0; c < channels; c++) {
                int from = (o * channels + c) * inner;
                double m = mean[c];
                double deviation = Math.sqrt(variance[c] + epsilon);
                double s = scale == null ? 1 : scale[c];
                double b = bias == null ? 0 : bias[c];
                for (int i = 0; i < inner; i++) {
                    out[from + i] = (float) (s * (x[from + i] - m) / deviation + b);
                }
            }
        });
    }

    /** Mean and variance (population) of x[from + i * stride], i < length, in double. */
    static double[] moments(float[] x, int from, int length, int stride) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += x[from + i * stride];
        }
        double mean = sum / length;
        double squares = 0;
        for (int i = 0; i < length; i++) {
            double d = x[from + i * stride] - mean;
            squares += d * d;
        }
        return new double[] {mean, squares / length};
    }
}
