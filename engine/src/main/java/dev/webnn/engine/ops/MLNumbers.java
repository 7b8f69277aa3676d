package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.TensorData;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The spec's "cast" of an MLNumber (a JS number or a BigInt, held here as a Double, Long, Integer or BigInteger)
 * to an operand data type. https://www.w3.org/TR/webnn/#algorithms-casting
 */
public final class MLNumbers {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private MLNumbers() {
    }

    /** True for a Double, Long, Integer or BigInteger: the forms an MLNumber takes in Java. */
    public static boolean isMLNumber(Number value) {
        return value instanceof Double || value instanceof Long || value instanceof Integer
                || value instanceof BigInteger;
    }

    public static boolean isFinite(Number value) {
        return !(value instanceof Double d) || Double.isFinite(d);
    }

    /** ConvertToFloat: the nearest value of the float type, Infinity beyond its range, NaN stays NaN. */
    public static double toFloat(DataType type, Number value) {
        double nearest = value instanceof BigInteger big ? big.floatValue()
                : value instanceof Long l ? (float) l.longValue()
                : value.doubleValue();
        // Integers reach the float type through float32, whose rounding is exact below 2^24 and past the float16
        // range beyond it, so only the one rounding counts.
        return TensorData.roundTo(type, nearest);
    }

    /**
     * ConvertToInt with clamping: NaN becomes 0, other values are clamped to the type's range and rounded half to
     * even. The result is in TensorData's canonical form (uint64 keeps its unsigned bits in the long).
     */
    public static long toInteger(DataType type, Number value) {
        BigDecimal min = new BigDecimal(BigInteger.valueOf(TensorData.minOf(type)));
        BigDecimal max = type == DataType.UINT64 ? new BigDecimal(UINT64_MAX)
                : new BigDecimal(BigInteger.valueOf(TensorData.maxOf(type)));
        BigDecimal exact;
        if (value instanceof Double d) {
            if (d.isNaN()) {
                return 0;
            }
            if (d.isInfinite()) {
                return (d > 0 ? max : min).toBigInteger().longValue();
            }
            exact = new BigDecimal(d);
        } else if (value instanceof BigInteger big) {
            exact = new BigDecimal(big);
        } else {
            exact = BigDecimal.valueOf(value.longValue());
        }
        BigDecimal clamped = exact.max(min).min(max);
        return clamped.setScale(0, RoundingMode.HALF_EVEN).toBigInteger().longValue();
    }

    /** Compares canonical integer values of a type; only uint64 needs an unsigned comparison. */
    public static int compareIntegers(DataType type, long a, long b) {
        return type == DataType.UINT64 ? Long.compareUnsigned(a, b) : Long.compare(a, b);
    }
}
