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
import dev.webnn.engine.ops.ArgMinMax;
import dev.webnn.engine.ops.BatchNormalization;
import dev.webnn.engine.ops.CumulativeSum;
import dev.webnn.engine.ops.InputLayout;
import dev.webnn.engine.ops.InstanceNormalization;
import dev.webnn.engine.ops.LayerNormalization;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.ops.Reduce;
import dev.webnn.engine.ops.Reduce.Kind;
import dev.webnn.engine.ops.Softmax;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference kernels of the reduction and normalization family, against values computed by hand. */
class ReductionKernelsTest {
    private static final float LN2 = (float) Math.log(2);

    /** A constant input: its type, shape and little-endian bytes; null stands for an absent optional operand. */
    private record In(DataType type, long[] shape, ByteBuffer bytes) {
    }

    private static In in(DataType type, ByteBuffer bytes, long... shape) {
        return new In(type, shape, bytes);
    }

    private static In f32In(float[] values, long... shape) {
        return in(DataType.FLOAT32, f32(values), shape);
    }

    /** Runs one op over constant inputs on the reference backend and returns its output's bytes. */
    private static ByteBuffer run(Op op, In... inputs) {
        GraphBuilder builder = new GraphBuilder(1 << 20);
        List<Operand> operands = new ArrayList<>();
        for (In input : inputs) {
            operands.add(input == null ? null
                    : builder.constant(OperandDescriptor.of(input.type, input.shape), input.bytes));
        }
        Operand out = builder.addOperation(op, operands, "").get(0);
        Graph graph = builder.build(Map.of("out", out));
        ByteBuffer result = ByteBuffer.allocate((int) out.descriptor().byteLength()).order(ByteOrder.LITTLE_ENDIAN);
        new ReferenceBackend().compile(graph).execute(Map.of(), Map.of("out", result));
        return result;
    }

