package dev.webnn.engine.backend.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webnn.engine.DataType;
import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.ops.Conv2d;
import dev.webnn.engine.ops.ConvTranspose2d;
import dev.webnn.engine.ops.Gemm;
import dev.webnn.engine.ops.InputLayout;
import dev.webnn.engine.ops.Matmul;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.ops.Pool2d;
import dev.webnn.engine.ops.Resample2d;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every expected value here is worked out by hand from the op's definition. */
class LinearAlgebraKernelsTest {
    /** A builder builds once, so every run starts a fresh one for the operands that follow. */
    private GraphBuilder builder = new GraphBuilder(1 << 20);

    private Operand floats(DataType type, long[] shape, double... values) {
        OperandDescriptor d = OperandDescriptor.of(type, shape);
        return builder.constant(d, TensorData.ofFloats(d, values).toBytes());
    }

    private Operand f32(long[] shape, double... values) {
        return floats(DataType.FLOAT32, shape, values);
    }

    private Operand ints(DataType type, long[] shape, long... values) {
        OperandDescriptor d = OperandDescriptor.of(type, shape);
        return builder.constant(d, TensorData.ofIntegers(d, values).toBytes());
    }

    private static long[] shape(long... dims) {
        return dims;
    }

    /** Adds the op (null entries are absent optional operands), runs the graph and decodes its one output. */
    private TensorData run(Op op, Operand... inputs) {
        Operand out = builder.addOperation(op, Arrays.asList(inputs), "").get(0);
        Graph graph = builder.build(Map.of("out", out));
        ByteBuffer result = ByteBuffer.allocate((int) out.descriptor().byteLength()).order(ByteOrder.LITTLE_ENDIAN);
        new ReferenceBackend().compile(graph).execute(Map.of(), Map.of("out", result));
        builder = new GraphBuilder(1 << 20);
        return TensorData.decode(out.descriptor(), result);
    }

    private static void assertValues(TensorData actual, long[] expectedShape, double... expected) {
        assertArrayEquals(expectedShape, actual.descriptor().shape());
        assertArrayEquals(expected, actual.floats(), 1e-12, actual.toString());
    }

    private static void assertIntegers(TensorData actual, long[] expectedShape, long... expected) {
        assertArrayEquals(expectedShape, actual.descriptor().shape());
        assertArrayEquals(expected, actual.integers(), actual.toString());
    }

    // ---- matmul ----

