package dev.webnn.engine.backend.opencl;

import dev.webnn.engine.DataType;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.backend.opencl.EwChain.Code;
import dev.webnn.engine.backend.opencl.EwChain.Ew;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.graph.Operation;
import dev.webnn.engine.ops.BatchNormalization;
import dev.webnn.engine.ops.Cast;
import dev.webnn.engine.ops.Clamp;
import dev.webnn.engine.ops.DequantizeLinear;
import dev.webnn.engine.ops.ElementwiseBinary;
import dev.webnn.engine.ops.ElementwiseLogical;
import dev.webnn.engine.ops.ElementwiseUnary;
import dev.webnn.engine.ops.MLNumbers;
import dev.webnn.engine.ops.Prelu;
import dev.webnn.engine.ops.QuantizeLinear;
import dev.webnn.engine.ops.ScalarActivation;
import dev.webnn.engine.ops.Where;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers the element-wise ops to {@link EwChain.Ew}: C expressions with the reference backend's semantics (NaN
 * propagation, -0, integer wrapping, division by zero giving 0, saturating casts).
 */
final class Elementwise {
    private Elementwise() {
    }

    /** The lowered op, or null when it is not element-wise. */
    static Ew lower(Operation operation) {
        List<Operand> in = operation.inputs();
        DataType out = operation.outputs().get(0).descriptor().dataType();
        return switch (operation.op()) {
            case ElementwiseBinary op -> ew(operation, in, out, binary(op.kind(), out));
            case ElementwiseUnary op -> ew(operation, in, out, unary(op.kind(), out));
            case ElementwiseLogical op -> ew(operation, in, out, logical(op.kind(), in.get(0).descriptor().dataType()));
            case ScalarActivation op -> ew(operation, in, out, activation(op, out));
            case Clamp op -> ew(operation, in, out, clamp(op, out));
            case Prelu op -> ew(operation, in, out, out.isFloat()
                    ? a -> "(" + a[0] + " < 0 ? " + a[1] + " * " + a[0] + " : " + a[0] + ")"
                    : a -> "(" + a[0] + " < 0 ? as_long((ulong)" + a[1] + " * (ulong)" + a[0] + ") : " + a[0] + ")");
            case Where op -> ew(operation, in, out, a -> "(" + a[0] + " != 0 ? " + a[1] + " : " + a[2] + ")");
            case Cast op -> ew(operation, in, out, cast(in.get(0).descriptor().dataType(), out));
            case QuantizeLinear op -> ew(operation, in, out, quantize(in.get(0).descriptor().dataType(), out));
            case DequantizeLinear op -> ew(operation, in, out, a -> "((float)(" + a[0] + " - " + a[2] + ") * " + a[1]
                    + ")");
            case BatchNormalization op -> batchNormalization(operation, op, out);
            default -> null;
        };
    }

    private static Ew ew(Operation operation, List<Operand> args, DataType type, Code code) {
        List<long[]> shapes = new ArrayList<>();
        for (Operand arg : args) {
            shapes.add(arg.descriptor().shape());
        }
        return new Ew(operation, args, shapes, type, code);
    }

