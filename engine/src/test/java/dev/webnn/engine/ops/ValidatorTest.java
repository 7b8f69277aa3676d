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
import org.junit.jupiter.api.function.Executable;

class ValidatorTest {
    private static final String LABEL = "my-op";

    private static OperandDescriptor f32(long... shape) {
        return OperandDescriptor.of(DataType.FLOAT32, shape);
    }

    private static void assertTypeError(Executable call, String messagePart) {
        ValidationError e = assertThrows(ValidationError.class, call);
        assertEquals(ErrorKind.TYPE, e.kind());
        assertTrue(e.getMessage().contains("[" + LABEL + "]"), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void broadcastRightAlignsAndExpandsOnes() {
        assertArrayEquals(new long[] {2, 4, 3}, Shapes.broadcast(LABEL, new long[] {2, 1, 3}, new long[] {4, 1}));
        assertArrayEquals(new long[] {5}, Shapes.broadcast(LABEL, new long[] {}, new long[] {5}));
        assertArrayEquals(new long[] {}, Shapes.broadcast(LABEL, new long[] {}, new long[] {}));
    }

    @Test
    void binaryOutputHasTheBroadcastShapeAndInputType() {
        List<OperandDescriptor> out = new ElementwiseBinary(ElementwiseBinary.Kind.ADD)
                .validate(LABEL, List.of(OperandDescriptor.of(DataType.INT64, 3, 1), OperandDescriptor.of(DataType.INT64, 4)));
        assertEquals(List.of(OperandDescriptor.of(DataType.INT64, 3, 4)), out);
    }

    @Test
    void binaryRejectsUnbroadcastableShapes() {
        ElementwiseBinary add = new ElementwiseBinary(ElementwiseBinary.Kind.ADD);
        assertTypeError(() -> add.validate(LABEL, List.of(f32(2, 3), f32(4))), "broadcast");
    }

    @Test
    void binaryRejectsMixedTypesButAcceptsAnyOneType() {
        ElementwiseBinary mul = new ElementwiseBinary(ElementwiseBinary.Kind.MUL);
        assertTypeError(() -> mul.validate(LABEL, List.of(f32(2), OperandDescriptor.of(DataType.FLOAT16, 2))), "float16");
        OperandDescriptor int4 = OperandDescriptor.of(DataType.INT4, 2);
        assertEquals(List.of(int4), mul.validate(LABEL, List.of(int4, int4)));
    }

    @Test
    void binaryRejectsMissingOperands() {
        ElementwiseBinary sub = new ElementwiseBinary(ElementwiseBinary.Kind.SUB);
        assertTypeError(() -> sub.validate(LABEL, List.of(f32(2))), "2 input");
        assertTypeError(() -> sub.validate(LABEL, Arrays.asList(f32(2), null)), "'b'");
    }

    @Test
    void unaryTypeRules() {
        OperandDescriptor i32 = OperandDescriptor.of(DataType.INT32, 2);
        assertEquals(List.of(i32), new ElementwiseUnary(ElementwiseUnary.Kind.RELU).validate(LABEL, List.of(i32)));
        assertTypeError(() -> new ElementwiseUnary(ElementwiseUnary.Kind.EXP).validate(LABEL, List.of(i32)), "int32");
        OperandDescriptor u8 = OperandDescriptor.of(DataType.UINT8, 2);
        assertTypeError(() -> new ElementwiseUnary(ElementwiseUnary.Kind.ABS).validate(LABEL, List.of(u8)), "uint8");
        OperandDescriptor u4 = OperandDescriptor.of(DataType.UINT4, 2);
        assertEquals(List.of(u4), new ElementwiseUnary(ElementwiseUnary.Kind.IDENTITY).validate(LABEL, List.of(u4)));
        assertEquals("softsign", new ElementwiseUnary(ElementwiseUnary.Kind.SOFTSIGN).opName());
    }

    @Test
    void matmulOutputBroadcastsBatchDimensions() {
        List<OperandDescriptor> out = new Matmul().validate(LABEL, List.of(f32(2, 1, 3, 4), f32(5, 4, 6)));
        assertEquals(List.of(f32(2, 5, 3, 6)), out);
    }

    @Test
    void matmulRejectsInnerMismatchLowRankAndIntegers() {
        Matmul matmul = new Matmul();
        assertTypeError(() -> matmul.validate(LABEL, List.of(f32(3, 4), f32(5, 6))), "inner");
        assertTypeError(() -> matmul.validate(LABEL, List.of(f32(4), f32(4, 6))), "rank");
        OperandDescriptor i32 = OperandDescriptor.of(DataType.INT32, 2, 2);
        assertTypeError(() -> matmul.validate(LABEL, List.of(i32, i32)), "int32");
        assertTypeError(() -> matmul.validate(LABEL, List.of(f32(2, 3, 4), f32(5, 4, 6))), "broadcast");
    }

    @Test
    void reshapeKeepsTheElementCount() {
        assertEquals(List.of(f32(3, 2)), new Reshape(new long[] {3, 2}).validate(LABEL, List.of(f32(6))));
        assertEquals(List.of(f32()), new Reshape(new long[] {}).validate(LABEL, List.of(f32(1, 1))));
        assertTypeError(() -> new Reshape(new long[] {4, 2}).validate(LABEL, List.of(f32(6))), "elements");
        assertTypeError(() -> new Reshape(new long[] {6, 0}).validate(LABEL, List.of(f32(6))), "Dimension 1");
    }

    @Test
    void reshapeComparesByContent() {
        assertEquals(new Reshape(new long[] {1, 2}), new Reshape(new long[] {1, 2}));
        assertEquals(new Reshape(new long[] {1, 2}).hashCode(), new Reshape(new long[] {1, 2}).hashCode());
    }

    @Test
    void castChangesOnlyTheType() {
        assertEquals(List.of(OperandDescriptor.of(DataType.UINT4, 2, 3)),
                new Cast(DataType.UINT4).validate(LABEL, List.of(f32(2, 3))));
    }
}