    @Test
    void matmulBroadcastsAOneMatrixBAcrossTheBatch() {
        TensorData out = run(new Matmul(), f32(shape(2, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8), f32(shape(2, 1), 1, 10));
        assertValues(out, shape(2, 2, 1), 21, 43, 65, 87);
    }

    // ---- gemm ----

    @Test
    void gemmScalesTheProductAndAddsTheBroadcastScaledC() {
        Operand a = f32(shape(2, 2), 1, 2, 3, 4);
        Operand b = f32(shape(2, 2), 5, 6, 7, 8);
        Operand c = f32(shape(2), 1, 2);
        // A x B = [[19, 22], [43, 50]].
        assertValues(run(new Gemm(2, 0.5, false, false), a, b, c), shape(2, 2), 38.5, 45, 86.5, 101);
    }

    @Test
    void gemmTransposesBeforeMultiplying() {
        // A^T is [[1, 2, 3], [4, 5, 6]] (2x3); B^T is [[1, 0], [0, 1], [1, 1]] (3x2).
        Operand a = f32(shape(3, 2), 1, 4, 2, 5, 3, 6);
        Operand b = f32(shape(2, 3), 1, 0, 1, 0, 1, 1);
        assertValues(run(new Gemm(1, 1, true, true), a, b, null), shape(2, 2), 4, 5, 10, 11);
    }

    @Test
    void gemmWithoutCAddsNothingWhateverBeta() {
        Operand a = f32(shape(1, 2), 1, 2);
        Operand b = f32(shape(2, 1), 3, 4);
        assertValues(run(new Gemm(1, 7, false, false), a, b, null), shape(1, 1), 11);
    }

    @Test
    void gemmCastsAlphaToTheOperandTypeFirst() {
        // 1 + 2^-24 is a float32 tie that rounds to 1, so the result is exactly 3; multiplying by the uncast alpha
        // would give 3 + 1.5 * 2^-23, which rounds up to the next float32 above 3.
        Operand a = f32(shape(1, 1), 3);
        Operand b = f32(shape(1, 1), 1);
        assertValues(run(new Gemm(1 + 0x1p-24, 1, false, false), a, b, null), shape(1, 1), 3);
    }

    @Test
    void gemmRoundsFloat16Results() {
        Operand a = floats(DataType.FLOAT16, shape(1, 1), 2049);
        Operand b = floats(DataType.FLOAT16, shape(1, 1), 1);
        // 2049 is not a float16 (its spacing there is 2): the constant holds 2048, and 2048 + 1 rounds to even.
        assertValues(run(new Gemm(1, 1, false, false), a, b, floats(DataType.FLOAT16, shape(), 1)), shape(1, 1),
                2048);
    }

    // ---- conv2d ----

    private static final double[] ONE_TO_NINE = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    private static Conv2d conv(List<Long> padding, List<Long> strides, List<Long> dilations, long groups,
            InputLayout inputLayout, Conv2d.FilterLayout filterLayout) {
        return new Conv2d(padding, strides, dilations, groups, inputLayout, filterLayout);
    }

    @Test
    void conv2dSlidesTheFilterAndAddsTheBias() {
        Operand input = f32(shape(1, 1, 3, 3), ONE_TO_NINE);
        Operand filter = f32(shape(1, 1, 2, 2), 1, 0, 0, 1);
        assertValues(run(Conv2d.defaults(), input, filter, null), shape(1, 1, 2, 2), 6, 8, 12, 14);
        assertValues(run(Conv2d.defaults(), f32(shape(1, 1, 3, 3), ONE_TO_NINE), f32(shape(1, 1, 2, 2), 1, 0, 0, 1),
                f32(shape(1), 10)), shape(1, 1, 2, 2), 16, 18, 22, 24);
    }

    @Test
    void conv2dPadsWithZerosAndStrides() {
        Operand input = f32(shape(1, 1, 3, 3), ONE_TO_NINE);
        Operand filter = f32(shape(1, 1, 2, 2), 1, 0, 0, 1);
        Conv2d op = conv(List.of(1L, 0L, 1L, 0L), List.of(2L, 2L), null, 1, InputLayout.NCHW, Conv2d.FilterLayout.OIHW);
        assertValues(run(op, input, filter, null), shape(1, 1, 2, 2), 1, 3, 7, 14);
    }

    @Test
    void conv2dDilatesTheFilter() {
        Operand input = f32(shape(1, 1, 3, 3), ONE_TO_NINE);
        Operand filter = f32(shape(1, 1, 2, 2), 1, 2, 3, 4);
        Conv2d op = conv(null, null, List.of(2L, 2L), 1, InputLayout.NCHW, Conv2d.FilterLayout.OIHW);
        // The taps land on the corners 1, 3, 7 and 9.
        assertValues(run(op, input, filter, null), shape(1, 1, 1, 1), 1 + 3 * 2 + 7 * 3 + 9 * 4);
    }

    /**
     * A pointwise filter with weights w[o][i] = [[1, 2], [3, 4]] over channels [1, 2, 3, 4] and [10, 20, 30, 40]:
     * output channel 0 is [21, 42, 63, 84] and channel 1 is [43, 86, 129, 172], in every layout.
     */
    @Test
    void conv2dReadsEveryInputAndFilterLayout() {
        double[] nchwInput = {1, 2, 3, 4, 10, 20, 30, 40};
        double[] nhwcInput = {1, 10, 2, 20, 3, 30, 4, 40};
        double[] nchwOutput = {21, 42, 63, 84, 43, 86, 129, 172};
        double[] nhwcOutput = {21, 43, 42, 86, 63, 129, 84, 172};
        Map<Conv2d.FilterLayout, long[]> filterShapes = Map.of(
                Conv2d.FilterLayout.OIHW, shape(2, 2, 1, 1), Conv2d.FilterLayout.HWIO, shape(1, 1, 2, 2),
                Conv2d.FilterLayout.OHWI, shape(2, 1, 1, 2), Conv2d.FilterLayout.IHWO, shape(2, 1, 1, 2));
        Map<Conv2d.FilterLayout, double[]> filterValues = Map.of(
                Conv2d.FilterLayout.OIHW, new double[] {1, 2, 3, 4},
                Conv2d.FilterLayout.HWIO, new double[] {1, 3, 2, 4},
                Conv2d.FilterLayout.OHWI, new double[] {1, 2, 3, 4},
                Conv2d.FilterLayout.IHWO, new double[] {1, 3, 2, 4});
        for (Conv2d.FilterLayout layout : Conv2d.FilterLayout.values()) {
            Conv2d nchw = conv(null, null, null, 1, InputLayout.NCHW, layout);
            assertValues(run(nchw, f32(shape(1, 2, 2, 2), nchwInput),
                    f32(filterShapes.get(layout), filterValues.get(layout)), null), shape(1, 2, 2, 2), nchwOutput);
            Conv2d nhwc = conv(null, null, null, 1, InputLayout.NHWC, layout);
            assertValues(run(nhwc, f32(shape(1, 2, 2, 2), nhwcInput),
                    f32(filterShapes.get(layout), filterValues.get(layout)), null), shape(1, 2, 2, 2), nhwcOutput);
        }
    }

    @Test
    void conv2dTellsHeightFromWidthInEveryFilterLayout() {
        // A 1x2 filter [1, 10] over the rows of [[1, 2, 3], [4, 5, 6]]: out = in[h][w] + 10 * in[h][w + 1].
        long[][] shapes = {shape(1, 1, 1, 2), shape(1, 2, 1, 1), shape(1, 1, 2, 1), shape(1, 1, 2, 1)};
        Conv2d.FilterLayout[] layouts = Conv2d.FilterLayout.values();
        for (int i = 0; i < layouts.length; i++) {
            Conv2d op = conv(null, null, null, 1, InputLayout.NCHW, layouts[i]);
            assertValues(run(op, f32(shape(1, 1, 2, 3), 1, 2, 3, 4, 5, 6), f32(shapes[i], 1, 10), null),
                    shape(1, 1, 2, 2), 21, 32, 54, 65);
        }
    }

    @Test
    void conv2dGroupsConvolveChannelsApart() {
        Operand input = f32(shape(1, 2, 2, 2), 1, 2, 3, 4, 10, 20, 30, 40);
        Operand filter = f32(shape(2, 1, 1, 1), 2, 3);
        Conv2d depthwise = conv(null, null, null, 2, InputLayout.NCHW, Conv2d.FilterLayout.OIHW);
        assertValues(run(depthwise, input, filter, null), shape(1, 2, 2, 2), 2, 4, 6, 8, 30, 60, 90, 120);
    }

    // ---- convTranspose2d ----

    private static ConvTranspose2d convTranspose(List<Long> padding, List<Long> strides, List<Long> outputPadding,
            List<Long> outputSizes, long groups, ConvTranspose2d.FilterLayout filterLayout) {
        return new ConvTranspose2d(padding, strides, null, outputPadding, outputSizes, groups, InputLayout.NCHW,
                filterLayout);
    }

    @Test
    void convTranspose2dScattersEachInputThroughTheWholeFilter() {
        // The full 2-D convolution of [[1, 2], [3, 4]] with [[1, 2], [3, 4]].
        double[] expected = {1, 4, 4, 6, 20, 16, 9, 24, 16};
        long[][] filterShapes = {shape(1, 1, 2, 2), shape(2, 2, 1, 1), shape(1, 2, 2, 1)};
        ConvTranspose2d.FilterLayout[] layouts = ConvTranspose2d.FilterLayout.values();
        for (int i = 0; i < layouts.length; i++) {
            TensorData out = run(convTranspose(null, null, null, null, 1, layouts[i]),
                    f32(shape(1, 1, 2, 2), 1, 2, 3, 4), f32(filterShapes[i], 1, 2, 3, 4), null);
            assertValues(out, shape(1, 1, 3, 3), expected);
        }
    }

    @Test
    void convTranspose2dStridesSpreadTheInput() {
        TensorData out = run(convTranspose(null, List.of(2L, 2L), null, null, 1, ConvTranspose2d.FilterLayout.IOHW),
                f32(shape(1, 1, 2, 2), 1, 2, 3, 4), f32(shape(1, 1, 2, 2), 1, 1, 1, 1), null);
        assertValues(out, shape(1, 1, 4, 4), 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4);
    }

    @Test
    void convTranspose2dPaddingCropsTheOutput() {
        TensorData out = run(convTranspose(List.of(1L, 1L, 1L, 1L), null, null, null, 1,
                ConvTranspose2d.FilterLayout.IOHW), f32(shape(1, 1, 2, 2), 1, 2, 3, 4),
                f32(shape(1, 1, 2, 2), 1, 2, 3, 4), null);
        assertValues(out, shape(1, 1, 1, 1), 20);
    }

    @Test
    void convTranspose2dExtraOutputRowsHoldOnlyTheBias() {
        double[] expected = {
            1.5, 1.5, 2.5, 2.5, 0.5,
            1.5, 1.5, 2.5, 2.5, 0.5,
            3.5, 3.5, 4.5, 4.5, 0.5,
            3.5, 3.5, 4.5, 4.5, 0.5,
            0.5, 0.5, 0.5, 0.5, 0.5};
        ConvTranspose2d bySizes = convTranspose(null, List.of(2L, 2L), null, List.of(5L, 5L), 1,
                ConvTranspose2d.FilterLayout.IOHW);
        assertValues(run(bySizes, f32(shape(1, 1, 2, 2), 1, 2, 3, 4), f32(shape(1, 1, 2, 2), 1, 1, 1, 1),
                f32(shape(1), 0.5)), shape(1, 1, 5, 5), expected);
        ConvTranspose2d byPadding = convTranspose(null, List.of(2L, 2L), List.of(1L, 1L), null, 1,
                ConvTranspose2d.FilterLayout.IOHW);
        assertValues(run(byPadding, f32(shape(1, 1, 2, 2), 1, 2, 3, 4), f32(shape(1, 1, 2, 2), 1, 1, 1, 1),
                f32(shape(1), 0.5)), shape(1, 1, 5, 5), expected);
    }

    @Test
    void convTranspose2dGroupsKeepChannelsApart() {
        // Two groups of one input channel each; the filter's "o" axis holds one output channel per group.
        TensorData out = run(convTranspose(null, null, null, null, 2, ConvTranspose2d.FilterLayout.IOHW),
                f32(shape(1, 2, 1, 1), 1, 10), f32(shape(2, 1, 1, 1), 2, 3), null);
        assertValues(out, shape(1, 2, 1, 1), 2, 30);
    }

    @Test
    void convTranspose2dWithGroupsThatDoNotDivideTheInputChannelsDoesNotCompile() {
        Operand out = builder.addOperation(convTranspose(null, null, null, null, 3, ConvTranspose2d.FilterLayout.IOHW),
                Arrays.asList(f32(shape(1, 1, 2, 2), 1, 2, 3, 4), f32(shape(1, 1, 2, 2), 1, 1, 1, 1), null), "")
                .get(0);
        assertArrayEquals(shape(1, 3, 3, 3), out.descriptor().shape());
        Graph graph = builder.build(Map.of("out", out));
        WebNNException e = assertThrows(WebNNException.class, () -> new ReferenceBackend().compile(graph));
        assertEquals(ErrorKind.OPERATION, e.kind());
        assertTrue(e.getMessage().contains("groups"), e.getMessage());
    }

    // ---- pools ----

    private static Pool2d pool(Pool2d.Kind kind, List<Long> window, List<Long> padding, List<Long> strides,
            List<Long> dilations, Pool2d.Rounding rounding) {
        return new Pool2d(kind, window, padding, strides, dilations, InputLayout.NCHW, rounding, null);
    }

    @Test
    void poolsReduceEachWindow() {
        List<Long> window = List.of(2L, 2L);
        assertValues(run(pool(Pool2d.Kind.MAX_POOL2D, window, null, null, null, Pool2d.Rounding.FLOOR),
                f32(shape(1, 1, 3, 3), ONE_TO_NINE)), shape(1, 1, 2, 2), 5, 6, 8, 9);
        assertValues(run(pool(Pool2d.Kind.AVERAGE_POOL2D, window, null, null, null, Pool2d.Rounding.FLOOR),
                f32(shape(1, 1, 3, 3), ONE_TO_NINE)), shape(1, 1, 2, 2), 3, 4, 6, 7);
        TensorData l2 = run(pool(Pool2d.Kind.L2_POOL2D, window, null, null, null, Pool2d.Rounding.FLOOR),
                f32(shape(1, 1, 3, 3), ONE_TO_NINE));
        assertArrayEquals(new double[] {
            (float) Math.sqrt(1 + 4 + 16 + 25), (float) Math.sqrt(4 + 9 + 25 + 36),
            (float) Math.sqrt(16 + 25 + 49 + 64), (float) Math.sqrt(25 + 36 + 64 + 81)}, l2.floats());
    }

    @Test
    void poolsWithoutOptionsReduceTheWholeImage() {
        assertValues(run(Pool2d.defaults(Pool2d.Kind.AVERAGE_POOL2D), f32(shape(1, 2, 1, 2), 1, 2, 10, 30)),
                shape(1, 2, 1, 1), 1.5, 20);
    }

    @Test
    void averagePoolCountsOnlyTheElementsThePaddedWindowCovers() {
        TensorData out = run(pool(Pool2d.Kind.AVERAGE_POOL2D, List.of(3L, 3L), List.of(1L, 1L, 1L, 1L), null, null,
                Pool2d.Rounding.FLOOR), f32(shape(1, 1, 3, 3), ONE_TO_NINE));
        assertValues(out, shape(1, 1, 3, 3), 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7);
    }

    @Test
    void ceilRoundingAddsAPartialWindow() {
        double[] input = new double[16];
        for (int i = 0; i < input.length; i++) {
            input[i] = i;
        }
        TensorData floor = run(pool(Pool2d.Kind.AVERAGE_POOL2D, List.of(3L, 3L), null, List.of(2L, 2L), null,
                Pool2d.Rounding.FLOOR), f32(shape(1, 1, 4, 4), input));
        assertValues(floor, shape(1, 1, 1, 1), 5);
        TensorData ceil = run(pool(Pool2d.Kind.AVERAGE_POOL2D, List.of(3L, 3L), null, List.of(2L, 2L), null,
                Pool2d.Rounding.CEIL), f32(shape(1, 1, 4, 4), input));
        // The last window in each direction covers rows / columns 2 and 3 only.
        assertValues(ceil, shape(1, 1, 2, 2), 5, 6.5, 11, 12.5);
    }

    @Test
    void poolsDilateTheWindow() {
        assertValues(run(pool(Pool2d.Kind.MAX_POOL2D, List.of(2L, 2L), null, null, List.of(2L, 2L),
                Pool2d.Rounding.FLOOR), f32(shape(1, 1, 3, 3), 9, 1, 8, 1, 1, 1, 7, 1, 6)), shape(1, 1, 1, 1), 9);
        assertValues(run(pool(Pool2d.Kind.AVERAGE_POOL2D, List.of(2L, 2L), null, null, List.of(2L, 2L),
                Pool2d.Rounding.FLOOR), f32(shape(1, 1, 3, 3), 9, 1, 8, 1, 1, 1, 7, 1, 6)), shape(1, 1, 1, 1), 7.5);
    }

    @Test
    void poolsReadNhwc() {
        Pool2d op = new Pool2d(Pool2d.Kind.MAX_POOL2D, null, null, null, null, InputLayout.NHWC,
                Pool2d.Rounding.FLOOR, null);
        assertValues(run(op, f32(shape(1, 2, 2, 2), 1, 40, 2, 30, 4, 20, 3, 10)), shape(1, 1, 1, 2), 4, 40);
    }

    @Test
    void aWindowOverPaddingOnlyGivesTheReductionOfNothing() {
        List<Long> padding = List.of(2L, 0L, 0L, 0L);
        Operand input = f32(shape(1, 1, 1, 1), 7);
        assertValues(run(pool(Pool2d.Kind.AVERAGE_POOL2D, List.of(1L, 1L), padding, null, null,
                Pool2d.Rounding.FLOOR), input), shape(1, 1, 3, 1), 0, 0, 7);
        assertValues(run(pool(Pool2d.Kind.L2_POOL2D, List.of(1L, 1L), padding, null, null, Pool2d.Rounding.FLOOR),
                f32(shape(1, 1, 1, 1), -7)), shape(1, 1, 3, 1), 0, 0, 7);
        assertValues(run(pool(Pool2d.Kind.MAX_POOL2D, List.of(1L, 1L), padding, null, null, Pool2d.Rounding.FLOOR),
                f32(shape(1, 1, 1, 1), 7)), shape(1, 1, 3, 1), Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 7);
    }

    @Test
    void maxPoolComparesEveryIntegerTypeByItsOwnOrder() {
        Pool2d global = Pool2d.defaults(Pool2d.Kind.MAX_POOL2D);
        assertIntegers(run(global, ints(DataType.INT8, shape(1, 1, 2, 2), -5, -3, -8, -1)), shape(1, 1, 1, 1), -1);
        assertIntegers(run(global, ints(DataType.UINT8, shape(1, 1, 1, 2), 3, 200)), shape(1, 1, 1, 1), 200);
        assertIntegers(run(global, ints(DataType.INT4, shape(1, 1, 1, 3), -8, 7, -1)), shape(1, 1, 1, 1), 7);
        assertIntegers(run(global, ints(DataType.UINT4, shape(1, 1, 1, 2), 15, 3)), shape(1, 1, 1, 1), 15);
        assertIntegers(run(global, ints(DataType.INT32, shape(1, 1, 1, 2), Integer.MIN_VALUE, -2)),
                shape(1, 1, 1, 1), -2);
        assertIntegers(run(global, ints(DataType.UINT32, shape(1, 1, 1, 2), 0xFFFF_FFFFL, 1)),
                shape(1, 1, 1, 1), 0xFFFF_FFFFL);
        assertIntegers(run(global, ints(DataType.INT64, shape(1, 1, 1, 2), Long.MIN_VALUE, -7)),
                shape(1, 1, 1, 1), -7);
        // 2^63 + 1 is above 5 as an unsigned number, though its bits read as a negative long.
        assertIntegers(run(global, ints(DataType.UINT64, shape(1, 1, 1, 2), 5, Long.MIN_VALUE + 1)),
                shape(1, 1, 1, 1), Long.MIN_VALUE + 1);
    }

    // ---- resample2d ----

    @Test
    void linearResamplingMatchesTheSpecExample() {
        Operand input = f32(shape(1, 1, 4, 4), 0, 1, 2, 3, 0, 1, 2, 3, 12, 13, 14, 15, 12, 13, 14, 15);
        TensorData out = run(new Resample2d(Resample2d.Mode.LINEAR, null, List.of(8L, 8L), null), input);
        double[] row = {0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3};
        double[] rowOffsets = {0, 0, 0, 3, 9, 12, 12, 12};
        double[] expected = new double[64];
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                expected[r * 8 + c] = rowOffsets[r] + row[c];
            }
        }
        assertValues(out, shape(1, 1, 8, 8), expected);
    }

    @Test
    void nearestNeighborRoundsHalfDown() {
        // Upsampling by 2 maps output index o to input coordinate (o + 0.5) / 2 - 0.5: -0.25, 0.25, 0.75, 1.25.
        TensorData up = run(new Resample2d(Resample2d.Mode.NEAREST_NEIGHBOR, List.of(2.0, 2.0), null, null),
                f32(shape(1, 1, 2, 3), 1, 2, 3, 4, 5, 6));
        assertValues(up, shape(1, 1, 4, 6),
                1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 4, 4, 5, 5, 6, 6);
        // Halving 4 to 2 maps to coordinates 0.5 and 2.5, which round down to 0 and 2.
        TensorData down = run(new Resample2d(Resample2d.Mode.NEAREST_NEIGHBOR, null, List.of(1L, 2L), null),
                f32(shape(1, 1, 1, 4), 10, 11, 12, 13));
        assertValues(down, shape(1, 1, 1, 2), 10, 12);
    }

    @Test
    void resampleScalesFloorTheOutputSize() {
        // floor(5 * 0.5) = 2; the coordinates are then (o + 0.5) * 5 / 2 - 0.5 = 0.75 and 3.25.
        TensorData out = run(new Resample2d(Resample2d.Mode.LINEAR, List.of(1.0, 0.5), null, null),
                f32(shape(1, 1, 1, 5), 0, 10, 20, 30, 40));
        assertValues(out, shape(1, 1, 1, 2), 7.5, 32.5);
    }

    @Test
    void resampleWorksOnAnyTwoAxes() {
        // Axes [1, 2] of an nhwc-like tensor with 2 channels: each channel is upsampled on its own.
        TensorData out = run(new Resample2d(Resample2d.Mode.NEAREST_NEIGHBOR, null, List.of(1L, 2L),
                List.of(1L, 2L)), f32(shape(1, 1, 1, 2), 3, 7));
        assertValues(out, shape(1, 1, 2, 2), 3, 7, 3, 7);
        // Axes given in reverse order pair sizes with them in that order.
        TensorData swapped = run(new Resample2d(Resample2d.Mode.NEAREST_NEIGHBOR, null, List.of(2L, 1L),
                List.of(3L, 2L)), f32(shape(1, 1, 1, 1), 5));
        assertValues(swapped, shape(1, 1, 1, 2), 5, 5);
    }

    @Test
    void integerLinearResamplingRoundsToNearestTiesAwayFromZero() {
        // Three outputs from two inputs sample at 0, 0.5 and 1.
        Resample2d op = new Resample2d(Resample2d.Mode.LINEAR, null, List.of(1L, 3L), null);
        assertIntegers(run(op, ints(DataType.UINT8, shape(1, 1, 1, 2), 0, 255)), shape(1, 1, 1, 3), 0, 128, 255);
        assertIntegers(run(op, ints(DataType.INT8, shape(1, 1, 1, 2), 0, -1)), shape(1, 1, 1, 3), 0, -1, -1);
        assertIntegers(run(op, ints(DataType.INT8, shape(1, 1, 1, 2), -128, 127)), shape(1, 1, 1, 3), -128, -1, 127);
    }
}
