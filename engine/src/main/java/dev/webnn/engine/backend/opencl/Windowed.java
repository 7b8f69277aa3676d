package dev.webnn.engine.backend.opencl;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.graph.Operation;
import dev.webnn.engine.ops.Conv2d;
import dev.webnn.engine.ops.ConvTranspose2d;
import dev.webnn.engine.ops.InputLayout;
import dev.webnn.engine.ops.Pool2d;
import dev.webnn.engine.ops.Resample2d;
import java.util.ArrayList;
import java.util.List;

/**
 * The conv template: one work-item per output element of a 4-D image, walking a window of the input. It serves
 * conv2d (1x1 convolutions go to {@link GemmTile} instead), convTranspose2d (gathering the products that land on the
 * output element), the pools and resample2d. Layouts are strides, as in the reference backend.
 */
final class Windowed implements Fusable {
    private final Operand output;
    private final List<Operand> inputs;
    private final List<GemmTile.Addend> addends;
    private final String body;
    private final String idx;

    private Windowed(Operand output, List<Operand> inputs, List<GemmTile.Addend> addends, String body) {
        this.output = output;
        this.inputs = inputs;
        this.addends = addends;
        this.body = body;
        long biggest = Indexing.count(output.descriptor().shape());
        for (Operand in : inputs) {
            biggest = Math.max(biggest, Indexing.count(in.descriptor().shape()));
        }
        this.idx = Indexing.indexType(biggest);
    }

    /** The lowered op: a {@link Fusable} for conv2d and convTranspose2d, a kernel for the rest, null if not ours. */
    static Object lower(Operation operation, ClDevice.Info device) {
        List<Operand> in = operation.inputs();
        Operand out = operation.outputs().get(0);
        List<OperandDescriptor> descriptors = new ArrayList<>();
        for (Operand operand : in) {
            descriptors.add(operand == null ? null : operand.descriptor());
        }
        return switch (operation.op()) {
            case Conv2d op -> conv2d(op, op.geometry("", descriptors), in, out);
            case ConvTranspose2d op -> convTranspose2d(op, op.geometry("", descriptors), in, out);
            case Pool2d op -> pool2d(op, op.geometry("", descriptors), in.get(0), out).kernels(EwChain.seeded(out), device, null)
                    .getFirst();
            case Resample2d op -> resample2d(op, in.get(0), out);
            default -> null;
        };
    }

    /** Where batch, channel, height and width sit in a 4-D image, as strides, and how to name its coordinates. */
    private record Image(long batch, long channel, long row, long column) {
        static Image of(OperandDescriptor d, InputLayout layout) {
            long[] strides = Indexing.strides(d.shape());
            int[] spatial = layout.spatialAxes();
            return new Image(strides[0], strides[layout.channelAxis()], strides[spatial[0]], strides[spatial[1]]);
        }

        String at(String n, String c, String h, String w) {
            return n + " * " + batch + " + " + c + " * " + channel + " + " + h + " * " + row + " + " + w + " * " + column;
        }
    }

    /** Declarations of n, c, oh, ow: the coordinates of output element gid. */
    private static String outputCoordinates(long[] shape, InputLayout layout, String idx) {
        int[] spatial = layout.spatialAxes();
        return "    " + idx + " n = " + Indexing.coordinate("gid", shape, 0) + ";\n"
                + "    " + idx + " c = " + Indexing.coordinate("gid", shape, layout.channelAxis()) + ";\n"
                + "    " + idx + " oh = " + Indexing.coordinate("gid", shape, spatial[0]) + ";\n"
                + "    " + idx + " ow = " + Indexing.coordinate("gid", shape, spatial[1]) + ";\n";
    }

    private static List<GemmTile.Addend> bias(Operand bias, OperandDescriptor out, InputLayout layout) {
        if (bias == null) {
            return List.of();
        }
        return List.of(new GemmTile.Addend(bias, Indexing.along(4, layout.channelAxis(), bias.descriptor().dim(0)), null));
    }

