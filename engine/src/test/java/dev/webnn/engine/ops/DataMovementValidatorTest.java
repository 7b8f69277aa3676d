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

class DataMovementValidatorTest {
    private static final String LABEL = "dm-op";
    private static final long MAX = OperandDescriptor.MAX_DIMENSION;

    private static OperandDescriptor f32(long... shape) {
        return OperandDescriptor.of(DataType.FLOAT32, shape);
    }

    private static OperandDescriptor of(DataType type, long... shape) {
        return OperandDescriptor.of(type, shape);
    }

    private static long[] shape(long... dims) {
        return dims;
    }

    private static OperandDescriptor single(Op op, OperandDescriptor... inputs) {
        List<OperandDescriptor> out = op.validate(LABEL, Arrays.asList(inputs));
        assertEquals(1, out.size());
        return out.get(0);
    }

    private static void assertTypeError(Executable call, String messagePart) {
        ValidationError e = assertThrows(ValidationError.class, call);
        assertEquals(ErrorKind.TYPE, e.kind());
        assertTrue(e.getMessage().contains("[" + LABEL + "]"), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    private static void assertRejects(Op op, String messagePart, OperandDescriptor... inputs) {
        assertTypeError(() -> op.validate(LABEL, Arrays.asList(inputs)), messagePart);
    }

    // ---- concat ----

    @Test
    void concatAddsTheAxisSizesAndKeepsTheType() {
        assertEquals(of(DataType.INT4, 3, 5, 6), single(new Concat(2),
                of(DataType.INT4, 3, 5, 1), of(DataType.INT4, 3, 5, 2), of(DataType.INT4, 3, 5, 3)));
        assertEquals(f32(4, 4, 3), single(new Concat(2), f32(4, 4, 3)));
    }

    @Test
    void concatRejectsBadInputs() {
        assertTypeError(() -> new Concat(0).validate(LABEL, List.of()), "at least one");
        assertRejects(new Concat(0), "float32 and int32", f32(1, 1), of(DataType.INT32, 1, 1));
        assertRejects(new Concat(0), "rank", f32(1, 1), f32(1, 1, 1));
        assertRejects(new Concat(2), "axis 2", f32(1, 1), f32(1, 1));
        assertRejects(new Concat(0), "axis 0", f32(), f32());
        assertRejects(new Concat(1), "outside axis", f32(1, 1, 1), f32(1, 2, 3));
        assertRejects(new Concat(0), "exceeds", f32(MAX), f32(1));
    }

    // ---- expand ----

    @Test
    void expandBroadcastsInOneDirection() {
        assertEquals(f32(3, 4, 5), single(new Expand(shape(3, 4, 5)), f32()));
        assertEquals(f32(3, 2, 5), single(new Expand(shape(3, 2, 5)), f32(2, 5)));
        assertEquals(of(DataType.UINT64, 3, 4, 5), single(new Expand(shape(3, 4, 5)), of(DataType.UINT64, 3, 1, 5)));
    }

    @Test
    void expandRejectsShapesItCannotReach() {
        assertRejects(new Expand(shape(4, 3, 5)), "broadcast", f32(3, 6, 2));
        // Expanding never shrinks: [5, 4] cannot become [5], nor can a 4 become a 1.
        assertRejects(new Expand(shape(5)), "broadcast", f32(5, 4));
        assertRejects(new Expand(shape(2, 1)), "broadcast", f32(2, 4));
        assertRejects(new Expand(shape(1, 2, MAX, MAX)), "too large", f32(1, 2, 1, 1));
        assertRejects(new Expand(shape(2, 0)), "Dimension 1", f32(2, 1));
    }

    // ---- pad ----

    private static Pad pad(long[] beginning, long[] ending, Pad.Mode mode) {
        return new Pad(beginning, ending, mode, 0.0);
    }

    @Test
    void padGrowsEachDimension() {
        assertEquals(f32(4, 7), single(pad(shape(1, 2), shape(1, 2), Pad.Mode.CONSTANT), f32(2, 3)));
        assertEquals(of(DataType.UINT4, 5), single(pad(shape(1), shape(2), Pad.Mode.EDGE), of(DataType.UINT4, 2)));
    }

    @Test
    void padRejectsBadPaddings() {
        assertRejects(pad(shape(), shape(), Pad.Mode.CONSTANT), "scalar", f32());
        assertRejects(pad(shape(1), shape(1, 2), Pad.Mode.EDGE), "beginningPadding", f32(2, 3));
        assertRejects(pad(shape(1, 0), shape(1, 2, 0), Pad.Mode.REFLECTION), "endingPadding", f32(2, 3));
        assertRejects(pad(shape(2294967295L, 0), shape(3294967295L, 2), Pad.Mode.CONSTANT), "Dimension 0", f32(2, 3));
        // Reflection does not repeat the edge, so a dimension of size n can be padded by at most n - 1.
        assertRejects(pad(shape(0, 3), shape(0, 0), Pad.Mode.REFLECTION), "reflection", f32(2, 3));
        assertEquals(f32(2, 7), single(pad(shape(0, 2), shape(0, 2), Pad.Mode.REFLECTION), f32(2, 3)));
    }

    @Test
    void padCastsItsValueToTheInputType() {
        assertEquals(-1L, new Pad(shape(1), shape(1), Pad.Mode.CONSTANT, 255.9).valueAs(DataType.INT8).integers()[0]);
        assertEquals(0L, new Pad(shape(1), shape(1), Pad.Mode.CONSTANT, Double.NaN).valueAs(DataType.INT32).integers()[0]);
        assertEquals(-1L, new Pad(shape(1), shape(1), Pad.Mode.CONSTANT,
                new java.math.BigInteger("18446744073709551615")).valueAs(DataType.UINT64).integers()[0]);
        assertEquals(0.5, new Pad(shape(1), shape(1), Pad.Mode.CONSTANT, 0.5).valueAs(DataType.FLOAT16).floats()[0]);
        assertEquals(-3L, new Pad(shape(1), shape(1), Pad.Mode.CONSTANT, 13L).valueAs(DataType.INT4).integers()[0]);
    }

    // ---- slice ----

    @Test
    void sliceShapeRoundsStridesUp() {
        assertEquals(f32(1, 2, 3), single(new Slice(shape(0, 1, 2), shape(1, 2, 3), null), f32(3, 4, 5)));
        assertEquals(f32(2, 1, 2), single(new Slice(shape(0, 1, 0), shape(3, 3, 4), shape(2, 3, 3)), f32(3, 4, 5)));
        assertEquals(f32(), single(new Slice(shape(), shape(), null), f32()));
    }

    @Test
    void sliceRejectsBadWindows() {
        OperandDescriptor input = f32(3, 4, 5);
        assertRejects(new Slice(shape(0), shape(1), null), "rank 0", f32());
        assertRejects(new Slice(shape(1, 2, 3), shape(1, 1), null), "sizes", input);
        assertRejects(new Slice(shape(1, 2, 1, 3), shape(1, 1, 1), null), "starts", input);
        assertRejects(new Slice(shape(0, 4, 4), shape(1, 1, 1), null), "exceeds", input);
        assertRejects(new Slice(shape(1, 2, 3), shape(1, 0, 1), null), "must not be 0", input);
        assertRejects(new Slice(shape(0, 1, 2), shape(3, 4, 1), null), "exceeds", input);
        assertRejects(new Slice(shape(1, 2, 3), shape(1, 1, 1), shape(1, 1, 1, 1)), "strides", input);
        assertRejects(new Slice(shape(1, 2, 3), shape(1, 1, 1), shape(1, 0, 1)), "stride", input);
    }

    // ---- split ----

    @Test
    void splitMakesOneOutputPerPiece() {
        assertEquals(List.of(f32(2, 1), f32(2, 2), f32(2, 3)),
                Split.bySizes(shape(1, 2, 3), 1).validate(LABEL, List.of(f32(2, 6))));
        assertEquals(List.of(f32(2, 2), f32(2, 2), f32(2, 2)), Split.evenly(3, 1).validate(LABEL, List.of(f32(2, 6))));
        assertEquals(List.of(f32(2, 6)), Split.bySizes(shape(2), 0).validate(LABEL, List.of(f32(2, 6))));
    }

    @Test
    void splitRejectsPiecesThatDoNotFit() {
        assertRejects(Split.bySizes(shape(2), 0), "axis 0", f32());
        assertRejects(Split.bySizes(shape(2), 2), "axis 2", f32(2, 6));
        assertRejects(Split.bySizes(shape(0), 0), "hold a 0", f32(2, 6));
        assertRejects(Split.evenly(0, 0), "must not be 0", f32(2, 6));
        assertRejects(Split.evenly(2, 1), "equal pieces", f32(2, 5));
        assertRejects(Split.bySizes(shape(2), 1), "add up to 2", f32(2, 5));
        assertRejects(Split.bySizes(shape(2, 2, 3), 1), "add up to 7", f32(2, 6));
    }

    // ---- transpose ----

    @Test
    void transposePermutesTheShape() {
        assertEquals(f32(1, 3, 4, 2), single(new Transpose(shape(0, 2, 3, 1)), f32(1, 2, 3, 4)));
        assertEquals(of(DataType.INT64, 4, 3, 2, 1), single(new Transpose(null), of(DataType.INT64, 1, 2, 3, 4)));
        assertEquals(f32(), single(new Transpose(null), f32()));
    }

    @Test
    void transposeRejectsNonPermutations() {
        assertRejects(new Transpose(shape(0, 2, 3, 1)), "permutation", f32(1, 2, 4));
        assertRejects(new Transpose(shape(0, 2, 3, 2)), "more than once", f32(1, 2, 3, 4));
        assertRejects(new Transpose(shape(0, 1, 2, 4)), "out of range", f32(1, 2, 3, 4));
        assertRejects(new Transpose(shape(0, -1, 2, 3)), "out of range", f32(1, 2, 3, 4));
    }

    // ---- tile ----

    @Test
    void tileMultipliesTheShape() {
        assertEquals(of(DataType.UINT32, 1, 4, 9, 16), single(new Tile(shape(1, 2, 3, 4)), of(DataType.UINT32, 1, 2, 3, 4)));
    }

    @Test
    void tileRejectsBadRepetitions() {
        assertRejects(new Tile(shape(1, 2, 3, 4)), "repetitions", f32(1, 2, 4));
        assertRejects(new Tile(shape(0, 1, 2, 3)), "1 or more", f32(1, 2, 3, 4));
        assertRejects(new Tile(shape(1, 1, MAX, 3)), "Dimension 2", f32(1, 2, 3, 4));
    }

    // ---- reverse and triangular ----

    @Test
    void reverseAndTriangularKeepTheShape() {
        assertEquals(f32(3, 3), single(new Reverse(null), f32(3, 3)));
        assertEquals(of(DataType.INT32, 1, 2, 3), single(new Reverse(shape(0, 1)), of(DataType.INT32, 1, 2, 3)));
        assertEquals(f32(), single(new Reverse(shape()), f32()));
        assertEquals(of(DataType.INT4, 2, 3, 4), single(new Triangular(false, -1), of(DataType.INT4, 2, 3, 4)));
    }

    @Test
    void reverseRejectsBadAxesAndTriangularLowRanks() {
        assertRejects(new Reverse(shape(3)), "out of range", f32(3, 3));
        assertRejects(new Reverse(shape(2, 2, 3)), "more than once", f32(1, 2, 3, 4));
        assertRejects(new Triangular(true, 0), "rank 2 or more", f32(5));
        assertRejects(new Triangular(true, 0), "rank 2 or more", f32());
    }

    // ---- gather family ----

    @Test
    void gatherReplacesTheAxisByTheIndicesShape() {
        assertEquals(of(DataType.INT32), single(new Gather(0), of(DataType.INT32, 3), of(DataType.INT64)));
        assertEquals(f32(1, 2, 5, 6, 4), single(new Gather(2), f32(1, 2, 3, 4), of(DataType.UINT32, 5, 6)));
    }

    @Test
    void gatherRejectsBadOperands() {
        assertRejects(new Gather(0), "axis 0", f32(), of(DataType.INT64, 1));
        assertRejects(new Gather(4), "axis 4", f32(1, 2, 3), of(DataType.INT32, 5, 6));
        assertRejects(new Gather(0), "float32", f32(1, 2, 3, 4), f32(5, 6));
        assertRejects(new Gather(0), "uint64", f32(1, 2, 3, 4), of(DataType.UINT64, 5, 6));
        assertRejects(new Gather(0), "'indices'", f32(2), null);
    }

    @Test
    void gatherElementsTakesTheIndicesShape() {
        assertEquals(f32(2, 2, 3), single(new GatherElements(0), f32(1, 2, 3), of(DataType.INT32, 2, 2, 3)));
        assertEquals(f32(1, 2, 1, 4), single(new GatherElements(2), f32(1, 2, 3, 4), of(DataType.INT32, 1, 2, 1, 4)));
    }

    @Test
    void gatherElementsRejectsBadOperands() {
        assertRejects(new GatherElements(0), "rank 1 or more", f32(), of(DataType.INT32));
        assertRejects(new GatherElements(4), "axis 4", f32(1, 2, 3), of(DataType.INT32, 1, 2, 3));
        assertRejects(new GatherElements(0), "float32", f32(1, 2, 3), f32(1, 2, 3));
        assertRejects(new GatherElements(0), "shape", f32(1, 2, 3), of(DataType.INT32, 1, 2));
        assertRejects(new GatherElements(3), "shape", f32(1, 2, 3, 4), of(DataType.INT32, 3, 2, 3, 4));
    }

    @Test
    void gatherNDKeepsLeadingIndicesAndTrailingInputDimensions() {
        assertEquals(f32(5, 4, 3, 4), single(new GatherND(), f32(2, 2, 3, 3, 4), of(DataType.INT32, 5, 4, 3)));
        assertEquals(f32(), single(new GatherND(), f32(2, 2), of(DataType.INT64, 2)));
    }

    @Test
    void gatherNDRejectsBadOperands() {
        assertRejects(new GatherND(), "rank 1 or more", f32(), of(DataType.INT32, 1, 1, 1));
        assertRejects(new GatherND(), "rank 1 or more", f32(1, 1, 1), of(DataType.INT32));
        assertRejects(new GatherND(), "float32", f32(1, 2, 3), f32(1, 1, 1));
        assertRejects(new GatherND(), "more than the input's rank", f32(1, 2, 3), of(DataType.INT32, 1, 1, 4));
        assertRejects(new GatherND(), "too large", f32(2, MAX), of(DataType.INT32, MAX, 1));
    }

    // ---- scatter family ----

    @Test
    void scatterOutputsHaveTheInputShape() {
        assertEquals(f32(3, 3), single(new ScatterElements(1), f32(3, 3), of(DataType.INT32, 3, 2), f32(3, 2)));
        assertEquals(f32(4, 4, 4), single(new ScatterND(), f32(4, 4, 4), of(DataType.INT32, 2, 1), f32(2, 4, 4)));
        assertEquals(of(DataType.UINT4, 8),
                single(new ScatterND(), of(DataType.UINT4, 8), of(DataType.UINT32, 4, 1), of(DataType.UINT4, 4)));
    }

    @Test
    void scatterElementsRejectsBadOperands() {
        OperandDescriptor indices = of(DataType.INT32, 2, 3);
        assertRejects(new ScatterElements(2), "axis 2", f32(3, 3), indices, f32(2, 3));
        assertRejects(new ScatterElements(0), "float32 and float16", f32(3, 3), indices, of(DataType.FLOAT16, 2, 3));
        assertRejects(new ScatterElements(0), "rank 1 or more", f32(), of(DataType.INT32), f32());
        assertRejects(new ScatterElements(0), "'indices'", f32(3, 3), of(DataType.INT32, 2, 3, 3), f32(2, 3, 3));
        assertRejects(new ScatterElements(0), "'indices'", f32(3, 3), of(DataType.INT32, 2, 4), f32(2, 4));
        assertRejects(new ScatterElements(1), "'indices'", f32(3, 3), of(DataType.INT32, 2, 2), f32(2, 2));
        assertRejects(new ScatterElements(0), "'updates'", f32(3, 3), indices, f32(2, 3, 3));
        assertRejects(new ScatterElements(0), "'updates'", f32(3, 3), indices, f32(2, 4));
        assertRejects(new ScatterElements(0), "int8", f32(3, 3), of(DataType.INT8, 2, 3), f32(2, 3));
    }

    @Test
    void scatterNDRejectsBadOperands() {
        OperandDescriptor input = f32(4, 4, 4);
        assertRejects(new ScatterND(), "float32 and float16", input, of(DataType.INT32, 2, 1), of(DataType.FLOAT16, 2, 4, 4));
        assertRejects(new ScatterND(), "rank 1 or more", f32(), of(DataType.INT32, 2, 1), f32(2, 4, 4));
        assertRejects(new ScatterND(), "rank 1 or more", input, of(DataType.INT32), f32(2, 4, 4));
        assertRejects(new ScatterND(), "more than the input's rank", input, of(DataType.INT32, 2, 4), f32(2, 4, 4));
        assertRejects(new ScatterND(), "'updates'", input, of(DataType.INT32, 2, 1), f32(2, 3, 4));
    }

    @Test
    void recordsCompareTheirArraysByContent() {
        assertEquals(new Slice(shape(1), shape(2), null), new Slice(shape(1), shape(2), null));
        assertEquals(new Pad(shape(1), shape(2), Pad.Mode.EDGE, 0.0).hashCode(),
                new Pad(shape(1), shape(2), Pad.Mode.EDGE, 0.0).hashCode());
        assertEquals(Split.evenly(2, 1), Split.evenly(2, 1));
        assertEquals(new Transpose(shape(1, 0)), new Transpose(shape(1, 0)));
    }
}
