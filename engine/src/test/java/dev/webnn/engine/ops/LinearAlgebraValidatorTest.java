package dev.webnn.engine.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webnn.engine.DataType;
import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validators of gemm, conv2d, convTranspose2d, the pools and resample2d; output shapes worked out by hand. */
class LinearAlgebraValidatorTest {
    private static final String LABEL = "la-op";
    private static final long MAX = OperandDescriptor.MAX_DIMENSION;

    private static OperandDescriptor f32(long... shape) {
        return OperandDescriptor.of(DataType.FLOAT32, shape);
    }

    private static OperandDescriptor of(DataType type, long... shape) {
        return OperandDescriptor.of(type, shape);
    }

    private static List<OperandDescriptor> inputs(OperandDescriptor... descriptors) {
        return Arrays.asList(descriptors);
    }

    private static void assertShape(Op op, List<OperandDescriptor> inputs, long... expected) {
        List<OperandDescriptor> out = op.validate(LABEL, inputs);
        assertEquals(1, out.size());
        assertEquals(inputs.get(0).dataType(), out.get(0).dataType());
        assertArrayEquals(expected, out.get(0).shape(), () -> "got " + out.get(0));
    }

    private static void assertRefused(Op op, List<OperandDescriptor> inputs, String messagePart) {
        ValidationError e = assertThrows(ValidationError.class, () -> op.validate(LABEL, inputs));
        assertEquals(ErrorKind.TYPE, e.kind());
        assertTrue(e.getMessage().contains("[" + LABEL + "]"), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    // ---- gemm ----

    @Test
    void gemmOutputIsRowsOfAByColumnsOfBAfterTransposition() {
        assertShape(Gemm.defaults(), inputs(f32(2, 3), f32(3, 4), null), 2, 4);
        assertShape(new Gemm(1, 1, true, false), inputs(f32(3, 2), f32(3, 4), null), 2, 4);
        assertShape(new Gemm(1, 1, false, true), inputs(f32(2, 3), f32(4, 3), null), 2, 4);
        assertShape(new Gemm(1, 1, true, true), inputs(f32(3, 2), f32(4, 3), null), 2, 4);
        assertShape(Gemm.defaults(), inputs(of(DataType.FLOAT16, 2, 3), of(DataType.FLOAT16, 3, 4), null), 2, 4);
    }

    @Test
    void gemmAcceptsEveryCThatBroadcastsOneWayToTheOutput() {
        for (long[] c : new long[][] {{}, {4}, {1}, {1, 4}, {2, 1}, {2, 4}, {1, 1}}) {
            assertShape(Gemm.defaults(), inputs(f32(2, 3), f32(3, 4), f32(c)), 2, 4);
        }
    }

    @Test
    void gemmRefusesBadOperands() {
        Gemm gemm = Gemm.defaults();
        assertRefused(gemm, inputs(f32(2, 3), f32(2, 4), null), "inner dimensions");
        assertRefused(new Gemm(1, 1, true, false), inputs(f32(2, 3), f32(3, 4), null), "inner dimensions");
        assertRefused(gemm, inputs(f32(2, 3, 1), f32(2, 4), null), "2-D a");
        assertRefused(gemm, inputs(f32(2, 4), f32(4), null), "2-D b");
        assertRefused(gemm, inputs(of(DataType.INT32, 2, 3), of(DataType.INT32, 3, 4), null), "int32");
        assertRefused(gemm, inputs(f32(2, 3), of(DataType.FLOAT16, 3, 4), null), "one data type");
        assertRefused(gemm, inputs(f32(2, 3), f32(3, 4), f32(2, 3)), "cannot be broadcast");
        assertRefused(gemm, inputs(f32(2, 3), f32(3, 4), f32(1, 2, 4)), "cannot be broadcast");
        assertRefused(gemm, inputs(f32(2, 3), f32(3, 4), of(DataType.FLOAT16, 2, 4)), "c is float16");
        assertRefused(gemm, inputs(f32(2, 3), null, null), "'b'");
    }

    // ---- conv2d ----

    private static Conv2d conv(long[] padding, long[] strides, long[] dilations, long groups, InputLayout layout,
            Conv2d.FilterLayout filterLayout) {
        return new Conv2d(list(padding), list(strides), list(dilations), groups, layout, filterLayout);
    }

    private static List<Long> list(long... values) {
        return values == null ? null : Arrays.stream(values).boxed().toList();
    }

    private static Conv2d conv(long[] padding, long[] strides, long[] dilations) {
        return conv(padding, strides, dilations, 1, InputLayout.NCHW, Conv2d.FilterLayout.OIHW);
    }

    @Test
    void conv2dOutputSizeIsTheSpecsArithmetic() {
        assertShape(Conv2d.defaults(), inputs(f32(1, 1, 5, 5), f32(1, 1, 3, 3), null), 1, 1, 3, 3);
        assertShape(conv(new long[] {1, 1, 1, 1}, null, null), inputs(f32(1, 1, 5, 5), f32(1, 1, 3, 3), null),
                1, 1, 5, 5);
        // (5 - 4 + 1 + 2) / 2 + 1 = 3 and (5 - 2 + 0 + 1) / 2 + 1 = 3.
        assertShape(conv(new long[] {1, 2, 0, 1}, new long[] {2, 2}, null),
                inputs(f32(1, 1, 5, 5), f32(1, 1, 4, 2), null), 1, 1, 3, 3);
        // The effective filter is (3 - 1) * 4 + 1 = 9, so 65 - 9 + 1 = 57.
        assertShape(conv(null, null, new long[] {4, 4}, 1, InputLayout.NHWC, Conv2d.FilterLayout.IHWO),
                inputs(f32(1, 65, 65, 1), f32(1, 3, 3, 1), null), 1, 57, 57, 1);
        // A fractional size is floored: (6 - 3) / 2 + 1 = 2.5.
        assertShape(conv(null, new long[] {2, 2}, null), inputs(f32(1, 1, 6, 6), f32(1, 1, 3, 3), null), 1, 1, 2, 2);
    }

    @Test
    void conv2dReadsChannelsAndWindowFromEveryLayout() {
        OperandDescriptor nchw = f32(1, 2, 5, 5);
        OperandDescriptor nhwc = f32(1, 5, 5, 2);
        long[][] filters = {{1, 2, 3, 3}, {3, 3, 2, 1}, {1, 3, 3, 2}, {2, 3, 3, 1}};
        Conv2d.FilterLayout[] layouts = Conv2d.FilterLayout.values();
        for (int i = 0; i < layouts.length; i++) {
            assertShape(conv(null, null, null, 1, InputLayout.NCHW, layouts[i]), inputs(nchw, f32(filters[i]), null),
                    1, 1, 3, 3);
            assertShape(conv(null, null, null, 1, InputLayout.NHWC, layouts[i]), inputs(nhwc, f32(filters[i]), null),
                    1, 3, 3, 1);
            // With two groups each group has one input channel, but these filters expect two.
            assertRefused(conv(null, null, null, 2, InputLayout.NCHW, layouts[i]),
                    inputs(nchw, f32(filters[i]), null), "input channels per group");
        }
    }

    @Test
    void conv2dGroupsSplitChannels() {
        assertShape(conv(null, null, null, 4, InputLayout.NCHW, Conv2d.FilterLayout.OIHW),
                inputs(f32(1, 4, 2, 2), f32(4, 1, 2, 2), null), 1, 4, 1, 1);
        assertRefused(conv(null, null, null, 3, InputLayout.NCHW, Conv2d.FilterLayout.OIHW),
                inputs(f32(1, 4, 5, 5), f32(1, 1, 2, 2), null), "cannot be split into 3 groups");
        assertRefused(conv(null, null, null, 2, InputLayout.NCHW, Conv2d.FilterLayout.OIHW),
                inputs(f32(1, 4, 5, 5), f32(3, 2, 2, 2), null), "3 output channels cannot be split");
        assertRefused(conv(null, null, null, 0, InputLayout.NCHW, Conv2d.FilterLayout.OIHW),
                inputs(f32(1, 4, 5, 5), f32(1, 1, 2, 2), null), "groups");
    }

    @Test
    void conv2dRefusesBadOperandsAndOptions() {
        OperandDescriptor input = f32(1, 1, 5, 5);
        OperandDescriptor filter = f32(1, 1, 2, 2);
        assertRefused(Conv2d.defaults(), inputs(f32(1, 5, 5), f32(1, 1, 2, 2), null), "4-D input");
        assertRefused(Conv2d.defaults(), inputs(input, f32(2, 2), null), "4-D filter");
        assertRefused(Conv2d.defaults(), inputs(of(DataType.INT32, 1, 1, 5, 5), of(DataType.INT32, 1, 1, 2, 2), null),
                "int32");
        assertRefused(Conv2d.defaults(), inputs(input, of(DataType.FLOAT16, 1, 1, 2, 2), null), "filter is float16");
        assertRefused(conv(new long[] {2, 2}, null, null), inputs(input, filter, null), "padding must have 4");
        assertRefused(conv(null, new long[] {2}, null), inputs(input, filter, null), "strides must have 2");
        assertRefused(conv(null, new long[] {0, 1}, null), inputs(input, filter, null), "strides must not contain 0");
        assertRefused(conv(null, null, new long[] {1}), inputs(input, filter, null), "dilations must have 2");
        assertRefused(conv(null, null, new long[] {1, 0}), inputs(input, filter, null), "dilations must not");
        assertRefused(Conv2d.defaults(), inputs(input, filter, f32(1, 2)), "bias");
        assertRefused(Conv2d.defaults(), inputs(input, filter, f32(2)), "bias");
        assertRefused(Conv2d.defaults(), inputs(input, filter, of(DataType.FLOAT16, 1)), "bias is float16");
    }

    @Test
    void conv2dRefusesOutputsThatUnderflowOrOverflow() {
        OperandDescriptor input = f32(1, 1, 5, 5);
        // (4 - 1) * 4 + 1 = 13 > 5 + 2: the output height would be floor(-6 / 2) + 1 = -2.
        assertRefused(conv(new long[] {1, 1, 1, 1}, new long[] {2, 2}, new long[] {4, 1}),
                inputs(input, f32(1, 1, 4, 2), null), "not a valid dimension");
        assertRefused(conv(null, null, new long[] {MAX, 1}), inputs(input, f32(1, 1, 3, 3), null),
                "not a valid dimension");
        // (2^32 - 2) * (2^32 - 1) does not fit 64 bits.
        assertRefused(conv(null, null, new long[] {MAX, 1}), inputs(input, f32(1, 1, MAX, 1), null), "too large");
    }

    // ---- convTranspose2d ----

    private static ConvTranspose2d convTranspose(long[] padding, long[] strides, long[] outputPadding,
            long[] outputSizes, long groups, InputLayout layout, ConvTranspose2d.FilterLayout filterLayout) {
        return new ConvTranspose2d(list(padding), list(strides), null, list(outputPadding), list(outputSizes), groups,
                layout, filterLayout);
    }

    private static ConvTranspose2d convTranspose(long[] padding, long[] strides, long[] outputPadding,
            long[] outputSizes) {
        return convTranspose(padding, strides, outputPadding, outputSizes, 1, InputLayout.NCHW,
                ConvTranspose2d.FilterLayout.IOHW);
    }

    @Test
    void convTranspose2dOutputSizeIsTheSpecsArithmetic() {
        OperandDescriptor input = f32(1, 1, 3, 3);
        assertShape(ConvTranspose2d.defaults(), inputs(input, f32(1, 1, 3, 3), null), 1, 1, 5, 5);
        // (3 - 1) * [3, 2] + 3 = [9, 7], plus the output padding.
        assertShape(convTranspose(null, new long[] {3, 2}, new long[] {1, 1}, null),
                inputs(input, f32(1, 2, 3, 3), null), 1, 2, 10, 8);
        // Output sizes may exceed the computed ones by less than a stride; the output padding is then ignored.
        assertShape(convTranspose(null, new long[] {3, 2}, new long[] {3, 3}, new long[] {11, 8}),
                inputs(input, f32(1, 2, 3, 3), null), 1, 2, 11, 8);
        assertShape(convTranspose(new long[] {1, 1, 1, 1}, new long[] {2, 2}, null, null),
                inputs(input, f32(1, 1, 3, 3), null), 1, 1, 5, 5);
        assertShape(convTranspose(null, null, null, null, 1, InputLayout.NHWC, ConvTranspose2d.FilterLayout.HWOI),
                inputs(f32(1, 3, 3, 1), f32(3, 3, 2, 1), null), 1, 5, 5, 2);
        assertShape(convTranspose(null, null, null, null, 1, InputLayout.NCHW, ConvTranspose2d.FilterLayout.OHWI),
                inputs(input, f32(2, 3, 3, 1), null), 1, 2, 5, 5);
        // Groups multiply the filter's output channels.
        assertShape(convTranspose(new long[] {1, 1, 1, 1}, null, null, null, 3, InputLayout.NCHW,
                ConvTranspose2d.FilterLayout.IOHW), inputs(f32(1, 1, 5, 5), f32(1, 1, 3, 3), null), 1, 3, 5, 5);
    }

    @Test
    void convTranspose2dRefusesBadOptions() {
        OperandDescriptor input = f32(1, 1, 3, 3);
        OperandDescriptor filter = f32(1, 1, 3, 3);
        assertRefused(convTranspose(null, new long[] {2, 2}, new long[] {2, 0}, null), inputs(input, filter, null),
                "outputPadding must be smaller");
        assertRefused(convTranspose(null, new long[] {3, 2}, new long[] {1, 1, 1, 1}, null),
                inputs(input, filter, null), "outputPadding must have 2");
        assertRefused(convTranspose(null, new long[] {3, 2}, null, new long[] {1, 2, 10, 8}),
                inputs(input, filter, null), "outputSizes must have 2");
        // The computed sizes are (3 - 1) * 2 + 3 = 7; with stride 2 the output sizes must be 7 or 8.
        assertShape(convTranspose(null, new long[] {2, 2}, null, new long[] {7, 8}), inputs(input, filter, null),
                1, 1, 7, 8);
        assertRefused(convTranspose(null, new long[] {2, 2}, null, new long[] {6, 7}), inputs(input, filter, null),
                "outputSizes[0] 6");
        assertRefused(convTranspose(null, new long[] {2, 2}, null, new long[] {7, 9}), inputs(input, filter, null),
                "outputSizes[1] 9");
        assertRefused(convTranspose(new long[] {4, 4, 0, 0}, new long[] {2, 2}, new long[] {1, 0}, null),
                inputs(f32(1, 1, 2, 2), filter, null), "not a valid dimension");
        assertRefused(convTranspose(null, null, null, null, 0, InputLayout.NCHW, ConvTranspose2d.FilterLayout.IOHW),
                inputs(input, filter, null), "groups");
        assertRefused(convTranspose(null, null, null, null, MAX, InputLayout.NCHW, ConvTranspose2d.FilterLayout.IOHW),
                inputs(f32(1, 4, 5, 5), f32(4, 2, 2, 2), null), "channel count");
        assertRefused(ConvTranspose2d.defaults(), inputs(f32(1, 3, 3, 3), filter, null), "input channels");
        assertRefused(ConvTranspose2d.defaults(), inputs(input, filter, f32(2)), "bias");
        assertRefused(ConvTranspose2d.defaults(), inputs(of(DataType.INT32, 1, 1, 3, 3), of(DataType.INT32, 1, 1, 3, 3),
                null), "int32");
        assertRefused(ConvTranspose2d.defaults(), inputs(input, of(DataType.FLOAT16, 1, 1, 3, 3), null),
                "filter is float16");
        assertRefused(new ConvTranspose2d(null, null, List.of(1L, MAX), null, null, 1, InputLayout.NCHW,
                ConvTranspose2d.FilterLayout.IOHW), inputs(f32(1, 1, 5, 5), f32(1, 1, 3, MAX), null), "too large");
    }

    // ---- pools ----

    private static Pool2d pool(Pool2d.Kind kind, long[] window, long[] padding, long[] strides,
            Pool2d.Rounding rounding, long[] outputSizes) {
        return new Pool2d(kind, list(window), list(padding), list(strides), null, InputLayout.NCHW, rounding,
                list(outputSizes));
    }

    @Test
    void poolOutputSizeRoundsAsAskedOrMatchesOutputSizes() {
        for (Pool2d.Kind kind : Pool2d.Kind.values()) {
            assertShape(Pool2d.defaults(kind), inputs(f32(1, 3, 4, 4)), 1, 3, 1, 1);
            // (7 - 4 + 2) / 2 + 1 = 3.5.
            long[] window = {4, 4};
            long[] padding = {1, 1, 1, 1};
            long[] strides = {2, 2};
            OperandDescriptor input = f32(1, 3, 7, 7);
            assertShape(pool(kind, window, padding, strides, Pool2d.Rounding.FLOOR, null), inputs(input), 1, 3, 3, 3);
            assertShape(pool(kind, window, padding, strides, Pool2d.Rounding.CEIL, null), inputs(input), 1, 3, 4, 4);
            assertShape(pool(kind, window, padding, strides, Pool2d.Rounding.CEIL, new long[] {3, 3}), inputs(input),
                    1, 3, 3, 3);
            assertShape(pool(kind, window, padding, strides, Pool2d.Rounding.FLOOR, new long[] {4, 4}), inputs(input),
                    1, 3, 4, 4);
            assertRefused(pool(kind, window, padding, strides, Pool2d.Rounding.FLOOR, new long[] {3, 4}),
                    inputs(input), "match neither");
            assertRefused(pool(kind, window, padding, strides, Pool2d.Rounding.FLOOR, new long[] {3, 3, 3}),
                    inputs(input), "outputSizes must have 2");
            assertShape(new Pool2d(kind, list(3, 3), null, null, null, InputLayout.NHWC, Pool2d.Rounding.FLOOR, null),
                    inputs(f32(1, 5, 5, 2)), 1, 3, 3, 2);
            // The dilated window (3 - 1) * 2 + 1 = 5 covers the whole input.
            assertShape(new Pool2d(kind, list(3, 3), null, null, list(2, 2), InputLayout.NCHW, Pool2d.Rounding.FLOOR,
                    null), inputs(f32(1, 1, 5, 5)), 1, 1, 1, 1);
        }
    }

    @Test
    void poolRefusesBadOptions() {
        OperandDescriptor input = f32(1, 2, 5, 5);
        for (Pool2d.Kind kind : Pool2d.Kind.values()) {
            assertRefused(Pool2d.defaults(kind), inputs(f32(1, 5, 5)), "4-D input");
            assertRefused(pool(kind, new long[] {1, 1, 1}, null, null, Pool2d.Rounding.FLOOR, null), inputs(input),
                    "windowDimensions must have 2");
            assertRefused(pool(kind, new long[] {0, 2}, null, null, Pool2d.Rounding.FLOOR, null), inputs(input),
                    "windowDimensions must not contain 0");
            assertRefused(pool(kind, new long[] {6, 3}, null, null, Pool2d.Rounding.FLOOR, null), inputs(input),
                    "height would be 0");
            assertRefused(pool(kind, null, new long[] {2, 2}, null, Pool2d.Rounding.FLOOR, null), inputs(input),
                    "padding must have 4");
            assertRefused(pool(kind, null, null, new long[] {0, 2}, Pool2d.Rounding.FLOOR, null), inputs(input),
                    "strides must not contain 0");
            assertRefused(new Pool2d(kind, null, null, null, list(1, 0), InputLayout.NCHW, Pool2d.Rounding.FLOOR, null),
                    inputs(input), "dilations must not contain 0");
            assertRefused(pool(kind, null, new long[] {MAX, MAX, 0, 0}, null, Pool2d.Rounding.FLOOR, null),
                    inputs(input), "not a valid dimension");
        }
    }

    @Test
    void onlyMaxPoolAcceptsIntegers() {
        for (DataType type : DataType.values()) {
            OperandDescriptor input = of(type, 1, 3, 4, 4);
            assertShape(Pool2d.defaults(Pool2d.Kind.MAX_POOL2D), inputs(input), 1, 3, 1, 1);
            if (type.isInteger()) {
                assertRefused(Pool2d.defaults(Pool2d.Kind.AVERAGE_POOL2D), inputs(input), type.webnnName());
                assertRefused(Pool2d.defaults(Pool2d.Kind.L2_POOL2D), inputs(input), type.webnnName());
            }
        }
    }

    // ---- resample2d ----

    private static Resample2d resample(List<Double> scales, long[] sizes, long[] axes) {
        return new Resample2d(Resample2d.Mode.LINEAR, scales, list(sizes), list(axes));
    }

    @Test
    void resampleOutputTakesSizesOrFlooredScaledSizes() {
        OperandDescriptor input = f32(1, 1, 2, 4);
        assertShape(Resample2d.defaults(), inputs(input), 1, 1, 2, 4);
        assertShape(resample(List.of(2.0, 2.0), null, null), inputs(input), 1, 1, 4, 8);
        assertShape(resample(List.of(0.5, 0.5), null, null), inputs(f32(1, 1, 5, 5)), 1, 1, 2, 2);
        assertShape(resample(List.of(2.0, 2.0), new long[] {3, 6}, null), inputs(input), 1, 1, 3, 6);
        assertShape(resample(List.of(1.0, 2.0), null, new long[] {0, 1}), inputs(input), 1, 2, 2, 4);
        assertShape(resample(null, new long[] {6, 4}, new long[] {3, 2}), inputs(input), 1, 1, 4, 6);
        for (DataType type : Resample2d.ALLOWED_TYPES) {
            assertShape(Resample2d.defaults(), inputs(of(type, 1, 1, 2, 4)), 1, 1, 2, 4);
        }
    }

    @Test
    void resampleRefusesBadOptions() {
        OperandDescriptor input = f32(1, 1, 2, 4);
        assertRefused(Resample2d.defaults(), inputs(of(DataType.INT32, 1, 1, 2, 4)), "int32");
        assertRefused(Resample2d.defaults(), inputs(f32(2, 4)), "4-D input");
        assertRefused(resample(List.of(1.0, 1.0, 2.0), null, null), inputs(input), "scales must have 2");
        assertRefused(resample(List.of(1.0, -2.0), null, null), inputs(input), "greater than 0");
        assertRefused(resample(List.of(0.0, 2.0), null, null), inputs(input), "greater than 0");
        assertRefused(resample(List.of(Double.NaN, 2.0), null, null), inputs(input), "greater than 0");
        assertRefused(resample(List.of(Double.POSITIVE_INFINITY, 2.0), null, null), inputs(input), "finite");
        assertRefused(resample(null, new long[] {1, 1, 4, 6}, null), inputs(input), "sizes must have 2");
        assertRefused(resample(null, new long[] {0, 1}, null), inputs(input), "sizes must not contain 0");
        assertRefused(resample(null, null, new long[] {0, 1, 2}), inputs(input), "axes must have 2");
        assertRefused(resample(null, null, new long[] {3, 4}), inputs(input), "outside");
        assertRefused(resample(null, null, new long[] {0, 0}), inputs(input), "must differ");
        // floor(2 * 0.02) = 0, and floor(2 * 2^32) is beyond any dimension.
        assertRefused(resample(List.of(0.02, 0.8), null, null), inputs(input), "not a valid dimension");
        assertRefused(resample(List.of(0x1p32, 1.0), null, null), inputs(input), "not a valid dimension");
    }
}
