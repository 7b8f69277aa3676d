package dev.webnn.engine.backend.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.ops.Concat;
import dev.webnn.engine.ops.Expand;
import dev.webnn.engine.ops.Gather;
import dev.webnn.engine.ops.GatherElements;
import dev.webnn.engine.ops.GatherND;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.ops.Pad;
import dev.webnn.engine.ops.Reverse;
import dev.webnn.engine.ops.ScatterElements;
import dev.webnn.engine.ops.ScatterND;
import dev.webnn.engine.ops.Slice;
import dev.webnn.engine.ops.Split;
import dev.webnn.engine.ops.Tile;
import dev.webnn.engine.ops.Transpose;
import dev.webnn.engine.ops.Triangular;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every expected value here is worked out by hand from the op's definition. */
class DataMovementKernelsTest {
    /** A builder builds once, so every run starts a fresh one for the operands that follow. */
    private GraphBuilder builder = new GraphBuilder(1 << 20);

    private Operand ints(DataType type, long[] shape, long... values) {
        OperandDescriptor d = OperandDescriptor.of(type, shape);
        return builder.constant(d, TensorData.ofIntegers(d, values).toBytes());
    }

    private Operand floats(DataType type, long[] shape, double... values) {
        OperandDescriptor d = OperandDescriptor.of(type, shape);
        return builder.constant(d, TensorData.ofFloats(d, values).toBytes());
    }

    private Operand f32(long[] shape, double... values) {
        return floats(DataType.FLOAT32, shape, values);
    }

