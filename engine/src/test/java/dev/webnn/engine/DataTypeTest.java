package dev.webnn.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataTypeTest {
    @Test
    void byteLengthsFollowTheElementSize() {
        assertEquals(24, DataType.FLOAT32.byteLength(6));
        assertEquals(12, DataType.FLOAT16.byteLength(6));
        assertEquals(48, DataType.UINT64.byteLength(6));
        assertEquals(6, DataType.INT8.byteLength(6));
    }

    @Test
    void fourBitTypesPackTwoElementsPerByte() {
        assertEquals(0, DataType.INT4.byteLength(0));
        assertEquals(1, DataType.INT4.byteLength(1));
        assertEquals(1, DataType.UINT4.byteLength(2));
        assertEquals(3, DataType.UINT4.byteLength(5));
        assertEquals(Long.MAX_VALUE / 2 + 1, DataType.INT4.byteLength(Long.MAX_VALUE));
    }

    @Test
    void byteLengthOverflowIsReported() {
        assertThrows(ArithmeticException.class, () -> DataType.INT64.byteLength(1L << 61));
    }

    @Test
    void namesRoundTripAndUnknownNamesGiveNull() {
        for (DataType t : DataType.values()) {
            assertEquals(t, DataType.fromWebnnName(t.webnnName()));
        }
        assertEquals("float16", DataType.FLOAT16.webnnName());
        assertNull(DataType.fromWebnnName("bfloat16"));
        assertNull(DataType.fromWebnnName("FLOAT32"));
    }

    @Test
    void classification() {
        assertTrue(DataType.FLOAT16.isFloat());
        assertFalse(DataType.FLOAT16.isInteger());
        assertTrue(DataType.INT4.isSigned());
        assertFalse(DataType.UINT64.isSigned());
        assertEquals(4, DataType.UINT4.bits());
        assertEquals(64, DataType.INT64.bits());
    }

    @Test
    void errorKindsMapToJavaScriptNames() {
        assertEquals("TypeError", ErrorKind.TYPE.jsName());
        assertFalse(ErrorKind.TYPE.isDomException());
        assertEquals("AbortError", ErrorKind.ABORT.jsName());
        assertTrue(ErrorKind.INVALID_STATE.isDomException());
    }

    @Test
    void validationErrorPrefixesTheLabel() {
        assertEquals("[conv1] bad", new ValidationError("conv1", "bad").getMessage());
        assertEquals("bad", new ValidationError("", "bad").getMessage());
        assertEquals(ErrorKind.TYPE, new ValidationError("x", "bad").kind());
    }
}