    private static Fusable conv2d(Conv2d op, Conv2d.Geometry g, List<Operand> in, Operand out) {
        Operand input = in.get(0);
        Operand filter = in.get(1);
        Operand bias = in.size() > 2 ? in.get(2) : null;
        long[] fs = Indexing.strides(filter.descriptor().shape());
        int[] axes = op.filterLayout().oihwAxes();
        long fo = fs[axes[0]];
        long fi = fs[axes[1]];
        InputLayout layout = op.inputLayout();
        List<GemmTile.Addend> addends = bias(bias, g.output(), layout);
        boolean pointwise = g.filterHeight() == 1 && g.filterWidth() == 1 && g.strides()[0] == 1 && g.strides()[1] == 1
                && g.padding()[0] == 0 && g.padding()[1] == 0 && g.padding()[2] == 0 && g.padding()[3] == 0
                && op.groups() == 1;
        if (pointwise) {
            long ci = g.inputChannels();
            long co = g.outputChannels();
            long pixels = g.inputHeight() * g.inputWidth();
            if (layout == InputLayout.NCHW) {
                // out[n] (co x pixels) = filter (co x ci) * input[n] (ci x pixels)
                return new GemmTile(filter, input, out, co, pixels, ci, g.batches(), "0", "bt * " + (ci * pixels),
                        fo, fi, pixels, 1, null, addends);
            }
            // out (n*pixels x co) = input (n*pixels x ci) * filter^T (ci x co)
            return new GemmTile(input, filter, out, g.batches() * pixels, co, ci, 1, "0", "0", ci, 1, fi, fo, null,
                    addends);
        }
        Image x = Image.of(input.descriptor(), layout);
        long icg = g.inputChannels() / op.groups();
        long ocg = g.outputChannels() / op.groups();
        String idx = Indexing.indexType(Math.max(Indexing.count(input.descriptor().shape()),
                Indexing.count(g.output().shape())));
        String body = outputCoordinates(g.output().shape(), layout, idx)
                + "    " + idx + " firstChannel = (c / " + ocg + ") * " + icg + ";\n"
                + "    float sum = 0.0f;\n"
                + "    for (int icl = 0; icl < " + icg + "; icl++) {\n"
                + "        #pragma unroll\n        for (int kh = 0; kh < " + g.filterHeight() + "; kh++) {\n"
                + "            " + idx + " ih = oh * " + g.strides()[0] + " - " + g.padding()[0] + " + kh * " + g.dilations()[0] + ";\n"
                + "            if (ih < 0 || ih >= " + g.inputHeight() + ") continue;\n"
                + "            #pragma unroll\n            for (int kw = 0; kw < " + g.filterWidth() + "; kw++) {\n"
                + "                " + idx + " iw = ow * " + g.strides()[1] + " - " + g.padding()[2] + " + kw * " + g.dilations()[1] + ";\n"
                + "                if (iw < 0 || iw >= " + g.inputWidth() + ") continue;\n"
                + "                sum = fma(" + CType.load(input.descriptor().dataType(), "i0", x.at("n", "(firstChannel + icl)", "ih", "iw"))
                + ", " + CType.load(filter.descriptor().dataType(), "i1", "c * " + fo + " + icl * " + fi + " + kh * "
                + fs[axes[2]] + " + kw * " + fs[axes[3]]) + ", sum);\n"
                + "            }\n        }\n    }\n";
        return new Windowed(out, List.of(input, filter), addends, body);
    }

    private static Fusable convTranspose2d(ConvTranspose2d op, ConvTranspose2d.Geometry g, List<Operand> in,
            Operand out) {
        Operand input = in.get(0);
        Operand filter = in.get(1);
        Operand bias = in.size() > 2 ? in.get(2) : null;
        long[] fs = Indexing.strides(filter.descriptor().shape());
        int[] axes = op.filterLayout().iohwAxes();
        InputLayout layout = op.inputLayout();
        Image x = Image.of(input.descriptor(), layout);
        long icg = g.inputChannels() / op.groups();
        long ocg = g.outputChannelsPerGroup();
        String idx = Indexing.indexType(Math.max(Indexing.count(input.descriptor().shape()),
                Indexing.count(g.output().shape())));
        // Input (ih, iw) and tap (kh, kw) land on output (ih * stride + kh * dilation - padding): gather those.
        String body = outputCoordinates(g.output().shape(), layout, idx)
                + "    " + idx + " firstChannel = (c / " + ocg + ") * " + icg + ", ocl = c % " + ocg + ";\n"
                + "    float sum = 0.0f;\n"
                + "    for (int icl = 0; icl < " + icg + "; icl++) {\n"
                + "        for (int kh = 0; kh < " + g.filterHeight() + "; kh++) {\n"
                + "            " + idx + " th = oh + " + g.padding()[0] + " - kh * " + g.dilations()[0] + ";\n"
                + "            if (th < 0 || th % " + g.strides()[0] + " != 0) continue;\n"
                + "            " + idx + " ih = th / " + g.strides()[0] + ";\n"
                + "            if (ih >= " + g.inputHeight() + ") continue;\n"
                + "            for (int kw = 0; kw < " + g.filterWidth() + "; kw++) {\n"
                + "                " + idx + " tw = ow + " + g.padding()[2] + " - kw * " + g.dilations()[1] + ";\n"
                + "                if (tw < 0 || tw % " + g.strides()[1] + " != 0) continue;\n"
                + "                " + idx + " iw = tw / " + g.strides()[1] + ";\n"
                + "                if (iw >= " + g.inputWidth() + ") continue;\n"
                + "                sum = fma(" + CType.load(input.descriptor().dataType(), "i0", x.at("n", "(firstChannel + icl)", "ih", "iw"))
                + ", " + CType.load(filter.descriptor().dataType(), "i1", "(firstChannel + icl) * " + fs[axes[0]] + " + ocl * "
                + fs[axes[1]] + " + kh * " + fs[axes[2]] + " + kw * " + fs[axes[3]]) + ", sum);\n"
                + "            }\n        }\n    }\n";
        return new Windowed(out, List.of(input, filter), bias(bias, g.output(), layout), body);
    }

