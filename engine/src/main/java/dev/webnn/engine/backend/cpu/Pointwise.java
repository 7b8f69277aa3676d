package dev.webnn.engine.backend.cpu;

import dev.webnn.engine.DataType;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.ops.Clamp;
import dev.webnn.engine.ops.ElementwiseBinary;
import dev.webnn.engine.ops.ElementwiseUnary;
import dev.webnn.engine.ops.MLNumbers;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.ops.ScalarActivation;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Element-wise float kernels. A {@link Stage} is one one-operand op applied in place to a run of floats; a chain of
 * them (an activation after conv2d, or fused element-wise ops) runs over cache-sized segments so each element is
 * loaded once. Transcendental functions compute in double with java.lang.Math, as the reference does, so they match
 * it after rounding; the rest use vectors.
 */
final class Pointwise {
    private static final int SEGMENT = 2048;

    private Pointwise() {
    }

    /** A one-operand op applied in place to x[from, to). */
    @FunctionalInterface
    interface Stage {
        void apply(float[] x, int from, int to, boolean vectors);
    }

    /** The stage for an element-wise op on float data of this type, or null when the reference must run it. */
    static Stage stageOf(Op op, DataType type) {
        if (!type.isFloat()) {
            return null;
        }
        if (op instanceof Clamp clamp) {
            Bounds bounds = Bounds.of(clamp, type);
            return (x, from, to, vectors) -> clamp(x, from, to, bounds.min(), bounds.max(), vectors);
        }
        if (op instanceof ScalarActivation activation) {
            float alpha = (float) TensorData.roundTo(type, activation.alpha());
            float beta = (float) TensorData.roundTo(type, activation.beta());
            return switch (activation.kind()) {
                case LEAKY_RELU -> (x, from, to, vectors) -> leakyRelu(x, from, to, alpha, vectors);
                case LINEAR -> (x, from, to, vectors) -> linear(x, from, to, alpha, beta, vectors);
                case HARD_SIGMOID -> (x, from, to, vectors) -> hardSigmoid(x, from, to, alpha, beta, vectors);
                case ELU -> (x, from, to, vectors) -> {
                    for (int i = from; i < to; i++) {
                        float v = x[i];
                        x[i] = v > 0 ? v : (float) (alpha * Math.expm1(v));
                    }
                };
            };
        }
        if (op instanceof ElementwiseUnary unary) {
            return switch (unary.kind()) {
                case IDENTITY -> (x, from, to, vectors) -> { };
                case RELU -> Pointwise::relu;
                case ABS -> (x, from, to, vectors) -> lanewise(x, from, to, VectorOperators.ABS, vectors);
                case NEG -> (x, from, to, vectors) -> lanewise(x, from, to, VectorOperators.NEG, vectors);
                case SQRT -> (x, from, to, vectors) -> lanewise(x, from, to, VectorOperators.SQRT, vectors);
                case RECIPROCAL -> Pointwise::reciprocal;
                case HARD_SWISH -> Pointwise::hardSwish;
                case CEIL -> scalar(Math::ceil);
                case FLOOR -> scalar(Math::floor);
                case ROUND_EVEN -> scalar(Math::rint);
                case SIGN -> scalar(Math::signum);
                case EXP -> scalar(Math::exp);
                case LOG -> scalar(Math::log);
                case SIN -> scalar(Math::sin);
                case COS -> scalar(Math::cos);
                case TAN -> scalar(Math::tan);
                case TANH -> scalar(Math::tanh);
                case SIGMOID -> scalar(v -> 1 / (1 + Math.exp(-v)));
                case SOFTSIGN -> scalar(v -> v / (1 + Math.abs(v)));
                case ERF, GELU, SOFTPLUS -> null;
            };
        }
        return null;
    }

    /** A clamp's bounds, which kernels can apply as they store their results instead of in a pass of its own. */
    record Bounds(float min, float max) {
        static Bounds of(Clamp clamp, DataType type) {
            return new Bounds(clamp.minValue() == null ? Float.NEGATIVE_INFINITY
                    : (float) MLNumbers.toFloat(type, clamp.minValue()),
                    clamp.maxValue() == null ? Float.POSITIVE_INFINITY : (float) MLNumbers.toFloat(type, clamp.maxValue()));
        }

