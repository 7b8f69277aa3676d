package dev.webnn.engine.backend.reference;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.backend.TensorLimits;
import dev.webnn.engine.ops.Cast;
import dev.webnn.engine.ops.Clamp;
import dev.webnn.engine.ops.DequantizeLinear;
import dev.webnn.engine.ops.ElementwiseBinary;
import dev.webnn.engine.ops.ElementwiseLogical;
import dev.webnn.engine.ops.ElementwiseUnary;
import dev.webnn.engine.ops.MLNumbers;
import dev.webnn.engine.ops.Prelu;
import dev.webnn.engine.ops.QuantizeLinear;
import dev.webnn.engine.ops.ScalarActivation;
import dev.webnn.engine.ops.Where;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reference kernels of the element-wise family: arithmetic, comparison, logic, unary math, activations, where,
 * clamp, quantization and cast. Float types compute in double and round once when stored; integer types compute
 * exactly in 64 bits and wrap when stored.
 */
final class ElementwiseKernels {
    private static final double TWO_TO_63 = 0x1p63;
    private static final double TWO_TO_64 = 0x1p64;
    private static final double SQRT_2 = Math.sqrt(2);
    private static final Set<DataType> FLOAT_TYPES = Set.of(DataType.FLOAT32, DataType.FLOAT16);
    private static final Set<DataType> UINT8 = Set.of(DataType.UINT8);

    private ElementwiseKernels() {
    }

    static void register(KernelTable table) {
        table.kernel(ElementwiseBinary.class, (op, in, out) -> List.of(binary(op.kind(), in.get(0), in.get(1), out.get(0))));
        table.kernel(ElementwiseUnary.class, (op, in, out) -> List.of(unary(op.kind(), in.get(0))));
        table.kernel(ElementwiseLogical.class, (op, in, out) -> List.of(logical(op.kind(), in, out.get(0))));
        table.kernel(ScalarActivation.class, (op, in, out) -> List.of(scalarActivation(op, in.get(0))));
        table.kernel(Clamp.class, (op, in, out) -> List.of(clamp(op, in.get(0))));
        table.kernel(Prelu.class, (op, in, out) -> List.of(prelu(in.get(0), in.get(1), out.get(0))));
        table.kernel(Where.class, (op, in, out) -> List.of(where(in.get(0), in.get(1), in.get(2), out.get(0))));
        table.kernel(QuantizeLinear.class, (op, in, out) -> List.of(quantize(in.get(0), in.get(1), in.get(2), out.get(0))));
        table.kernel(DequantizeLinear.class,
                (op, in, out) -> List.of(dequantize(in.get(0), in.get(1), in.get(2), out.get(0))));
        table.kernel(Cast.class, (op, in, out) -> List.of(cast(in.get(0), out.get(0))));

        TensorLimits any = table.anyRank(KernelTable.ALL_TYPES);
        TensorLimits floats = table.anyRank(FLOAT_TYPES);
        TensorLimits uint8 = table.anyRank(UINT8);

        TensorLimits binary = table.anyRank(ElementwiseBinary.ALLOWED_TYPES);
        for (ElementwiseBinary.Kind kind : ElementwiseBinary.Kind.values()) {
            table.limits(kind.name().toLowerCase(Locale.ROOT), "a", binary, "b", binary, "output", binary);
        }
        for (ElementwiseUnary.Kind kind : ElementwiseUnary.Kind.values()) {
            TensorLimits unary = table.anyRank(kind.allowedTypes());
            table.limits(kind.methodName(), "input", unary, "output", unary);
        }
        for (ElementwiseLogical.Kind kind : ElementwiseLogical.Kind.values()) {
            TensorLimits a = table.anyRank(kind.allowedTypes());
            if (kind.arity() == 1) {
                table.limits(kind.methodName(), "a", a, "output", uint8);
            } else {
                table.limits(kind.methodName(), "a", a, "b", a, "output", uint8);
            }
        }
        for (ScalarActivation.Kind kind : ScalarActivation.Kind.values()) {
            table.limits(kind.methodName(), "input", floats, "output", floats);
        }
        table.limits("clamp", "input", any, "output", any);
        TensorLimits prelu = table.anyRank(Prelu.ALLOWED_TYPES);
        table.limits("prelu", "input", prelu, "slope", prelu, "output", prelu);
        TensorLimits values = table.anyRank(Where.VALUE_TYPES);
        table.limits("where", "condition", table.anyRank(Where.CONDITION_TYPES), "trueValue", values,
                "falseValue", values, "output", values);
        TensorLimits quantized = table.anyRank(DequantizeLinear.QUANTIZED_TYPES);
        table.limits("quantizeLinear", "input", floats, "scale", floats, "zeroPoint", quantized, "output", quantized);
        table.limits("dequantizeLinear", "input", quantized, "scale", floats, "zeroPoint", quantized, "output", floats);
        table.limits("cast", "input", any, "output", any);
    }