    /** Padding adds nothing to a window; an empty window gives 0 (average, l2) or the type's lowest value (max). */
    private static Windowed pool2d(Pool2d op, Pool2d.Geometry g, Operand input, Operand out) {
        InputLayout layout = op.layout();
        Image x = Image.of(input.descriptor(), layout);
        DataType t = input.descriptor().dataType();
        long[] inShape = input.descriptor().shape();
        int[] spatial = layout.spatialAxes();
        String idx = Indexing.indexType(Indexing.count(inShape));
        String ct = CType.compute(t);
        String init = switch (op.kind()) {
            case MAX_POOL2D -> t.isFloat() ? "-INFINITY" : CType.integerLiteral(t, TensorData.minOf(t));
            default -> "0.0f";
        };
        String update = switch (op.kind()) {
            case AVERAGE_POOL2D -> "acc += v;";
            case L2_POOL2D -> "acc += v * v;";
            case MAX_POOL2D -> t.isFloat() ? "acc = (isnan(v) || v > acc) ? v : acc;" : "acc = max(acc, v);";
        };
        String result = switch (op.kind()) {
            case AVERAGE_POOL2D -> "count == 0 ? 0.0f : acc / (float)count";
            case L2_POOL2D -> "sqrt(acc)";
            case MAX_POOL2D -> "acc";
        };
        String body = outputCoordinates(g.output().shape(), layout, idx)
                + "    " + ct + " acc = " + init + ";\n    int count = 0;\n"
                + "    for (int kh = 0; kh < " + g.window()[0] + "; kh++) {\n"
                + "        " + idx + " ih = oh * " + g.strides()[0] + " - " + g.padding()[0] + " + kh * " + g.dilations()[0] + ";\n"
                + "        if (ih < 0 || ih >= " + inShape[spatial[0]] + ") continue;\n"
                + "        for (int kw = 0; kw < " + g.window()[1] + "; kw++) {\n"
                + "            " + idx + " iw = ow * " + g.strides()[1] + " - " + g.padding()[2] + " + kw * " + g.dilations()[1] + ";\n"
                + "            if (iw < 0 || iw >= " + inShape[spatial[1]] + ") continue;\n"
                + "            " + ct + " v = " + CType.load(t, "i0", x.at("n", "c", "ih", "iw")) + ";\n"
                + "            count++;\n            " + update + "\n"
                + "        }\n    }\n"
                + "    " + ct + " sum = " + result + ";\n";
        return new Windowed(out, List.of(input), List.of(), body);
    }

