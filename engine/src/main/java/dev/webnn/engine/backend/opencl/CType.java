package dev.webnn.engine.backend.opencl;

import dev.webnn.engine.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * How WebNN data types look in generated OpenCL C. Values are computed the way the reference backend computes them,
 * narrowed to what a device has: float types in {@code float} (float16 is loaded and stored with vload_half and
 * vstore_half_rte, core OpenCL that needs no cl_khr_fp16), integers exactly in 64 bits ({@code ulong} for uint64,
 * {@code long} for the rest, canonical: sign- or zero-extended) and wrapped to their width when stored. 4-bit types
 * have no device form; ops on them run on the CPU.
 */
final class CType {
    private CType() {
    }

    static boolean onDevice(DataType type) {
        return type.bits() != 4;
    }

    /** The element type of a buffer holding this data type. */
    static String storage(DataType type) {
        return switch (type) {
            case FLOAT32 -> "float";
            case FLOAT16 -> "half";
            case INT32 -> "int";
            case UINT32 -> "uint";
            case INT64 -> "long";
            case UINT64 -> "ulong";
            case INT8 -> "char";
            case UINT8 -> "uchar";
            case INT4, UINT4 -> throw new IllegalArgumentException(type + " has no OpenCL form");
        };
    }

    /** An unsigned type of the same width, for moving elements bit for bit. */
    static String raw(DataType type) {
        return switch (type.bits()) {
            case 8 -> "uchar";
            case 16 -> "ushort";
            case 32 -> "uint";
            case 64 -> "ulong";
            default -> throw new IllegalArgumentException(type + " has no OpenCL form");
        };
    }

    /** The type values are computed in. */
    static String compute(DataType type) {
        if (type.isFloat()) {
            return "float";
        }
        return type == DataType.UINT64 ? "ulong" : "long";
    }

    static String load(DataType type, String buffer, String index) {
        return switch (type) {
            case FLOAT16 -> "vload_half(" + index + ", " + buffer + ")";
            case FLOAT32, UINT64, INT64 -> buffer + "[" + index + "]";
            default -> "(long)" + buffer + "[" + index + "]";
        };
    }

    /** A statement storing a computed value. */
    static String store(DataType type, String buffer, String index, String value) {
        return switch (type) {
            case FLOAT16 -> "vstore_half_rte(" + value + ", " + index + ", " + buffer + ");";
            case FLOAT32, INT64, UINT64 -> buffer + "[" + index + "] = " + value + ";";
            case INT8 -> buffer + "[" + index + "] = as_char((uchar)(" + value + "));";
            case UINT8 -> buffer + "[" + index + "] = (uchar)(" + value + ");";
            case INT32 -> buffer + "[" + index + "] = as_int((uint)(" + value + "));";
            case UINT32 -> buffer + "[" + index + "] = (uint)(" + value + ");";
            case INT4, UINT4 -> throw new IllegalArgumentException(type + " has no OpenCL form");
        };
    }

    /** A computed integer wrapped to the type's width and back to canonical form, as storing then loading would. */
    static String wrap(DataType type, String value) {
        return switch (type) {
            case INT8 -> "(long)as_char((uchar)(" + value + "))";
            case UINT8 -> "(long)(uchar)(" + value + ")";
            case INT32 -> "(long)as_int((uint)(" + value + "))";
            case UINT32 -> "(long)(uint)(" + value + ")";
            default -> value;
        };
    }

    /** A literal of the compute type: {@code value} is a float value for float types, canonical bits otherwise. */
    static String literal(DataType type, double floatValue, long integerValue) {
        if (type.isFloat()) {
            return floatLiteral(floatValue);
        }
        return integerLiteral(type, integerValue);
    }

    static String floatLiteral(double value) {
        if (Double.isNaN(value)) {
            return "NAN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "INFINITY" : "(-INFINITY)";
        }
        return "(" + Float.toHexString((float) value) + "f)";
    }

    static String integerLiteral(DataType type, long value) {
        String hex = String.format(Locale.ROOT, "0x%xUL", value);
        if (type == DataType.UINT64) {
            return hex;
        }
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? "(" + value + "L)" : "as_long(" + hex + ")";
    }

    /** The raw bits of a one-element little-endian encoding, as a literal of {@link #raw}. */
    static String rawLiteral(DataType type, ByteBuffer encoded) {
        ByteBuffer b = encoded.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long bits = switch (type.bits()) {
            case 8 -> b.get(0) & 0xFFL;
            case 16 -> b.getShort(0) & 0xFFFFL;
            case 32 -> b.getInt(0) & 0xFFFFFFFFL;
            default -> b.getLong(0);
        };
        return "((" + raw(type) + ")" + String.format(Locale.ROOT, "0x%xUL", bits) + ")";
    }
}
