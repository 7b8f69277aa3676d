package dev.webnn.engine.backend.opencl;

import dev.webnn.engine.DataType;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.graph.Operation;
import dev.webnn.engine.ops.Concat;
import dev.webnn.engine.ops.Expand;
import dev.webnn.engine.ops.Gather;
import dev.webnn.engine.ops.GatherElements;
import dev.webnn.engine.ops.GatherND;
import dev.webnn.engine.ops.Pad;
import dev.webnn.engine.ops.Reverse;
import dev.webnn.engine.ops.ScatterElements;
import dev.webnn.engine.ops.ScatterND;
import dev.webnn.engine.ops.Slice;
import dev.webnn.engine.ops.Split;
import dev.webnn.engine.ops.Tile;
import dev.webnn.engine.ops.Transpose;
import dev.webnn.engine.ops.Triangular;
import java.util.ArrayList;
import java.util.List;

/**
 * The data-movement template (gather and scatter included): each output element copies one source element, bit for
 * bit, found by an index map generated per op, as the reference's DataMovementKernels do. Index operands are taken
 * from the end when negative and clamped into range, as WPT expects. The scatters copy the input, then apply the
 * updates in order from one work-item per independent lane, so later updates win as in the reference.
 */
final class DataMovement {
    private DataMovement() {
    }

    static List<KernelSpec> lower(Operation operation) {
        List<Operand> in = operation.inputs();
        Operand input = in.get(0);
        Operand out = operation.outputs().get(0);
        long[] inShape = input.descriptor().shape();
        long[] outShape = out.descriptor().shape();
        long[] inStrides = Indexing.strides(inShape);
        return switch (operation.op()) {
            case Transpose op -> {
                int[] order = op.permutationFor(inShape.length);
                StringBuilder index = new StringBuilder("0");
                for (int d = 0; d < order.length; d++) {
                    if (outShape[d] != 1) {
                        index.append(" + ").append(Indexing.coordinate("gid", outShape, d)).append(" * ")
                                .append(inStrides[order[d]]);
                    }
                }
                yield List.of(copy(out, List.of(input), "i0[" + index + "]"));
            }
            case Expand op -> List.of(copy(out, List.of(input), "i0[" + Indexing.broadcastIndex(inShape, outShape, "gid")
                    + "]"));
            case Slice op -> List.of(slice(input, out, op.starts(), op.effectiveStrides()));
            case Split op -> {
                List<KernelSpec> kernels = new ArrayList<>();
                long[] starts = new long[inShape.length];
                long[] ones = new long[inShape.length];
                java.util.Arrays.fill(ones, 1);
                for (Operand part : operation.outputs()) {
                    kernels.add(slice(input, part, starts.clone(), ones));
                    starts[(int) op.axis()] += part.descriptor().dim((int) op.axis());
                }
                yield kernels;
            }
            case Tile op -> List.of(copy(out, List.of(input), "i0[" + perDimension(outShape, inStrides,
                    (c, d) -> "(" + c + " % " + inShape[d] + ")") + "]"));
            case Reverse op -> {
                boolean[] reversed = op.reversedFor(inShape.length);
                yield List.of(copy(out, List.of(input), "i0[" + perDimension(outShape, inStrides,
                        (c, d) -> reversed[d] ? "(" + (inShape[d] - 1) + " - " + c + ")" : c) + "]"));
            }
            case Pad op -> List.of(pad(op, input, out));
            case Concat op -> List.of(concat((int) op.axis(), in, out));
            case Triangular op -> {
                String row = Indexing.coordinate("gid", outShape, outShape.length - 2);
                String column = Indexing.coordinate("gid", outShape, outShape.length - 1);
                String keeps = "((long)" + column + " - (long)" + row + (op.upper() ? " >= " : " <= ") + op.diagonal() + "L)";
                yield List.of(copy(out, List.of(input), keeps + " ? i0[gid] : 0"));
            }
            case Gather op -> List.of(gather((int) op.axis(), input, in.get(1), out));
            case GatherElements op -> {
                int axis = (int) op.axis();
                String index = perDimension(outShape, inStrides, (c, d) -> d == axis
                        ? "webnn_clamp_index(" + CType.load(in.get(1).descriptor().dataType(), "i1", "gid") + ", "
                        + inShape[axis] + ")" : c);
                yield List.of(copy(out, List.of(input, in.get(1)), "i0[" + index + "]"));
            }
            case GatherND op -> {
                long slice = Indexing.count(outShape) / Math.max(1, tuples(in.get(1)));
                yield List.of(copy(out, List.of(input, in.get(1)), "i0[" + sliceOffset(input, in.get(1),
                        "(gid / " + slice + ")") + " + gid % " + slice + "]"));
            }
            case ScatterElements op -> scatterElements((int) op.axis(), input, in.get(1), in.get(2), out);
            case ScatterND op -> scatterND(input, in.get(1), in.get(2), out);
            default -> null;
        };
    }

    @FunctionalInterface
    private interface CoordinateMap {
        String map(String coordinate, int dimension);
    }

