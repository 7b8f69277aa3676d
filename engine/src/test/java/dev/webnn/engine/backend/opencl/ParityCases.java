package dev.webnn.engine.backend.opencl;

import static dev.webnn.engine.DataType.FLOAT16;
import static dev.webnn.engine.DataType.FLOAT32;
import static dev.webnn.engine.DataType.INT32;
import static dev.webnn.engine.DataType.INT4;
import static dev.webnn.engine.DataType.INT64;
import static dev.webnn.engine.DataType.INT8;
import static dev.webnn.engine.DataType.UINT32;
import static dev.webnn.engine.DataType.UINT64;
import static dev.webnn.engine.DataType.UINT8;

import dev.webnn.engine.DataType;
import dev.webnn.engine.backend.opencl.Parity.Builder;
import dev.webnn.engine.backend.opencl.Parity.Case;
import dev.webnn.engine.backend.opencl.Parity.Tolerance;
import dev.webnn.engine.backend.opencl.Parity.Values;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.ops.ArgMinMax;
import dev.webnn.engine.ops.BatchNormalization;
import dev.webnn.engine.ops.Cast;
import dev.webnn.engine.ops.Clamp;
import dev.webnn.engine.ops.Concat;
import dev.webnn.engine.ops.Conv2d;
import dev.webnn.engine.ops.ConvTranspose2d;
import dev.webnn.engine.ops.CumulativeSum;
import dev.webnn.engine.ops.DequantizeLinear;
import dev.webnn.engine.ops.ElementwiseBinary;
import dev.webnn.engine.ops.ElementwiseLogical;
import dev.webnn.engine.ops.ElementwiseUnary;
import dev.webnn.engine.ops.Expand;
import dev.webnn.engine.ops.Gather;
import dev.webnn.engine.ops.GatherElements;
import dev.webnn.engine.ops.GatherND;
import dev.webnn.engine.ops.Gemm;
import dev.webnn.engine.ops.Gru;
import dev.webnn.engine.ops.InputLayout;
import dev.webnn.engine.ops.InstanceNormalization;
import dev.webnn.engine.ops.LayerNormalization;
import dev.webnn.engine.ops.Lstm;
import dev.webnn.engine.ops.Matmul;
import dev.webnn.engine.ops.Pad;
import dev.webnn.engine.ops.Pool2d;
import dev.webnn.engine.ops.Prelu;
import dev.webnn.engine.ops.QuantizeLinear;
import dev.webnn.engine.ops.Reduce;
import dev.webnn.engine.ops.Resample2d;
import dev.webnn.engine.ops.Reshape;
import dev.webnn.engine.ops.Reverse;
import dev.webnn.engine.ops.ScalarActivation;
import dev.webnn.engine.ops.ScatterElements;
import dev.webnn.engine.ops.ScatterND;
import dev.webnn.engine.ops.Slice;
import dev.webnn.engine.ops.Softmax;
import dev.webnn.engine.ops.Split;
import dev.webnn.engine.ops.Tile;
import dev.webnn.engine.ops.Transpose;
import dev.webnn.engine.ops.Triangular;
import dev.webnn.engine.ops.Where;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Every op the OpenCL backend claims, over its data types, plus the fusion and CPU-fallback paths. */
final class ParityCases {
    private static final List<DataType> DEVICE_TYPES = List.of(FLOAT32, FLOAT16, INT32, UINT32, INT64, UINT64, INT8, UINT8);
    private static final Set<ElementwiseUnary.Kind> EXACTISH = Set.of(ElementwiseUnary.Kind.ABS, ElementwiseUnary.Kind.CEIL,
            ElementwiseUnary.Kind.FLOOR, ElementwiseUnary.Kind.IDENTITY, ElementwiseUnary.Kind.NEG,
            ElementwiseUnary.Kind.ROUND_EVEN, ElementwiseUnary.Kind.SIGN, ElementwiseUnary.Kind.RELU,
            ElementwiseUnary.Kind.RECIPROCAL, ElementwiseUnary.Kind.SQRT);

    private ParityCases() {
    }

    private static Map<String, Operand> out(Operand operand) {
        return Map.of("out", operand);
    }