    private static Code binary(ElementwiseBinary.Kind kind, DataType type) {
        if (type.isFloat()) {
            return switch (kind) {
                case ADD -> a -> "(" + a[0] + " + " + a[1] + ")";
                case SUB -> a -> "(" + a[0] + " - " + a[1] + ")";
                case MUL -> a -> "(" + a[0] + " * " + a[1] + ")";
                case DIV -> a -> "(" + a[0] + " / " + a[1] + ")";
                // NaN wins, as Java's Math.max and Math.min have it; fmax alone would drop it.
                case MAX -> a -> "((isnan(" + a[0] + ") || isnan(" + a[1] + ")) ? NAN : fmax(" + a[0] + ", " + a[1] + "))";
                case MIN -> a -> "((isnan(" + a[0] + ") || isnan(" + a[1] + ")) ? NAN : fmin(" + a[0] + ", " + a[1] + "))";
                case POW -> a -> "pow(" + a[0] + ", " + a[1] + ")";
            };
        }
        if (type == DataType.UINT64) {
            return switch (kind) {
                case ADD -> a -> "(" + a[0] + " + " + a[1] + ")";
                case SUB -> a -> "(" + a[0] + " - " + a[1] + ")";
                case MUL -> a -> "(" + a[0] + " * " + a[1] + ")";
                case DIV -> a -> "(" + a[1] + " == 0 ? 0UL : " + a[0] + " / " + a[1] + ")";
                case MAX -> a -> "max(" + a[0] + ", " + a[1] + ")";
                case MIN -> a -> "min(" + a[0] + ", " + a[1] + ")";
                case POW -> a -> "webnn_pow_u(" + a[0] + ", " + a[1] + ")";
            };
        }
        // Signed 64-bit overflow is undefined in C, so arithmetic goes through ulong and back, bit for bit.
        return switch (kind) {
            case ADD -> a -> "as_long((ulong)" + a[0] + " + (ulong)" + a[1] + ")";
            case SUB -> a -> "as_long((ulong)" + a[0] + " - (ulong)" + a[1] + ")";
            case MUL -> a -> "as_long((ulong)" + a[0] + " * (ulong)" + a[1] + ")";
            case DIV -> a -> "webnn_div_s(" + a[0] + ", " + a[1] + ")";
            case MAX -> a -> "max(" + a[0] + ", " + a[1] + ")";
            case MIN -> a -> "min(" + a[0] + ", " + a[1] + ")";
            case POW -> type.isSigned() ? a -> "webnn_pow_s(" + a[0] + ", " + a[1] + ")"
                    : a -> "as_long(webnn_pow_u((ulong)" + a[0] + ", (ulong)" + a[1] + "))";
        };
    }

    private static Code unary(ElementwiseUnary.Kind kind, DataType type) {
        if (type.isInteger()) {
            boolean u64 = type == DataType.UINT64;
            return switch (kind) {
                case ABS -> u64 || !type.isSigned() ? a -> a[0] : a -> "(" + a[0] + " < 0 ? as_long(0UL - (ulong)" + a[0]
                        + ") : " + a[0] + ")";
                case NEG -> u64 ? a -> "(0UL - " + a[0] + ")" : a -> "as_long(0UL - (ulong)" + a[0] + ")";
                case SIGN -> u64 ? a -> "(" + a[0] + " != 0 ? 1UL : 0UL)"
                        : a -> "(" + a[0] + " > 0 ? 1L : " + a[0] + " < 0 ? -1L : 0L)";
                case RELU -> u64 ? a -> a[0] : a -> "(" + a[0] + " > 0 ? " + a[0] + " : 0L)";
                case IDENTITY -> a -> a[0];
                default -> throw new IllegalStateException(kind + " was validated as float-only");
            };
        }
        return switch (kind) {
            case ABS -> a -> "fabs(" + a[0] + ")";
            case CEIL -> a -> "ceil(" + a[0] + ")";
            case COS -> a -> "cos(" + a[0] + ")";
            case ERF -> a -> "erf(" + a[0] + ")";
            case EXP -> a -> "exp(" + a[0] + ")";
            case FLOOR -> a -> "floor(" + a[0] + ")";
            case IDENTITY -> a -> a[0];
            case LOG -> a -> "log(" + a[0] + ")";
            case NEG -> a -> "(-" + a[0] + ")";
            case RECIPROCAL -> a -> "(1.0f / " + a[0] + ")";
            case ROUND_EVEN -> a -> "rint(" + a[0] + ")";
            case SIN -> a -> "sin(" + a[0] + ")";
            case SQRT -> a -> "sqrt(" + a[0] + ")";
            case TAN -> a -> "tan(" + a[0] + ")";
            case SIGN -> a -> "(" + a[0] + " > 0.0f ? 1.0f : " + a[0] + " < 0.0f ? -1.0f : " + a[0] + ")";
            case RELU -> a -> "(" + a[0] + " > 0.0f || isnan(" + a[0] + ") ? " + a[0] + " : 0.0f)";
            case SIGMOID -> a -> "(1.0f / (1.0f + exp(-" + a[0] + ")))";
            case TANH -> a -> "tanh(" + a[0] + ")";
            case SOFTSIGN -> a -> "(" + a[0] + " / (1.0f + fabs(" + a[0] + ")))";
            case GELU -> a -> "(" + a[0] + " == -INFINITY ? -0.0f : 0.5f * " + a[0] + " * erfc(-" + a[0]
                    + " * 0.70710678118654752f))";
            case HARD_SWISH -> a -> "(" + a[0] + " <= -3.0f ? 0.0f : " + a[0] + " >= 3.0f ? " + a[0] + " : " + a[0]
                    + " * (" + a[0] + " + 3.0f) / 6.0f)";
            case SOFTPLUS -> a -> "(" + a[0] + " > 0.0f ? " + a[0] + " + log1p(exp(-" + a[0] + ")) : log1p(exp(" + a[0]
                    + ")))";
        };
    }