    /** The input index when each output coordinate maps on its own to an input coordinate. */
    private static String perDimension(long[] outShape, long[] inStrides, CoordinateMap map) {
        StringBuilder index = new StringBuilder("0");
        for (int d = 0; d < outShape.length; d++) {
            index.append(" + ").append(map.map(Indexing.coordinate("gid", outShape, d), d)).append(" * ").append(inStrides[d]);
        }
        return "(" + index + ")";
    }

    private static long tuples(Operand indices) {
        long[] shape = indices.descriptor().shape();
        return Indexing.count(shape) / shape[shape.length - 1];
    }

    /** For gatherND and scatterND: where in the input the slice addressed by coordinate tuple {@code tuple} starts. */
    private static String sliceOffset(Operand input, Operand indices, String tuple) {
        long[] inShape = input.descriptor().shape();
        long[] inStrides = Indexing.strides(inShape);
        long[] shape = indices.descriptor().shape();
        int size = (int) shape[shape.length - 1];
        StringBuilder offset = new StringBuilder("0");
        for (int c = 0; c < size; c++) {
            offset.append(" + webnn_clamp_index(").append(CType.load(indices.descriptor().dataType(), "i1",
                    tuple + " * " + size + " + " + c)).append(", ").append(inShape[c]).append(") * ").append(inStrides[c]);
        }
        return "(" + offset + ")";
    }

    /** A kernel whose output element gid is {@code value}, an expression over the raw inputs i0, i1, ... */
    private static KernelSpec copy(Operand out, List<Operand> inputs, String value) {
        return copy(out, inputs, "", value);
    }

    private static KernelSpec copy(Operand out, List<Operand> inputs, String statements, String value) {
        DataType t = out.descriptor().dataType();
        long n = Indexing.count(out.descriptor().shape());
        long biggest = n;
        for (Operand input : inputs) {
            biggest = Math.max(biggest, Indexing.count(input.descriptor().shape()));
        }
        String idx = Indexing.indexType(biggest);
        StringBuilder s = new StringBuilder(Preamble.TEXT);
        s.append("__kernel void k(__global ").append(CType.raw(t)).append("* o0").append(parameters(inputs, t))
                .append(") {\n    ").append(idx).append(" gid = get_global_id(0);\n    if (gid >= ").append(n)
                .append(") return;\n").append(statements).append("    o0[gid] = ").append(value).append(";\n}\n");
        return KernelSpec.linear(s.toString(), List.of(out), inputs, n);
    }