    /** A case whose ops all run on the device, unless its name says a 4-bit type, which falls back to the CPU. */
    private static Case device(String name, Tolerance tolerance, Function<Builder, Operand> body) {
        return new Case(name, b -> out(body.apply(b)), tolerance, !name.contains("INT4"));
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        elementwise(cases);
        reductions(cases);
        linearAlgebra(cases);
        dataMovement(cases);
        fusionAndFallback(cases);
        return cases;
    }

    private static Tolerance floatTolerance(DataType t, Tolerance f32) {
        return t == FLOAT16 ? new Tolerance(Math.max(2, f32.ulps()), f32.atol(), f32.rtol()) : f32;
    }

    private static void elementwise(List<Case> cases) {
        for (ElementwiseBinary.Kind kind : ElementwiseBinary.Kind.values()) {
            for (DataType t : DEVICE_TYPES) {
                Tolerance tol = kind == ElementwiseBinary.Kind.POW ? Tolerance.TRANSCENDENTAL : Tolerance.ARITHMETIC;
                cases.add(device(kind + " " + t, floatTolerance(t, tol), b -> b.op(new ElementwiseBinary(kind),
                        b.in("a", t, 2, 3, 4), b.in("b", kind == ElementwiseBinary.Kind.POW && t.isInteger()
                                ? Values.POSITIVE : Values.EDGES, t, 3, 1))));
            }
        }
        for (ElementwiseUnary.Kind kind : ElementwiseUnary.Kind.values()) {
            for (DataType t : kind.allowedTypes()) {
                Tolerance tol = EXACTISH.contains(kind) ? Tolerance.ARITHMETIC : Tolerance.TRANSCENDENTAL;
                cases.add(device(kind + " " + t, floatTolerance(t, tol), b -> b.op(new ElementwiseUnary(kind),
                        b.in("x", t, 5, 7))));
            }
        }
        for (ElementwiseLogical.Kind kind : ElementwiseLogical.Kind.values()) {
            for (DataType t : kind.allowedTypes()) {
                if (kind.arity() == 1) {
                    cases.add(device(kind + " " + t, Tolerance.EXACT, b -> b.op(new ElementwiseLogical(kind),
                            b.in("a", t, 4, 5))));
                } else {
                    cases.add(device(kind + " " + t, Tolerance.EXACT, b -> b.op(new ElementwiseLogical(kind),
                            b.in("a", t == UINT8 ? Values.SMALL_INTEGERS : Values.EDGES, t, 4, 5),
                            b.in("b", t == UINT8 ? Values.SMALL_INTEGERS : Values.EDGES, t, 5))));
                }
            }
        }
        for (DataType t : List.of(FLOAT32, FLOAT16)) {
            cases.add(device("elu " + t, floatTolerance(t, Tolerance.TRANSCENDENTAL), b -> b.op(ScalarActivation.elu(0.7),
                    b.in("x", t, 6, 5))));
            cases.add(device("hardSigmoid " + t, floatTolerance(t, Tolerance.ARITHMETIC),
                    b -> b.op(ScalarActivation.hardSigmoid(0.2, 0.5), b.in("x", t, 6, 5))));
            cases.add(device("leakyRelu " + t, floatTolerance(t, Tolerance.ARITHMETIC),
                    b -> b.op(ScalarActivation.leakyRelu(0.01), b.in("x", t, 6, 5))));
            cases.add(device("linear " + t, floatTolerance(t, Tolerance.ARITHMETIC),
                    b -> b.op(ScalarActivation.linear(1.5, -0.25), b.in("x", t, 6, 5))));
        }
        for (DataType t : DEVICE_TYPES) {
            Number min = t.isFloat() ? (Number) (-1.5) : (Number) (t.isSigned() ? -3L : 2L);
            Number max = t.isFloat() ? (Number) 2.0 : (Number) 100L;
            cases.add(device("clamp " + t, Tolerance.EXACT, b -> b.op(new Clamp(min, max), b.in("x", t, 4, 6))));
            cases.add(device("clamp min only " + t, Tolerance.EXACT, b -> b.op(new Clamp(min, null), b.in("x", t, 4, 6))));
            cases.add(device("where " + t, Tolerance.EXACT, b -> b.op(new Where(),
                    b.in("c", Values.SMALL_INTEGERS, UINT8, 3, 1), b.in("t", t, 3, 4), b.in("f", t, 4))));
            int from = DEVICE_TYPES.indexOf(t);
            for (int k = 1; k <= 4; k++) {
                DataType to = DEVICE_TYPES.get((from + k * (k + 1) / 2) % DEVICE_TYPES.size());
                cases.add(device("cast " + t + " to " + to, Tolerance.EXACT, b -> b.op(new Cast(to), b.in("x", t, 3, 7))));
            }
        }
        for (DataType t : List.of(FLOAT32, FLOAT16, INT32, INT64, INT8)) {
            cases.add(device("prelu " + t, floatTolerance(t, Tolerance.ARITHMETIC), b -> b.op(new Prelu(),
                    b.in("x", t, 2, 3, 4), b.in("slope", t.isFloat() ? Values.EDGES : Values.SMALL_INTEGERS, t, 4))));
        }
        for (DataType q : List.of(INT8, UINT8, INT32)) {
            for (DataType f : List.of(FLOAT32, FLOAT16)) {
                cases.add(device("quantizeLinear " + f + " to " + q, Tolerance.EXACT, b -> b.op(new QuantizeLinear(),
                        b.in("x", Values.PLAIN, f, 4, 6), b.in("scale", Values.POSITIVE, f, 2, 3),
                        b.in("zp", Values.SMALL_INTEGERS, q, 2, 3))));
                cases.add(device("dequantizeLinear " + q + " to " + f, floatTolerance(f, Tolerance.ARITHMETIC),
                        b -> b.op(new DequantizeLinear(), b.in("x", Values.SMALL_INTEGERS, q, 4, 6),
                                b.in("scale", Values.POSITIVE, f, 1, 6), b.in("zp", Values.SMALL_INTEGERS, q, 1, 6))));
            }
        }
    }

