package dev.webnn.engine.ops;

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
import org.junit.jupiter.api.function.Executable;

/** The validators of the reduction and normalization family. */
class ReductionValidatorTest {
    private static final String LABEL = "reduce-op";

    private static OperandDescriptor f32(long... shape) {
        return OperandDescriptor.of(DataType.FLOAT32, shape);
    }

    private static OperandDescriptor of(DataType type, long... shape) {
        return OperandDescriptor.of(type, shape);
    }

    private static List<OperandDescriptor> inputs(OperandDescriptor... descriptors) {
        return Arrays.asList(descriptors);
    }

    private static void assertTypeError(Executable call, String messagePart) {
        ValidationError e = assertThrows(ValidationError.class, call);
        assertEquals(ErrorKind.TYPE, e.kind());
        assertTrue(e.getMessage().contains("[" + LABEL + "]"), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    private static OperandDescriptor reduce(Reduce.Kind kind, List<Long> axes, boolean keep, OperandDescriptor in) {
        return new Reduce(kind, axes, keep).validate(LABEL, List.of(in)).get(0);
    }

    // ---- reductions ----

    @Test
    void reductionShapes() {
        assertEquals(f32(), reduce(Reduce.Kind.REDUCE_SUM, null, false, f32(1, 3, 4, 4)));
        assertEquals(f32(1, 1, 1, 1), reduce(Reduce.Kind.REDUCE_SUM, null, true, f32(1, 3, 4, 4)));
        assertEquals(f32(5, 5), reduce(Reduce.Kind.REDUCE_MEAN, List.of(0L, 1L), false, f32(1, 3, 5, 5)));
        assertEquals(f32(2, 1, 4), reduce(Reduce.Kind.REDUCE_L2, List.of(1L), true, f32(2, 3, 4)));
        // Axes in any order; an empty list reduces nothing.
        assertEquals(f32(3), reduce(Reduce.Kind.REDUCE_MAX, List.of(2L, 0L), false, f32(2, 3, 4)));
        assertEquals(f32(2, 3), reduce(Reduce.Kind.REDUCE_L1, List.of(), false, f32(2, 3)));
        assertEquals(f32(), reduce(Reduce.Kind.REDUCE_PRODUCT, null, true, f32()));
    }

    @Test
    void reductionRejectsBadAxes() {
        assertTypeError(() -> reduce(Reduce.Kind.REDUCE_SUM, List.of(4L), false, f32(1, 2, 5, 5)), "axis 4");
        assertTypeError(() -> reduce(Reduce.Kind.REDUCE_SUM, List.of(0L, 1L, 1L), false, f32(1, 2, 5, 5)),
                "more than once");
        assertTypeError(() -> reduce(Reduce.Kind.REDUCE_MIN, List.of(0L), false, f32()), "axis 0");
    }

    @Test
    void reductionDataTypesFollowTheSpecTables() {
        for (DataType t : List.of(DataType.INT32, DataType.UINT32, DataType.INT64, DataType.UINT64)) {
            assertEquals(of(t), reduce(Reduce.Kind.REDUCE_SUM_SQUARE, null, false, of(t, 2)));
            assertEquals(of(t), reduce(Reduce.Kind.REDUCE_PRODUCT, null, false, of(t, 2)));
        }
        assertTypeError(() -> reduce(Reduce.Kind.REDUCE_SUM, null, false, of(DataType.INT8, 2)), "int8");
        assertTypeError(() -> reduce(Reduce.Kind.REDUCE_L1, null, false, of(DataType.UINT8, 2)), "uint8");
        assertTypeError(() -> reduce(Reduce.Kind.REDUCE_MEAN, null, false, of(DataType.INT32, 2)), "int32");
        assertTypeError(() -> reduce(Reduce.Kind.REDUCE_LOG_SUM_EXP, null, false, of(DataType.INT64, 2)), "int64");
        // reduceMax and reduceMin take any data type.
        for (DataType t : DataType.values()) {
            assertEquals(of(t), reduce(Reduce.Kind.REDUCE_MAX, null, false, of(t, 3)));
            assertEquals(of(t, 1), reduce(Reduce.Kind.REDUCE_MIN, null, true, of(t, 3)));
        }
    }

    @Test
    void reductionNamesAreTheBuilderMethods() {
        assertEquals("reduceLogSumExp", new Reduce(Reduce.Kind.REDUCE_LOG_SUM_EXP, null, false).opName());
        assertEquals("reduceSumSquare", new Reduce(Reduce.Kind.REDUCE_SUM_SQUARE, null, false).opName());
        assertEquals(new Reduce(Reduce.Kind.REDUCE_SUM, List.of(1L), true),
                new Reduce(Reduce.Kind.REDUCE_SUM, List.of(1L), true));
    }

    // ---- argMin / argMax ----

    @Test
    void argMinMaxShapesAndOutputType() {
        ArgMinMax argMax = new ArgMinMax(ArgMinMax.Kind.ARG_MAX, 1, false, DataType.INT32);
        assertEquals(List.of(of(DataType.INT32, 1, 3, 4)), argMax.validate(LABEL, List.of(f32(1, 2, 3, 4))));
        ArgMinMax argMin = new ArgMinMax(ArgMinMax.Kind.ARG_MIN, 0, true, DataType.INT64);
        assertEquals(List.of(of(DataType.INT64, 1, 3)), argMin.validate(LABEL, List.of(of(DataType.UINT4, 2, 3))));
        assertEquals(List.of(of(DataType.INT32)),
                new ArgMinMax(ArgMinMax.Kind.ARG_MIN, 0, false, DataType.INT32).validate(LABEL, List.of(f32(5))));
    }

    @Test
    void argMinMaxRejectsBadAxisOutputTypeAndTooLongAxes() {
        assertTypeError(() -> new ArgMinMax(ArgMinMax.Kind.ARG_MAX, 4, false, DataType.INT32)
                .validate(LABEL, List.of(f32(1, 2, 3, 4))), "axis 4");
        assertTypeError(() -> new ArgMinMax(ArgMinMax.Kind.ARG_MIN, 0, false, DataType.INT32)
                .validate(LABEL, List.of(f32())), "rank 0");
        assertTypeError(() -> new ArgMinMax(ArgMinMax.Kind.ARG_MIN, 0, false, DataType.FLOAT32)
                .validate(LABEL, List.of(f32(2))), "float32");
        // int32 holds indices below 2^31 - 1 only; int64 holds them all.
        OperandDescriptor longAxis = of(DataType.UINT8, 1L << 31);
        assertTypeError(() -> new ArgMinMax(ArgMinMax.Kind.ARG_MAX, 0, false, DataType.INT32)
                .validate(LABEL, List.of(longAxis)), "int32");
        assertEquals(List.of(of(DataType.INT64)),
                new ArgMinMax(ArgMinMax.Kind.ARG_MAX, 0, false, DataType.INT64).validate(LABEL, List.of(longAxis)));
    }

    // ---- cumulativeSum and softmax ----

    @Test
    void cumulativeSumKeepsTheInput() {
        CumulativeSum sum = new CumulativeSum(2, true, false);
        assertEquals(List.of(f32(3, 2, 5)), sum.validate(LABEL, List.of(f32(3, 2, 5))));
        assertEquals(List.of(of(DataType.UINT64, 4)),
                new CumulativeSum(0, false, true).validate(LABEL, List.of(of(DataType.UINT64, 4))));
        assertTypeError(() -> new CumulativeSum(3, false, false).validate(LABEL, List.of(f32(1, 2, 3))), "axis 3");
        assertTypeError(() -> new CumulativeSum(0, false, false).validate(LABEL, List.of(f32())), "rank 0");
        assertTypeError(() -> new CumulativeSum(0, false, false).validate(LABEL, List.of(of(DataType.INT8, 2))),
                "int8");
    }

    @Test
    void softmaxNeedsAFloatInputAndAnAxisInRange() {
        assertEquals(List.of(of(DataType.FLOAT16, 3, 1, 5, 2)),
                new Softmax(2).validate(LABEL, List.of(of(DataType.FLOAT16, 3, 1, 5, 2))));
        assertTypeError(() -> new Softmax(3).validate(LABEL, List.of(of(DataType.INT32, 3, 1, 5, 2))), "int32");
        assertTypeError(() -> new Softmax(4).validate(LABEL, List.of(f32(3, 1, 5, 2))), "axis 4");
    }

    // ---- batchNormalization ----

    @Test
    void batchNormalizationChecksEveryPerFeatureOperand() {
        BatchNormalization channels = new BatchNormalization(1, 1e-5);
        OperandDescriptor in = f32(1, 2, 5, 5);
        assertEquals(List.of(in), channels.validate(LABEL, inputs(in, f32(2), f32(2), null, null)));
        assertEquals(List.of(in), channels.validate(LABEL, inputs(in, f32(2), f32(2), f32(2), f32(2))));
        BatchNormalization rows = new BatchNormalization(2, 1e-4);
        assertEquals(List.of(in), rows.validate(LABEL, inputs(in, f32(5), f32(5), f32(5), null)));

        assertTypeError(() -> channels.validate(LABEL, inputs(in, f32(1, 2), f32(2), null, null)), "'mean'");
        assertTypeError(() -> channels.validate(LABEL, inputs(in, f32(3), f32(2), null, null)), "'mean'");
        assertTypeError(() -> channels.validate(LABEL, inputs(in, f32(2), f32(2, 2), null, null)), "'variance'");
        assertTypeError(() -> rows.validate(LABEL, inputs(in, f32(5), f32(5), f32(2), null)), "'scale'");
        assertTypeError(() -> channels.validate(LABEL, inputs(in, f32(2), f32(2), null, f32(2, 1))), "'bias'");
        OperandDescriptor half = of(DataType.FLOAT16, 2);
        assertTypeError(() -> channels.validate(LABEL, inputs(in, half, f32(2), null, null)), "float16");
        assertTypeError(() -> channels.validate(LABEL, inputs(in, f32(2), f32(2), null, half)), "float16");
        assertTypeError(() -> new BatchNormalization(4, 1e-5).validate(LABEL, inputs(in, f32(5), f32(5), null, null)),
                "axis 4");
        OperandDescriptor ints = of(DataType.INT32, 1, 2);
        assertTypeError(() -> channels.validate(LABEL, inputs(ints, of(DataType.INT32, 2), of(DataType.INT32, 2),
                null, null)), "int32");
        assertTypeError(() -> channels.validate(LABEL, inputs(in, null, f32(2), null, null)), "'mean'");
        assertTypeError(() -> channels.validate(LABEL, inputs(in, f32(2), f32(2))), "5 input");
    }

    // ---- instanceNormalization ----

    @Test
    void instanceNormalizationScalesAlongTheLayoutsChannels() {
        OperandDescriptor in = f32(1, 2, 3, 4);
        InstanceNormalization nchw = new InstanceNormalization(1e-5, InputLayout.NCHW);
        InstanceNormalization nhwc = new InstanceNormalization(1e-5, InputLayout.NHWC);
        assertEquals(List.of(in), nchw.validate(LABEL, inputs(in, f32(2), f32(2))));
        assertEquals(List.of(in), nhwc.validate(LABEL, inputs(in, f32(4), null)));
        assertTypeError(() -> nchw.validate(LABEL, inputs(in, f32(4), null)), "'scale'");
        assertTypeError(() -> nhwc.validate(LABEL, inputs(in, null, f32(2))), "'bias'");
        assertTypeError(() -> nchw.validate(LABEL, inputs(in, of(DataType.FLOAT16, 2), null)), "float16");
        assertTypeError(() -> nchw.validate(LABEL, inputs(f32(2, 3, 4), null, null)), "rank 3");
        assertTypeError(() -> nchw.validate(LABEL, inputs(of(DataType.INT64, 1, 2, 3, 4), null, null)), "int64");
    }

    // ---- layerNormalization ----

    @Test
    void layerNormalizationScaleFollowsTheAxes() {
        OperandDescriptor in = f32(1, 2, 3, 4);
        // Default axes: every dimension but the first.
        assertEquals(List.of(in), new LayerNormalization(null, 1e-5).validate(LABEL, inputs(in, f32(2, 3, 4), null)));
        assertEquals(List.of(f32()), new LayerNormalization(null, 1e-5).validate(LABEL, inputs(f32(), f32(), f32())));
        assertEquals(List.of(f32(7)), new LayerNormalization(null, 1e-5).validate(LABEL, inputs(f32(7), f32(), null)));
        LayerNormalization descending = new LayerNormalization(List.of(3L, 1L), 1e-5);
        assertEquals(List.of(in), descending.validate(LABEL, inputs(in, f32(4, 2), f32(4, 2))));
        assertTypeError(() -> descending.validate(LABEL, inputs(in, f32(2, 4), null)), "'scale'");
        assertTypeError(() -> descending.validate(LABEL, inputs(in, null, f32(4))), "'bias'");
        assertTypeError(() -> descending.validate(LABEL, inputs(in, of(DataType.FLOAT16, 4, 2), null)), "float16");
        assertTypeError(() -> new LayerNormalization(List.of(1L, 1L), 1e-5).validate(LABEL, inputs(in, null, null)),
                "more than once");
        assertTypeError(() -> new LayerNormalization(List.of(4L), 1e-5).validate(LABEL, inputs(in, null, null)),
                "axis 4");
        assertTypeError(() -> new LayerNormalization(null, 1e-5)
                .validate(LABEL, inputs(of(DataType.UINT32, 1, 2), null, null)), "uint32");
    }
}