    private static float[] reduceF32(Kind kind, List<Long> axes, float[] values, long... shape) {
        return readF32(run(new Reduce(kind, axes, false), f32In(values, shape)));
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, Arrays.toString(actual));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], Math.ulp(expected[i]) * 2, "element " + i + " of "
                    + Arrays.toString(actual));
        }
    }

    // ---- reductions ----

    @Test
    void sumMeanAndProductAlongAxes() {
        float[] x = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(new float[] {6, 15}, reduceF32(Kind.REDUCE_SUM, List.of(1L), x, 2, 3));
        assertArrayEquals(new float[] {5, 7, 9}, reduceF32(Kind.REDUCE_SUM, List.of(0L), x, 2, 3));
        assertArrayEquals(new float[] {3.5f}, reduceF32(Kind.REDUCE_MEAN, null, x, 2, 3));
        assertArrayEquals(new float[] {2, 5}, reduceF32(Kind.REDUCE_MEAN, List.of(1L), x, 2, 3));
        assertArrayEquals(new float[] {720}, reduceF32(Kind.REDUCE_PRODUCT, null, x, 2, 3));
        assertArrayEquals(new float[] {4, 10, 18}, reduceF32(Kind.REDUCE_PRODUCT, List.of(0L), x, 2, 3));
    }

    @Test
    void reducingNonAdjacentAxesKeepsTheOthersInOrder() {
        // shape [2,2,2]: x[i][j][k] = 4i + 2j + k + 1; summing axes 0 and 2 leaves j.
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        assertArrayEquals(new float[] {1 + 2 + 5 + 6, 3 + 4 + 7 + 8},
                reduceF32(Kind.REDUCE_SUM, List.of(0L, 2L), x, 2, 2, 2));
        ByteBuffer kept = run(new Reduce(Kind.REDUCE_MAX, List.of(2L, 0L), true), f32In(x, 2, 2, 2));
        assertArrayEquals(new float[] {6, 8}, readF32(kept));
    }

    @Test
    void normsAndSquares() {
        assertArrayEquals(new float[] {6}, reduceF32(Kind.REDUCE_L1, null, new float[] {-1, 2, -3}, 3));
        assertArrayEquals(new float[] {5}, reduceF32(Kind.REDUCE_L2, null, new float[] {3, -4}, 2));
        assertArrayEquals(new float[] {14}, reduceF32(Kind.REDUCE_SUM_SQUARE, null, new float[] {1, -2, 3}, 3));
        assertArrayEquals(new float[] {-1, -3}, reduceF32(Kind.REDUCE_MIN, List.of(1L), new float[] {-1, 2, -3, 2}, 2, 2));
    }

    @Test
    void emptyAxesReduceEachValueAlone() {
        assertArrayEquals(new float[] {2, 3}, reduceF32(Kind.REDUCE_L1, List.of(), new float[] {-2, 3}, 2));
        assertArrayEquals(new float[] {4, 9}, reduceF32(Kind.REDUCE_SUM_SQUARE, List.of(), new float[] {-2, 3}, 2));
        assertArrayEquals(new float[] {0}, reduceF32(Kind.REDUCE_LOG_SUM, List.of(), new float[] {1}, 1));
    }

    @Test
    void logSumAndLogSumExp() {
        assertArrayEquals(new float[] {0}, reduceF32(Kind.REDUCE_LOG_SUM, null, new float[] {0.25f, 0.75f}, 2));
        assertArrayEquals(new float[] {Float.NaN},
                reduceF32(Kind.REDUCE_LOG_SUM, null, new float[] {-1, -2}, 2));
        assertClose(new float[] {LN2}, reduceF32(Kind.REDUCE_LOG_SUM_EXP, null, new float[] {0, 0}, 2));
        // exp(1000) overflows a double; the result itself, 1000 + ln 2, does not.
        assertClose(new float[] {1000.6932f},
                reduceF32(Kind.REDUCE_LOG_SUM_EXP, null, new float[] {1000, 1000}, 2));
        float inf = Float.POSITIVE_INFINITY;
        assertArrayEquals(new float[] {-inf, inf},
                reduceF32(Kind.REDUCE_LOG_SUM_EXP, List.of(1L), new float[] {-inf, -inf, 3, inf}, 2, 2));
    }

    @Test
    void float16ResultsRoundOnceFromDouble() {
        // 2048 + 1 + 1 = 2050 exactly, though 2048 + 1 alone is not a float16 value.
        ByteBuffer out = run(new Reduce(Kind.REDUCE_SUM, null, false), in(DataType.FLOAT16, f16(2048, 1, 1), 3));
        assertArrayEquals(new float[] {2050}, readF16(out));
    }

    @Test
    void integerReductionsWrapAndCompareInTheirType() {
        ByteBuffer sum = run(new Reduce(Kind.REDUCE_SUM, null, false), in(DataType.INT32, i32(Integer.MAX_VALUE, 1), 2));
        assertArrayEquals(new int[] {Integer.MIN_VALUE}, readI32(sum));
        ByteBuffer exact = run(new Reduce(Kind.REDUCE_SUM, null, false),
                in(DataType.INT64, i64((1L << 53) + 1, 1), 2));
        assertArrayEquals(new long[] {(1L << 53) + 2}, readI64(exact));
        // uint32 values are never negated by L1: 0xFFFFFFFF + 1 wraps to 0.
        ByteBuffer l1 = run(new Reduce(Kind.REDUCE_L1, null, false), in(DataType.UINT32, i32(-1, 1), 2));
        assertArrayEquals(new int[] {0}, readI32(l1));
        ByteBuffer signedL1 = run(new Reduce(Kind.REDUCE_L1, null, false), in(DataType.INT64, i64(-5, 7), 2));
        assertArrayEquals(new long[] {12}, readI64(signedL1));
        ByteBuffer product = run(new Reduce(Kind.REDUCE_PRODUCT, List.of(1L), false),
                in(DataType.INT32, i32(-2, 3, 4, 5), 2, 2));
        assertArrayEquals(new int[] {-6, 20}, readI32(product));
        ByteBuffer squares = run(new Reduce(Kind.REDUCE_SUM_SQUARE, null, false), in(DataType.INT32, i32(-3, 4), 2));
        assertArrayEquals(new int[] {25}, readI32(squares));
        // 2^63 is the largest uint64 here, though as a signed long it is the smallest.
        ByteBuffer max = run(new Reduce(Kind.REDUCE_MAX, null, false), in(DataType.UINT64, i64(Long.MIN_VALUE, 1), 2));
        assertArrayEquals(new long[] {Long.MIN_VALUE}, readI64(max));
        ByteBuffer min = run(new Reduce(Kind.REDUCE_MIN, null, false), in(DataType.UINT64, i64(Long.MIN_VALUE, 1), 2));
        assertArrayEquals(new long[] {1}, readI64(min));
        ByteBuffer int8Max = run(new Reduce(Kind.REDUCE_MAX, null, false), in(DataType.INT8, i8(-128, 5, -3), 3));
        assertArrayEquals(new byte[] {5}, readI8(int8Max));
    }

    @Test
    void fourBitMaxAndMin() {
        // int4 values -8, 7, -1 packed low nibble first: 0x78, 0x0F.
        ByteBuffer packed = ByteBuffer.wrap(new byte[] {0x78, 0x0F});
        assertArrayEquals(new byte[] {0x07}, readI8(run(new Reduce(Kind.REDUCE_MAX, null, false),
                in(DataType.INT4, packed.duplicate(), 3))));
        assertArrayEquals(new byte[] {0x08}, readI8(run(new Reduce(Kind.REDUCE_MIN, null, false),
                in(DataType.INT4, packed.duplicate(), 3))));
        // As uint4 the same nibbles are 8, 7, 15.
        assertArrayEquals(new byte[] {0x0F}, readI8(run(new Reduce(Kind.REDUCE_MAX, null, false),
                in(DataType.UINT4, packed.duplicate(), 3))));
    }

    // ---- argMin / argMax ----

    @Test
    void argMaxAndArgMinPickTheFirstExtreme() {
        In x = f32In(new float[] {1, 5, 5, 7, 2, 7}, 2, 3);
        assertArrayEquals(new int[] {1, 0},
                readI32(run(new ArgMinMax(ArgMinMax.Kind.ARG_MAX, 1, false, DataType.INT32), x)));
        assertArrayEquals(new int[] {0, 1, 0},
                readI32(run(new ArgMinMax(ArgMinMax.Kind.ARG_MIN, 0, false, DataType.INT32), x)));
        assertArrayEquals(new long[] {0, 1},
                readI64(run(new ArgMinMax(ArgMinMax.Kind.ARG_MIN, 1, true, DataType.INT64), x)));
    }

    @Test
    void argMinMaxOverIntegersAndNaN() {
        In unsigned = in(DataType.UINT64, i64(1, Long.MIN_VALUE, 2), 3);
        assertArrayEquals(new int[] {1},
                readI32(run(new ArgMinMax(ArgMinMax.Kind.ARG_MAX, 0, false, DataType.INT32), unsigned)));
        In signed = in(DataType.INT64, i64(1, Long.MIN_VALUE, 2), 3);
        assertArrayEquals(new int[] {1},
                readI32(run(new ArgMinMax(ArgMinMax.Kind.ARG_MIN, 0, false, DataType.INT32), signed)));
        In withNaN = f32In(new float[] {1, Float.NaN, 3, 0}, 4);
        assertArrayEquals(new int[] {1},
                readI32(run(new ArgMinMax(ArgMinMax.Kind.ARG_MAX, 0, false, DataType.INT32), withNaN)));
        assertArrayEquals(new int[] {1},
                readI32(run(new ArgMinMax(ArgMinMax.Kind.ARG_MIN, 0, false, DataType.INT32), withNaN)));
    }

    // ---- cumulativeSum ----

    @Test
    void cumulativeSumDirectionsAndExclusivity() {
        In x = f32In(new float[] {1, 2, 3, 4}, 4);
        assertArrayEquals(new float[] {1, 3, 6, 10}, readF32(run(new CumulativeSum(0, false, false), x)));
        assertArrayEquals(new float[] {0, 1, 3, 6}, readF32(run(new CumulativeSum(0, true, false), x)));
        assertArrayEquals(new float[] {10, 9, 7, 4}, readF32(run(new CumulativeSum(0, false, true), x)));
        assertArrayEquals(new float[] {9, 7, 4, 0}, readF32(run(new CumulativeSum(0, true, true), x)));
    }

    @Test
    void cumulativeSumAlongAnInnerOrOuterAxis() {
        In x = f32In(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[] {1, 2, 3, 5, 7, 9}, readF32(run(new CumulativeSum(0, false, false), x)));
        assertArrayEquals(new float[] {1, 3, 6, 4, 9, 15}, readF32(run(new CumulativeSum(1, false, false), x)));
        In ints = in(DataType.INT32, i32(Integer.MAX_VALUE, 1, 1), 3);
        assertArrayEquals(new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1},
                readI32(run(new CumulativeSum(0, false, false), ints)));
    }

    // ---- softmax ----

    @Test
    void softmaxAlongEachAxis() {
        float ln3 = (float) Math.log(3);
        In x = f32In(new float[] {0, 0, ln3, 0}, 2, 2);
        assertClose(new float[] {0.5f, 0.5f, 0.75f, 0.25f}, readF32(run(new Softmax(1), x)));
        assertClose(new float[] {0.25f, 0.5f, 0.75f, 0.5f}, readF32(run(new Softmax(0), x)));
        // Large values would overflow exp without subtracting the maximum first.
        assertClose(new float[] {0.5f, 0.5f}, readF32(run(new Softmax(0), f32In(new float[] {1000, 1000}, 2))));
    }

    // ---- normalizations ----

    @Test
    void batchNormalizationPerFeature() {
        In x = f32In(new float[] {1, 2, 3, 4}, 2, 2);
        In mean = f32In(new float[] {2, 3}, 2);
        In variance = f32In(new float[] {4, 1}, 2);
        assertArrayEquals(new float[] {-0.5f, -1, 0.5f, 1},
                readF32(run(new BatchNormalization(1, 0), x, mean, variance, null, null)));
        In scale = f32In(new float[] {2, 1}, 2);
        In bias = f32In(new float[] {1, 0}, 2);
        assertArrayEquals(new float[] {0, -1, 2, 1},
                readF32(run(new BatchNormalization(1, 0), x, mean, variance, scale, bias)));
        // Along axis 0 the rows are the features: row means 2 and 3.
        assertArrayEquals(new float[] {-0.5f, 0, 0, 1},
                readF32(run(new BatchNormalization(0, 0), x, mean, variance, null, null)));
    }

    @Test
    void epsilonIsCastToTheInputType() {
        // float16(1e-5) = 1.00136e-5, so 1 / sqrt(epsilon) is 316.01, which rounds to 316 (316.23 would give 316.25).
        In one = in(DataType.FLOAT16, f16(1), 1);
        In zero = in(DataType.FLOAT16, f16(0), 1);
        assertArrayEquals(new float[] {316},
                readF16(run(new BatchNormalization(0, 1e-5), one, zero, zero, null, null)));
    }

    @Test
    void instanceNormalizationInBothLayouts() {
        In scale = f32In(new float[] {2, 3}, 2);
        In bias = f32In(new float[] {0, 1}, 2);
        // Channel 0 holds 1, 3 (mean 2, variance 1); channel 1 holds 10, 20 (mean 15, variance 25).
        In nchw = f32In(new float[] {1, 3, 10, 20}, 1, 2, 1, 2);
        assertArrayEquals(new float[] {-2, 2, -2, 4},
                readF32(run(new InstanceNormalization(0, InputLayout.NCHW), nchw, scale, bias)));
        In nhwc = f32In(new float[] {1, 10, 3, 20}, 1, 1, 2, 2);
        assertArrayEquals(new float[] {-2, -2, 2, 4},
                readF32(run(new InstanceNormalization(0, InputLayout.NHWC), nhwc, scale, bias)));
        assertArrayEquals(new float[] {-1, 1, -1, 1},
                readF32(run(new InstanceNormalization(0, InputLayout.NCHW), nchw, null, null)));
    }

    @Test
    void layerNormalizationDefaultAxesAndScaleOrder() {
        // Default axes [1]: rows 1, 3 (mean 2, variance 1) and 2, 6 (mean 4, variance 4).
        assertArrayEquals(new float[] {-1, 1, -1, 1},
                readF32(run(new LayerNormalization(null, 0), f32In(new float[] {1, 3, 2, 6}, 2, 2), null, null)));
        // Axes [2, 1]: the scale's first dimension runs along input axis 2. Mean 2.5, variance 1.25.
        In x = f32In(new float[] {1, 2, 3, 4}, 1, 2, 2);
        In scale = f32In(new float[] {1, 10, 100, 1000}, 2, 2);
        float s = (float) Math.sqrt(1.25);
        float[] out = readF32(run(new LayerNormalization(List.of(2L, 1L), 0), x, scale, null));
        assertClose(new float[] {-1.5f / s, -0.5f / s * 100, 0.5f / s * 10, 1.5f / s * 1000}, out);
    }

    @Test
    void layerNormalizationWithoutAxesLeavesTheBias() {
        In x = f32In(new float[] {5, -7}, 2);
        In bias = f32In(new float[] {0.5f}, new long[0]);
        float[] out = readF32(run(new LayerNormalization(List.of(), 1e-5), x, null, bias));
        assertArrayEquals(new float[] {0.5f, 0.5f}, out);
    }
}