    private static void reductions(List<Case> cases) {
        List<List<Long>> axesList = java.util.Arrays.asList(List.of(1L), List.of(0L, 2L), null, List.of());
        for (Reduce.Kind kind : Reduce.Kind.values()) {
            for (DataType t : kind.allowedTypes()) {
                for (List<Long> axes : axesList) {
                    boolean keep = axes != null && axes.size() == 1;
                    Values values = kind == Reduce.Kind.REDUCE_LOG_SUM || kind == Reduce.Kind.REDUCE_PRODUCT
                            ? Values.POSITIVE : t.isFloat() ? Values.PLAIN : Values.EDGES;
                    cases.add(device(kind + " " + t + " axes " + axes, floatTolerance(t, Tolerance.accumulation(60, 4)),
                            b -> b.op(new Reduce(kind, axes, keep), b.in("x", values, t, 3, 4, 5))));
                }
            }
        }
        cases.add(device("reduceSum float32 large", Tolerance.accumulation(5000, 1),
                b -> b.op(new Reduce(Reduce.Kind.REDUCE_SUM, List.of(1L), false), b.in("x", Values.PLAIN, FLOAT32, 3, 5000))));
        for (ArgMinMax.Kind kind : ArgMinMax.Kind.values()) {
            for (DataType t : List.of(FLOAT32, FLOAT16, INT32, UINT64, INT8)) {
                cases.add(device(kind + " " + t, Tolerance.EXACT, b -> b.op(new ArgMinMax(kind, 1, false, INT64),
                        b.in("x", t.isFloat() ? Values.EDGES : Values.SMALL_INTEGERS, t, 3, 40, 2))));
            }
            cases.add(device(kind + " int32 output keep", Tolerance.EXACT, b -> b.op(new ArgMinMax(kind, 0, true, INT32),
                    b.in("x", Values.PLAIN, FLOAT32, 700, 3))));
        }
        for (DataType t : CumulativeSum.ALLOWED_TYPES) {
            cases.add(device("cumulativeSum " + t, floatTolerance(t, Tolerance.accumulation(10, 4)),
                    b -> b.op(new CumulativeSum(1, false, false), b.in("x", t.isFloat() ? Values.PLAIN : Values.EDGES, t, 2, 10, 3))));
            cases.add(device("cumulativeSum exclusive reversed " + t, floatTolerance(t, Tolerance.accumulation(10, 4)),
                    b -> b.op(new CumulativeSum(2, true, true), b.in("x", t.isFloat() ? Values.PLAIN : Values.EDGES, t, 2, 3, 10))));
        }
        for (DataType t : List.of(FLOAT32, FLOAT16)) {
            Tolerance tol = floatTolerance(t, new Tolerance(32, 1e-6, 1e-4));
            cases.add(device("softmax " + t, tol, b -> b.op(new Softmax(1), b.in("x", Values.PLAIN, t, 4, 300))));
            cases.add(device("softmax axis 0 " + t, tol, b -> b.op(new Softmax(0), b.in("x", t, 5, 3))));
            Tolerance norm = floatTolerance(t, new Tolerance(32, 1e-4, 1e-3));
            cases.add(device("batchNormalization " + t, norm, b -> b.op(new BatchNormalization(1, 1e-5),
                    b.in("x", Values.PLAIN, t, 2, 3, 4), b.in("mean", Values.PLAIN, t, 3), b.in("var", Values.POSITIVE, t, 3),
                    b.in("scale", Values.PLAIN, t, 3), b.in("bias", Values.PLAIN, t, 3))));
            cases.add(device("batchNormalization no scale " + t, norm, b -> b.op(new BatchNormalization(2, 1e-3),
                    b.in("x", Values.PLAIN, t, 2, 3, 4), b.in("mean", Values.PLAIN, t, 4), b.in("var", Values.POSITIVE, t, 4),
                    null, b.in("bias", Values.PLAIN, t, 4))));
            for (InputLayout layout : InputLayout.values()) {
                cases.add(device("instanceNormalization " + layout + " " + t, norm, b -> b.op(
                        new InstanceNormalization(1e-5, layout), b.in("x", Values.PLAIN, t, 2, 3, 5, 6),
                        b.in("scale", Values.PLAIN, t, layout == InputLayout.NCHW ? 3 : 6),
                        b.in("bias", Values.PLAIN, t, layout == InputLayout.NCHW ? 3 : 6))));
            }
            cases.add(device("layerNormalization " + t, norm, b -> b.op(new LayerNormalization(List.of(2L, 1L), 1e-5),
                    b.in("x", Values.PLAIN, t, 2, 3, 4), b.in("scale", Values.PLAIN, t, 4, 3), b.in("bias", Values.PLAIN, t, 4, 3))));
            cases.add(device("layerNormalization default " + t, norm, b -> b.op(new LayerNormalization(null, 1e-5),
                    b.in("x", Values.PLAIN, t, 2, 300), null, null)));
        }
    }

