package dev.webnn.engine.backend.opencl;

import dev.webnn.engine.DataType;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.graph.Operation;
import dev.webnn.engine.ops.ArgMinMax;
import dev.webnn.engine.ops.CumulativeSum;
import dev.webnn.engine.ops.InstanceNormalization;
import dev.webnn.engine.ops.LayerNormalization;
import dev.webnn.engine.ops.Reduce;
import dev.webnn.engine.ops.Softmax;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The reduce template: one work-group per group of elements (the elements that differ only along the reduced axes).
 * The group's work-items stride over it, then combine through local memory, in one or more passes; a pass may use
 * the results of the passes before it. The result is stored once per group (the reductions, argMin/argMax) or
 * mapped back over the group's elements (softmax, instance and layer normalization). Float values accumulate in
 * float, integers exactly in 64 bits.
 */
final class Reduction {
    private Reduction() {
    }

    /** One pass: its accumulator type and initial value, the update with element x, and how two partials combine. */
    private record Pass(String type, String init, Function<String[], String> update, Function<String[], String> combine) {
    }

    /** @param fp64 whether the device has doubles, which the normalizations then accumulate in */
    static List<KernelSpec> lower(Operation operation, boolean fp64) {
        Operand input = operation.inputs().get(0);
        Operand output = operation.outputs().get(0);
        DataType type = input.descriptor().dataType();
        int rank = input.descriptor().rank();
        return switch (operation.op()) {
            case Reduce op -> List.of(reduce(op, input, output));
            case ArgMinMax op -> List.of(argMinMax(op, input, output));
            case Softmax op -> {
                Group group = new Group(input, single(rank, (int) op.axis()));
                Pass max = new Pass("float", "-INFINITY", a -> maxOf(a[1], a[0]), a -> maxOf(a[1], a[0]));
                Pass sum = new Pass("float", "0.0f", a -> a[0] + " + exp(" + a[1] + " - r0)", a -> a[0] + " + " + a[1]);
                yield List.of(group.map(output, List.of(max, sum), List.of(), "exp(x - r0) / r1"));
            }
            case InstanceNormalization op -> {
                boolean[] reduced = new boolean[4];
                for (int axis : op.layout().spatialAxes()) {
                    reduced[axis] = true;
                }
                long channels = input.descriptor().dim(op.layout().channelAxis());
                // The kept axes are batch then channel in both layouts, so group g is channel g % channels.
                yield List.of(normalization(new Group(input, reduced), output, operation, op.epsilon(), type,
                        "(g % " + channels + ")", fp64));
            }
            case LayerNormalization op -> {
                int[] axes = op.resolvedAxes(rank);
                boolean[] reduced = new boolean[rank];
                for (int axis : axes) {
                    reduced[axis] = true;
                }
                Group group = new Group(input, reduced);
                yield List.of(normalization(group, output, operation, op.epsilon(), type, group.featureIndex(axes), fp64));
            }
            case CumulativeSum op -> List.of(cumulativeSum(op, input, output));
            default -> null;
        };
    }

    /** NaN-propagating maximum, as Math.max: a NaN accumulator stays, a NaN element takes over. */
    private static String maxOf(String candidate, String current) {
        return "((isnan(" + candidate + ") || " + candidate + " > " + current + ") ? " + candidate + " : " + current + ")";
    }

    private static String minOf(String candidate, String current) {
        return "((isnan(" + candidate + ") || " + candidate + " < " + current + ") ? " + candidate + " : " + current + ")";
    }

    private static boolean[] single(int rank, int axis) {
        boolean[] reduced = new boolean[rank];
        reduced[axis] = true;
        return reduced;
    }