    // ---- binary arithmetic ----

    private static TensorData binary(ElementwiseBinary.Kind kind, TensorData a, TensorData b, OperandDescriptor out) {
        int[] fromA = Broadcasting.indices(a.descriptor().shape(), out.shape());
        int[] fromB = Broadcasting.indices(b.descriptor().shape(), out.shape());
        if (out.dataType().isFloat()) {
            double[] x = a.floats();
            double[] y = b.floats();
            double[] result = new double[fromA.length];
            for (int i = 0; i < result.length; i++) {
                result[i] = floatBinary(kind, x[fromA[i]], y[fromB[i]]);
            }
            return TensorData.ofFloats(out, result);
        }
        long[] x = a.integers();
        long[] y = b.integers();
        long[] result = new long[fromA.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = integerBinary(kind, out.dataType(), x[fromA[i]], y[fromB[i]]);
        }
        return TensorData.ofIntegers(out, result);
    }

    private static double floatBinary(ElementwiseBinary.Kind kind, double x, double y) {
        return switch (kind) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MAX -> Math.max(x, y);
            case MIN -> Math.min(x, y);
            case POW -> Math.pow(x, y);
        };
    }

    /**
     * Exact 64-bit arithmetic; the caller wraps to the output width, which gives the same low bits
     * as computing in that width. Values of narrower unsigned types are zero-extended, so signed
     * 64-bit division and comparison are right for them; only uint64 needs unsigned operations.
     */
    private static long integerBinary(ElementwiseBinary.Kind kind, DataType type, long x, long y) {
        boolean unsigned64 = type == DataType.UINT64;
        return switch (kind) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            // WebNN leaves integer division by zero undefined, and a graph must not trap, so the
            // oracle picks 0 to keep results deterministic. Java's / truncates toward zero.
            case DIV -> y == 0 ? 0 : unsigned64 ? Long.divideUnsigned(x, y) : x / y;
            case MAX -> MLNumbers.compareIntegers(type, x, y) >= 0 ? x : y;
            case MIN -> MLNumbers.compareIntegers(type, x, y) <= 0 ? x : y;
            case POW -> integerPow(type, x, y);
        };
    }

    /**
     * Repeated multiplication (by squaring), wrapping. A negative exponent means 1 / x^|e|, whose
     * integer part is 0 unless the base is 1 or -1.
     */
    private static long integerPow(DataType type, long base, long exponent) {
        if (type.isSigned() && exponent < 0) {
            if (base == 1) {
                return 1;
            }
            if (base == -1) {
                return (exponent & 1) == 0 ? 1 : -1;
            }
            return 0;
        }
        long result = 1;
        long factor = base;
        for (long e = exponent; e != 0; e >>>= 1) {
            if ((e & 1) != 0) {
                result *= factor;
            }
            factor *= factor;
        }
        return result;
    }

    // ---- comparison and logic ----

    private static TensorData logical(ElementwiseLogical.Kind kind, List<TensorData> inputs, OperandDescriptor out) {
        TensorData a = inputs.get(0);
        DataType type = a.descriptor().dataType();
        long[] result = new long[TensorData.elementCountOf(out)];
        if (kind.arity() == 1) {
            if (type.isFloat()) {
                double[] x = a.floats();
                for (int i = 0; i < result.length; i++) {
                    result[i] = bit(kind == ElementwiseLogical.Kind.IS_NAN ? Double.isNaN(x[i]) : Double.isInfinite(x[i]));
                }
            } else {
                long[] x = a.integers();
                for (int i = 0; i < result.length; i++) {
                    result[i] = switch (kind) {
                        case LOGICAL_NOT -> bit(x[i] == 0);
                        // Integers are never NaN or infinite (validation allows floats only; kept total).
                        default -> 0;
                    };
                }
            }
            return TensorData.ofIntegers(out, result);
        }
        TensorData b = inputs.get(1);
        int[] fromA = Broadcasting.indices(a.descriptor().shape(), out.shape());
        int[] fromB = Broadcasting.indices(b.descriptor().shape(), out.shape());
        if (type.isFloat()) {
            double[] x = a.floats();
            double[] y = b.floats();
            for (int i = 0; i < result.length; i++) {
                result[i] = bit(floatLogical(kind, x[fromA[i]], y[fromB[i]]));
            }
        } else {
            long[] x = a.integers();
            long[] y = b.integers();
            for (int i = 0; i < result.length; i++) {
                result[i] = bit(integerLogical(kind, type, x[fromA[i]], y[fromB[i]]));
            }
        }
        return TensorData.ofIntegers(out, result);
    }

    private static long bit(boolean value) {
        return value ? 1 : 0;
    }

    /** IEEE comparisons: every comparison with NaN is false except notEqual, which is true. */
    private static boolean floatLogical(ElementwiseLogical.Kind kind, double x, double y) {
        return switch (kind) {
            case EQUAL -> x == y;
            case NOT_EQUAL -> x != y;
            case GREATER -> x > y;
            case GREATER_OR_EQUAL -> x >= y;
            case LESSER -> x < y;
            case LESSER_OR_EQUAL -> x <= y;
            case LOGICAL_AND -> x != 0 && y != 0;
            case LOGICAL_OR -> x != 0 || y != 0;
            case LOGICAL_XOR -> (x != 0) != (y != 0);
            default -> throw new IllegalStateException(kind + " takes one operand");
        };
    }

    private static boolean integerLogical(ElementwiseLogical.Kind kind, DataType type, long x, long y) {
        int order = MLNumbers.compareIntegers(type, x, y);
        return switch (kind) {
            case EQUAL -> x == y;
            case NOT_EQUAL -> x != y;
            case GREATER -> order > 0;
            case GREATER_OR_EQUAL -> order >= 0;
            case LESSER -> order < 0;
            case LESSER_OR_EQUAL -> order <= 0;
            case LOGICAL_AND -> x != 0 && y != 0;
            case LOGICAL_OR -> x != 0 || y != 0;
            case LOGICAL_XOR -> (x != 0) != (y != 0);
            default -> throw new IllegalStateException(kind + " takes one operand");
        };
    }

    // ---- unary math and option-less activations ----

    private static TensorData unary(ElementwiseUnary.Kind kind, TensorData input) {
        OperandDescriptor d = input.descriptor();
        if (d.dataType().isFloat()) {
            double[] x = input.floats();
            double[] result = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                result[i] = floatUnary(kind, x[i]);
            }
            return TensorData.ofFloats(d, result);
        }
        long[] x = input.integers();
        long[] result = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            result[i] = switch (kind) {
                // Unsigned values are zero-extended, so abs, sign and relu are right for them too.
                case ABS -> Math.abs(x[i]);
                case NEG -> -x[i];
                case SIGN -> d.dataType() == DataType.UINT64 ? bit(x[i] != 0) : Long.signum(x[i]);
                case RELU -> d.dataType() == DataType.UINT64 ? x[i] : Math.max(0, x[i]);
                case IDENTITY -> x[i];
                default -> throw new IllegalStateException(kind + " was validated as float-only");
            };
        }
        return TensorData.ofIntegers(d, result);
    }

    static double floatUnary(ElementwiseUnary.Kind kind, double x) {
        return switch (kind) {
            case ABS -> Math.abs(x);
            case CEIL -> Math.ceil(x);
            case COS -> Math.cos(x);
            case ERF -> erf(x);
            case EXP -> Math.exp(x);
            case FLOOR -> Math.floor(x);
            case IDENTITY -> x;
            case LOG -> Math.log(x);
            case NEG -> -x;
            case RECIPROCAL -> 1 / x;
            case ROUND_EVEN -> Math.rint(x);
            case SIN -> Math.sin(x);
            case SQRT -> Math.sqrt(x);
            case TAN -> Math.tan(x);
            case SIGN -> Math.signum(x);
            // NaN must stay NaN, and Math.max would turn -0.0 into 0.0 only by luck of argument order.
            case RELU -> Double.isNaN(x) ? x : x > 0 ? x : 0.0;
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case TANH -> Math.tanh(x);
            case SOFTSIGN -> x / (1 + Math.abs(x));
            // 0.5 * x * (1 + erf(x / sqrt 2)), written with erfc so that large negative x keeps its tiny value;
            // at -Infinity it is the limit -0 rather than -Infinity * 0.
            case GELU -> x == Double.NEGATIVE_INFINITY ? -0.0 : 0.5 * x * erfc(-x / SQRT_2);
            // x * max(0, min(6, x + 3)) / 6, with the clamped ends exact so that -Infinity gives 0, not NaN.
            case HARD_SWISH -> x <= -3 ? 0.0 : x >= 3 ? x : x * (x + 3) / 6;
            // ln(1 + e^x) without overflow: for x > 0 it is x + ln(1 + e^-x).
            case SOFTPLUS -> x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
        };
    }

    /**
     * erf to near double precision: the Maclaurin series below 3 (terms stay under e^9, so at most
     * four digits cancel) and 1 - erfc above, where the series would cancel badly.
     */
    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        double result = ax < 3 ? erfSeries(ax) : 1 - erfcContinuedFraction(ax);
        return Math.copySign(result, x);
    }

    /** erfc(x) = 1 - erf(x), accurate also where it is tiny (large positive x). */
    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x >= 3) {
            return erfcContinuedFraction(x);
        }
        if (x <= -3) {
            return 2 - erfcContinuedFraction(-x);
        }
        return 1 - Math.copySign(erfSeries(Math.abs(x)), x);
    }

    private static double erfSeries(double ax) {
        double term = ax;
        double sum = ax;
        for (int n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
            term *= -ax * ax / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    /**
     * erfc(x) for x >= 3 by the classic continued fraction
     * exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), which converges fast there.
     */
    private static double erfcContinuedFraction(double ax) {
        if (ax == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double fraction = ax;
        for (int k = 120; k >= 1; k--) {
            fraction = ax + (k / 2.0) / fraction;
        }
        return Math.exp(-ax * ax) / Math.sqrt(Math.PI) / fraction;
    }

    // ---- activations with scalar parameters, clamp, prelu ----

    /** The parameters are cast to the input's type first, as the spec's steps do. */
    private static TensorData scalarActivation(ScalarActivation op, TensorData input) {
        OperandDescriptor d = input.descriptor();
        double alpha = TensorData.roundTo(d.dataType(), op.alpha());
        double beta = TensorData.roundTo(d.dataType(), op.beta());
        double[] x = input.floats();
        double[] result = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            result[i] = switch (op.kind()) {
                case ELU -> v > 0 ? v : alpha * Math.expm1(v);
                case HARD_SIGMOID -> Math.max(0, Math.min(1, alpha * v + beta));
                case LEAKY_RELU -> v >= 0 ? v : alpha * v;
                case LINEAR -> alpha * v + beta;
            };
        }
        return TensorData.ofFloats(d, result);
    }

    private static TensorData clamp(Clamp op, TensorData input) {
        OperandDescriptor d = input.descriptor();
        DataType type = d.dataType();
        if (type.isFloat()) {
            double min = op.minValue() == null ? Double.NEGATIVE_INFINITY : MLNumbers.toFloat(type, op.minValue());
            double max = op.maxValue() == null ? Double.POSITIVE_INFINITY : MLNumbers.toFloat(type, op.maxValue());
            double[] x = input.floats();
            double[] result = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                // NaN fails both comparisons and stays NaN.
                result[i] = x[i] < min ? min : x[i] > max ? max : x[i];
            }
            return TensorData.ofFloats(d, result);
        }
        long min = op.minValue() == null ? TensorData.minOf(type) : MLNumbers.toInteger(type, op.minValue());
        long max = op.maxValue() == null ? TensorData.maxOf(type) : MLNumbers.toInteger(type, op.maxValue());
        long[] x = input.integers();
        long[] result = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            result[i] = MLNumbers.compareIntegers(type, x[i], min) < 0 ? min
                    : MLNumbers.compareIntegers(type, x[i], max) > 0 ? max : x[i];
        }
        return TensorData.ofIntegers(d, result);
    }

    /** x where x >= 0 (and NaN), slope * x elsewhere: max(0, x) + slope * min(0, x) without 0 * Infinity. */
    private static TensorData prelu(TensorData input, TensorData slope, OperandDescriptor out) {
        int[] fromInput = Broadcasting.indices(input.descriptor().shape(), out.shape());
        int[] fromSlope = Broadcasting.indices(slope.descriptor().shape(), out.shape());
        if (out.dataType().isFloat()) {
            double[] x = input.floats();
            double[] s = slope.floats();
            double[] result = new double[fromInput.length];
            for (int i = 0; i < result.length; i++) {
                double v = x[fromInput[i]];
                result[i] = v < 0 ? s[fromSlope[i]] * v : v;
            }
            return TensorData.ofFloats(out, result);
        }
        long[] x = input.integers();
        long[] s = slope.integers();
        long[] result = new long[fromInput.length];
        for (int i = 0; i < result.length; i++) {
            long v = x[fromInput[i]];
            result[i] = v < 0 ? s[fromSlope[i]] * v : v;
        }
        return TensorData.ofIntegers(out, result);
    }

    // ---- where ----

    private static TensorData where(TensorData condition, TensorData trueValue, TensorData falseValue,
            OperandDescriptor out) {
        long[] c = condition.integers();
        int[] fromCondition = Broadcasting.indices(condition.descriptor().shape(), out.shape());
        int[] fromTrue = Broadcasting.indices(trueValue.descriptor().shape(), out.shape());
        int[] fromFalse = Broadcasting.indices(falseValue.descriptor().shape(), out.shape());
        if (out.dataType().isFloat()) {
            double[] t = trueValue.floats();
            double[] f = falseValue.floats();
            double[] result = new double[fromCondition.length];
            for (int i = 0; i < result.length; i++) {
                result[i] = c[fromCondition[i]] != 0 ? t[fromTrue[i]] : f[fromFalse[i]];
            }
            return TensorData.ofFloats(out, result);
        }
        long[] t = trueValue.integers();
        long[] f = falseValue.integers();
        long[] result = new long[fromCondition.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = c[fromCondition[i]] != 0 ? t[fromTrue[i]] : f[fromFalse[i]];
        }
        return TensorData.ofIntegers(out, result);
    }

    // ---- quantizeLinear and dequantizeLinear ----

    /**
     * roundEven(input / scale) + zeroPoint, saturated to the output type. The quotient is rounded to the input's
     * float type before roundEven, as the spec's emulation (div, then roundEven) computes it; NaN becomes 0.
     */
    private static TensorData quantize(TensorData input, TensorData scale, TensorData zeroPoint,
            OperandDescriptor out) {
        DataType floatType = input.descriptor().dataType();
        int[] block = blockIndices(scale.descriptor().shape(), out.shape());
        double[] x = input.floats();
        double[] s = scale.floats();
        long[] z = zeroPoint.integers();
        long[] result = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            double quotient = TensorData.roundTo(floatType, x[i] / s[block[i]]);
            result[i] = truncateSaturating(out.dataType(), Math.rint(quotient) + z[block[i]]);
        }
        return TensorData.ofIntegers(out, result);
    }

    /** (input - zeroPoint) * scale: the difference is exact, and the product is rounded once to the output type. */
    private static TensorData dequantize(TensorData input, TensorData scale, TensorData zeroPoint,
            OperandDescriptor out) {
        int[] block = blockIndices(scale.descriptor().shape(), out.shape());
        long[] x = input.integers();
        double[] s = scale.floats();
        long[] z = zeroPoint.integers();
        double[] result = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            result[i] = (double) (x[i] - z[block[i]]) * s[block[i]];
        }
        return TensorData.ofFloats(out, result);
    }

    /**
     * For each element of {@code outShape}, the flat index of the block it belongs to in a tensor of
     * {@code blockShape}, whose dimensions divide those of {@code outShape} (right-aligned; missing leading
     * dimensions count as 1).
     */
    static int[] blockIndices(long[] blockShape, long[] outShape) {
        int rank = outShape.length;
        int offset = rank - blockShape.length;
        int n = TensorData.elementCountOf(OperandDescriptor.of(DataType.UINT8, outShape));
        int[] map = new int[n];
        for (int i = 0; i < n; i++) {
            long remaining = i;
            long index = 0;
            long stride = 1;
            for (int d = rank - 1; d >= 0; d--) {
                long coordinate = remaining % outShape[d];
                remaining /= outShape[d];
                if (d >= offset) {
                    long blocks = blockShape[d - offset];
                    long blockSize = outShape[d] / blocks;
                    index += coordinate / blockSize * stride;
                    stride *= blocks;
                }
            }
            map[i] = (int) index;
        }
        return map;
    }

    // ---- cast ----

    private static TensorData cast(TensorData input, OperandDescriptor out) {
        DataType from = input.descriptor().dataType();
        DataType to = out.dataType();
        if (from.isFloat() && to.isFloat()) {
            return TensorData.ofFloats(out, input.floats());
        }
        if (from.isFloat()) {
            double[] x = input.floats();
            long[] result = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                result[i] = truncateSaturating(to, x[i]);
            }
            return TensorData.ofIntegers(out, result);
        }
        long[] x = input.integers();
        if (to.isFloat()) {
            double[] result = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                result[i] = toNearestFloat(from, x[i]);
            }
            return TensorData.ofFloats(out, result);
        }
        // Integer to integer keeps the low bits, two's complement: ofIntegers wraps to the target width.
        return TensorData.ofIntegers(out, x);
    }

    /**
     * The float nearest the integer. Java's long-to-float conversion rounds once and correctly,
     * which a detour through double would not for values beyond 2^53. float16 then rounds this
     * float again, but only integers below 2^24 are exact floats and every float16 overflow is
     * above 65520, so that second rounding never changes the result.
     */
    private static float toNearestFloat(DataType from, long value) {
        if (from != DataType.UINT64 || value >= 0) {
            return (float) value;
        }
        // Halve as unsigned keeping the sticky low bit, so the single rounding stays correct.
        return (float) ((value >>> 1) | (value & 1)) * 2f;
    }

    /**
     * Float to integer as cast does it: truncate toward zero, saturate out-of-range values to the
     * type's bounds (the spec leaves them implementation-defined), NaN becomes 0.
     */
    static long truncateSaturating(DataType to, double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        double truncated = value < 0 ? Math.ceil(value) : Math.floor(value);
        if (to == DataType.UINT64) {
            if (truncated <= 0) {
                return 0;
            }
            if (truncated >= TWO_TO_64) {
                return -1L;
            }
            // Above 2^63 doubles are multiples of 2^11, so the subtraction is exact.
            return truncated >= TWO_TO_63 ? (long) (truncated - TWO_TO_63) ^ Long.MIN_VALUE : (long) truncated;
        }
        long min = TensorData.minOf(to);
        long max = TensorData.maxOf(to);
        if (truncated <= min) {
            return min;
        }
        if (truncated >= max) {
            return max;
        }
        return (long) truncated;
    }
}