    private static void linearAlgebra(List<Case> cases) {
        for (DataType t : List.of(FLOAT32, FLOAT16)) {
            long[][][] shapes = {{{3, 4}, {4, 5}}, {{2, 33, 17}, {17, 65}}, {{2, 1, 5, 7}, {3, 7, 2}},
                    {{130, 70}, {70, 129}}, {{1, 1}, {1, 1}}};
            for (long[][] s : shapes) {
                cases.add(device("matmul " + t + " " + java.util.Arrays.deepToString(s),
                        floatTolerance(t, Tolerance.accumulation(s[0][s[0].length - 1], 1)),
                        b -> b.op(new Matmul(), b.in("a", Values.PLAIN, t, s[0]), b.in("b", Values.PLAIN, t, s[1]))));
            }
            for (boolean at : new boolean[] {false, true}) {
                for (boolean bt : new boolean[] {false, true}) {
                    cases.add(device("gemm " + t + " aT=" + at + " bT=" + bt, floatTolerance(t, Tolerance.accumulation(19, 2)),
                            b -> b.op(new Gemm(0.5, 2, at, bt), b.in("a", Values.PLAIN, t, at ? 19 : 37, at ? 37 : 19),
                                    b.in("b", Values.PLAIN, t, bt ? 23 : 19, bt ? 19 : 23), b.in("c", Values.PLAIN, t, 23))));
                }
            }
            cases.add(device("gemm no c " + t, floatTolerance(t, Tolerance.accumulation(8, 1)),
                    b -> b.op(new Gemm(1, 1, false, false), b.in("a", Values.PLAIN, t, 5, 8), b.in("b", Values.PLAIN, t, 8, 6), null)));
            Tolerance conv = floatTolerance(t, Tolerance.accumulation(72, 1));
            cases.add(device("conv2d " + t, conv, b -> b.op(new Conv2d(List.of(1L, 1L, 0L, 1L), List.of(2L, 1L),
                    List.of(1L, 2L), 1, InputLayout.NCHW, Conv2d.FilterLayout.OIHW), b.in("x", Values.PLAIN, t, 2, 8, 9, 10),
                    b.in("w", Values.PLAIN, t, 4, 8, 3, 3), b.in("bias", Values.PLAIN, t, 4))));
            cases.add(device("conv2d nhwc ohwi grouped " + t, conv, b -> b.op(new Conv2d(List.of(1L, 1L, 1L, 1L), null,
                    null, 2, InputLayout.NHWC, Conv2d.FilterLayout.OHWI), b.in("x", Values.PLAIN, t, 1, 7, 6, 4),
                    b.in("w", Values.PLAIN, t, 6, 3, 3, 2), null)));
            cases.add(device("conv2d depthwise hwio " + t, conv, b -> b.op(new Conv2d(List.of(1L, 1L, 1L, 1L),
                    List.of(2L, 2L), null, 5, InputLayout.NCHW, Conv2d.FilterLayout.HWIO), b.in("x", Values.PLAIN, t, 1, 5, 9, 9),
                    b.in("w", Values.PLAIN, t, 3, 3, 1, 5), b.in("bias", Values.PLAIN, t, 5))));
            cases.add(device("conv2d 1x1 nchw " + t, conv, b -> b.op(Conv2d.defaults(), b.in("x", Values.PLAIN, t, 2, 24, 5, 7),
                    b.in("w", Values.PLAIN, t, 40, 24, 1, 1), b.in("bias", Values.PLAIN, t, 40))));
            cases.add(device("conv2d 1x1 nhwc ihwo " + t, conv, b -> b.op(new Conv2d(null, null, null, 1,
                    InputLayout.NHWC, Conv2d.FilterLayout.IHWO), b.in("x", Values.PLAIN, t, 2, 5, 7, 24),
                    b.in("w", Values.PLAIN, t, 24, 1, 1, 40), b.in("bias", Values.PLAIN, t, 40))));
            cases.add(device("convTranspose2d " + t, conv, b -> b.op(new ConvTranspose2d(List.of(1L, 0L, 1L, 2L),
                    List.of(2L, 3L), null, List.of(1L, 1L), null, 2, InputLayout.NCHW, ConvTranspose2d.FilterLayout.IOHW),
                    b.in("x", Values.PLAIN, t, 1, 4, 5, 4), b.in("w", Values.PLAIN, t, 4, 3, 3, 3), b.in("bias", Values.PLAIN, t, 6))));
            cases.add(device("convTranspose2d nhwc ohwi " + t, conv, b -> b.op(new ConvTranspose2d(null, null,
                    List.of(2L, 1L), null, null, 1, InputLayout.NHWC, ConvTranspose2d.FilterLayout.OHWI),
                    b.in("x", Values.PLAIN, t, 2, 3, 4, 3), b.in("w", Values.PLAIN, t, 2, 2, 3, 3), null)));
            for (Pool2d.Kind kind : Pool2d.Kind.values()) {
                cases.add(device(kind + " " + t, floatTolerance(t, Tolerance.accumulation(9, 4)), b -> b.op(new Pool2d(kind,
                        List.of(3L, 3L), List.of(1L, 1L, 1L, 1L), List.of(2L, 2L), null, InputLayout.NCHW,
                        Pool2d.Rounding.FLOOR, null), b.in("x", Values.PLAIN, t, 2, 3, 9, 8))));
                cases.add(device(kind + " global nhwc " + t, floatTolerance(t, Tolerance.accumulation(49, 4)),
                        b -> b.op(new Pool2d(kind, null, null, null, null, InputLayout.NHWC, Pool2d.Rounding.FLOOR, null),
                                b.in("x", Values.PLAIN, t, 2, 7, 7, 5))));
            }
            for (Resample2d.Mode mode : Resample2d.Mode.values()) {
                cases.add(device("resample2d " + mode + " " + t, floatTolerance(t, new Tolerance(4, 1e-5, 1e-5)),
                        b -> b.op(new Resample2d(mode, List.of(2.0, 1.5), null, null), b.in("x", Values.PLAIN, t, 1, 2, 5, 4))));
                cases.add(device("resample2d " + mode + " sizes axes " + t, floatTolerance(t, new Tolerance(4, 1e-5, 1e-5)),
                        b -> b.op(new Resample2d(mode, null, List.of(3L, 7L), List.of(1L, 2L)), b.in("x", Values.PLAIN, t, 1, 6, 4, 2))));
            }
        }
        for (DataType t : List.of(INT32, UINT8, INT64)) {
            cases.add(device("maxPool2d " + t, Tolerance.EXACT, b -> b.op(new Pool2d(Pool2d.Kind.MAX_POOL2D, List.of(2L, 2L),
                    null, List.of(2L, 2L), null, InputLayout.NCHW, Pool2d.Rounding.FLOOR, null), b.in("x", t, 1, 2, 6, 6))));
        }
    }