    private static KernelSpec reduce(Reduce op, Operand input, Operand output) {
        DataType t = input.descriptor().dataType();
        Group group = new Group(input, op.reducedAxes(input.descriptor().rank()));
        if (t.isFloat()) {
            Function<String[], String> add = a -> a[0] + " + " + a[1];
            Pass sum = new Pass("float", "0.0f", add, add);
            Pass max = new Pass("float", "-INFINITY", a -> maxOf(a[1], a[0]), a -> maxOf(a[1], a[0]));
            Pass min = new Pass("float", "INFINITY", a -> minOf(a[1], a[0]), a -> minOf(a[1], a[0]));
            return switch (op.kind()) {
                case REDUCE_L1 -> group.single(output, List.of(new Pass("float", "0.0f", a -> a[0] + " + fabs(" + a[1] + ")",
                        add)), "r0");
                // Scaled by the largest magnitude, so that squares of tiny (subnormal) or huge values neither
                // underflow to 0 nor overflow to infinity in float; a zero or infinite largest magnitude is the result.
                case REDUCE_L2 -> group.single(output, List.of(new Pass("float", "0.0f", a -> maxOf("fabs(" + a[1] + ")",
                        a[0]), a -> maxOf(a[1], a[0])), new Pass("float", "0.0f", a -> a[0] + " + (" + a[1] + " / r0) * ("
                        + a[1] + " / r0)", add)), "(r0 == 0.0f || isinf(r0)) ? r0 : r0 * sqrt(r1)");
                case REDUCE_SUM_SQUARE -> group.single(output, List.of(new Pass("float", "0.0f", a -> a[0] + " + " + a[1]
                        + " * " + a[1], add)), "r0");
                case REDUCE_SUM -> group.single(output, List.of(sum), "r0");
                case REDUCE_MEAN -> group.single(output, List.of(sum), "r0 / " + group.size + ".0f");
                case REDUCE_LOG_SUM -> group.single(output, List.of(sum), "log(r0)");
                case REDUCE_PRODUCT -> group.single(output, List.of(new Pass("float", "1.0f", a -> a[0] + " * " + a[1],
                        a -> a[0] + " * " + a[1])), "r0");
                case REDUCE_MAX -> group.single(output, List.of(max), "r0");
                case REDUCE_MIN -> group.single(output, List.of(min), "r0");
                // An infinite maximum decides alone: +inf, or -inf when every value is -inf.
                case REDUCE_LOG_SUM_EXP -> group.single(output, List.of(max, new Pass("float", "0.0f",
                        a -> a[0] + " + (isinf(r0) ? 0.0f : exp(" + a[1] + " - r0))", add)), "isinf(r0) ? r0 : r0 + log(r1)");
            };
        }
        String ct = CType.compute(t);
        boolean u64 = t == DataType.UINT64;
        Function<String[], String> add = u64 ? a -> a[0] + " + " + a[1] : a -> "as_long((ulong)" + a[0] + " + (ulong)" + a[1] + ")";
        Function<String[], String> mul = u64 ? a -> a[0] + " * " + a[1] : a -> "as_long((ulong)" + a[0] + " * (ulong)" + a[1] + ")";
        String zero = u64 ? "0UL" : "0L";
        Pass pass = switch (op.kind()) {
            case REDUCE_SUM -> new Pass(ct, zero, add, add);
            case REDUCE_SUM_SQUARE -> new Pass(ct, zero, a -> add.apply(new String[] {a[0], mul.apply(new String[] {a[1],
                    a[1]})}), add);
            case REDUCE_L1 -> new Pass(ct, zero, a -> add.apply(new String[] {a[0], t.isSigned() ? "(" + a[1] + " < 0 ? "
                    + "as_long(0UL - (ulong)" + a[1] + ") : " + a[1] + ")" : a[1]}), add);
            case REDUCE_PRODUCT -> new Pass(ct, u64 ? "1UL" : "1L", mul, mul);
            case REDUCE_MAX -> new Pass(ct, CType.integerLiteral(t, TensorData.minOf(t)), a -> "max(" + a[0] + ", " + a[1]
                    + ")", a -> "max(" + a[0] + ", " + a[1] + ")");
            case REDUCE_MIN -> new Pass(ct, CType.integerLiteral(t, TensorData.maxOf(t)), a -> "min(" + a[0] + ", " + a[1]
                    + ")", a -> "min(" + a[0] + ", " + a[1] + ")");
            default -> throw new IllegalStateException(op.kind() + " was validated as float-only");
        };
        return group.single(output, List.of(pass), "r0");
    }