    /** 0, 1, 2, ... as float32 of this shape. */
    private Operand iota(long... shape) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return f32(shape, values);
    }

    /** [[0, 1, 2], [10, 11, 12], [20, 21, 22], [30, 31, 32]]: each value names its row and column. */
    private Operand table() {
        return f32(s(4, 3), 0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32);
    }

    private static long[] s(long... dims) {
        return dims;
    }

    /** Builds and runs the op on the reference backend; returns every output, decoded. */
    private List<TensorData> runAll(Op op, Operand... inputs) {
        List<Operand> outputs = builder.addOperation(op, List.of(inputs), "");
        Map<String, Operand> named = new LinkedHashMap<>();
        Map<String, ByteBuffer> buffers = new LinkedHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            named.put("out" + i, outputs.get(i));
            buffers.put("out" + i, ByteBuffer.allocate((int) outputs.get(i).descriptor().byteLength())
                    .order(ByteOrder.LITTLE_ENDIAN));
        }
        Graph graph = builder.build(named);
        builder = new GraphBuilder(1 << 20);
        new ReferenceBackend().compile(graph).execute(Map.of(), buffers);
        List<TensorData> results = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            results.add(TensorData.decode(outputs.get(i).descriptor(), buffers.get("out" + i)));
        }
        return results;
    }

    private TensorData run(Op op, Operand... inputs) {
        return runAll(op, inputs).get(0);
    }

    private static void assertFloats(long[] shape, double[] expected, TensorData actual) {
        assertArrayEquals(shape, actual.descriptor().shape());
        assertArrayEquals(expected, actual.floats());
    }

    private static void assertInts(long[] shape, long[] expected, TensorData actual) {
        assertArrayEquals(shape, actual.descriptor().shape());
        assertArrayEquals(expected, actual.integers());
    }

    // ---- concat, expand, tile ----

    @Test
    void concatJoinsAlongInnerAndOuterAxes() {
        assertFloats(s(2, 3), new double[] {1, 3, 4, 2, 5, 6},
                run(new Concat(1), f32(s(2, 1), 1, 2), f32(s(2, 2), 3, 4, 5, 6)));
        assertFloats(s(3, 2), new double[] {3, 4, 5, 6, 7, 8},
                run(new Concat(0), f32(s(2, 2), 3, 4, 5, 6), f32(s(1, 2), 7, 8)));
    }

    @Test
    void concatKeepsFourBitAndSixtyFourBitValues() {
        Operand a = ints(DataType.INT4, s(3), -8, 7, -1);
        Operand b = ints(DataType.INT4, s(2), 3, -4);
        assertInts(s(5), new long[] {-8, 7, -1, 3, -4}, run(new Concat(0), a, b));
        Operand x = ints(DataType.UINT64, s(1), -1L);
        Operand y = ints(DataType.UINT64, s(1), Long.MIN_VALUE);
        assertInts(s(2), new long[] {-1L, Long.MIN_VALUE}, run(new Concat(0), x, y));
    }

    @Test
    void expandRepeatsDimensionsOfSizeOne() {
        Operand x = f32(s(2, 1), 1, 2);
        assertFloats(s(2, 2, 3), new double[] {1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2}, run(new Expand(s(2, 2, 3)), x));
        Operand scalar = ints(DataType.UINT4, s(), 15);
        assertInts(s(3), new long[] {15, 15, 15}, run(new Expand(s(3)), scalar));
    }

    @Test
    void tileRepeatsTheWholeInput() {
        Operand x = ints(DataType.INT64, s(2, 2), 1, 2, 3, Long.MAX_VALUE);
        assertInts(s(2, 4), new long[] {1, 2, 1, 2, 3, Long.MAX_VALUE, 3, Long.MAX_VALUE}, run(new Tile(s(1, 2)), x));
        Operand y = f32(s(2), 5, 6);
        assertFloats(s(6), new double[] {5, 6, 5, 6, 5, 6}, run(new Tile(s(3)), y));
    }

    // ---- pad ----

    @Test
    void padConstantFillsWithTheCastValue() {
        Operand x = f32(s(2, 3), 1, 2, 3, 4, 5, 6);
        assertFloats(s(4, 7), new double[] {
            9, 9, 9, 9, 9, 9, 9,
            9, 9, 1, 2, 3, 9, 9,
            9, 9, 4, 5, 6, 9, 9,
            9, 9, 9, 9, 9, 9, 9}, run(new Pad(s(1, 2), s(1, 2), Pad.Mode.CONSTANT, 9.0), x));
        Operand u8 = ints(DataType.UINT8, s(1), 7);
        // 300 wraps modulo 256 to 44.
        assertInts(s(3), new long[] {44, 7, 44}, run(new Pad(s(1), s(1), Pad.Mode.CONSTANT, 300.0), u8));
        Operand i64 = ints(DataType.INT64, s(1), 1);
        assertInts(s(2), new long[] {1, 9007199254740993L},
                run(new Pad(s(0), s(1), Pad.Mode.CONSTANT, BigInteger.valueOf(9007199254740993L)), i64));
    }

    @Test
    void padEdgeReflectionAndSymmetric() {
        Operand x = f32(s(2, 3), 1, 2, 3, 4, 5, 6);
        assertFloats(s(4, 7), new double[] {
            1, 1, 1, 2, 3, 3, 3,
            1, 1, 1, 2, 3, 3, 3,
            4, 4, 4, 5, 6, 6, 6,
            4, 4, 4, 5, 6, 6, 6}, run(new Pad(s(1, 2), s(1, 2), Pad.Mode.EDGE, 0.0), x));
        Operand y = f32(s(2, 3), 1, 2, 3, 4, 5, 6);
        assertFloats(s(4, 7), new double[] {
            6, 5, 4, 5, 6, 5, 4,
            3, 2, 1, 2, 3, 2, 1,
            6, 5, 4, 5, 6, 5, 4,
            3, 2, 1, 2, 3, 2, 1}, run(new Pad(s(1, 2), s(1, 2), Pad.Mode.REFLECTION, 0.0), y));
        Operand z = f32(s(2, 3), 1, 2, 3, 4, 5, 6);
        assertFloats(s(4, 7), new double[] {
            2, 1, 1, 2, 3, 3, 2,
            2, 1, 1, 2, 3, 3, 2,
            5, 4, 4, 5, 6, 6, 5,
            5, 4, 4, 5, 6, 6, 5}, run(new Pad(s(1, 2), s(1, 2), Pad.Mode.SYMMETRIC, 0.0), z));
    }

    @Test
    void symmetricPaddingWiderThanTheInputKeepsMirroring() {
        Operand x = ints(DataType.INT8, s(2), 1, 2);
        // Mirrored after the edge, again and again: 1 | 1 2 | 2 1 1 2.
        assertInts(s(7), new long[] {1, 1, 2, 2, 1, 1, 2}, run(new Pad(s(1), s(4), Pad.Mode.SYMMETRIC, 0.0), x));
    }

    // ---- slice and split ----

    @Test
    void sliceWithAndWithoutStrides() {
        Operand x = iota(3, 4);
        assertFloats(s(2, 2), new double[] {5, 6, 9, 10}, run(new Slice(s(1, 1), s(2, 2), null), x));
        Operand y = iota(3, 4);
        // Rows 0 and 2, columns 1 and 3 (size 3 from 1, stride 2).
        assertFloats(s(2, 2), new double[] {1, 3, 9, 11}, run(new Slice(s(0, 1), s(3, 3), s(2, 2)), y));
        Operand nibbles = ints(DataType.UINT4, s(5), 1, 2, 3, 4, 5);
        assertInts(s(2), new long[] {2, 4}, run(new Slice(s(1), s(4), s(2)), nibbles));
    }

    @Test
    void splitCutsConsecutivePieces() {
        List<TensorData> pieces = runAll(Split.bySizes(s(1, 2), 1), iota(2, 3));
        assertFloats(s(2, 1), new double[] {0, 3}, pieces.get(0));
        assertFloats(s(2, 2), new double[] {1, 2, 4, 5}, pieces.get(1));
        List<TensorData> halves = runAll(Split.evenly(2, 0), ints(DataType.UINT32, s(4), 1, 2, 3, 0xFFFF_FFFFL));
        assertInts(s(2), new long[] {1, 2}, halves.get(0));
        assertInts(s(2), new long[] {3, 0xFFFF_FFFFL}, halves.get(1));
    }

    // ---- transpose, reverse, triangular ----

    @Test
    void transposeDefaultsToReversedDimensions() {
        assertFloats(s(3, 2), new double[] {0, 3, 1, 4, 2, 5}, run(new Transpose(null), iota(2, 3)));
        // [2, 3, 2] with permutation [1, 0, 2]: out[j][i][k] = in[i][j][k].
        assertFloats(s(3, 2, 2), new double[] {0, 1, 6, 7, 2, 3, 8, 9, 4, 5, 10, 11},
                run(new Transpose(s(1, 0, 2)), iota(2, 3, 2)));
    }

    @Test
    void reverseChosenAxes() {
        assertFloats(s(2, 3), new double[] {5, 4, 3, 2, 1, 0}, run(new Reverse(null), iota(2, 3)));
        assertFloats(s(2, 3), new double[] {2, 1, 0, 5, 4, 3}, run(new Reverse(s(1)), iota(2, 3)));
        assertFloats(s(2, 3), new double[] {0, 1, 2, 3, 4, 5}, run(new Reverse(s()), iota(2, 3)));
    }

    @Test
    void triangularKeepsOneSideOfTheDiagonal() {
        assertFloats(s(3, 3), new double[] {1, 2, 3, 0, 5, 6, 0, 0, 9},
                run(new Triangular(true, 0), f32(s(3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9)));
        assertFloats(s(3, 3), new double[] {0, 2, 3, 0, 0, 6, 0, 0, 0},
                run(new Triangular(true, 1), f32(s(3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9)));
        assertFloats(s(3, 3), new double[] {0, 0, 0, 4, 0, 0, 7, 8, 0},
                run(new Triangular(false, -1), f32(s(3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9)));
        // Batched: each innermost 2x2 matrix separately, on int4.
        assertInts(s(2, 2, 2), new long[] {1, 0, 3, 4, -1, 0, -3, -4},
                run(new Triangular(false, 0), ints(DataType.INT4, s(2, 2, 2), 1, 2, 3, 4, -1, -2, -3, -4)));
    }

    // ---- gather family ----

    @Test
    void gatherAlongEachAxis() {
        assertFloats(s(2, 3), new double[] {30, 31, 32, 10, 11, 12},
                run(new Gather(0), table(), ints(DataType.UINT32, s(2), 3, 1)));
        assertFloats(s(4, 2, 2), new double[] {0, 1, 1, 2, 10, 11, 11, 12, 20, 21, 21, 22, 30, 31, 31, 32},
                run(new Gather(1), table(), ints(DataType.UINT32, s(2, 2), 0, 1, 1, 2)));
        assertFloats(s(3), new double[] {20, 21, 22}, run(new Gather(0), table(), ints(DataType.INT64, s(), 2)));
    }

    @Test
    void gatherIndicesCountFromTheEndAndClamp() {
        Operand input = ints(DataType.INT64, s(4), 10, 11, 12, Long.MIN_VALUE);
        assertInts(s(5), new long[] {Long.MIN_VALUE, 10, 10, Long.MIN_VALUE, Long.MIN_VALUE},
                run(new Gather(0), input, ints(DataType.INT32, s(5), -1, -4, -5, 4, Integer.MAX_VALUE)));
        Operand other = f32(s(3), 1, 2, 3);
        // uint32 4294967295 is a large positive index, not -1, and clamps to the last element.
        assertFloats(s(1), new double[] {3}, run(new Gather(0), other, ints(DataType.UINT32, s(1), 0xFFFF_FFFFL)));
    }

    @Test
    void gatherElementsPicksPerElement() {
        assertFloats(s(2, 3), new double[] {30, 11, 12, 20, 1, 32},
                run(new GatherElements(0), table(), ints(DataType.UINT32, s(2, 3), 3, 1, 1, 2, 0, 3)));
        assertFloats(s(4, 1), new double[] {2, 11, 20, 32},
                run(new GatherElements(1), table(), ints(DataType.INT32, s(4, 1), 2, 1, -3, 7)));
    }

    @Test
    void gatherNDPicksElementsOrSlices() {
        assertFloats(s(3), new double[] {0, 3, 2},
                run(new GatherND(), iota(2, 2), ints(DataType.UINT32, s(3, 2), 0, 0, 1, 1, 1, 0)));
        assertFloats(s(2, 2), new double[] {2, 3, 0, 1}, run(new GatherND(), iota(2, 2), ints(DataType.INT64, s(2, 1), 1, 0)));
        Operand cube = iota(2, 2, 2);
        assertFloats(s(2, 2), new double[] {2, 3, 4, 5}, run(new GatherND(), cube, ints(DataType.INT32, s(2, 2), 0, 1, -1, 0)));
        Operand column = iota(3);
        assertFloats(s(2), new double[] {2, 0}, run(new GatherND(), column, ints(DataType.INT32, s(2, 1), 16, -20)));
    }

    // ---- scatter family ----

    @Test
    void scatterElementsOverwritesAlongTheAxis() {
        Operand input = table();
        Operand indices = ints(DataType.UINT32, s(2, 3), 3, 1, 1, 2, 0, 3);
        Operand updates = f32(s(2, 3), -1, -2, -3, -4, -5, -6);
        assertFloats(s(4, 3), new double[] {0, -5, 2, 10, -2, -3, -4, 21, 22, -1, 31, -6},
                run(new ScatterElements(0), input, indices, updates));
    }

    @Test
    void scatterElementsAlongTheLastAxisWithNegativeIndices() {
        Operand input = ints(DataType.INT8, s(2, 3), 1, 2, 3, 4, 5, 6);
        Operand indices = ints(DataType.INT64, s(2, 1), -1, 0);
        Operand updates = ints(DataType.INT8, s(2, 1), -100, 100);
        assertInts(s(2, 3), new long[] {1, 2, -100, 100, 5, 6}, run(new ScatterElements(1), input, indices, updates));
    }

    @Test
    void scatterNDOverwritesElementsAndSlices() {
        Operand input = f32(s(8), 0, 1, 2, 3, 4, 5, 6, 7);
        Operand indices = ints(DataType.UINT32, s(4, 1), 4, 3, 1, 7);
        Operand updates = f32(s(4), -1, -2, -3, -4);
        assertFloats(s(8), new double[] {0, -3, 2, -2, -1, 5, 6, -4}, run(new ScatterND(), input, indices, updates));

        Operand matrix = f32(s(3, 2), 0, 1, 2, 3, 4, 5);
        Operand rows = ints(DataType.INT32, s(2, 1), 1, 0);
        Operand rowUpdates = f32(s(2, 2), -1, -2, -3, 4);
        assertFloats(s(3, 2), new double[] {-3, 4, -1, -2, 4, 5}, run(new ScatterND(), matrix, rows, rowUpdates));
    }

    @Test
    void scatterNDOnFourBitValuesWithALaterUpdateWinning() {
        Operand input = ints(DataType.UINT4, s(3), 1, 2, 3);
        Operand indices = ints(DataType.INT64, s(2, 1), 2, -1);
        Operand updates = ints(DataType.UINT4, s(2), 9, 15);
        assertInts(s(3), new long[] {1, 2, 15}, run(new ScatterND(), input, indices, updates));
    }

    @Test
    void clampIndexCountsFromTheEndThenClamps() {
        assertEquals(2, DataMovementKernels.clampIndex(-1, 3));
        assertEquals(0, DataMovementKernels.clampIndex(-3, 3));
        assertEquals(0, DataMovementKernels.clampIndex(-4, 3));
        assertEquals(2, DataMovementKernels.clampIndex(3, 3));
        assertEquals(0, DataMovementKernels.clampIndex(Long.MIN_VALUE, 3));
        assertEquals(2, DataMovementKernels.clampIndex(Long.MAX_VALUE, 3));
    }

    @Test
    void float16ValuesMoveUnchanged() {
        Operand x = floats(DataType.FLOAT16, s(2, 2), 0.5, -65504, 0x1p-14, Double.NEGATIVE_INFINITY);
        assertFloats(s(2, 2), new double[] {0.5, 0x1p-14, -65504, Double.NEGATIVE_INFINITY},
                run(new Transpose(null), x));
    }
}