    private static Code logical(ElementwiseLogical.Kind kind, DataType operands) {
        String zero = operands.isFloat() ? "0.0f" : operands == DataType.UINT64 ? "0UL" : "0L";
        return switch (kind) {
            case EQUAL -> a -> bit(a[0] + " == " + a[1]);
            case NOT_EQUAL -> a -> bit(a[0] + " != " + a[1]);
            case GREATER -> a -> bit(a[0] + " > " + a[1]);
            case GREATER_OR_EQUAL -> a -> bit(a[0] + " >= " + a[1]);
            case LESSER -> a -> bit(a[0] + " < " + a[1]);
            case LESSER_OR_EQUAL -> a -> bit(a[0] + " <= " + a[1]);
            case LOGICAL_NOT -> a -> bit(a[0] + " == " + zero);
            case LOGICAL_AND -> a -> bit(a[0] + " != " + zero + " && " + a[1] + " != " + zero);
            case LOGICAL_OR -> a -> bit(a[0] + " != " + zero + " || " + a[1] + " != " + zero);
            case LOGICAL_XOR -> a -> bit("(" + a[0] + " != " + zero + ") != (" + a[1] + " != " + zero + ")");
            case IS_NAN -> a -> bit("isnan(" + a[0] + ")");
            case IS_INFINITE -> a -> bit("isinf(" + a[0] + ")");
        };
    }

    private static String bit(String condition) {
        return "((" + condition + ") ? 1L : 0L)";
    }

    /** The parameters are cast to the input's type first, as the spec's steps do. */
    private static Code activation(ScalarActivation op, DataType type) {
        String alpha = CType.floatLiteral(TensorData.roundTo(type, op.alpha()));
        String beta = CType.floatLiteral(TensorData.roundTo(type, op.beta()));
        return switch (op.kind()) {
            case ELU -> a -> "(" + a[0] + " > 0.0f ? " + a[0] + " : " + alpha + " * expm1(" + a[0] + "))";
            // The comparisons keep NaN, as max(0, min(1, NaN)) does in Java.
            case HARD_SIGMOID -> a -> "webnn_unit_clamp(" + alpha + " * " + a[0] + " + " + beta + ")";
            case LEAKY_RELU -> a -> "(" + a[0] + " >= 0.0f ? " + a[0] + " : " + alpha + " * " + a[0] + ")";
            case LINEAR -> a -> "(" + alpha + " * " + a[0] + " + " + beta + ")";
        };
    }