    /**
     * mean and population variance (around the mean, a second pass), then scale * (x - mean) / sqrt(var + eps) + bias.
     * With doubles the mean keeps the digits that x - mean needs for elements near the mean: a float32 mean alone is
     * off by up to half an ULP of itself, which is many ULP of a small normalized result.
     */
    private static KernelSpec normalization(Group group, Operand output, Operation operation, double epsilon,
            DataType type, String featureIndex, boolean fp64) {
        Function<String[], String> add = a -> a[0] + " + " + a[1];
        String accumulator = fp64 ? "double" : "float";
        String zero = fp64 ? "0.0" : "0.0f";
        Pass mean = new Pass(accumulator, zero, add, add);
        String n = group.size + (fp64 ? ".0" : ".0f");
        Pass variance = new Pass(accumulator, zero, a -> a[0] + " + (" + a[1] + " - r0 / " + n + ") * (" + a[1] + " - r0 / "
                + n + ")", add);
        List<Operand> extras = new ArrayList<>();
        String value = "(x - r0 / " + n + ") / sqrt(r1 / " + n + " + " + CType.floatLiteral(TensorData.roundTo(type,
                epsilon)) + ")";
        Operand scale = operation.inputs().size() > 1 ? operation.inputs().get(1) : null;
        Operand bias = operation.inputs().size() > 2 ? operation.inputs().get(2) : null;
        if (scale != null) {
            extras.add(scale);
            value = CType.load(scale.descriptor().dataType(), "i" + extras.size(), featureIndex) + " * " + value;
        }
        if (bias != null) {
            extras.add(bias);
            value = value + " + " + CType.load(bias.descriptor().dataType(), "i" + extras.size(), featureIndex);
        }
        KernelSpec spec = group.map(output, List.of(mean, variance), extras, "(float) (" + value + ")");
        return fp64 ? new KernelSpec("#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n" + spec.source(), spec.outputs(),
                spec.inputs(), spec.global(), spec.local()) : spec;
    }

    /** The first index of the extreme value; NaN is more extreme than any number, as the reference has it. */
    private static KernelSpec argMinMax(ArgMinMax op, Operand input, Operand output) {
        Group group = new Group(input, single(input.descriptor().rank(), (int) op.axis()));
        DataType t = input.descriptor().dataType();
        String cmp = op.kind() == ArgMinMax.Kind.ARG_MAX ? ">" : "<";
        String better = t.isFloat() ? "(!isnan(cv) && (isnan(v) || v " + cmp + " cv))" : "(v " + cmp + " cv)";
        return group.argument(output, better);
    }

    /** One work-item per line along the axis, summing in order. */
    private static KernelSpec cumulativeSum(CumulativeSum op, Operand input, Operand output) {
        long[] shape = input.descriptor().shape();
        int axis = (int) op.axis();
        long size = shape[axis];
        long inner = Indexing.count(shape) / Indexing.count(java.util.Arrays.copyOfRange(shape, 0, axis + 1));
        long lines = Indexing.count(shape) / size;
        DataType t = input.descriptor().dataType();
        String ct = CType.compute(t);
        String idx = Indexing.indexType(Indexing.count(shape));
        String add = t.isFloat() || t == DataType.UINT64 ? "sum + x" : "as_long((ulong)sum + (ulong)x)";
        String code = Preamble.TEXT + "__kernel void k(__global " + CType.storage(t) + "* o0, __global const "
                + CType.storage(t) + "* i0) {\n"
                + "    " + idx + " line = get_global_id(0);\n    if (line >= " + lines + ") return;\n"
                + "    " + idx + " base = (line / " + inner + ") * " + (size * inner) + " + line % " + inner + ";\n"
                + "    " + ct + " sum = 0;\n"
                + "    for (" + idx + " k = 0; k < " + size + "; k++) {\n"
                + "        " + idx + " at = base + " + (op.reversed() ? "(" + (size - 1) + " - k)" : "k") + " * " + inner + ";\n"
                + "        " + ct + " x = " + CType.load(t, "i0", "at") + ";\n"
                + "        " + ct + " before = sum;\n"
                + "        sum = " + (t.isFloat() ? add : CType.wrap(t, add)) + ";\n"
                + "        " + CType.store(t, "o0", "at", op.exclusive() ? "before" : "sum") + "\n"
                + "    }\n}\n";
        return KernelSpec.linear(code, List.of(output), List.of(input), lines);
    }

    /** The elements of a tensor split into groups along its reduced axes, and the work-group that reduces each. */
    private static final class Group {
        final Operand input;
        final long[] shape;
        final boolean[] reduced;
        final long groups;
        final long size;
        final int local;
        final String idx;

