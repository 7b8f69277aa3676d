package dev.webnn.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A tensor's values in a form code can compute with, and the one codec between that form and
 * WebNN's little-endian bytes for all data types.
 *
 * <p>Float types are held as double[]; integer types as long[] in canonical form: signed types
 * sign-extended, unsigned types zero-extended (uint64 keeps its unsigned bits in the long).
 * Every factory rounds or wraps each value to the data type, so the values held are always
 * exactly representable in it.
 */
public final class TensorData {
    /** Java arrays cannot be longer than this on common VMs. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final OperandDescriptor descriptor;
    private final double[] floats;
    private final long[] integers;

    private TensorData(OperandDescriptor descriptor, double[] floats, long[] integers) {
        this.descriptor = descriptor;
        this.floats = floats;
        this.integers = integers;
    }

    /** Rounds every value to the descriptor's float type. */
    public static TensorData ofFloats(OperandDescriptor d, double[] values) {
        requireFloat(d.dataType(), true);
        requireLength(d, values.length);
        double[] rounded = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            rounded[i] = roundTo(d.dataType(), values[i]);
        }
        return new TensorData(d, rounded, null);
    }

    /** Wraps every value, two's complement, to the descriptor's integer type. */
    public static TensorData ofIntegers(OperandDescriptor d, long[] values) {
        requireFloat(d.dataType(), false);
        requireLength(d, values.length);
        long[] wrapped = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            wrapped[i] = wrapTo(d.dataType(), values[i]);
        }
        return new TensorData(d, null, wrapped);
    }

    /** Reads {@code d.byteLength()} bytes from the buffer's position; the buffer is not changed. */
    public static TensorData decode(OperandDescriptor d, ByteBuffer bytes) {
        int count = elementCountOf(d);
        long needed = d.byteLength();
        if (bytes.remaining() != needed) {
            throw new WebNNException(ErrorKind.TYPE, "Expected " + needed + " bytes for " + d
                    + " but got " + bytes.remaining() + ".");
        }
        ByteBuffer in = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        DataType t = d.dataType();
        if (t.isFloat()) {
            double[] v = new double[count];
            for (int i = 0; i < count; i++) {
                v[i] = t == DataType.FLOAT32 ? in.getFloat(i * 4) : Float.float16ToFloat(in.getShort(i * 2));
            }
            return new TensorData(d, v, null);
        }
        long[] v = new long[count];
        for (int i = 0; i < count; i++) {
            long raw = switch (t.bits()) {
                case 4 -> (in.get(i / 2) >>> ((i % 2) * 4)) & 0xF;
                case 8 -> in.get(i);
                case 32 -> in.getInt(i * 4);
                default -> in.getLong(i * 8);
            };
            v[i] = wrapTo(t, raw);
        }
        return new TensorData(d, null, v);
    }

    /** Writes the values as little-endian bytes at the buffer's position; the position is unchanged. */
    public void encodeTo(ByteBuffer target) {
        long needed = descriptor.byteLength();
        if (target.remaining() != needed) {
            throw new WebNNException(ErrorKind.TYPE, "Expected a " + needed + "-byte buffer for " + descriptor
                    + " but got " + target.remaining() + " bytes.");
        }
        ByteBuffer out = target.slice().order(ByteOrder.LITTLE_ENDIAN);
        DataType t = descriptor.dataType();
        int count = size();
        if (t.bits() == 4) {
            for (int i = 0; i < out.capacity(); i++) {
                out.put(i, (byte) 0);
            }
        }
        for (int i = 0; i < count; i++) {
            switch (t) {
                case FLOAT32 -> out.putFloat(i * 4, (float) floats[i]);
                // floats[i] is already a float16 value, so going through float rounds nothing.
                case FLOAT16 -> out.putShort(i * 2, Float.floatToFloat16((float) floats[i]));
                case INT4, UINT4 -> {
                    int shift = (i % 2) * 4;
                    out.put(i / 2, (byte) (out.get(i / 2) | ((integers[i] & 0xF) << shift)));
                }
                case INT8, UINT8 -> out.put(i, (byte) integers[i]);
                case INT32, UINT32 -> out.putInt(i * 4, (int) integers[i]);
                case INT64, UINT64 -> out.putLong(i * 8, integers[i]);
            }
        }
    }

    /** A new little-endian buffer holding the encoded values. */
    public ByteBuffer toBytes() {
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(descriptor.byteLength())).order(ByteOrder.LITTLE_ENDIAN);
        encodeTo(out);
        return out;
    }

    public OperandDescriptor descriptor() {
        return descriptor;
    }

    public int size() {
        return floats != null ? floats.length : integers.length;
    }

    /** A copy of the values of a float tensor. */
    public double[] floats() {
        requireFloat(descriptor.dataType(), true);
        return floats.clone();
    }

    /** A copy of the canonical values of an integer tensor. */
    public long[] integers() {
        requireFloat(descriptor.dataType(), false);
        return integers.clone();
    }

    /** Same values, new shape; the element count must not change. */
    public TensorData reshaped(OperandDescriptor newDescriptor) {
        if (newDescriptor.dataType() != descriptor.dataType()) {
            throw new IllegalArgumentException("reshape cannot change the data type");
        }
        requireLength(newDescriptor, size());
        return new TensorData(newDescriptor, floats, integers);
    }

    /**
     * Rounds a double to the nearest value of a float type. float16 goes through float32 first,
     * so a double exactly between two float16 values can round twice; every computation here
     * lands on float32 precision anyway, which is what WebNN's tolerances assume.
     */
    public static double roundTo(DataType t, double value) {
        return switch (t) {
            case FLOAT32 -> (float) value;
            case FLOAT16 -> Float.float16ToFloat(Float.floatToFloat16((float) value));
            default -> throw new IllegalArgumentException(t + " is not a float type");
        };
    }

    /** Keeps the low {@code t.bits()} bits, sign-extending signed types and zero-extending unsigned ones. */
    public static long wrapTo(DataType t, long value) {
        if (t.isFloat()) {
            throw new IllegalArgumentException(t + " is not an integer type");
        }
        int unused = 64 - t.bits();
        if (unused == 0) {
            return value;
        }
        return t.isSigned() ? (value << unused) >> unused : (value << unused) >>> unused;
    }

    /** The smallest value of an integer type, canonical form. */
    public static long minOf(DataType t) {
        return t.isSigned() ? -1L << (t.bits() - 1) : 0;
    }

    /** The largest value of an integer type, canonical form (for uint64 the all-ones bits). */
    public static long maxOf(DataType t) {
        if (t.isSigned()) {
            return ~(-1L << (t.bits() - 1));
        }
        return t.bits() == 64 ? -1L : ~(-1L << t.bits());
    }

    /** The element count as an array length, or an OperationError when no Java array can hold it. */
    public static int elementCountOf(OperandDescriptor d) {
        long count = d.elementCount();
        if (count > MAX_ELEMENTS) {
            throw new WebNNException(ErrorKind.OPERATION, d + " has more elements than this engine can hold.");
        }
        return (int) count;
    }

    private static void requireFloat(DataType t, boolean wantFloat) {
        if (t.isFloat() != wantFloat) {
            throw new IllegalArgumentException(t + (wantFloat ? " is not a float type" : " is not an integer type"));
        }
    }

    private static void requireLength(OperandDescriptor d, int length) {
        if (d.elementCount() != length) {
            throw new IllegalArgumentException(length + " values do not fit " + d);
        }
    }

    @Override
    public String toString() {
        return descriptor + (floats != null ? java.util.Arrays.toString(floats) : java.util.Arrays.toString(integers));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData other && other.descriptor.equals(descriptor)
                && java.util.Arrays.equals(other.floats, floats) && java.util.Arrays.equals(other.integers, integers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(descriptor, java.util.Arrays.hashCode(floats), java.util.Arrays.hashCode(integers));
    }
}