    /** Data operands (of the output's type) as raw bits, index operands as their own type. */
    private static String parameters(List<Operand> inputs, DataType dataType) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < inputs.size(); i++) {
            DataType t = inputs.get(i).descriptor().dataType();
            s.append(", __global const ").append(i == 0 || t == dataType && i != 1 ? CType.raw(t) : CType.storage(t))
                    .append("* i").append(i);
        }
        return s.toString();
    }

    private static KernelSpec slice(Operand input, Operand out, long[] starts, long[] strides) {
        long[] inStrides = Indexing.strides(input.descriptor().shape());
        String index = perDimension(out.descriptor().shape(), inStrides, (c, d) -> "(" + starts[d] + " + " + c + " * "
                + strides[d] + ")");
        return copy(out, List.of(input), "i0[" + index + "]");
    }

    private static KernelSpec pad(Pad op, Operand input, Operand out) {
        long[] inShape = input.descriptor().shape();
        long[] outShape = out.descriptor().shape();
        long[] inStrides = Indexing.strides(inShape);
        long[] begin = op.beginningPadding();
        DataType t = out.descriptor().dataType();
        StringBuilder s = new StringBuilder("    long src = 0;\n    int outside = 0;\n");
        for (int d = 0; d < outShape.length; d++) {
            String at = "((long)" + Indexing.coordinate("gid", outShape, d) + " - " + begin[d] + "L)";
            String folded = switch (op.mode()) {
                case CONSTANT -> {
                    s.append("    outside |= ").append(at).append(" < 0 || ").append(at).append(" >= ").append(inShape[d])
                            .append(";\n");
                    yield at;
                }
                case EDGE -> "clamp(" + at + ", 0L, " + (inShape[d] - 1) + "L)";
                case REFLECTION -> "webnn_mirror(" + at + ", " + inShape[d] + ", 0)";
                case SYMMETRIC -> "webnn_mirror(" + at + ", " + inShape[d] + ", 1)";
            };
            s.append("    src += ").append(folded).append(" * ").append(inStrides[d]).append(";\n");
        }
        String fill = CType.rawLiteral(t, op.valueAs(t).toBytes());
        return copy(out, List.of(input), s.toString(), "outside ? " + fill + " : i0[src]");
    }

    private static KernelSpec concat(int axis, List<Operand> inputs, Operand out) {
        long[] outShape = out.descriptor().shape();
        String c = Indexing.coordinate("gid", outShape, axis);
        StringBuilder s = new StringBuilder("    long at = " + c + ";\n    " + CType.raw(out.descriptor().dataType())
                + " v;\n");
        long start = 0;
        for (int i = 0; i < inputs.size(); i++) {
            long[] shape = inputs.get(i).descriptor().shape();
            long[] strides = Indexing.strides(shape);
            long end = start + shape[axis];
            final long first = start;
            String index = perDimension(outShape, strides, (coordinate, d) -> d == axis ? "(at - " + first + ")" : coordinate);
            s.append(i == 0 ? "    " : "    else ").append(i == inputs.size() - 1 ? "" : "if (at < " + end + ") ")
                    .append("v = i").append(i).append('[').append(index).append("];\n");
            start = end;
        }
        return copyAll(out, inputs, s.toString());
    }

    /** A copy kernel where every input is data of the output's type. */
    private static KernelSpec copyAll(Operand out, List<Operand> inputs, String statements) {
        DataType t = out.descriptor().dataType();
        long n = Indexing.count(out.descriptor().shape());
        String idx = Indexing.indexType(n);
        StringBuilder s = new StringBuilder(Preamble.TEXT);
        s.append("__kernel void k(__global ").append(CType.raw(t)).append("* o0");
        for (int i = 0; i < inputs.size(); i++) {
            s.append(", __global const ").append(CType.raw(t)).append("* i").append(i);
        }
        s.append(") {\n    ").append(idx).append(" gid = get_global_id(0);\n    if (gid >= ").append(n).append(") return;\n")
                .append(statements).append("    o0[gid] = v;\n}\n");
        return KernelSpec.linear(s.toString(), List.of(out), inputs, n);
    }

    /** The output is [outer][indices...][inner]: each index picks one inner block of the input. */
    private static KernelSpec gather(int axis, Operand input, Operand indices, Operand out) {
        long[] inShape = input.descriptor().shape();
        long inner = 1;
        for (int d = axis + 1; d < inShape.length; d++) {
            inner *= inShape[d];
        }
        long count = Indexing.count(indices.descriptor().shape());
        String k = "((gid / " + inner + ") % " + count + ")";
        String o = "(gid / " + (inner * count) + ")";
        String index = "(" + o + " * " + inShape[axis] + " + webnn_clamp_index(" + CType.load(indices.descriptor().dataType(),
                "i1", k) + ", " + inShape[axis] + ")) * " + inner + " + gid % " + inner;
        return copy(out, List.of(input, indices), "i0[" + index + "]");
    }

    private static List<KernelSpec> scatterElements(int axis, Operand input, Operand indices, Operand updates,
            Operand out) {
        long[] inShape = input.descriptor().shape();
        long[] inStrides = Indexing.strides(inShape);
        long[] indicesShape = indices.descriptor().shape();
        long n = Indexing.count(indicesShape);
        DataType t = out.descriptor().dataType();
        StringBuilder target = new StringBuilder("0");
        for (int d = 0; d < indicesShape.length; d++) {
            String c = Indexing.coordinate("u", indicesShape, d);
            if (d == axis) {
                c = "webnn_clamp_index(" + CType.load(indices.descriptor().dataType(), "i1", "u") + ", " + inShape[d] + ")";
            }
            target.append(" + ").append(c).append(" * ").append(inStrides[d]);
        }
        // Any two updates may hit one element, so one work-item applies them all, in order.
        String code = Preamble.TEXT + "__kernel void k(__global " + CType.raw(t) + "* o0, __global const "
                + CType.raw(t) + "* i0, __global const " + CType.storage(indices.descriptor().dataType())
                + "* i1, __global const " + CType.raw(t) + "* i2) {\n"
                + "    if (get_global_id(0) != 0) return;\n"
                + "    for (long u = 0; u < " + n + "; u++) o0[" + target + "] = i2[u];\n}\n";
        return List.of(copy(out, List.of(input), "i0[gid]"),
                new KernelSpec(code, List.of(out), List.of(out, indices, updates), new long[] {1}, new long[] {1}));
    }

    /** Slices start at multiples of their size, so lane e of every slice is one element: a work-item per lane. */
    private static List<KernelSpec> scatterND(Operand input, Operand indices, Operand updates, Operand out) {
        long slices = tuples(indices);
        long size = Indexing.count(updates.descriptor().shape()) / Math.max(1, slices);
        DataType t = out.descriptor().dataType();
        String code = Preamble.TEXT + "__kernel void k(__global " + CType.raw(t) + "* o0, __global const "
                + CType.raw(t) + "* i0, __global const " + CType.storage(indices.descriptor().dataType())
                + "* i1, __global const " + CType.raw(t) + "* i2) {\n"
                + "    long e = get_global_id(0);\n    if (e >= " + size + ") return;\n"
                + "    for (long s = 0; s < " + slices + "; s++) o0[" + sliceOffset(input, indices, "s") + " + e] = i2[s * "
                + size + " + e];\n}\n";
        return List.of(copy(out, List.of(input), "i0[gid]"),
                KernelSpec.linear(code, List.of(out), List.of(out, indices, updates), size));
    }
}
