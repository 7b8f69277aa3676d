package dev.webnn.engine.backend.reference;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.backend.TensorLimits;
import dev.webnn.engine.ops.Cast;
import dev.webnn.engine.ops.ElementwiseBinary;
import dev.webnn.engine.ops.ElementwiseUnary;
import java.util.List;
import java.util.Locale;

/** Reference kernels of the element-wise family: arithmetic, comparison, logic, unary math, activations, cast. */
final class ElementwiseKernels {
    private static final double TWO_TO_63 = 0x1p63;
    private static final double TWO_TO_64 = 0x1p64;

    private ElementwiseKernels() {
    }

    static void register(KernelTable table) {
        table.kernel(ElementwiseBinary.class, (op, in, out) -> List.of(binary(op.kind(), in.get(0), in.get(1), out.get(0))));
        table.kernel(ElementwiseUnary.class, (op, in, out) -> List.of(unary(op.kind(), in.get(0))));
        table.kernel(Cast.class, (op, in, out) -> List.of(cast(in.get(0), out.get(0))));

        TensorLimits binary = table.anyRank(ElementwiseBinary.ALLOWED_TYPES);
        for (ElementwiseBinary.Kind kind : ElementwiseBinary.Kind.values()) {
            table.limits(kind.name().toLowerCase(Locale.ROOT), "a", binary, "b", binary, "output", binary);
        }
        for (ElementwiseUnary.Kind kind : ElementwiseUnary.Kind.values()) {
            TensorLimits unary = table.anyRank(kind.allowedTypes());
            table.limits(kind.name().toLowerCase(Locale.ROOT), "input", unary, "output", unary);
        }
        table.limits("cast", "input", table.anyRank(KernelTable.ALL_TYPES), "output", table.anyRank(KernelTable.ALL_TYPES));
    }

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
            case MAX -> (unsigned64 ? Long.compareUnsigned(x, y) : Long.compare(x, y)) >= 0 ? x : y;
            case MIN -> (unsigned64 ? Long.compareUnsigned(x, y) : Long.compare(x, y)) <= 0 ? x : y;
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
                case ABS -> Math.abs(x[i]);
                case NEG -> -x[i];
                case SIGN -> Long.signum(x[i]);
                case RELU -> Math.max(0, x[i]);
                case IDENTITY -> x[i];
                default -> throw new IllegalStateException(kind + " was validated as float-only");
            };
        }
        return TensorData.ofIntegers(d, result);
    }

    private static double floatUnary(ElementwiseUnary.Kind kind, double x) {
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
            case SIN -> Math.sin(x);
            case SQRT -> Math.sqrt(x);
            case TAN -> Math.tan(x);
            case SIGN -> Math.signum(x);
            // NaN must stay NaN, and Math.max would turn -0.0 into 0.0 only by luck of argument order.
            case RELU -> Double.isNaN(x) ? x : x > 0 ? x : 0.0;
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case TANH -> Math.tanh(x);
            case SOFTSIGN -> x / (1 + Math.abs(x));
        };
    }

    /**
     * erf to near double precision: the Maclaurin series below 3 (terms stay under e^9, so at most
     * four digits cancel) and the classic continued fraction for erfc above, where the series
     * would cancel badly; beyond 6, erf is 1 in double.
     */
    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        double result;
        if (ax < 3) {
            double term = ax;
            double sum = ax;
            for (int n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
                term *= -ax * ax / n;
                sum += term / (2 * n + 1);
            }
            result = 2 / Math.sqrt(Math.PI) * sum;
        } else if (ax < 6) {
            // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))).
            double fraction = ax;
            for (int k = 120; k >= 1; k--) {
                fraction = ax + (k / 2.0) / fraction;
            }
            result = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / fraction;
        } else {
            result = 1;
        }
        return Math.copySign(result, x);
    }

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

    /** Float to integer per the spec's cast: truncate toward zero, saturate, NaN becomes 0. */
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
    }}