        Group(Operand input, boolean[] reduced) {
            this.input = input;
            this.shape = input.descriptor().shape();
            this.reduced = reduced;
            long g = 1;
            long e = 1;
            for (int d = 0; d < shape.length; d++) {
                if (reduced[d]) {
                    e *= shape[d];
                } else {
                    g *= shape[d];
                }
            }
            this.groups = g;
            this.size = e;
            this.local = (int) Math.min(256, Long.highestOneBit(Math.max(1, 2 * e - 1)));
            this.idx = Indexing.indexType(Indexing.count(shape));
        }

        /** The sub-shape of the kept (reduced == false) or the reduced axes. */
        private long[] part(boolean ofReduced) {
            List<Long> dims = new ArrayList<>();
            for (int d = 0; d < shape.length; d++) {
                if (reduced[d] == ofReduced) {
                    dims.add(shape[d]);
                }
            }
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        /** The input index of the group's first element (from g) or an element's offset in it (from e). */
        private String position(String var, boolean ofReduced) {
            long[] strides = Indexing.strides(shape);
            long[] sub = part(ofReduced);
            StringBuilder sum = new StringBuilder();
            int j = 0;
            for (int d = 0; d < shape.length; d++) {
                if (reduced[d] != ofReduced) {
                    continue;
                }
                if (shape[d] != 1) {
                    String term = Indexing.coordinate(var, sub, j);
                    sum.append(sum.isEmpty() ? "" : " + ").append(term).append(strides[d] == 1 ? "" : " * " + strides[d]);
                }
                j++;
            }
            return sum.isEmpty() ? "0" : "(" + sum + ")";
        }

        /** For layer normalization: the index into scale and bias, whose axes come in the order of {@code axes}. */
        String featureIndex(int[] axes) {
            long[] sub = part(true);
            int[] position = new int[shape.length];
            int j = 0;
            for (int d = 0; d < shape.length; d++) {
                if (reduced[d]) {
                    position[d] = j++;
                }
            }
            StringBuilder sum = new StringBuilder();
            long stride = 1;
            for (int k = axes.length - 1; k >= 0; k--) {
                sum.append(sum.isEmpty() ? "" : " + ").append(Indexing.coordinate("e", sub, position[axes[k]]))
                        .append(" * ").append(stride);
                stride *= shape[axes[k]];
            }
            return sum.isEmpty() ? "0" : "(" + sum + ")";
        }

        private StringBuilder header(Operand output, List<Operand> extras) {
            StringBuilder code = new StringBuilder(Preamble.TEXT);
            code.append("__kernel __attribute__((reqd_work_group_size(").append(local).append(", 1, 1)))\n")
                    .append("void k(__global ").append(CType.storage(output.descriptor().dataType())).append("* o0, ")
                    .append("__global const ").append(CType.storage(input.descriptor().dataType())).append("* i0");
            for (int i = 0; i < extras.size(); i++) {
                code.append(", __global const ").append(CType.storage(extras.get(i).descriptor().dataType()))
                        .append("* i").append(i + 1);
            }
            code.append(") {\n    ").append(idx).append(" g = get_group_id(0);\n    int lid = get_local_id(0);\n    ")
                    .append(idx).append(" base = ").append(position("g", false)).append(";\n");
            return code;
        }

        private void passes(StringBuilder code, List<Pass> passes) {
            String ct = CType.compute(input.descriptor().dataType());
            for (int p = 0; p < passes.size(); p++) {
                code.append("    __local ").append(passes.get(p).type).append(" s").append(p).append('[').append(local)
                        .append("];\n");
            }
            for (int p = 0; p < passes.size(); p++) {
                Pass pass = passes.get(p);
                String acc = "a" + p;
                code.append("    ").append(pass.type).append(' ').append(acc).append(" = ").append(pass.init).append(";\n")
                        .append("    for (").append(idx).append(" e = lid; e < ").append(size).append("; e += ")
                        .append(local).append(") {\n        ").append(ct).append(" x = ")
                        .append(CType.load(input.descriptor().dataType(), "i0", "base + " + position("e", true)))
                        .append(";\n        ").append(acc).append(" = ").append(pass.update.apply(new String[] {acc, "x"}))
                        .append(";\n    }\n");
                combine(code, "s" + p, acc, pass.combine.apply(new String[] {"s" + p + "[lid]", "s" + p + "[lid + s]"}));
                code.append("    ").append(pass.type).append(" r").append(p).append(" = s").append(p).append("[0];\n");
            }
        }

        private void combine(StringBuilder code, String array, String acc, String combined) {
            code.append("    ").append(array).append("[lid] = ").append(acc).append(";\n")
                    .append("    barrier(CLK_LOCAL_MEM_FENCE);\n")
                    .append("    for (int s = ").append(local / 2).append("; s > 0; s >>= 1) {\n")
                    .append("        if (lid < s) ").append(array).append("[lid] = ").append(combined).append(";\n")
                    .append("        barrier(CLK_LOCAL_MEM_FENCE);\n    }\n");
        }

        private KernelSpec launch(String code, Operand output, List<Operand> extras) {
            List<Operand> inputs = new ArrayList<>();
            inputs.add(input);
            inputs.addAll(extras);
            return new KernelSpec(code, List.of(output), inputs, new long[] {groups * local}, new long[] {local});
        }

        /** One output element per group: {@code result} over r0, r1, ... */
        KernelSpec single(Operand output, List<Pass> passes, String result) {
            StringBuilder code = header(output, List.of());
            passes(code, passes);
            DataType t = output.descriptor().dataType();
            code.append("    if (lid == 0) {\n        ").append(CType.compute(t)).append(" result = ")
                    .append(t.isFloat() ? result : CType.wrap(t, result)).append(";\n        ")
                    .append(CType.store(t, "o0", "g", "result")).append("\n    }\n}\n");
            return launch(code.toString(), output, List.of());
        }

        /** Every element of the group mapped to {@code value} over x, r0, r1, ... and the extra inputs i1, i2, ... */
        KernelSpec map(Operand output, List<Pass> passes, List<Operand> extras, String value) {
            StringBuilder code = header(output, extras);
            passes(code, passes);
            DataType in = input.descriptor().dataType();
            String at = "base + " + position("e", true);
            code.append("    for (").append(idx).append(" e = lid; e < ").append(size).append("; e += ").append(local)
                    .append(") {\n        float x = ").append(CType.load(in, "i0", at)).append(";\n        ")
                    .append(CType.store(output.descriptor().dataType(), "o0", at, value)).append("\n    }\n}\n");
            return launch(code.toString(), output, extras);
        }

        /** argMin / argMax: the best value and its first index e, combined keeping the lower index on ties. */
        KernelSpec argument(Operand output, String better) {
            StringBuilder code = header(output, List.of());
            DataType in = input.descriptor().dataType();
            String ct = CType.compute(in);
            code.append("    __local ").append(ct).append(" sv[").append(local).append("];\n")
                    .append("    __local long si[").append(local).append("];\n")
                    .append("    ").append(ct).append(" cv = 0;\n    long ci = -1;\n")
                    .append("    for (").append(idx).append(" e = lid; e < ").append(size).append("; e += ").append(local)
                    .append(") {\n        ").append(ct).append(" v = ")
                    .append(CType.load(in, "i0", "base + " + position("e", true))).append(";\n")
                    .append("        if (ci < 0 || ").append(better).append(") { cv = v; ci = e; }\n    }\n")
                    .append("    sv[lid] = cv;\n    si[lid] = ci;\n    barrier(CLK_LOCAL_MEM_FENCE);\n")
                    .append("    for (int s = ").append(local / 2).append("; s > 0; s >>= 1) {\n")
                    .append("        if (lid < s && si[lid + s] >= 0) {\n")
                    .append("            ").append(ct).append(" v = sv[lid + s];\n            cv = sv[lid];\n")
                    .append("            long vi = si[lid + s];\n")
                    .append("            int vBetter = ").append(better).append(";\n")
                    .append("            ").append(ct).append(" tmp = v; v = cv; cv = tmp;\n")
                    .append("            int cBetter = ").append(better).append(";\n")
                    .append("            if (si[lid] < 0 || vBetter || (!cBetter && vi < si[lid])) { sv[lid] = tmp; si[lid] = vi; }\n")
                    .append("        }\n        barrier(CLK_LOCAL_MEM_FENCE);\n    }\n")
                    .append("    if (lid == 0) { ").append(CType.store(output.descriptor().dataType(), "o0", "g", "si[0]"))
                    .append(" }\n}\n");
            return launch(code.toString(), output, List.of());
        }
    }
}