    private static void dataMovement(List<Case> cases) {
        // Data movement copies bits, so one type per element width covers the types.
        for (DataType t : List.of(UINT8, FLOAT16, FLOAT32, INT64)) {
            cases.add(device("transpose " + t, Tolerance.EXACT, b -> b.op(new Transpose(new long[] {2, 0, 1}), b.in("x", t, 2, 3, 4))));
            cases.add(device("expand " + t, Tolerance.EXACT, b -> b.op(new Expand(new long[] {2, 3, 4}), b.in("x", t, 3, 1))));
            cases.add(device("slice " + t, Tolerance.EXACT, b -> b.op(new Slice(new long[] {1, 0, 1}, new long[] {2, 2, 3},
                    new long[] {1, 2, 1}), b.in("x", t, 3, 4, 5))));
            cases.add(device("tile " + t, Tolerance.EXACT, b -> b.op(new Tile(new long[] {2, 1, 3}), b.in("x", t, 2, 3, 2))));
            cases.add(device("reverse " + t, Tolerance.EXACT, b -> b.op(new Reverse(new long[] {0, 2}), b.in("x", t, 2, 3, 4))));
            cases.add(device("concat " + t, Tolerance.EXACT, b -> b.op(new Concat(1), b.in("x", t, 2, 1, 3),
                    b.in("y", t, 2, 4, 3), b.in("z", t, 2, 2, 3))));
            cases.add(device("triangular " + t, Tolerance.EXACT, b -> b.op(new Triangular(false, 1), b.in("x", t, 2, 4, 5))));
            for (Pad.Mode mode : Pad.Mode.values()) {
                cases.add(device("pad " + mode + " " + t, Tolerance.EXACT, b -> b.op(new Pad(new long[] {1, 2},
                        new long[] {2, 0}, mode, t.isFloat() ? (Number) 2.5 : (Number) 7L), b.in("x", t, 3, 3))));
            }
            cases.add(new Case("split " + t, b -> {
                List<Operand> parts = b.ops(Split.bySizes(new long[] {1, 3}, 1), b.in("x", t, 2, 4, 3));
                Map<String, Operand> outs = new LinkedHashMap<>();
                outs.put("a", parts.get(0));
                outs.put("b", parts.get(1));
                return outs;
            }, Tolerance.EXACT, true));
            for (DataType index : List.of(INT32, INT64, UINT32)) {
                long low = index == UINT32 ? 0 : -6;
                cases.add(device("gather " + t + " " + index, Tolerance.EXACT, b -> b.op(new Gather(1), b.in("x", t, 2, 4, 3),
                        b.indices("i", index, low, 5, 2, 3))));
            }
            cases.add(device("gatherElements " + t, Tolerance.EXACT, b -> b.op(new GatherElements(0), b.in("x", t, 3, 4),
                    b.indices("i", INT32, -4, 4, 2, 4))));
            cases.add(device("gatherND " + t, Tolerance.EXACT, b -> b.op(new GatherND(), b.in("x", t, 3, 4, 2),
                    b.indices("i", INT64, -4, 4, 5, 2))));
            cases.add(device("scatterElements " + t, Tolerance.EXACT, b -> b.op(new ScatterElements(1), b.in("x", t, 3, 5),
                    b.indices("i", INT32, -5, 5, 3, 4), b.in("u", t, 3, 4))));
            cases.add(device("scatterND " + t, Tolerance.EXACT, b -> b.op(new ScatterND(), b.in("x", t, 4, 3, 2),
                    b.indices("i", INT32, -4, 3, 5, 1), b.in("u", t, 5, 3, 2))));
        }
    }