        /** v clamped, NaN kept, as {@link #clamp} does. */
        float apply(float v) {
            return v < min ? min : v > max ? max : v;
        }

        /** The bounds when the fused ops are exactly one clamp (relu6 and its kin), else null. */
        static Bounds ofOnly(List<Op> ops, DataType type) {
            return type.isFloat() && ops.size() == 1 && ops.get(0) instanceof Clamp clamp ? of(clamp, type) : null;
        }
    }

    /** The stages of a list of ops, or null if any has none. */
    static Stage[] stagesOf(List<Op> ops, DataType type) {
        Stage[] stages = new Stage[ops.size()];
        for (int i = 0; i < stages.length; i++) {
            stages[i] = stageOf(ops.get(i), type);
            if (stages[i] == null) {
                return null;
            }
        }
        return stages;
    }

    /** Applies the stages in order to x[from, to), a segment at a time. */
    static void apply(Stage[] stages, float[] x, int from, int to, boolean vectors) {
        if (stages.length == 0) {
            return;
        }
        for (int start = from; start < to; start += SEGMENT) {
            int end = Math.min(to, start + SEGMENT);
            for (Stage stage : stages) {
                stage.apply(x, start, end, vectors);
            }
        }
    }

    private static Stage scalar(java.util.function.DoubleUnaryOperator f) {
        return (x, from, to, vectors) -> {
            for (int i = from; i < to; i++) {
                x[i] = (float) f.applyAsDouble(x[i]);
            }
        };
    }

    /** NaN stays NaN and -0 becomes +0, as max(x, 0) in Java does. */
    static void relu(float[] x, int from, int to, boolean vectors) {
        int i = from;
        if (vectors) {
            FloatVector zero = FloatVector.zero(Vectors.F);
            for (int bound = from + Vectors.loopBound(to - from); i < bound; i += Vectors.LANES) {
                FloatVector.fromArray(Vectors.F, x, i).max(zero).intoArray(x, i);
            }
        }
        for (; i < to; i++) {
            x[i] = Math.max(x[i], 0f);
        }
    }

    /**
     * abs, neg or sqrt. Each gets its own loop with a constant operator: the Vector API compiles a lanewise op to
     * one instruction only when the operator is a constant.
     */
    private static void lanewise(float[] x, int from, int to, VectorOperators.Unary op, boolean vectors) {
        int i = from;
        if (vectors) {
            int bound = from + Vectors.loopBound(to - from);
            if (op == VectorOperators.ABS) {
                for (; i < bound; i += Vectors.LANES) {
                    FloatVector.fromArray(Vectors.F, x, i).abs().intoArray(x, i);
                }
            } else if (op == VectorOperators.NEG) {
                for (; i < bound; i += Vectors.LANES) {
                    FloatVector.fromArray(Vectors.F, x, i).neg().intoArray(x, i);
                }
            } else {
                for (; i < bound; i += Vectors.LANES) {
                    FloatVector.fromArray(Vectors.F, x, i).sqrt().intoArray(x, i);
                }
            }
        }
        for (; i < to; i++) {
            float v = x[i];
            x[i] = op == VectorOperators.ABS ? Math.abs(v) : op == VectorOperators.NEG ? -v : (float) Math.sqrt(v);
        }
    }

    private static void reciprocal(float[] x, int from, int to, boolean vectors) {
        int i = from;
        if (vectors) {
            FloatVector one = FloatVector.broadcast(Vectors.F, 1f);
            for (int bound = from + Vectors.loopBound(to - from); i < bound; i += Vectors.LANES) {
                one.div(FloatVector.fromArray(Vectors.F, x, i)).intoArray(x, i);
            }
        }
        for (; i < to; i++) {
            x[i] = 1f / x[i];
        }
    }

    /** Each lane of v below lo gives lo's, above hi gives hi's; NaN and -0 stay (max and min would change them). */
    static FloatVector clamped(FloatVector v, FloatVector lo, FloatVector hi) {
        FloatVector low = v.blend(lo, v.compare(VectorOperators.LT, lo));
        return low.blend(hi, low.compare(VectorOperators.GT, hi));
    }

