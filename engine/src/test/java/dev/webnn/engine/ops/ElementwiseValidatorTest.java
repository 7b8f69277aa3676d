package dev.webnn.engine.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webnn.engine.DataType;
import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The validators of the element-wise family beyond arithmetic: logic, activations, clamp, prelu, where, quantize. */
class ElementwiseValidatorTest {
    private static final String LABEL = "elementwise-label";

    private static OperandDescriptor d(DataType type, long... shape) {
        return OperandDescriptor.of(type, shape);
    }

    private static OperandDescriptor f32(long... shape) {
        return d(DataType.FLOAT32, shape);
    }

    private static void assertTypeError(Executable call, String messagePart) {
        ValidationError e = assertThrows(ValidationError.class, call);
        assertEquals(ErrorKind.TYPE, e.kind());
        assertTrue(e.getMessage().contains("[" + LABEL + "]"), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    private static ElementwiseLogical logical(ElementwiseLogical.Kind kind) {
        return new ElementwiseLogical(kind);
    }

    @Test
    void comparisonsBroadcastToAUint8Output() {
        for (ElementwiseLogical.Kind kind : List.of(ElementwiseLogical.Kind.EQUAL, ElementwiseLogical.Kind.NOT_EQUAL,
                ElementwiseLogical.Kind.GREATER, ElementwiseLogical.Kind.GREATER_OR_EQUAL,
                ElementwiseLogical.Kind.LESSER, ElementwiseLogical.Kind.LESSER_OR_EQUAL)) {
            assertEquals(List.of(d(DataType.UINT8, 2, 3)),
                    logical(kind).validate(LABEL, List.of(d(DataType.INT64, 2, 1), d(DataType.INT64, 3))));
            assertEquals(List.of(d(DataType.UINT8, 4)),
                    logical(kind).validate(LABEL, List.of(d(DataType.UINT4, 4), d(DataType.UINT4))));
        }
    }

    @Test
    void comparisonsRejectMixedTypesAndUnbroadcastableShapes() {
        ElementwiseLogical greater = logical(ElementwiseLogical.Kind.GREATER);
        assertTypeError(() -> greater.validate(LABEL, List.of(f32(2), d(DataType.FLOAT16, 2))), "float16");
        assertTypeError(() -> greater.validate(LABEL, List.of(f32(2, 3), f32(2))), "broadcast");
        assertTypeError(() -> greater.validate(LABEL, List.of(f32(2))), "2 input");
    }

    @Test
    void logicalOperationsTakeOnlyUint8() {
        assertEquals(List.of(d(DataType.UINT8, 5)),
                logical(ElementwiseLogical.Kind.LOGICAL_NOT).validate(LABEL, List.of(d(DataType.UINT8, 5))));
        assertTypeError(() -> logical(ElementwiseLogical.Kind.LOGICAL_NOT).validate(LABEL, List.of(d(DataType.INT8, 5))),
                "int8");
        assertTypeError(() -> logical(ElementwiseLogical.Kind.LOGICAL_AND).validate(LABEL, List.of(f32(1), f32(1))),
                "float32");
        assertEquals(List.of(d(DataType.UINT8, 3, 2)), logical(ElementwiseLogical.Kind.LOGICAL_XOR)
                .validate(LABEL, List.of(d(DataType.UINT8, 3, 1), d(DataType.UINT8, 1, 2))));
        assertTypeError(() -> logical(ElementwiseLogical.Kind.LOGICAL_OR)
                .validate(LABEL, List.of(d(DataType.UINT8, 2), d(DataType.INT8, 2))), "int8");
    }

    @Test
    void isNaNAndIsInfiniteTakeFloatsAndGiveUint8() {
        assertEquals(List.of(d(DataType.UINT8, 2, 2)),
                logical(ElementwiseLogical.Kind.IS_NAN).validate(LABEL, List.of(d(DataType.FLOAT16, 2, 2))));
        assertTypeError(() -> logical(ElementwiseLogical.Kind.IS_INFINITE).validate(LABEL, List.of(d(DataType.INT32, 2))),
                "int32");
        assertEquals("isNaN", logical(ElementwiseLogical.Kind.IS_NAN).opName());
        assertEquals(ElementwiseLogical.Kind.GREATER_OR_EQUAL, ElementwiseLogical.Kind.fromMethodName("greaterOrEqual"));
    }

    @Test
    void newUnaryKindsFollowTheSpecTypeLists() {
        ElementwiseUnary roundEven = new ElementwiseUnary(ElementwiseUnary.Kind.ROUND_EVEN);
        assertEquals("roundEven", roundEven.opName());
        assertEquals(List.of(d(DataType.FLOAT16, 3)), roundEven.validate(LABEL, List.of(d(DataType.FLOAT16, 3))));
        assertTypeError(() -> roundEven.validate(LABEL, List.of(d(DataType.INT32, 3))), "int32");
        for (ElementwiseUnary.Kind kind : List.of(ElementwiseUnary.Kind.GELU, ElementwiseUnary.Kind.HARD_SWISH,
                ElementwiseUnary.Kind.SOFTPLUS, ElementwiseUnary.Kind.SIGMOID, ElementwiseUnary.Kind.TANH)) {
            assertTypeError(() -> new ElementwiseUnary(kind).validate(LABEL, List.of(d(DataType.INT8, 1))), "int8");
        }
        assertEquals("hardSwish", new ElementwiseUnary(ElementwiseUnary.Kind.HARD_SWISH).opName());
        // abs, neg, sign and relu take signed integers but no unsigned ones.
        for (ElementwiseUnary.Kind kind : List.of(ElementwiseUnary.Kind.ABS, ElementwiseUnary.Kind.NEG,
                ElementwiseUnary.Kind.SIGN, ElementwiseUnary.Kind.RELU)) {
            assertEquals(List.of(d(DataType.INT64, 2)), new ElementwiseUnary(kind).validate(LABEL, List.of(d(DataType.INT64, 2))));
            assertTypeError(() -> new ElementwiseUnary(kind).validate(LABEL, List.of(d(DataType.UINT32, 2))), "uint32");
        }
    }

    @Test
    void scalarActivationsTakeFloatsAndFiniteParameters() {
        assertEquals(List.of(f32(2, 2)), ScalarActivation.elu(1).validate(LABEL, List.of(f32(2, 2))));
        assertEquals("hardSigmoid", ScalarActivation.hardSigmoid(0.2, 0.5).opName());
        assertTypeError(() -> ScalarActivation.leakyRelu(0.01).validate(LABEL, List.of(d(DataType.INT32, 2))), "int32");
        assertTypeError(() -> ScalarActivation.linear(Double.NaN, 0).validate(LABEL, List.of(f32(2))), "finite");
        assertTypeError(() -> ScalarActivation.linear(1, Double.POSITIVE_INFINITY).validate(LABEL, List.of(f32(2))),
                "finite");
    }

    @Test
    void clampComparesTheBoundsCastToTheInputType() {
        assertEquals(List.of(f32(1, 2, 3)), new Clamp(1.0, 3.0).validate(LABEL, List.of(f32(1, 2, 3))));
        assertEquals(List.of(f32(2)), new Clamp(0.0, 0.0).validate(LABEL, List.of(f32(2))));
        assertEquals(List.of(f32(2)), new Clamp(0.0, -0.0).validate(LABEL, List.of(f32(2))));
        assertEquals(List.of(f32(2)), new Clamp(null, null).validate(LABEL, List.of(f32(2))));
        assertTypeError(() -> new Clamp(3.0, 1.0).validate(LABEL, List.of(f32(2))), "greater");
        // 2.7 and 2.2 round to 3 and 2 in int8: the cast bounds cross.
        assertTypeError(() -> new Clamp(2.7, 2.2).validate(LABEL, List.of(d(DataType.INT8, 2))), "greater");
        assertEquals(List.of(d(DataType.INT8, 2)), new Clamp(2.2, 2.7).validate(LABEL, List.of(d(DataType.INT8, 2))));
        // Both bounds saturate to 0 in uint8, so they no longer cross.
        assertEquals(List.of(d(DataType.UINT8, 2)), new Clamp(-1L, -5L).validate(LABEL, List.of(d(DataType.UINT8, 2))));
        BigInteger big = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.TWO);
        assertEquals(List.of(d(DataType.UINT64, 2)),
                new Clamp(5L, big).validate(LABEL, List.of(d(DataType.UINT64, 2))));
        assertTypeError(() -> new Clamp(big, 5L).validate(LABEL, List.of(d(DataType.UINT64, 2))), "greater");
    }

    @Test
    void clampRefusesNonFiniteBounds() {
        assertTypeError(() -> new Clamp(Double.NEGATIVE_INFINITY, null).validate(LABEL, List.of(f32())), "finite");
        assertTypeError(() -> new Clamp(null, Double.NaN).validate(LABEL, List.of(f32())), "finite");
    }

    @Test
    void mlNumberCastRoundsHalfToEvenAndSaturates() {
        assertEquals(2, MLNumbers.toInteger(DataType.INT32, 2.5));
        assertEquals(-4, MLNumbers.toInteger(DataType.INT32, -3.5));
        assertEquals(127, MLNumbers.toInteger(DataType.INT8, 1e10));
        assertEquals(-8, MLNumbers.toInteger(DataType.INT4, -100L));
        assertEquals(15, MLNumbers.toInteger(DataType.UINT4, 16L));
        assertEquals(0, MLNumbers.toInteger(DataType.UINT32, Double.NaN));
        assertEquals(-1L, MLNumbers.toInteger(DataType.UINT64, BigInteger.ONE.shiftLeft(70)));
        assertEquals(Long.MAX_VALUE, MLNumbers.toInteger(DataType.INT64, Double.POSITIVE_INFINITY));
        assertEquals(65504.0, MLNumbers.toFloat(DataType.FLOAT16, 65519.0));
        assertEquals(Double.POSITIVE_INFINITY, MLNumbers.toFloat(DataType.FLOAT16, 65520L));
        assertEquals(16777216.0, MLNumbers.toFloat(DataType.FLOAT32, 16777217L));
    }

    @Test
    void preluBroadcastsSlopeAndInputAndKeepsTheType() {
        Prelu prelu = new Prelu();
        assertEquals(List.of(f32(3, 2, 5)), prelu.validate(LABEL, List.of(f32(3, 2, 5), f32(5))));
        assertEquals(List.of(f32(3, 2, 5)), prelu.validate(LABEL, List.of(f32(3, 2, 5), f32())));
        assertEquals(List.of(d(DataType.INT8, 4, 3)),
                prelu.validate(LABEL, List.of(d(DataType.INT8, 3), d(DataType.INT8, 4, 1))));
        assertTypeError(() -> prelu.validate(LABEL, List.of(f32(3, 2, 5), f32(2))), "broadcast");
        assertTypeError(() -> prelu.validate(LABEL, List.of(f32(3), d(DataType.INT32, 3))), "int32");
        assertTypeError(() -> prelu.validate(LABEL, List.of(d(DataType.UINT8, 3), d(DataType.UINT8, 3))), "uint8");
    }

    @Test
    void whereBroadcastsAllThreeOperands() {
        Where where = new Where();
        assertEquals(List.of(d(DataType.INT32, 2, 3, 4)), where.validate(LABEL,
                List.of(d(DataType.UINT8, 2, 1, 1), d(DataType.INT32, 3, 1), d(DataType.INT32, 4))));
        assertTypeError(() -> where.validate(LABEL, List.of(f32(2), f32(2), f32(2))), "condition");
        assertTypeError(() -> where.validate(LABEL, List.of(d(DataType.UINT8, 2), f32(2), d(DataType.FLOAT16, 2))),
                "float16");
        assertTypeError(() -> where.validate(LABEL, List.of(d(DataType.UINT8, 3), f32(2), f32(2))), "broadcast");
    }

    @Test
    void quantizeLinearChecksTypesAndBlocks() {
        QuantizeLinear quantize = new QuantizeLinear();
        assertEquals(List.of(d(DataType.INT8, 6, 4, 5)), quantize.validate(LABEL,
                List.of(f32(6, 4, 5), f32(2, 2, 1), d(DataType.INT8, 2, 2, 1))));
        // A scale of lower rank spans the missing leading dimensions.
        assertEquals(List.of(d(DataType.UINT4, 3, 2, 5)), quantize.validate(LABEL,
                List.of(f32(3, 2, 5), f32(5), d(DataType.UINT4, 5))));
        assertTypeError(() -> quantize.validate(LABEL, List.of(f32(3, 2, 5), f32(2, 1, 5), d(DataType.INT8, 2, 1, 5))),
                "blocks");
        assertTypeError(() -> quantize.validate(LABEL, List.of(f32(3, 2, 5), f32(5), d(DataType.INT8, 2, 5))),
                "one shape");
        assertTypeError(() -> quantize.validate(LABEL, List.of(d(DataType.INT32, 5), f32(5), d(DataType.INT8, 5))),
                "int32");
        assertTypeError(() -> quantize.validate(LABEL,
                List.of(f32(5), d(DataType.FLOAT16, 5), d(DataType.INT8, 5))), "float16");
        assertTypeError(() -> quantize.validate(LABEL, List.of(f32(5), f32(5), d(DataType.FLOAT16, 5))), "float16");
        assertTypeError(() -> quantize.validate(LABEL, List.of(f32(5), f32(1, 5), d(DataType.INT8, 1, 5))), "rank");
    }

    @Test
    void dequantizeLinearChecksTypesAndBlocks() {
        DequantizeLinear dequantize = new DequantizeLinear();
        assertEquals(List.of(d(DataType.FLOAT16, 6, 4)), dequantize.validate(LABEL,
                List.of(d(DataType.INT4, 6, 4), d(DataType.FLOAT16, 3, 1), d(DataType.INT4, 3, 1))));
        assertEquals(List.of(f32(3, 2, 5)), dequantize.validate(LABEL,
                List.of(d(DataType.UINT8, 3, 2, 5), f32(), d(DataType.UINT8))));
        assertTypeError(() -> dequantize.validate(LABEL,
                List.of(d(DataType.INT8, 5), f32(5), d(DataType.UINT8, 5))), "one data type");
        assertTypeError(() -> dequantize.validate(LABEL,
                List.of(d(DataType.FLOAT16, 5), f32(5), d(DataType.FLOAT16, 5))), "float16");
        assertTypeError(() -> dequantize.validate(LABEL,
                List.of(d(DataType.UINT8, 5), d(DataType.INT32, 5), d(DataType.UINT8, 5))), "int32");
        assertTypeError(() -> dequantize.validate(LABEL,
                List.of(d(DataType.UINT8, 3, 2, 5), f32(2), d(DataType.UINT8, 2))), "blocks");
    }
}