    /**
     * Samples each output element at the input coordinate the spec gives it; the per-index sampling tables are
     * computed here exactly as the reference computes them and baked into the kernel.
     */
    private static KernelSpec resample2d(Resample2d op, Operand input, Operand out) {
        long[] inShape = input.descriptor().shape();
        long[] outShape = out.descriptor().shape();
        int[] axes = op.axes("", inShape.length);
        long[] inStrides = Indexing.strides(inShape);
        boolean linear = op.mode() == Resample2d.Mode.LINEAR;
        DataType t = input.descriptor().dataType();
        String idx = Indexing.indexType(Math.max(Indexing.count(inShape), Indexing.count(outShape)));
        StringBuilder tables = new StringBuilder();
        for (int a = 0; a < 2; a++) {
            long inSize = inShape[axes[a]];
            long outSize = outShape[axes[a]];
            StringBuilder lower = new StringBuilder();
            StringBuilder upper = new StringBuilder();
            StringBuilder weight = new StringBuilder();
            for (long o = 0; o < outSize; o++) {
                long numerator = (2 * o + 1) * inSize - outSize;
                long denominator = 2 * outSize;
                String sep = o == 0 ? "" : ",";
                if (linear) {
                    double coordinate = Math.clamp((double) numerator / denominator, 0.0, inSize - 1.0);
                    long lo = (long) Math.floor(coordinate);
                    lower.append(sep).append(lo);
                    upper.append(sep).append((long) Math.ceil(coordinate));
                    weight.append(sep).append(CType.floatLiteral(coordinate - lo));
                } else {
                    lower.append(sep).append(Math.clamp(Math.ceilDiv(numerator - outSize, denominator), 0, inSize - 1));
                }
            }
            tables.append("    __constant int lo").append(a).append("[] = {").append(lower).append("};\n");
            if (linear) {
                tables.append("    __constant int hi").append(a).append("[] = {").append(upper).append("};\n");
                tables.append("    __constant float wt").append(a).append("[] = {").append(weight).append("};\n");
            }
        }
        StringBuilder s = new StringBuilder(Preamble.TEXT);
        s.append("__kernel void k(__global ").append(CType.storage(t)).append("* o0, __global const ")
                .append(CType.storage(t)).append("* i0) {\n").append(tables).append("    ").append(idx)
                .append(" gid = get_global_id(0);\n")
                .append("    if (gid >= ").append(Indexing.count(outShape)).append(") return;\n    ").append(idx)
                .append(" base = 0");
        for (int d = 0; d < outShape.length; d++) {
            if (d != axes[0] && d != axes[1] && outShape[d] != 1) {
                s.append(" + ").append(Indexing.coordinate("gid", outShape, d)).append(" * ").append(inStrides[d]);
            }
        }
        s.append(";\n    int o0c = ").append(Indexing.coordinate("gid", outShape, axes[0])).append(", o1c = ")
                .append(Indexing.coordinate("gid", outShape, axes[1])).append(";\n");
        String s0 = String.valueOf(inStrides[axes[0]]);
        String s1 = String.valueOf(inStrides[axes[1]]);
        if (!linear) {
            s.append("    ").append(CType.compute(t)).append(" v = ")
                    .append(CType.load(t, "i0", "base + lo0[o0c] * " + s0 + " + lo1[o1c] * " + s1)).append(";\n");
        } else {
            s.append("    float t0 = wt0[o0c], t1 = wt1[o1c];\n");
            String[][] corners = {{"lo0", "lo1"}, {"lo0", "hi1"}, {"hi0", "lo1"}, {"hi0", "hi1"}};
            for (int c = 0; c < 4; c++) {
                s.append("    float v").append(c).append(" = (float)")
                        .append(CType.load(t, "i0", "base + " + corners[c][0] + "[o0c] * " + s0 + " + " + corners[c][1]
                                + "[o1c] * " + s1)).append(";\n");
            }
            s.append("    float f = (v0 * (1.0f - t1) + v1 * t1) * (1.0f - t0) + (v2 * (1.0f - t1) + v3 * t1) * t0;\n");
            // Integers round to nearest, ties away from zero, as the reference does.
            s.append("    ").append(CType.compute(t)).append(" v = ").append(t.isFloat() ? "f" : "(" + CType.compute(t)
                    + ")round(f)").append(";\n");
        }
        s.append("    ").append(CType.store(t, "o0", "gid", "v")).append("\n}\n");
        return KernelSpec.linear(s.toString(), List.of(out), List.of(input), Indexing.count(outShape));
    }

    @Override
    public Operand output() {
        return output;
    }

    @Override
    public List<KernelSpec> kernels(EwChain epilogue, ClDevice.Info device, KernelTimer timer) {
        long count = Indexing.count(output.descriptor().shape());
        StringBuilder s = new StringBuilder(Preamble.TEXT);
        s.append("__kernel void k(__global ").append(CType.storage(epilogue.type())).append("* o0");
        for (int i = 0; i < inputs.size(); i++) {
            s.append(", __global const ").append(CType.storage(inputs.get(i).descriptor().dataType())).append("* i").append(i);
        }
        for (int i = 0; i < addends.size(); i++) {
            s.append(", __global const ").append(CType.storage(addends.get(i).operand().descriptor().dataType()))
                    .append("* i").append(inputs.size() + i);
        }
        s.append(epilogue.parameters("e")).append(") {\n    ").append(idx).append(" gid = get_global_id(0);\n")
                .append("    if (gid >= ").append(count).append(") return;\n").append(body);
        if (epilogue.isEmpty() && addends.isEmpty() && !output.descriptor().dataType().isFloat()) {
            s.append("    ").append(CType.store(epilogue.type(), "o0", "gid", "sum")).append("\n}\n");
        } else {
            GemmTile.storeWithAddends(s, addends, inputs.size(), output.descriptor().shape(), epilogue, "sum", "gid", "    ");
            s.append("}\n");
        }
        List<Operand> all = new ArrayList<>(inputs);
        for (GemmTile.Addend addend : addends) {
            all.add(addend.operand());
        }
        all.addAll(epilogue.leafOperands());
        return List.of(KernelSpec.linear(s.toString(), List.of(epilogue.output()), all, count));
    }
}