    /** x < min gives min, x > max gives max, NaN stays NaN. */
    static void clamp(float[] x, int from, int to, float min, float max, boolean vectors) {
        int i = from;
        if (vectors) {
            FloatVector lo = FloatVector.broadcast(Vectors.F, min);
            FloatVector hi = FloatVector.broadcast(Vectors.F, max);
            for (int bound = from + Vectors.loopBound(to - from); i < bound; i += Vectors.LANES) {
                clamped(FloatVector.fromArray(Vectors.F, x, i), lo, hi).intoArray(x, i);
            }
        }
        for (; i < to; i++) {
            float v = x[i];
            x[i] = v < min ? min : v > max ? max : v;
        }
    }

    private static void leakyRelu(float[] x, int from, int to, float alpha, boolean vectors) {
        int i = from;
        if (vectors) {
            FloatVector zero = FloatVector.zero(Vectors.F);
            for (int bound = from + Vectors.loopBound(to - from); i < bound; i += Vectors.LANES) {
                FloatVector v = FloatVector.fromArray(Vectors.F, x, i);
                VectorMask<Float> negative = v.compare(VectorOperators.GE, zero).not();
                v.blend(v.mul(alpha), negative).intoArray(x, i);
            }
        }
        for (; i < to; i++) {
            float v = x[i];
            x[i] = v >= 0 ? v : alpha * v;
        }
    }

    private static void linear(float[] x, int from, int to, float alpha, float beta, boolean vectors) {
        int i = from;
        if (vectors) {
            FloatVector a = FloatVector.broadcast(Vectors.F, alpha);
            FloatVector b = FloatVector.broadcast(Vectors.F, beta);
            for (int bound = from + Vectors.loopBound(to - from); i < bound; i += Vectors.LANES) {
                FloatVector.fromArray(Vectors.F, x, i).fma(a, b).intoArray(x, i);
            }
        }
        for (; i < to; i++) {
            x[i] = Math.fma(alpha, x[i], beta);
        }
    }

    private static void hardSigmoid(float[] x, int from, int to, float alpha, float beta, boolean vectors) {
        int i = from;
        if (vectors) {
            FloatVector a = FloatVector.broadcast(Vectors.F, alpha);
            FloatVector b = FloatVector.broadcast(Vectors.F, beta);
            FloatVector zero = FloatVector.zero(Vectors.F);
            FloatVector one = FloatVector.broadcast(Vectors.F, 1f);
            for (int bound = from + Vectors.loopBound(to - from); i < bound; i += Vectors.LANES) {
                FloatVector.fromArray(Vectors.F, x, i).fma(a, b).min(one).max(zero).intoArray(x, i);
            }
        }
        for (; i < to; i++) {
            x[i] = Math.max(0f, Math.min(1f, Math.fma(alpha, x[i], beta)));
        }
    }

    /** x * clamp(x + 3, 0, 6) / 6, exact 0 below -3 and x above 3 so infinities give no NaN. */
    private static void hardSwish(float[] x, int from, int to, boolean vectors) {
        int i = from;
        if (vectors) {
            FloatVector three = FloatVector.broadcast(Vectors.F, 3f);
            FloatVector minusThree = FloatVector.broadcast(Vectors.F, -3f);
            FloatVector six = FloatVector.broadcast(Vectors.F, 6f);
            FloatVector zero = FloatVector.zero(Vectors.F);
            for (int bound = from + Vectors.loopBound(to - from); i < bound; i += Vectors.LANES) {
                FloatVector v = FloatVector.fromArray(Vectors.F, x, i);
                FloatVector mid = v.mul(v.add(three)).div(six);
                mid = mid.blend(v, v.compare(VectorOperators.GE, three));
                mid.blend(zero, v.compare(VectorOperators.LE, minusThree)).intoArray(x, i);
            }
        }
        for (; i < to; i++) {
            float v = x[i];
            x[i] = v <= -3 ? 0f : v >= 3 ? v : v * (v + 3) / 6;
        }
    }

    // ---- binary arithmetic with broadcasting ----

