package dev.webnn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OperandDescriptorTest {
    private static void assertRejected(DataType t, long... shape) {
        ValidationError e = assertThrows(ValidationError.class, () -> OperandDescriptor.checked("in", t, shape));
        assertEquals(ErrorKind.TYPE, e.kind());
        assertTrue(e.getMessage().startsWith("[in] "), e.getMessage());
    }

    @Test
    void checkedRejectsZeroNegativeAndTooLargeDimensions() {
        assertRejected(DataType.FLOAT32, 2, 0);
        assertRejected(DataType.FLOAT32, -3);
        assertRejected(DataType.FLOAT32, 1L << 32);
    }

    @Test
    void checkedRejectsElementCountAndByteLengthOverflow() {
        long max = OperandDescriptor.MAX_DIMENSION;
        assertRejected(DataType.INT8, max, max, max);
        // 2^31 * 2^30 = 2^61 elements fits a long, but 2^61 * 8 bytes does not.
        assertRejected(DataType.INT64, 1L << 31, 1L << 30);
    }

    @Test
    void checkedAcceptsTheLargestDimension() {
        OperandDescriptor d = OperandDescriptor.checked("", DataType.UINT4, new long[] {OperandDescriptor.MAX_DIMENSION});
        assertEquals(1L << 31, d.byteLength());
    }

    @Test
    void accessorsAndValueSemantics() {
        OperandDescriptor d = OperandDescriptor.of(DataType.FLOAT32, 2, 3);
        assertEquals("float32[2,3]", d.toString());
        assertEquals(6, d.elementCount());
        assertEquals(24, d.byteLength());
        assertEquals(2, d.rank());
        assertEquals(3, d.dim(1));
        assertEquals(OperandDescriptor.of(DataType.FLOAT32, 2, 3), d);
        assertEquals(OperandDescriptor.of(DataType.FLOAT32, 2, 3).hashCode(), d.hashCode());
        assertNotEquals(d.withDataType(DataType.INT32), d);
        assertEquals("float32[6]", d.withShape(6).toString());
        assertEquals("int8[]", OperandDescriptor.of(DataType.INT8).toString());
        long[] shape = d.shape();
        shape[0] = 99;
        assertArrayEquals(new long[] {2, 3}, d.shape());
    }
}