    private static void fusionAndFallback(List<Case> cases) {
        cases.add(device("fused chain", Tolerance.TRANSCENDENTAL, b -> {
            Operand x = b.in("x", FLOAT32, 3, 4);
            Operand y = b.op(new ElementwiseBinary(ElementwiseBinary.Kind.MUL), x, b.in("s", FLOAT32, 4));
            Operand z = b.op(new ElementwiseUnary(ElementwiseUnary.Kind.EXP), y);
            return b.op(new Cast(INT32), b.op(new Clamp(-3.0, 6.0), b.op(new ElementwiseBinary(ElementwiseBinary.Kind.ADD),
                    b.in("c", FLOAT32, 3, 1), z)));
        }));
        cases.add(device("conv2d with fused bias, relu6 and residual add", Tolerance.accumulation(90, 1), b -> {
            Operand x = b.in("x", Values.PLAIN, FLOAT32, 1, 10, 6, 6);
            Operand conv = b.op(new Conv2d(List.of(1L, 1L, 1L, 1L), null, null, 1, InputLayout.NCHW,
                    Conv2d.FilterLayout.OIHW), x, b.in("w", Values.PLAIN, FLOAT32, 10, 10, 3, 3), b.in("bias", Values.PLAIN, FLOAT32, 10));
            Operand clamped = b.op(new Clamp(0.0, 6.0), conv);
            return b.op(new ElementwiseBinary(ElementwiseBinary.Kind.ADD), clamped, x);
        }));
        cases.add(device("matmul with fused sigmoid", Tolerance.accumulation(64, 1), b -> b.op(
                new ElementwiseUnary(ElementwiseUnary.Kind.SIGMOID), b.op(new Matmul(), b.in("a", Values.PLAIN, FLOAT32, 16, 64),
                        b.in("b", Values.PLAIN, FLOAT32, 64, 8)))));
        cases.add(new Case("shared intermediate and reshape as outputs", b -> {
            Operand x = b.in("x", FLOAT32, 2, 6);
            Operand e = b.op(new ElementwiseUnary(ElementwiseUnary.Kind.ABS), x);
            Operand r = b.op(new Reshape(new long[] {3, 4}), e);
            Map<String, Operand> outs = new LinkedHashMap<>();
            outs.put("abs", e);
            outs.put("reshaped", r);
            outs.put("neg", b.op(new ElementwiseUnary(ElementwiseUnary.Kind.NEG), r));
            return outs;
        }, Tolerance.EXACT, true));
        // CPU fallback: recurrent ops and 4-bit types, with device ops on both sides of them.
        cases.add(new Case("gru between device ops (fallback)", b -> {
            Operand x = b.op(new ElementwiseUnary(ElementwiseUnary.Kind.TANH), b.in("x", Values.PLAIN, FLOAT32, 3, 2, 4));
            List<Operand> gru = b.ops(new Gru(3, 5), x, b.in("w", Values.PLAIN, FLOAT32, 1, 15, 4),
                    b.in("r", Values.PLAIN, FLOAT32, 1, 15, 5), null, null, null);
            return out(b.op(new ElementwiseUnary(ElementwiseUnary.Kind.RELU), gru.get(0)));
        }, Tolerance.TRANSCENDENTAL, false));
        cases.add(new Case("lstm (fallback)", b -> {
            List<Operand> lstm = b.ops(new Lstm(2, 3), b.in("x", Values.PLAIN, FLOAT32, 2, 1, 4),
                    b.in("w", Values.PLAIN, FLOAT32, 1, 12, 4), b.in("r", Values.PLAIN, FLOAT32, 1, 12, 3), null, null, null, null, null);
            return Map.of("h", lstm.get(0), "c", lstm.get(1));
        }, Tolerance.TRANSCENDENTAL, false));
        cases.add(new Case("dequantizeLinear int4 (fallback) feeding matmul", b -> {
            Operand w = b.op(new DequantizeLinear(), b.in("q", Values.SMALL_INTEGERS, INT4, 4, 6),
                    b.in("scale", Values.POSITIVE, FLOAT32, 4, 1), b.in("zp", Values.SMALL_INTEGERS, INT4, 4, 1));
            return out(b.op(new Matmul(), b.in("a", Values.PLAIN, FLOAT32, 3, 4), w));
        }, Tolerance.accumulation(4, 4), false));
    }
}
