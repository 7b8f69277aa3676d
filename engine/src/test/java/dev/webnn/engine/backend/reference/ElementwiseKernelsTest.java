package dev.webnn.engine.backend.reference;

import static dev.webnn.engine.Bytes.f16;
import static dev.webnn.engine.Bytes.f32;
import static dev.webnn.engine.Bytes.i32;
import static dev.webnn.engine.Bytes.i64;
import static dev.webnn.engine.Bytes.i8;
import static dev.webnn.engine.Bytes.readF16;
import static dev.webnn.engine.Bytes.readF32;
import static dev.webnn.engine.Bytes.readI32;
import static dev.webnn.engine.Bytes.readI64;
import static dev.webnn.engine.Bytes.readI8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.backend.TensorLimits;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.ops.Cast;
import dev.webnn.engine.ops.Clamp;
import dev.webnn.engine.ops.DequantizeLinear;
import dev.webnn.engine.ops.ElementwiseBinary;
import dev.webnn.engine.ops.ElementwiseLogical;
import dev.webnn.engine.ops.ElementwiseUnary;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.ops.Prelu;
import dev.webnn.engine.ops.QuantizeLinear;
import dev.webnn.engine.ops.ScalarActivation;
import dev.webnn.engine.ops.Where;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Hand-computed results of the element-wise reference kernels beyond plain arithmetic (see ReferenceOpsTest). */
class ElementwiseKernelsTest {
    private static final float NAN = Float.NaN;
    private static final float INF = Float.POSITIVE_INFINITY;

    /** Replaced after each run, since a builder builds only once. */
    private GraphBuilder builder = new GraphBuilder(1 << 20);

    private Operand constant(DataType type, ByteBuffer bytes, long... shape) {
        return builder.constant(OperandDescriptor.of(type, shape), bytes);
    }

    private ByteBuffer run(Op op, Operand... inputs) {
        Operand out = builder.addOperation(op, List.of(inputs), "").get(0);
        Graph graph = builder.build(Map.of("out", out));
        builder = new GraphBuilder(1 << 20);
        ByteBuffer result = ByteBuffer.allocate((int) out.descriptor().byteLength()).order(ByteOrder.LITTLE_ENDIAN);
        new ReferenceBackend().compile(graph).execute(Map.of(), Map.of("out", result));
        return result;
    }

