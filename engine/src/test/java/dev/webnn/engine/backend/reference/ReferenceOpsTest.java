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

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.ops.Cast;
import dev.webnn.engine.ops.ElementwiseBinary.Kind;
import dev.webnn.engine.ops.ElementwiseUnary;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class ReferenceOpsTest {
    private static final long TWO_53 = 1L << 53;

    private final GraphBuilder builder = new GraphBuilder(1 << 20);

    private Operand constant(DataType t, ByteBuffer bytes, long... shape) {
        return builder.constant(OperandDescriptor.of(t, shape), bytes);
    }

    /** Builds the graph {"out": out}, feeds {"x": x} if the graph has that input, and runs it. */
    private ByteBuffer run(Operand out, Map<String, ByteBuffer> inputs) {
        Graph graph = builder.build(Map.of("out", out));
        ByteBuffer result = ByteBuffer.allocate((int) out.descriptor().byteLength()).order(ByteOrder.LITTLE_ENDIAN);
        new ReferenceBackend().compile(graph).execute(inputs, Map.of("out", result));
        return result;
    }

    private ByteBuffer run(Operand out) {
        return run(out, Map.of());
    }

    private ByteBuffer binary(Kind kind, DataType t, ByteBuffer a, ByteBuffer b, long... shape) {
        Operand x = constant(t, a, shape);
        Operand y = constant(t, b, shape);
        BiFunction<Operand, Operand, Operand> op = switch (kind) {
            case ADD -> builder::add;
            case SUB -> builder::sub;
            case MUL -> builder::mul;
            case DIV -> builder::div;
            case MAX -> builder::max;
            case MIN -> builder::min;
            case POW -> builder::pow;
        };
        return run(op.apply(x, y));
    }

    private ByteBuffer unary(ElementwiseUnary.Kind kind, DataType t, ByteBuffer input, long... shape) {
        Operand x = constant(t, input, shape);
        return run(builder.addOperation(new ElementwiseUnary(kind), List.of(x), "").get(0));
    }

    private ByteBuffer cast(DataType from, DataType to, ByteBuffer input, long count) {
        Operand x = constant(from, input, count);
        return run(builder.addOperation(new Cast(to), List.of(x), "").get(0));
    }

    @Test
    void float32Arithmetic() {
        ByteBuffer a = f32(1.5f, -2f, 9f);
        ByteBuffer b = f32(0.25f, 4f, 0.5f);
        assertArrayEquals(new float[] {1.75f, 2f, 9.5f}, readF32(binary(Kind.ADD, DataType.FLOAT32, a, b, 3)));
        assertArrayEquals(new float[] {1.25f, -6f, 8.5f}, readF32(new ReferenceOpsTest().binary(Kind.SUB, DataType.FLOAT32, a, b, 3)));
        assertArrayEquals(new float[] {0.375f, -8f, 4.5f}, readF32(new ReferenceOpsTest().binary(Kind.MUL, DataType.FLOAT32, a, b, 3)));
        assertArrayEquals(new float[] {6f, -0.5f, 18f}, readF32(new ReferenceOpsTest().binary(Kind.DIV, DataType.FLOAT32, a, b, 3)));
        assertArrayEquals(new float[] {1.5f, 4f, 9f}, readF32(new ReferenceOpsTest().binary(Kind.MAX, DataType.FLOAT32, a, b, 3)));
        assertArrayEquals(new float[] {0.25f, -2f, 0.5f}, readF32(new ReferenceOpsTest().binary(Kind.MIN, DataType.FLOAT32, a, b, 3)));
        assertArrayEquals(new float[] {2f, Float.POSITIVE_INFINITY, 3f},
                readF32(new ReferenceOpsTest().binary(Kind.POW, DataType.FLOAT32, f32(4f, 0f, 9f), f32(0.5f, -1f, 0.5f), 3)));
    }

    @Test
    void float32ResultIsRoundedOnceToFloat32() {
        // 1 + 2^-30 is exact in double but rounds to 1 in float32.
        assertArrayEquals(new float[] {1f}, readF32(binary(Kind.ADD, DataType.FLOAT32, f32(1f), f32(0x1p-30f), 1)));
    }

    @Test
    void float16ArithmeticRoundsToHalfPrecision() {
        // 2048 + 1 = 2049 lies halfway between float16 neighbours 2048 and 2050: ties to even give 2048.
        ByteBuffer out = binary(Kind.ADD, DataType.FLOAT16, f16(1f, 2048f, 65504f), f16(0x1p-10f, 1f, 65504f), 3);
        assertArrayEquals(new float[] {1.0009765625f, 2048f, Float.POSITIVE_INFINITY}, readF16(out));
        assertArrayEquals(new float[] {0.5f, 3f},
                readF16(new ReferenceOpsTest().binary(Kind.DIV, DataType.FLOAT16, f16(1f, 9f), f16(2f, 3f), 2)));
    }

    @Test
    void int32ArithmeticWrapsAndDivisionTruncates() {
        assertArrayEquals(new int[] {Integer.MIN_VALUE, -2},
                readI32(binary(Kind.ADD, DataType.INT32, i32(Integer.MAX_VALUE, -1), i32(1, -1), 2)));
        assertArrayEquals(new int[] {3, -3, 0, -3},
                readI32(new ReferenceOpsTest().binary(Kind.DIV, DataType.INT32, i32(7, -7, 5, 7), i32(2, 2, 0, -2), 4)));
        assertArrayEquals(new int[] {1024, -1, 1, 0},
                readI32(new ReferenceOpsTest().binary(Kind.POW, DataType.INT32, i32(2, -1, 1, 2), i32(10, -3, -5, -1), 4)));
        assertArrayEquals(new int[] {0},
                readI32(new ReferenceOpsTest().binary(Kind.POW, DataType.INT32, i32(2), i32(32), 1)));
        assertArrayEquals(new int[] {-6, 7},
                readI32(new ReferenceOpsTest().binary(Kind.MIN, DataType.INT32, i32(-6, 7), i32(3, 9), 2)));
    }

    @Test
    void int64ArithmeticIsExactBeyondTwoToThe53() {
        assertArrayEquals(new long[] {TWO_53 + 2},
                readI64(binary(Kind.ADD, DataType.INT64, i64(TWO_53 + 1), i64(1), 1)));
        assertArrayEquals(new long[] {2 * TWO_53 + 2},
                readI64(new ReferenceOpsTest().binary(Kind.MUL, DataType.INT64, i64(TWO_53 + 1), i64(2), 1)));
        assertArrayEquals(new long[] {3002399751580331L},
                readI64(new ReferenceOpsTest().binary(Kind.DIV, DataType.INT64, i64(TWO_53 + 1), i64(3), 1)));
        assertArrayEquals(new long[] {(1L << 62) + 1},
                readI64(new ReferenceOpsTest().binary(Kind.MAX, DataType.INT64, i64((1L << 62) + 1), i64(1L << 62), 1)));
        assertArrayEquals(new long[] {1L << 62},
                readI64(new ReferenceOpsTest().binary(Kind.SUB, DataType.INT64, i64((1L << 62) + 1), i64(1), 1)));
        assertArrayEquals(new long[] {Long.MIN_VALUE},
                readI64(new ReferenceOpsTest().binary(Kind.POW, DataType.INT64, i64(2), i64(63), 1)));
    }

    @Test
    void uint64UsesUnsignedSemantics() {
        long max = -1L; // 2^64 - 1
        assertArrayEquals(new long[] {max, 5},
                readI64(binary(Kind.MAX, DataType.UINT64, i64(max, 5), i64(1, 2), 2)));
        assertArrayEquals(new long[] {1, 2},
                readI64(new ReferenceOpsTest().binary(Kind.MIN, DataType.UINT64, i64(max, 5), i64(1, 2), 2)));
        assertArrayEquals(new long[] {Long.MAX_VALUE},
                readI64(new ReferenceOpsTest().binary(Kind.DIV, DataType.UINT64, i64(-2L), i64(2), 1)));
        assertArrayEquals(new long[] {max},
                readI64(new ReferenceOpsTest().binary(Kind.SUB, DataType.UINT64, i64(0), i64(1), 1)));
    }

    @Test
    void binaryOpsBroadcast() {
        Operand a = constant(DataType.FLOAT32, f32(1, 2, 3, 4, 5, 6), 2, 3);
        Operand b = constant(DataType.FLOAT32, f32(10, 20, 30), 3);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, readF32(run(builder.add(a, b))));

        ReferenceOpsTest other = new ReferenceOpsTest();
        Operand column = other.constant(DataType.INT32, i32(1, 2), 2, 1);
        Operand row = other.constant(DataType.INT32, i32(10, 20, 30), 1, 3);
        Operand product = other.builder.mul(column, row);
        assertArrayEquals(new long[] {2, 3}, product.descriptor().shape());
        assertArrayEquals(new int[] {10, 20, 30, 20, 40, 60}, readI32(other.run(product)));
    }

    @Test
    void graphInputsAreFedByName() {
        Operand x = builder.input("x", OperandDescriptor.of(DataType.FLOAT32, 2));
        Operand y = builder.mul(x, builder.constant(DataType.FLOAT32, 3.0));
        assertArrayEquals(new float[] {3f, -6f}, readF32(run(y, Map.of("x", f32(1, -2)))));
    }

    @Test
    void relu() {
        assertArrayEquals(new float[] {0f, 0f, 2.5f, Float.NaN},
                readF32(unary(ElementwiseUnary.Kind.RELU, DataType.FLOAT32, f32(-1f, 0f, 2.5f, Float.NaN), 4)));
        assertArrayEquals(new byte[] {0, 0, 7},
                readI8(new ReferenceOpsTest().unary(ElementwiseUnary.Kind.RELU, DataType.INT8, i8(-128, 0, 7), 3)));
    }

    @Test
    void otherUnaryOps() {
        assertArrayEquals(new float[] {0.5f, 0.75f, -0.75f},
                readF32(unary(ElementwiseUnary.Kind.SOFTSIGN, DataType.FLOAT32, f32(1, 3, -3), 3)));
        assertArrayEquals(new float[] {0.5f},
                readF32(new ReferenceOpsTest().unary(ElementwiseUnary.Kind.SIGMOID, DataType.FLOAT32, f32(0), 1)));
        assertArrayEquals(new long[] {Long.MIN_VALUE, -5},
                readI64(new ReferenceOpsTest().unary(ElementwiseUnary.Kind.NEG, DataType.INT64, i64(Long.MIN_VALUE, 5), 2)));
        assertArrayEquals(new byte[] {-128, 5},
                readI8(new ReferenceOpsTest().unary(ElementwiseUnary.Kind.ABS, DataType.INT8, i8(-128, -5), 2)));
        assertArrayEquals(new int[] {-1, 0, 1},
                readI32(new ReferenceOpsTest().unary(ElementwiseUnary.Kind.SIGN, DataType.INT32, i32(-9, 0, 4), 3)));
        assertArrayEquals(new float[] {-2f, 1f},
                readF32(new ReferenceOpsTest().unary(ElementwiseUnary.Kind.FLOOR, DataType.FLOAT32, f32(-1.5f, 1.5f), 2)));
    }

    @Test
    void erfMatchesKnownValues() {
        assertEquals(0.8427007929497149, ElementwiseKernels.erf(1), 1e-15);
        assertEquals(-0.5204998778130465, ElementwiseKernels.erf(-0.5), 1e-15);
        assertEquals(0.9999992569016276, ElementwiseKernels.erf(3.5), 1e-15);
        assertEquals(0.9953222650189527, ElementwiseKernels.erf(2), 1e-15);
        assertEquals(1.0, ElementwiseKernels.erf(7), 0);
        assertEquals(0.0, ElementwiseKernels.erf(0), 0);
    }

    @Test
    void reshapeKeepsElementOrder() {
        Operand x = constant(DataType.INT32, i32(1, 2, 3, 4, 5, 6), 2, 3);
        Operand y = builder.reshape(x, 3, 2);
        assertArrayEquals(new long[] {3, 2}, y.descriptor().shape());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, readI32(run(y)));
    }

    @Test
    void matmul2d() {
        Operand a = constant(DataType.FLOAT32, f32(1, 2, 3, 4), 2, 2);
        Operand b = constant(DataType.FLOAT32, f32(5, 6, 7, 8), 2, 2);
        assertArrayEquals(new float[] {19, 22, 43, 50}, readF32(run(builder.matmul(a, b))));
    }

    @Test
    void matmulNonSquare() {
        // [1,2,3] x [[1,0],[0,1],[1,1]] = [4,5]
        Operand a = constant(DataType.FLOAT32, f32(1, 2, 3), 1, 3);
        Operand b = constant(DataType.FLOAT32, f32(1, 0, 0, 1, 1, 1), 3, 2);
        assertArrayEquals(new float[] {4, 5}, readF32(run(builder.matmul(a, b))));
    }

    @Test
    void matmulBroadcastsBatches() {
        Operand a = constant(DataType.FLOAT32, f32(1, 0, 0, 2), 2, 2);
        Operand b = constant(DataType.FLOAT32, f32(1, 2, 3, 4, 5, 6, 7, 8), 2, 2, 2);
        Operand product = builder.matmul(a, b);
        assertArrayEquals(new long[] {2, 2, 2}, product.descriptor().shape());
        assertArrayEquals(new float[] {1, 2, 6, 8, 5, 6, 14, 16}, readF32(run(product)));

        ReferenceOpsTest other = new ReferenceOpsTest();
        Operand rows = other.constant(DataType.FLOAT32, f32(1, 2, 3, 4), 2, 1, 1, 2);
        Operand cols = other.constant(DataType.FLOAT32, f32(1, 10, 100, 1000), 2, 2, 1);
        Operand batched = other.builder.matmul(rows, cols);
        assertArrayEquals(new long[] {2, 2, 1, 1}, batched.descriptor().shape());
        // rows [1,2],[3,4] against cols [1,10],[100,1000].
        assertArrayEquals(new float[] {21, 2100, 43, 4300}, readF32(other.run(batched)));
    }

    @Test
    void castFloatToIntegerTruncatesSaturatesAndMapsNaNToZero() {
        ByteBuffer in = f32(1e10f, -1e10f, Float.NaN, -2.7f, 2.7f, 127.9f);
        assertArrayEquals(new byte[] {127, -128, 0, -2, 2, 127}, readI8(cast(DataType.FLOAT32, DataType.INT8, in, 6)));
        assertArrayEquals(new byte[] {0, (byte) 255, 0},
                readI8(new ReferenceOpsTest().cast(DataType.FLOAT32, DataType.UINT8, f32(-5.5f, 300f, Float.NaN), 3)));
    }

    @Test
    void castFloatToUint64AndInt64Saturate() {
        assertArrayEquals(new long[] {-1L, 0, Long.MIN_VALUE, 0},
                readI64(cast(DataType.FLOAT32, DataType.UINT64, f32(1e20f, -1f, 0x1p63f, Float.NaN), 4)));
        assertArrayEquals(new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40},
                readI64(new ReferenceOpsTest().cast(DataType.FLOAT32, DataType.INT64, f32(1e19f, -1e19f, 0x1p40f), 3)));
    }

    @Test
    void castIntegerToFloatRoundsOnce() {
        // 2^60 + 2^36 + 1 rounds up to 2^60 + 2^37 in float32; rounding through double first would
        // drop the +1 and then tie to even, giving 2^60.
        long value = (1L << 60) + (1L << 36) + 1;
        assertArrayEquals(new float[] {0x1p60f + 0x1p37f, 0x1p24f},
                readF32(cast(DataType.INT64, DataType.FLOAT32, i64(value, (1L << 24) + 1), 2)));
        assertArrayEquals(new float[] {0x1p64f, 1f},
                readF32(new ReferenceOpsTest().cast(DataType.UINT64, DataType.FLOAT32, i64(-1L, 1), 2)));
        assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, 1024f},
                readF16(new ReferenceOpsTest().cast(DataType.INT32, DataType.FLOAT16, i32(70000, 1024), 2)));
    }

    @Test
    void castIntegerToIntegerWraps() {
        assertArrayEquals(new byte[] {44, 127, -1},
                readI8(cast(DataType.INT32, DataType.INT8, i32(300, -129, 255), 3)));
        // -1 sign-extends to 64 bits, so as uint64 it is 2^64 - 1.
        assertArrayEquals(new long[] {-1L, 7},
                readI64(new ReferenceOpsTest().cast(DataType.INT32, DataType.UINT64, i32(-1, 7), 2)));
        assertArrayEquals(new int[] {-1},
                readI32(new ReferenceOpsTest().cast(DataType.UINT64, DataType.INT32, i64(0xFFFF_FFFFL), 1)));
    }

    @Test
    void scalarConstantsConvertToTheirType() {
        Operand big = builder.constant(DataType.UINT64, BigInteger.TWO.pow(64).subtract(BigInteger.ONE));
        Operand zero = builder.constant(DataType.UINT64, 0L);
        assertArrayEquals(new long[] {-1L}, readI64(run(builder.add(big, zero))));

        ReferenceOpsTest other = new ReferenceOpsTest();
        Operand wrapped = other.builder.constant(DataType.INT8, 300.7);
        Operand one = other.builder.constant(DataType.INT8, 1);
        assertArrayEquals(new byte[] {45}, readI8(other.run(other.builder.add(wrapped, one))));
    }
}