    private static Code clamp(Clamp op, DataType type) {
        String min;
        String max;
        if (type.isFloat()) {
            min = op.minValue() == null ? null : CType.floatLiteral(MLNumbers.toFloat(type, op.minValue()));
            max = op.maxValue() == null ? null : CType.floatLiteral(MLNumbers.toFloat(type, op.maxValue()));
        } else {
            min = op.minValue() == null ? null : CType.integerLiteral(type, MLNumbers.toInteger(type, op.minValue()));
            max = op.maxValue() == null ? null : CType.integerLiteral(type, MLNumbers.toInteger(type, op.maxValue()));
        }
        return a -> {
            String v = a[0];
            if (max != null) {
                v = "(" + v + " > " + max + " ? " + max + " : " + v + ")";
            }
            if (min != null) {
                v = "(" + a[0] + " < " + min + " ? " + min + " : " + v + ")";
            }
            return v;
        };
    }

    static Code cast(DataType from, DataType to) {
        if (from.isFloat() && to.isFloat()) {
            return a -> a[0];
        }
        if (from.isFloat()) {
            return a -> floatToInteger(to, a[0]);
        }
        if (to.isFloat()) {
            // Integer to float conversion rounds to nearest in OpenCL C, once, as Java's long-to-float does.
            return a -> "(float)" + a[0];
        }
        if (from == DataType.UINT64) {
            return a -> "as_long(" + a[0] + ")";
        }
        if (to == DataType.UINT64) {
            return a -> "as_ulong(" + a[0] + ")";
        }
        return a -> a[0];
    }

    /** Truncates toward zero and saturates to the type's range; NaN becomes 0. */
    private static String floatToInteger(DataType to, String value) {
        if (to == DataType.UINT64) {
            return "webnn_float_to_ulong(" + value + ")";
        }
        int bits = to.bits();
        String lo = to.isSigned() ? "-0x1.0p" + (bits - 1) + "f" : "0.0f";
        String hi = "0x1.0p" + (to.isSigned() ? bits - 1 : bits) + "f";
        return "webnn_float_to_long(" + value + ", " + lo + ", " + hi + ", " + CType.integerLiteral(to,
                TensorData.minOf(to)) + ", " + CType.integerLiteral(to, TensorData.maxOf(to)) + ")";
    }

    /** roundEven(input / scale) + zeroPoint, saturated; the quotient is rounded to the input's type first. */
    private static Code quantize(DataType input, DataType out) {
        return a -> {
            String quotient = "(" + a[0] + " / " + a[1] + ")";
            if (input == DataType.FLOAT16) {
                quotient = "webnn_round_half(" + quotient + ")";
            }
            return floatToInteger(out, "(rint(" + quotient + ") + (float)" + a[2] + ")");
        };
    }

    /** scale * (x - mean) / sqrt(variance + epsilon) + bias, with the per-feature operands read along the axis. */
    private static Ew batchNormalization(Operation operation, BatchNormalization op, DataType type) {
        List<Operand> in = operation.inputs();
        int rank = in.get(0).descriptor().rank();
        int axis = (int) op.axis();
        long features = in.get(0).descriptor().dim(axis);
        List<Operand> args = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        args.add(in.get(0));
        shapes.add(in.get(0).descriptor().shape());
        for (int i = 1; i < in.size(); i++) {
            if (in.get(i) != null) {
                args.add(in.get(i));
                shapes.add(Indexing.along(rank, axis, features));
            }
        }
        boolean hasScale = in.size() > 3 && in.get(3) != null;
        boolean hasBias = in.size() > 4 && in.get(4) != null;
        String epsilon = CType.floatLiteral(TensorData.roundTo(type, op.epsilon()));
        Code code = a -> {
            String normalized = "(" + a[0] + " - " + a[1] + ") / sqrt(" + a[2] + " + " + epsilon + ")";
            String scaled = hasScale ? "(" + a[3] + " * " + normalized + ")" : "(" + normalized + ")";
            return hasBias ? "(" + scaled + " + " + a[hasScale ? 4 : 3] + ")" : scaled;
        };
        return new Ew(operation, args, shapes, type, code);
    }
}