    /** One element of a binary op; pow computes in double as the reference does. */
    static float binaryScalar(ElementwiseBinary.Kind kind, float a, float b) {
        return switch (kind) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case POW -> (float) Math.pow(a, b);
        };
    }

    /**
     * The vector part of one inner run: a and b contiguous (stride 1) or one of them a single broadcast value
     * (stride 0). Returns how many elements it did; the caller finishes the run with scalars.
     */
    private static int binaryRun(ElementwiseBinary.Kind kind, float[] a, int offA, int ia, float[] b, int offB, int ib,
                                 float[] out, int at, int length) {
        if (!((ia == 1 || ia == 0) && (ib == 1 || ib == 0)) || (ia == 0 && ib == 0)) {
            return 0;
        }
        int bound = Vectors.loopBound(length);
        for (int i = 0; i < bound; i += Vectors.LANES) {
            FloatVector x = ia == 1 ? FloatVector.fromArray(Vectors.F, a, offA + i) : FloatVector.broadcast(Vectors.F, a[offA]);
            FloatVector y = ib == 1 ? FloatVector.fromArray(Vectors.F, b, offB + i) : FloatVector.broadcast(Vectors.F, b[offB]);
            // A switch on constants, so each lanewise op compiles to its instruction.
            FloatVector z = switch (kind) {
                case ADD -> x.add(y);
                case SUB -> x.sub(y);
                case MUL -> x.mul(y);
                case DIV -> x.div(y);
                case MAX -> x.max(y);
                case MIN -> x.min(y);
                case POW -> throw new IllegalStateException("pow has no vector form");
            };
            z.intoArray(out, at + i);
        }
        return bound;
    }

    /**
     * out = a (op) b with bidirectional broadcasting over storage shapes of equal rank. Adjacent dimensions that
     * are contiguous in all three are merged, so the inner loop is as long as possible.
     */
    static void binary(ElementwiseBinary.Kind kind, float[] a, long[] aShape, float[] b, long[] bShape, float[] out,
                       long[] outShape, boolean vectors) {
        int rank = outShape.length;
        long[] sa = broadcastStrides(aShape, outShape);
        long[] sb = broadcastStrides(bShape, outShape);
        // Merge dimension d into d + 1 when both operands step through them as one.
        int[] dims = new int[Math.max(1, rank)];
        int[] strideA = new int[dims.length];
        int[] strideB = new int[dims.length];
        int merged = 0;
        for (int d = 0; d < rank; d++) {
            int size = (int) outShape[d];
            if (size == 1) {
                continue;
            }
            if (merged > 0 && canMerge(strideA[merged - 1], sa[d], size) && canMerge(strideB[merged - 1], sb[d], size)) {
                dims[merged - 1] *= size;
                strideA[merged - 1] = (int) sa[d];
                strideB[merged - 1] = (int) sb[d];
                continue;
            }
            dims[merged] = size;
            strideA[merged] = (int) sa[d];
            strideB[merged] = (int) sb[d];
            merged++;
        }
        if (merged == 0) {
            dims[0] = 1;
            strideA[0] = 0;
            strideB[0] = 0;
            merged = 1;
        }
        int inner = dims[merged - 1];
        int ia = strideA[merged - 1];
        int ib = strideB[merged - 1];
        int outer = 1;
        for (int d = 0; d < merged - 1; d++) {
            outer *= dims[d];
        }
        int[] counter = new int[merged];
        int offA = 0;
        int offB = 0;
        for (int o = 0; o < outer; o++) {
            int at = o * inner;
            int i = 0;
            if (vectors && kind != ElementwiseBinary.Kind.POW) {
                i = binaryRun(kind, a, offA, ia, b, offB, ib, out, at, inner);
            }
            for (; i < inner; i++) {
                out[at + i] = binaryScalar(kind, a[offA + i * ia], b[offB + i * ib]);
            }
            // Step the outer counter.
            for (int d = merged - 2; d >= 0; d--) {
                counter[d]++;
                offA += strideA[d];
                offB += strideB[d];
                if (counter[d] < dims[d]) {
                    break;
                }
                offA -= strideA[d] * dims[d];
                offB -= strideB[d] * dims[d];
                counter[d] = 0;
            }
        }
    }

    /** Stepping {@code size} times by {@code inner} covers one step of {@code outer}. */
    private static boolean canMerge(int outer, long inner, int size) {
        return outer == inner * size;
    }

    /** Row-major strides of {@code shape} right-aligned to {@code out}, 0 where it is broadcast. */
    static long[] broadcastStrides(long[] shape, long[] out) {
        long[] strides = new long[out.length];
        long stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            int at = d + out.length - shape.length;
            strides[at] = shape[d] == 1 ? 0 : stride;
            stride *= shape[d];
        }
        return strides;
    }
}
