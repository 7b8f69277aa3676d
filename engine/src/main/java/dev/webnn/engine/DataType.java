package dev.webnn.engine;

import java.util.Locale;

/** The WebNN MLOperandDataType values. */
public enum DataType {
    FLOAT32(32, true, true),
    FLOAT16(16, true, true),
    INT32(32, false, true),
    UINT32(32, false, false),
    INT64(64, false, true),
    UINT64(64, false, false),
    INT8(8, false, true),
    UINT8(8, false, false),
    INT4(4, false, true),
    UINT4(4, false, false);

    private final int bits;
    private final boolean isFloat;
    private final boolean isSigned;
    private final String webnnName;

    DataType(int bits, boolean isFloat, boolean isSigned) {
        this.bits = bits;
        this.isFloat = isFloat;
        this.isSigned = isSigned;
        this.webnnName = name().toLowerCase(Locale.ROOT);
    }

    public String webnnName() {
        return webnnName;
    }

    /** Returns null for a name WebNN does not define, so callers pick their own error. */
    public static DataType fromWebnnName(String name) {
        for (DataType t : values()) {
            if (t.webnnName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    public int bits() {
        return bits;
    }

    public boolean isFloat() {
        return isFloat;
    }

    public boolean isInteger() {
        return !isFloat;
    }

    public boolean isSigned() {
        return isSigned;
    }

    /**
     * Bytes needed for {@code elementCount} elements. 4-bit types pack two elements per byte
     * (first element in the low nibble), so an odd count still needs a whole final byte.
     *
     * @throws ArithmeticException if the result overflows a long
     */
    public long byteLength(long elementCount) {
        if (bits == 4) {
            return elementCount / 2 + elementCount % 2;
        }
        return Math.multiplyExact(elementCount, bits / 8);
    }
}