    private static int[] unsignedBytes(ByteBuffer b) {
        byte[] raw = readI8(b);
        int[] out = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = raw[i] & 0xFF;
        }
        return out;
    }

    /** Packs 4-bit values two per byte, first value in the low nibble. */
    private static ByteBuffer nibbles(int... values) {
        ByteBuffer b = ByteBuffer.allocate((values.length + 1) / 2);
        for (int i = 0; i < values.length; i++) {
            int shift = (i % 2) * 4;
            b.put(i / 2, (byte) (b.get(i / 2) | ((values[i] & 0xF) << shift)));
        }
        return b;
    }

    private static int[] readNibbles(ByteBuffer b, int count, boolean signed) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            int nibble = (b.get(i / 2) >> ((i % 2) * 4)) & 0xF;
            out[i] = signed && nibble >= 8 ? nibble - 16 : nibble;
        }
        return out;
    }

    private ByteBuffer compareF32(ElementwiseLogical.Kind kind, float[] a, float[] b) {
        return run(new ElementwiseLogical(kind), constant(DataType.FLOAT32, f32(a), a.length),
                constant(DataType.FLOAT32, f32(b), b.length));
    }

    @Test
    void floatComparisonsFollowIeeeIncludingNaN() {
        float[] a = {1, 2, NAN, -0f, INF};
        float[] b = {2, 2, NAN, 0f, 1};
        assertArrayEquals(new int[] {0, 1, 0, 1, 0}, unsignedBytes(compareF32(ElementwiseLogical.Kind.EQUAL, a, b)));
        assertArrayEquals(new int[] {1, 0, 1, 0, 1}, unsignedBytes(compareF32(ElementwiseLogical.Kind.NOT_EQUAL, a, b)));
        assertArrayEquals(new int[] {0, 0, 0, 0, 1}, unsignedBytes(compareF32(ElementwiseLogical.Kind.GREATER, a, b)));
    }

    @Test
    void greaterOrEqualIsFalseForNaN() {
        assertArrayEquals(new int[] {0, 1, 0, 1, 1}, unsignedBytes(compareF32(ElementwiseLogical.Kind.GREATER_OR_EQUAL,
                new float[] {1, 2, NAN, -0f, INF}, new float[] {2, 2, NAN, 0f, 1})));
        assertArrayEquals(new int[] {1, 0, 0, 0, 0}, unsignedBytes(compareF32(ElementwiseLogical.Kind.LESSER,
                new float[] {1, 2, NAN, -0f, INF}, new float[] {2, 2, 1, 0f, 1})));
        assertArrayEquals(new int[] {1, 1, 0, 1, 0}, unsignedBytes(compareF32(ElementwiseLogical.Kind.LESSER_OR_EQUAL,
                new float[] {1, 2, NAN, -0f, INF}, new float[] {2, 2, 1, 0f, 1})));
    }

    @Test
    void comparisonsBroadcast() {
        Operand a = constant(DataType.INT8, i8(-1, 5), 2, 1);
        Operand b = constant(DataType.INT8, i8(-2, 0, 5), 3);
        assertArrayEquals(new int[] {1, 0, 0, 1, 1, 0},
                unsignedBytes(run(new ElementwiseLogical(ElementwiseLogical.Kind.GREATER), a, b)));
    }

    @Test
    void uint64ComparesUnsigned() {
        Operand a = constant(DataType.UINT64, i64(-1L, 3), 2);
        Operand b = constant(DataType.UINT64, i64(1, -2L), 2);
        assertArrayEquals(new int[] {1, 0}, unsignedBytes(run(new ElementwiseLogical(ElementwiseLogical.Kind.GREATER), a, b)));
    }

    @Test
    void logicalOperationsTreatNonZeroAsTrue() {
        ByteBuffer a = i8(0, 0, 2, (byte) 255);
        ByteBuffer b = i8(0, 7, 0, 1);
        assertArrayEquals(new int[] {0, 0, 0, 1}, unsignedBytes(run(new ElementwiseLogical(ElementwiseLogical.Kind.LOGICAL_AND),
                constant(DataType.UINT8, a.duplicate(), 4), constant(DataType.UINT8, b.duplicate(), 4))));
        assertArrayEquals(new int[] {0, 1, 1, 1}, unsignedBytes(run(new ElementwiseLogical(ElementwiseLogical.Kind.LOGICAL_OR),
                constant(DataType.UINT8, a.duplicate(), 4), constant(DataType.UINT8, b.duplicate(), 4))));
    }

    @Test
    void logicalXorAndNot() {
        assertArrayEquals(new int[] {0, 1, 1, 0}, unsignedBytes(run(new ElementwiseLogical(ElementwiseLogical.Kind.LOGICAL_XOR),
                constant(DataType.UINT8, i8(0, 0, 2, (byte) 255), 4), constant(DataType.UINT8, i8(0, 7, 0, 1), 4))));
        assertArrayEquals(new int[] {1, 0, 0}, unsignedBytes(run(new ElementwiseLogical(ElementwiseLogical.Kind.LOGICAL_NOT),
                constant(DataType.UINT8, i8(0, 1, (byte) 200), 3))));
    }

    @Test
    void isNaNAndIsInfinite() {
        ByteBuffer x = f16(NAN, INF, -INF, 65504, 0);
        assertArrayEquals(new int[] {1, 0, 0, 0, 0}, unsignedBytes(run(new ElementwiseLogical(ElementwiseLogical.Kind.IS_NAN),
                constant(DataType.FLOAT16, x.duplicate(), 5))));
        assertArrayEquals(new int[] {0, 1, 1, 0, 0}, unsignedBytes(run(new ElementwiseLogical(ElementwiseLogical.Kind.IS_INFINITE),
                constant(DataType.FLOAT16, x.duplicate(), 5))));
    }

    private float[] unaryF32(ElementwiseUnary.Kind kind, float... x) {
        return readF32(run(new ElementwiseUnary(kind), constant(DataType.FLOAT32, f32(x), x.length)));
    }

    @Test
    void roundEvenRoundsHalvesToEven() {
        // The spec's own example.
        assertArrayEquals(new float[] {0, 1, 1, 2, -4, -2, -2, 2, 2, 4},
                unaryF32(ElementwiseUnary.Kind.ROUND_EVEN, 0.1f, 0.9f, 1.1f, 1.9f, -3.5f, -2.5f, -1.5f, 1.5f, 2.5f, 3.5f));
    }

    @Test
    void geluKeepsTinyNegativeTails() {
        // 0.5 x (1 + erf(x / sqrt 2)) = x * Phi(x); Phi(1) = 0.8413447460685429, Phi(-10) = 7.619853024160527e-24.
        float[] y = unaryF32(ElementwiseUnary.Kind.GELU, 0, 1, -1, -10, INF, -INF);
        assertArrayEquals(new float[] {0, (float) 0.8413447460685429, (float) -0.15865525393145707,
                (float) -7.619853024160527e-23, INF, 0}, y, 0);
    }

    @Test
    void hardSwishClampsBothEnds() {
        float[] y = unaryF32(ElementwiseUnary.Kind.HARD_SWISH, -4, -3, -1, 0, 1, 3, 4, -INF, INF);
        assertArrayEquals(new float[] {0, 0, -1f / 3, 0, 2f / 3, 3, 4, 0, INF}, y, 1e-7f);
        assertTrue(Float.isNaN(unaryF32(ElementwiseUnary.Kind.HARD_SWISH, NAN)[0]));
    }

    @Test
    void softplusNeitherOverflowsNorUnderflowsEarly() {
        float[] y = unaryF32(ElementwiseUnary.Kind.SOFTPLUS, 0, 1000, -20, -INF);
        // ln 2, 1000, ln(1 + e^-20) = 2.0611536e-9.
        assertArrayEquals(new float[] {0.6931472f, 1000, 2.0611537e-9f, 0}, y, 1e-15f);
    }

    @Test
    void erfIsOddAndSaturates() {
        // erf(0.5) = 0.5204998778130465, erf(3.5) = 0.9999992569016276.
        float[] y = unaryF32(ElementwiseUnary.Kind.ERF, 0.5f, -0.5f, 3.5f, -INF);
        assertArrayEquals(new float[] {0.52049988f, -0.52049988f, 0.99999926f, -1}, y, 1e-7f);
    }

    @Test
    void integerUnaryOperations() {
        assertArrayEquals(new int[] {5, 0, -7}, readI32(run(new ElementwiseUnary(ElementwiseUnary.Kind.NEG),
                constant(DataType.INT32, i32(-5, 0, 7), 3))));
        assertArrayEquals(new byte[] {1, 0, -1, -1}, readI8(run(new ElementwiseUnary(ElementwiseUnary.Kind.SIGN),
                constant(DataType.INT8, i8(9, 0, -3, -128), 4))));
        // |-128| does not fit int8 and wraps back to -128.
        assertArrayEquals(new byte[] {9, 3, -128}, readI8(run(new ElementwiseUnary(ElementwiseUnary.Kind.ABS),
                constant(DataType.INT8, i8(9, -3, -128), 3))));
        assertArrayEquals(new long[] {0, 4}, readI64(run(new ElementwiseUnary(ElementwiseUnary.Kind.RELU),
                constant(DataType.INT64, i64(-4, 4), 2))));
    }

    private float[] activation(ScalarActivation op, float... x) {
        return readF32(run(op, constant(DataType.FLOAT32, f32(x), x.length)));
    }

    @Test
    void eluUsesAlphaBelowZero() {
        // 0.5 * (e^-1 - 1) = -0.31606027941427883.
        assertArrayEquals(new float[] {(float) -0.31606027941427883, 0, 2, -0.5f},
                activation(ScalarActivation.elu(0.5), -1, 0, 2, -INF), 0);
    }

    @Test
    void leakyReluHardSigmoidAndLinear() {
        assertArrayEquals(new float[] {-0.2f, 3, -INF}, activation(ScalarActivation.leakyRelu(0.1), -2, 3, -INF), 0);
        assertArrayEquals(new float[] {0, 0.5f, 0.7f, 1}, activation(ScalarActivation.hardSigmoid(0.2, 0.5), -5, 0, 1, 5),
                1e-7f);
        assertArrayEquals(new float[] {-1, 2}, activation(ScalarActivation.linear(2, -1), 0, 1.5f), 0);
    }

    @Test
    void parametersAreCastToTheInputTypeFirst() {
        // In float16, alpha 1.0004 is 1.0, so 3000 stays 3000; unrounded it would give 3001.2, stored as 3002.
        float[] y = readF16(run(ScalarActivation.linear(1.0004, 0), constant(DataType.FLOAT16, f16(3000), 1)));
        assertArrayEquals(new float[] {3000}, y, 0);
    }

    @Test
    void clampFloatBounds() {
        float[] x = {-5, -1, 0, 2, 9, NAN};
        assertArrayEquals(new float[] {-2, -1, 0, 2, 3, NAN},
                readF32(run(new Clamp(-2.0, 3.0), constant(DataType.FLOAT32, f32(x), 6))), 0);
        assertArrayEquals(new float[] {-5, -1, 0, 1, 1, NAN},
                readF32(run(new Clamp(null, 1L), constant(DataType.FLOAT32, f32(x), 6))), 0);
    }

    @Test
    void clampIntegerBoundsAreCastHalfToEven() {
        // 2.5 becomes 2 and 6.5 becomes 6 in int8.
        assertArrayEquals(new byte[] {2, 2, 5, 6, 6}, readI8(run(new Clamp(2.5, 6.5),
                constant(DataType.INT8, i8(-128, 2, 5, 7, 127), 5))));
        // A bound beyond the type saturates to its range: no clamping at all.
        assertArrayEquals(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE}, readI32(run(new Clamp(-1e20, 1e20),
                constant(DataType.INT32, i32(Integer.MIN_VALUE, Integer.MAX_VALUE), 2))));
    }

    @Test
    void clampUint64WithBigIntBounds() {
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.valueOf(6)); // 2^64 - 6
        assertArrayEquals(new long[] {5, 127, -6L}, readI64(run(new Clamp(5L, max),
                constant(DataType.UINT64, i64(0, 127, -1L), 3))));
    }

    @Test
    void preluBroadcastsTheSlope() {
        Operand x = constant(DataType.FLOAT32, f32(-1, 2, -3, -4, 5, NAN), 2, 3);
        Operand slope = constant(DataType.FLOAT32, f32(0.5f, 2, INF), 3);
        assertArrayEquals(new float[] {-0.5f, 2, -INF, -2, 5, NAN}, readF32(run(new Prelu(), x, slope)), 0);
    }

    @Test
    void preluOnIntegersWraps() {
        Operand x = constant(DataType.INT8, i8(-100, 7), 2);
        Operand slope = constant(DataType.INT8, i8(2), 1);
        // -200 wraps to 56 in int8.
        assertArrayEquals(new byte[] {56, 7}, readI8(run(new Prelu(), x, slope)));
    }

    @Test
    void whereBroadcastsConditionAndValues() {
        Operand condition = constant(DataType.UINT8, i8(1, 0), 2, 1);
        Operand t = constant(DataType.INT32, i32(1, 2, 3), 3);
        Operand f = constant(DataType.INT32, i32(-9), 1);
        assertArrayEquals(new int[] {1, 2, 3, -9, -9, -9}, readI32(run(new Where(), condition, t, f)));
    }

    @Test
    void whereOnFloat16() {
        Operand condition = constant(DataType.UINT8, i8(3, 0, (byte) 255), 3);
        Operand t = constant(DataType.FLOAT16, f16(1.5f, 2.5f, 3.5f), 3);
        Operand f = constant(DataType.FLOAT16, f16(-1, -2, -3), 3);
        assertArrayEquals(new float[] {1.5f, -2, 3.5f}, readF16(run(new Where(), condition, t, f)), 0);
    }

    @Test
    void quantizeLinearBlockwiseRoundsHalfToEvenAndSaturates() {
        Operand x = constant(DataType.FLOAT32, f32(0.5f, 1.5f, 2, 3, 2.5f, -1, 1000, -1000), 2, 4);
        Operand scale = constant(DataType.FLOAT32, f32(1, 0.5f), 1, 2);
        Operand zeroPoint = constant(DataType.UINT8, i8(0, 10), 1, 2);
        // Columns 0-1 use scale 1 and zero point 0; columns 2-3 scale 0.5 and zero point 10.
        assertArrayEquals(new int[] {0, 2, 14, 16, 2, 0, 255, 0},
                unsignedBytes(run(new QuantizeLinear(), x, scale, zeroPoint)));
    }

    @Test
    void quantizeLinearToInt4() {
        Operand x = constant(DataType.FLOAT32, f32(7.6f, -9, 3.5f), 3);
        Operand scale = constant(DataType.FLOAT32, f32(1));
        Operand zeroPoint = constant(DataType.INT4, nibbles(0));
        assertArrayEquals(new int[] {7, -8, 4}, readNibbles(run(new QuantizeLinear(), x, scale, zeroPoint), 3, true));
    }

    @Test
    void dequantizeLinearBlockwise() {
        Operand x = constant(DataType.UINT8, i8(0, (byte) 255, 10, 20), 2, 2);
        Operand scale = constant(DataType.FLOAT32, f32(0.5f, 2), 2, 1);
        Operand zeroPoint = constant(DataType.UINT8, i8((byte) 128, 10), 2, 1);
        assertArrayEquals(new float[] {-64, 63.5f, 0, 20}, readF32(run(new DequantizeLinear(), x, scale, zeroPoint)), 0);
    }

    @Test
    void dequantizeLinearFromInt4WithALowerRankScale() {
        Operand x = constant(DataType.INT4, nibbles(-8, 7, 1, -1), 2, 2);
        Operand scale = constant(DataType.FLOAT16, f16(0.25f, 4), 2);
        Operand zeroPoint = constant(DataType.INT4, nibbles(0, -1), 2);
        // Column 0: (x - 0) * 0.25; column 1: (x + 1) * 4.
        assertArrayEquals(new float[] {-2, 32, 0.25f, 0}, readF16(run(new DequantizeLinear(), x, scale, zeroPoint)), 0);
    }

    @Test
    void castToAndFromFourBitTypes() {
        assertArrayEquals(new int[] {-8, 7, 0, -3}, readNibbles(run(new Cast(DataType.INT4),
                constant(DataType.FLOAT32, f32(-9.7f, 7.9f, -0.5f, -3.9f), 4)), 4, true));
        // Integer to integer keeps the low four bits: 17 is 0x11, -9 is 0x...F7.
        assertArrayEquals(new int[] {1, 7}, readNibbles(run(new Cast(DataType.INT4),
                constant(DataType.INT32, i32(17, -9), 2)), 2, true));
        assertArrayEquals(new float[] {15, 0, 9}, readF32(run(new Cast(DataType.FLOAT32),
                constant(DataType.UINT4, nibbles(15, 0, 9), 3))), 0);
        assertArrayEquals(new int[] {0, 15, 15}, readNibbles(run(new Cast(DataType.UINT4),
                constant(DataType.FLOAT16, f16(-3, 15.5f, 1000), 3)), 3, false));
    }

    @Test
    void binaryArithmeticOnInt4Wraps() {
        Operand a = constant(DataType.INT4, nibbles(7, -8), 2);
        Operand b = constant(DataType.INT4, nibbles(1, -1), 2);
        assertArrayEquals(new int[] {-8, 7}, readNibbles(run(new ElementwiseBinary(ElementwiseBinary.Kind.ADD), a, b), 2, true));
    }

    @Test
    void advertisedLimitsMatchTheValidators() {
        Map<String, Map<String, TensorLimits>> ops = new ReferenceBackend().opSupportLimits().ops();
        assertEquals(Set.of(DataType.UINT8), ops.get("equal").get("output").dataTypes());
        assertEquals(Set.of(DataType.UINT8), ops.get("logicalNot").get("a").dataTypes());
        assertEquals(Set.of(DataType.FLOAT32, DataType.FLOAT16), ops.get("isNaN").get("a").dataTypes());
        assertEquals(Set.of(DataType.FLOAT32, DataType.FLOAT16), ops.get("roundEven").get("input").dataTypes());
        assertEquals(Set.of(DataType.FLOAT32, DataType.FLOAT16), ops.get("gelu").get("input").dataTypes());
        assertEquals(Set.of(DataType.FLOAT32, DataType.FLOAT16), ops.get("elu").get("output").dataTypes());
        assertEquals(DataType.values().length, ops.get("clamp").get("input").dataTypes().size());
        assertEquals(Set.of(DataType.UINT8), ops.get("where").get("condition").dataTypes());
        assertEquals(Set.of(DataType.FLOAT32, DataType.FLOAT16, DataType.INT64, DataType.INT32, DataType.INT8),
                ops.get("prelu").get("slope").dataTypes());
        assertTrue(ops.get("quantizeLinear").get("zeroPoint").dataTypes().contains(DataType.INT4));
        assertTrue(ops.get("dequantizeLinear").get("input").dataTypes().contains(DataType.UINT8));
    }
}
