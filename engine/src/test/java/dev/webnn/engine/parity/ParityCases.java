package dev.webnn.engine.parity;

import static dev.webnn.engine.DataType.FLOAT16;
import static dev.webnn.engine.DataType.FLOAT32;
import static dev.webnn.engine.DataType.INT32;
import static dev.webnn.engine.DataType.INT4;
import static dev.webnn.engine.DataType.INT64;
import static dev.webnn.engine.DataType.UINT32;
import static dev.webnn.engine.DataType.UINT8;

import dev.webnn.engine.DataType;
import dev.webnn.engine.backend.TensorLimits;
import dev.webnn.engine.backend.reference.ReferenceBackend;
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
import dev.webnn.engine.ops.GruCell;
import dev.webnn.engine.ops.InputLayout;
import dev.webnn.engine.ops.InstanceNormalization;
import dev.webnn.engine.ops.LayerNormalization;
import dev.webnn.engine.ops.Lstm;
import dev.webnn.engine.ops.LstmCell;
import dev.webnn.engine.ops.Matmul;
import dev.webnn.engine.ops.Pad;
import dev.webnn.engine.ops.Pool2d;
import dev.webnn.engine.ops.Prelu;
import dev.webnn.engine.ops.QuantizeLinear;
import dev.webnn.engine.ops.RecurrentActivation;
import dev.webnn.engine.ops.RecurrentDirection;
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
import dev.webnn.engine.parity.Parity.Builder;
import dev.webnn.engine.parity.Parity.Case;
import dev.webnn.engine.parity.Parity.Tolerance;
import dev.webnn.engine.parity.Parity.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The parity catalogue: every op of the reference backend's opSupportLimits, over every data type it allows for its
 * first operand and its output, with the option sets that change what a kernel computes, plus graphs that exercise
 * fusion and device fallback. Tolerances are those the WPT conformance files state for the op (utils.js and the
 * files' own tolerance functions): ULP of the output type, ATOL for the trigonometric and logarithm ops, exact for
 * integers. Shapes are small so that the whole catalogue runs in CI on every backend.
 */
public final class ParityCases {
    private static final Map<String, Map<String, TensorLimits>> LIMITS = new ReferenceBackend().opSupportLimits().ops();

    private ParityCases() {
    }

    /** The data types the reference allows for the operand, in the enum's order so that case names are stable. */
    static List<DataType> types(String op, String operand) {
        TensorLimits limits = LIMITS.get(op).get(operand);
        return Arrays.stream(DataType.values()).filter(limits.dataTypes()::contains).toList();
    }

    private static Map<String, Operand> out(Operand operand) {
        return Map.of("out", operand);
    }

    private static Map<String, Operand> outs(List<Operand> operands) {
        Map<String, Operand> named = new LinkedHashMap<>();
        for (int i = 0; i < operands.size(); i++) {
            named.put("out" + i, operands.get(i));
        }
        return named;
    }

    /** A one-output case whose ops all run on a device, unless a 4-bit type makes a device fall back. */
    private static Case single(String name, Tolerance tolerance, Function<Builder, Operand> body) {
        return new Case(name, b -> out(body.apply(b)), tolerance, onDevice(name));
    }

    /** Devices have no 4-bit form (int4, uint4), so cases naming one may fall back to the CPU. */
    private static boolean onDevice(String caseName) {
        return !caseName.contains("INT4");
    }

    /** WPT's float tolerance for the type; integers are exact. */
    private static Tolerance ulp(DataType t, long float32, long float16) {
        return t == FLOAT32 ? Tolerance.ulp(float32) : t == FLOAT16 ? Tolerance.ulp(float16) : Tolerance.EXACT;
    }

    private static Tolerance ulp(DataType t, long ulps) {
        return ulp(t, ulps, ulps);
    }

    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        elementwise(cases);
        quantization(cases);
        reductions(cases);
        normalizations(cases);
        linearAlgebra(cases);
        windowed(cases);
        recurrent(cases);
        dataMovement(cases);
        graphs(cases);
        return cases;
    }

    private static Tolerance binaryTolerance(ElementwiseBinary.Kind kind, DataType t) {
        return switch (kind) {
            case ADD, SUB, MUL, MAX -> ulp(t, 1);
            case DIV -> ulp(t, 2);
            case MIN -> ulp(t, 0);
            case POW -> ulp(t, 32, 2);
        };
    }

    private static Tolerance unaryTolerance(ElementwiseUnary.Kind kind, DataType t) {
        return switch (kind) {
            case ABS, NEG, IDENTITY -> Tolerance.BITWISE;
            case CEIL, FLOOR, ROUND_EVEN, SIGN, RELU -> Tolerance.EXACT;
            case COS, SIN, TAN, TANH, ERF -> Tolerance.atol(t == FLOAT16 ? 1.0 / 512 : 1.0 / 1024);
            case LOG -> Tolerance.atol(1.0 / 1024);
            case EXP -> ulp(t, 32, 1);
            case RECIPROCAL -> ulp(t, 2);
            case SQRT -> ulp(t, 1);
            case SIGMOID -> ulp(t, 34, 10);
            case SOFTSIGN -> ulp(t, 3);
            case GELU, SOFTPLUS -> ulp(t, 18);
            case HARD_SWISH -> ulp(t, 4);
        };
    }

    private static void elementwise(List<Case> cases) {
        for (ElementwiseBinary.Kind kind : ElementwiseBinary.Kind.values()) {
            String op = new ElementwiseBinary(kind).opName();
            for (DataType t : types(op, "a")) {
                Values exponents = kind == ElementwiseBinary.Kind.POW && t.isInteger() ? Values.POSITIVE : Values.EDGES;
                cases.add(single(op + " " + t, binaryTolerance(kind, t), b -> b.op(new ElementwiseBinary(kind),
                        b.in("a", t, 2, 3, 4), b.in("b", exponents, t, 3, 1))));
            }
            cases.add(single(op + " scalar " + FLOAT32, binaryTolerance(kind, FLOAT32), b -> b.op(
                    new ElementwiseBinary(kind), b.in("a", FLOAT32), b.in("b", FLOAT32, 37))));
        }
        for (ElementwiseUnary.Kind kind : ElementwiseUnary.Kind.values()) {
            String op = new ElementwiseUnary(kind).opName();
            for (DataType t : types(op, "input")) {
                cases.add(single(op + " " + t, unaryTolerance(kind, t), b -> b.op(new ElementwiseUnary(kind),
                        b.in("x", t, 5, 7))));
            }
        }
        for (ElementwiseLogical.Kind kind : ElementwiseLogical.Kind.values()) {
            String op = new ElementwiseLogical(kind).opName();
            for (DataType t : types(op, "a")) {
                Values values = t == UINT8 && op.startsWith("logical") ? Values.SMALL_INTEGERS : Values.EDGES;
                cases.add(single(op + " " + t, Tolerance.EXACT, kind.arity() == 1
                        ? b -> b.op(new ElementwiseLogical(kind), b.in("a", values, t, 4, 5))
                        : b -> b.op(new ElementwiseLogical(kind), b.in("a", values, t, 4, 5), b.in("b", values, t, 5))));
            }
        }
        for (DataType t : types("elu", "input")) {
            cases.add(single("elu " + t, ulp(t, 18), b -> b.op(ScalarActivation.elu(0.7), b.in("x", t, 6, 5))));
            cases.add(single("hardSigmoid " + t, ulp(t, 2), b -> b.op(ScalarActivation.hardSigmoid(0.2, 0.5),
                    b.in("x", t, 6, 5))));
            cases.add(single("leakyRelu " + t, ulp(t, 1, 2), b -> b.op(ScalarActivation.leakyRelu(0.01),
                    b.in("x", t, 6, 5))));
            cases.add(single("linear " + t, ulp(t, 2), b -> b.op(ScalarActivation.linear(1.5, -0.25),
                    b.in("x", t, 6, 5))));
        }
        for (DataType t : types("clamp", "input")) {
            boolean narrow = t.bits() == 4;
            Number min = t.isFloat() ? (Number) (-1.5) : (Number) (t.isSigned() ? -3L : 2L);
            Number max = t.isFloat() ? (Number) 2.0 : (Number) (narrow ? 5L : 100L);
            cases.add(single("clamp " + t, Tolerance.EXACT, b -> b.op(new Clamp(min, max), b.in("x", t, 4, 6))));
            cases.add(single("clamp min only " + t, Tolerance.EXACT, b -> b.op(new Clamp(min, null),
                    b.in("x", t, 4, 6))));
        }
        for (DataType t : types("where", "trueValue")) {
            cases.add(single("where " + t, Tolerance.BITWISE, b -> b.op(new Where(),
                    b.in("c", Values.SMALL_INTEGERS, UINT8, 3, 1), b.in("t", t, 3, 4), b.in("f", t, 4))));
        }
        for (DataType from : types("cast", "input")) {
            for (DataType to : types("cast", "output")) {
                cases.add(single("cast " + from + " to " + to, to.isFloat() ? Tolerance.ulp(1) : Tolerance.EXACT,
                        b -> b.op(new Cast(to), b.in("x", from, 3, 7))));
            }
        }
        for (DataType t : types("prelu", "input")) {
            cases.add(single("prelu " + t, ulp(t, 1), b -> b.op(new Prelu(), b.in("x", t, 2, 3, 4),
                    b.in("slope", t.isFloat() ? Values.EDGES : Values.SMALL_INTEGERS, t, 4))));
        }
    }

    private static void quantization(List<Case> cases) {
        for (DataType q : types("quantizeLinear", "output")) {
            for (DataType f : types("quantizeLinear", "input")) {
                // WPT allows the integer result one unit off: x / scale may round either way at a tie.
                cases.add(single("quantizeLinear " + f + " to " + q, Tolerance.ulp(1), b -> b.op(new QuantizeLinear(),
                        b.in("x", Values.EDGES, f, 4, 6), b.in("scale", Values.POSITIVE, f, 2, 3),
                        b.in("zp", Values.SMALL_INTEGERS, q, 2, 3))));
                cases.add(single("dequantizeLinear " + q + " to " + f, ulp(f, 1), b -> b.op(new DequantizeLinear(),
                        b.in("x", Values.EDGES, q, 4, 6), b.in("scale", Values.POSITIVE, f, 1, 6),
                        b.in("zp", Values.SMALL_INTEGERS, q, 1, 6))));
            }
            cases.add(single("dequantizeLinear block-wise " + q, Tolerance.ulp(1), b -> b.op(new DequantizeLinear(),
                    b.in("x", Values.EDGES, q, 4, 6), b.in("scale", Values.POSITIVE, FLOAT32, 2, 3),
                    b.in("zp", Values.SMALL_INTEGERS, q, 2, 3))));
        }
    }

    private static void reductions(List<Case> cases) {
        List<List<Long>> axesList = Arrays.asList(List.of(1L), List.of(0L, 2L), null, List.of());
        long[] shape = {3, 4, 5};
        for (Reduce.Kind kind : Reduce.Kind.values()) {
            String op = new Reduce(kind, null, false).opName();
            for (DataType t : types(op, "input")) {
                for (List<Long> axes : axesList) {
                    boolean keep = axes != null && axes.size() == 1;
                    long reduced = axes == null ? 60 : axes.stream().mapToLong(a -> shape[a.intValue()])
                            .reduce(1, (x, y) -> x * y);
                    Values values = t.isFloat() ? Values.SUM_EDGES : Values.EDGES;
                    cases.add(single(op + " " + t + " axes " + axes, ulp(t, reduced), b -> b.op(
                            new Reduce(kind, axes, keep), b.in("x", values, t, shape))));
                }
            }
        }
        for (ArgMinMax.Kind kind : ArgMinMax.Kind.values()) {
            String op = new ArgMinMax(kind, 0, false, INT64).opName();
            for (DataType t : types(op, "input")) {
                for (DataType index : types(op, "output")) {
                    cases.add(single(op + " " + t + " to " + index, Tolerance.EXACT, b -> b.op(
                            new ArgMinMax(kind, 1, index == INT32, index),
                            b.in("x", t.isFloat() ? Values.EDGES : Values.SMALL_INTEGERS, t, 3, 40, 2))));
                }
            }
        }
        for (DataType t : types("cumulativeSum", "input")) {
            Values values = t.isFloat() ? Values.SUM_EDGES : Values.EDGES;
            cases.add(single("cumulativeSum " + t, ulp(t, 9), b -> b.op(new CumulativeSum(1, false, false),
                    b.in("x", values, t, 2, 10, 3))));
            cases.add(single("cumulativeSum exclusive reversed " + t, ulp(t, 9), b -> b.op(
                    new CumulativeSum(2, true, true), b.in("x", values, t, 2, 3, 10))));
        }
        for (DataType t : types("softmax", "input")) {
            cases.add(single("softmax " + t, ulp(t, 300 * 3 + 3), b -> b.op(new Softmax(1),
                    b.in("x", Values.SIGNED, t, 4, 300))));
            cases.add(single("softmax axis 0 edges " + t, ulp(t, 5 * 3 + 3), b -> b.op(new Softmax(0),
                    b.in("x", t, 5, 3))));
        }
    }

    private static void normalizations(List<Case> cases) {
        for (DataType t : types("batchNormalization", "input")) {
            cases.add(single("batchNormalization " + t, ulp(t, 6), b -> b.op(new BatchNormalization(1, 1e-5),
                    b.in("x", Values.SIGNED, t, 2, 3, 4), b.in("mean", Values.SIGNED, t, 3),
                    b.in("var", Values.POSITIVE, t, 3), b.in("scale", Values.SIGNED, t, 3),
                    b.in("bias", Values.SIGNED, t, 3))));
            cases.add(single("batchNormalization axis 2 no scale " + t, ulp(t, 6), b -> b.op(
                    new BatchNormalization(2, 1e-3), b.in("x", Values.SIGNED, t, 2, 3, 4),
                    b.in("mean", Values.SIGNED, t, 4), b.in("var", Values.POSITIVE, t, 4), null,
                    b.in("bias", Values.SIGNED, t, 4))));
            for (InputLayout layout : InputLayout.values()) {
                long channels = layout == InputLayout.NCHW ? 3 : 6;
                cases.add(single("instanceNormalization " + layout + " " + t, ulp(t, 840, 8400), b -> b.op(
                        new InstanceNormalization(1e-5, layout), b.in("x", Values.SIGNED, t, 2, 3, 5, 6),
                        b.in("scale", Values.SIGNED, t, channels), b.in("bias", Values.SIGNED, t, channels))));
            }
            cases.add(single("layerNormalization axes [2, 1] " + t, ulp(t, 14), b -> b.op(
                    new LayerNormalization(List.of(2L, 1L), 1e-5), b.in("x", Values.SIGNED, t, 2, 3, 4),
                    b.in("scale", Values.SIGNED, t, 4, 3), b.in("bias", Values.SIGNED, t, 4, 3))));
            cases.add(single("layerNormalization default " + t, ulp(t, 14), b -> b.op(
                    new LayerNormalization(null, 1e-5), b.in("x", Values.SUM_EDGES, t, 2, 30), null, null)));
        }
    }

    private static void linearAlgebra(List<Case> cases) {
        for (DataType t : types("matmul", "a")) {
            long[][][] shapes = {{{3, 4}, {4, 5}}, {{2, 33, 17}, {17, 65}}, {{2, 1, 5, 7}, {3, 7, 2}},
                    {{1, 1}, {1, 1}}};
            for (long[][] s : shapes) {
                long k = s[0][s[0].length - 1];
                cases.add(single("matmul " + t + " " + Arrays.deepToString(s), ulp(t, 2 * k),
                        b -> b.op(new Matmul(), b.in("a", Values.SUM_EDGES, t, s[0]), b.in("b", Values.SUM_EDGES, t, s[1]))));
            }
        }
        for (DataType t : types("gemm", "a")) {
            for (boolean at : new boolean[] {false, true}) {
                for (boolean bt : new boolean[] {false, true}) {
                    // alpha != 1, beta != 1 and c each add one ULP to 2 * K.
                    cases.add(single("gemm " + t + " aT=" + at + " bT=" + bt, ulp(t, 2 * 19 + 3),
                            b -> b.op(new Gemm(0.5, 2, at, bt), b.in("a", Values.SUM_EDGES, t, at ? 19 : 37, at ? 37 : 19),
                                    b.in("b", Values.SUM_EDGES, t, bt ? 23 : 19, bt ? 19 : 23),
                                    b.in("c", Values.SUM_EDGES, t, 23))));
                }
            }
            cases.add(single("gemm no c " + t, ulp(t, 2 * 8), b -> b.op(new Gemm(1, 1, false, false),
                    b.in("a", Values.SUM_EDGES, t, 5, 8), b.in("b", Values.SUM_EDGES, t, 8, 6), null)));
        }
    }

    private static void windowed(List<Case> cases) {
        for (DataType t : types("conv2d", "input")) {
            cases.add(single("conv2d " + t, ulp(t, 3 * 3 * 8 * 2), b -> b.op(new Conv2d(List.of(1L, 1L, 0L, 1L),
                    List.of(2L, 1L), List.of(1L, 2L), 1, InputLayout.NCHW, Conv2d.FilterLayout.OIHW),
                    b.in("x", Values.SUM_EDGES, t, 2, 8, 9, 10), b.in("w", Values.SUM_EDGES, t, 4, 8, 3, 3),
                    b.in("bias", Values.SUM_EDGES, t, 4))));
            // Enough filter values that some are infinite or NaN: a padded tap must not turn them into NaN.
            cases.add(single("conv2d padded, wide filter " + t, ulp(t, 3 * 3 * 16 * 2), b -> b.op(new Conv2d(
                    List.of(1L, 1L, 1L, 1L), null, null, 1, InputLayout.NCHW, Conv2d.FilterLayout.OIHW),
                    b.in("x", Values.SUM_EDGES, t, 1, 16, 5, 5), b.in("w", Values.SUM_EDGES, t, 8, 16, 3, 3), null)));
            cases.add(single("conv2d nhwc ohwi grouped " + t, ulp(t, 3 * 3 * 2 * 2), b -> b.op(new Conv2d(
                    List.of(1L, 1L, 1L, 1L), null, null, 2, InputLayout.NHWC, Conv2d.FilterLayout.OHWI),
                    b.in("x", Values.SUM_EDGES, t, 1, 7, 6, 4), b.in("w", Values.SUM_EDGES, t, 6, 3, 3, 2), null)));
            cases.add(single("conv2d depthwise hwio " + t, ulp(t, 3 * 3 * 2), b -> b.op(new Conv2d(
                    List.of(1L, 1L, 1L, 1L), List.of(2L, 2L), null, 5, InputLayout.NCHW, Conv2d.FilterLayout.HWIO),
                    b.in("x", Values.SUM_EDGES, t, 1, 5, 9, 9), b.in("w", Values.SUM_EDGES, t, 3, 3, 1, 5),
                    b.in("bias", Values.SUM_EDGES, t, 5))));
            cases.add(single("conv2d 1x1 nhwc ihwo " + t, ulp(t, 24 * 2), b -> b.op(new Conv2d(null, null, null, 1,
                    InputLayout.NHWC, Conv2d.FilterLayout.IHWO), b.in("x", Values.SUM_EDGES, t, 2, 5, 7, 24),
                    b.in("w", Values.SUM_EDGES, t, 24, 1, 1, 40), b.in("bias", Values.SUM_EDGES, t, 40))));
            cases.add(single("convTranspose2d outputPadding " + t, ulp(t, 3 * 3 * 2 * 2), b -> b.op(
                    new ConvTranspose2d(List.of(1L, 0L, 1L, 2L), List.of(2L, 3L), null, List.of(1L, 1L), null, 2,
                            InputLayout.NCHW, ConvTranspose2d.FilterLayout.IOHW),
                    b.in("x", Values.SUM_EDGES, t, 1, 4, 5, 4), b.in("w", Values.SUM_EDGES, t, 4, 3, 3, 3),
                    b.in("bias", Values.SUM_EDGES, t, 6))));
            cases.add(single("convTranspose2d nhwc ohwi outputSizes " + t, ulp(t, 2 * 2 * 3 * 2), b -> b.op(
                    new ConvTranspose2d(null, List.of(2L, 2L), List.of(2L, 1L), null, List.of(8L, 9L), 1,
                            InputLayout.NHWC, ConvTranspose2d.FilterLayout.OHWI),
                    b.in("x", Values.SUM_EDGES, t, 2, 3, 4, 3), b.in("w", Values.SUM_EDGES, t, 2, 2, 2, 3), null)));
            cases.add(single("convTranspose2d hwoi " + t, ulp(t, 2 * 2 * 3 * 2), b -> b.op(
                    new ConvTranspose2d(null, null, null, null, null, 1, InputLayout.NCHW,
                            ConvTranspose2d.FilterLayout.HWOI),
                    b.in("x", Values.SUM_EDGES, t, 1, 3, 4, 4), b.in("w", Values.SUM_EDGES, t, 2, 2, 5, 3), null)));
        }
        for (Pool2d.Kind kind : Pool2d.Kind.values()) {
            String op = new Pool2d(kind, null, null, null, null, InputLayout.NCHW, Pool2d.Rounding.FLOOR, null)
                    .opName();
            for (DataType t : types(op, "input")) {
                boolean max = kind == Pool2d.Kind.MAX_POOL2D;
                Values values = t.isFloat() ? Values.SUM_EDGES : Values.EDGES;
                cases.add(single(op + " " + t, max ? Tolerance.EXACT : ulp(t, 3 * 3 + 2), b -> b.op(new Pool2d(kind,
                        List.of(3L, 3L), List.of(1L, 1L, 1L, 1L), List.of(2L, 2L), null, InputLayout.NCHW,
                        Pool2d.Rounding.FLOOR, null), b.in("x", values, t, 2, 3, 9, 8))));
                if (t.isFloat()) {
                    cases.add(single(op + " global nhwc " + t, max ? Tolerance.EXACT : ulp(t, 7 * 7 + 2),
                            b -> b.op(new Pool2d(kind, null, null, null, null, InputLayout.NHWC,
                                    Pool2d.Rounding.FLOOR, null), b.in("x", values, t, 2, 7, 7, 5))));
                    cases.add(single(op + " dilated ceil " + t, max ? Tolerance.EXACT : ulp(t, 2 * 2 + 2),
                            b -> b.op(new Pool2d(kind, List.of(2L, 2L), null, List.of(2L, 2L), List.of(2L, 1L),
                                    InputLayout.NCHW, Pool2d.Rounding.CEIL, null), b.in("x", values, t, 1, 2, 7, 6))));
                }
            }
        }
        for (DataType t : types("resample2d", "input")) {
            for (Resample2d.Mode mode : Resample2d.Mode.values()) {
                Tolerance tolerance = mode == Resample2d.Mode.NEAREST_NEIGHBOR ? Tolerance.EXACT
                        : t == FLOAT32 ? Tolerance.ulp(84) : t == FLOAT16 ? Tolerance.ulp(10) : Tolerance.ulp(1);
                Values values = t.isFloat() ? Values.SIGNED : Values.EDGES;
                cases.add(single("resample2d " + mode + " " + t, tolerance, b -> b.op(
                        new Resample2d(mode, List.of(2.0, 1.5), null, null), b.in("x", values, t, 1, 2, 5, 4))));
                cases.add(single("resample2d " + mode + " sizes axes " + t, tolerance, b -> b.op(
                        new Resample2d(mode, null, List.of(3L, 7L), List.of(1L, 2L)), b.in("x", values, t, 1, 6, 4, 2))));
            }
        }
    }

    private static void recurrent(List<Case> cases) {
        List<RecurrentActivation> reluTanh = List.of(RecurrentActivation.RELU, RecurrentActivation.TANH);
        for (DataType t : types("gru", "input")) {
            long steps = 3;
            long batch = 2;
            long inputSize = 4;
            long hidden = 5;
            cases.add(new Case("gru defaults " + t, b -> outs(b.ops(new Gru(steps, hidden),
                    b.in("x", Values.SIGNED, t, steps, batch, inputSize),
                    b.in("w", Values.SIGNED, t, 1, 3 * hidden, inputSize),
                    b.in("r", Values.SIGNED, t, 1, 3 * hidden, hidden), null, null, null)), ulp(t, 6), false));
            for (RecurrentDirection direction : RecurrentDirection.values()) {
                long dirs = direction.numDirections();
                cases.add(new Case("gru " + direction + " rzn resetBefore sequence " + t, b -> outs(b.ops(
                        new Gru(steps, hidden, false, true, direction, Gru.Layout.RZN,
                                direction == RecurrentDirection.BACKWARD ? reluTanh : null),
                        b.in("x", Values.SIGNED, t, steps, batch, inputSize),
                        b.in("w", Values.SIGNED, t, dirs, 3 * hidden, inputSize),
                        b.in("r", Values.SIGNED, t, dirs, 3 * hidden, hidden), b.in("b", Values.SIGNED, t, dirs, 3 * hidden),
                        b.in("rb", Values.SIGNED, t, dirs, 3 * hidden), b.in("h0", Values.SIGNED, t, dirs, batch, hidden))),
                        ulp(t, 6), false));
            }
            cases.add(new Case("gruCell " + t, b -> out(b.op(new GruCell(hidden),
                    b.in("x", Values.SIGNED, t, batch, inputSize), b.in("w", Values.SIGNED, t, 3 * hidden, inputSize),
                    b.in("r", Values.SIGNED, t, 3 * hidden, hidden), b.in("h", Values.SIGNED, t, batch, hidden),
                    b.in("b", Values.SIGNED, t, 3 * hidden), b.in("rb", Values.SIGNED, t, 3 * hidden))), ulp(t, 3), false));
            cases.add(new Case("gruCell rzn resetBefore relu " + t, b -> out(b.op(new GruCell(hidden, false,
                            Gru.Layout.RZN, reluTanh), b.in("x", Values.SIGNED, t, batch, inputSize),
                    b.in("w", Values.SIGNED, t, 3 * hidden, inputSize), b.in("r", Values.SIGNED, t, 3 * hidden, hidden),
                    b.in("h", Values.SIGNED, t, batch, hidden), null, b.in("rb", Values.SIGNED, t, 3 * hidden))),
                    ulp(t, 3), false));
            cases.add(new Case("lstm defaults " + t, b -> outs(b.ops(new Lstm(steps, hidden),
                    b.in("x", Values.SIGNED, t, steps, batch, inputSize),
                    b.in("w", Values.SIGNED, t, 1, 4 * hidden, inputSize),
                    b.in("r", Values.SIGNED, t, 1, 4 * hidden, hidden), null, null, null, null, null)), ulp(t, 3), false));
            for (RecurrentDirection direction : RecurrentDirection.values()) {
                long dirs = direction.numDirections();
                List<RecurrentActivation> activations = direction == RecurrentDirection.BACKWARD
                        ? List.of(RecurrentActivation.SIGMOID, RecurrentActivation.RELU, RecurrentActivation.TANH) : null;
                cases.add(new Case("lstm " + direction + " ifgo peephole sequence " + t, b -> outs(b.ops(
                        new Lstm(steps, hidden, true, direction, Lstm.Layout.IFGO, activations),
                        b.in("x", Values.SIGNED, t, steps, batch, inputSize),
                        b.in("w", Values.SIGNED, t, dirs, 4 * hidden, inputSize),
                        b.in("r", Values.SIGNED, t, dirs, 4 * hidden, hidden), b.in("b", Values.SIGNED, t, dirs, 4 * hidden),
                        b.in("rb", Values.SIGNED, t, dirs, 4 * hidden), b.in("p", Values.SIGNED, t, dirs, 3 * hidden),
                        b.in("h0", Values.SIGNED, t, dirs, batch, hidden), b.in("c0", Values.SIGNED, t, dirs, batch, hidden))),
                        ulp(t, 3), false));
            }
            cases.add(new Case("lstmCell " + t, b -> outs(b.ops(new LstmCell(hidden),
                    b.in("x", Values.SIGNED, t, batch, inputSize), b.in("w", Values.SIGNED, t, 4 * hidden, inputSize),
                    b.in("r", Values.SIGNED, t, 4 * hidden, hidden), b.in("h", Values.SIGNED, t, batch, hidden),
                    b.in("c", Values.SIGNED, t, batch, hidden), b.in("b", Values.SIGNED, t, 4 * hidden),
                    b.in("rb", Values.SIGNED, t, 4 * hidden), b.in("p", Values.SIGNED, t, 3 * hidden))), ulp(t, 1), false));
            cases.add(new Case("lstmCell ifgo relu " + t, b -> outs(b.ops(new LstmCell(hidden, Lstm.Layout.IFGO,
                            List.of(RecurrentActivation.SIGMOID, RecurrentActivation.RELU, RecurrentActivation.RELU)),
                    b.in("x", Values.SIGNED, t, batch, inputSize), b.in("w", Values.SIGNED, t, 4 * hidden, inputSize),
                    b.in("r", Values.SIGNED, t, 4 * hidden, hidden), b.in("h", Values.SIGNED, t, batch, hidden),
                    b.in("c", Values.SIGNED, t, batch, hidden), null, null, null)), ulp(t, 1), false));
        }
    }

    private static void dataMovement(List<Case> cases) {
        List<DataType> all = types("transpose", "input");
        for (DataType t : all) {
            cases.add(single("reshape " + t, Tolerance.BITWISE, b -> b.op(new Reshape(new long[] {4, 6}),
                    b.in("x", t, 2, 3, 4))));
            cases.add(single("transpose " + t, Tolerance.BITWISE, b -> b.op(new Transpose(new long[] {2, 0, 1}),
                    b.in("x", t, 2, 3, 5))));
            cases.add(single("expand " + t, Tolerance.BITWISE, b -> b.op(new Expand(new long[] {2, 3, 4}),
                    b.in("x", t, 3, 1))));
            cases.add(single("slice strides " + t, Tolerance.BITWISE, b -> b.op(new Slice(new long[] {1, 0, 1},
                    new long[] {2, 2, 3}, new long[] {1, 2, 1}), b.in("x", t, 3, 4, 5))));
            cases.add(single("tile " + t, Tolerance.BITWISE, b -> b.op(new Tile(new long[] {2, 1, 3}),
                    b.in("x", t, 2, 3, 3))));
            cases.add(single("reverse " + t, Tolerance.BITWISE, b -> b.op(new Reverse(new long[] {0, 2}),
                    b.in("x", t, 2, 3, 5))));
            cases.add(single("concat " + t, Tolerance.BITWISE, b -> b.op(new Concat(1), b.in("x", t, 2, 1, 3),
                    b.in("y", t, 2, 4, 3), b.in("z", t, 2, 2, 3))));
            cases.add(single("triangular upper " + t, Tolerance.BITWISE, b -> b.op(new Triangular(true, 0),
                    b.in("x", t, 2, 4, 5))));
            cases.add(single("triangular lower diagonal 1 " + t, Tolerance.BITWISE, b -> b.op(new Triangular(false, 1),
                    b.in("x", t, 2, 4, 5))));
            for (Pad.Mode mode : Pad.Mode.values()) {
                Number value = t.isFloat() ? (Number) 2.5 : (Number) 3L;
                cases.add(single("pad " + mode + " " + t, Tolerance.BITWISE, b -> b.op(new Pad(new long[] {1, 2},
                        new long[] {2, 0}, mode, value), b.in("x", t, 3, 3))));
            }
            cases.add(new Case("split sizes " + t, b -> outs(b.ops(Split.bySizes(new long[] {1, 3}, 1),
                    b.in("x", t, 2, 4, 3))), Tolerance.BITWISE, onDevice(t.toString())));
            cases.add(new Case("split evenly " + t, b -> outs(b.ops(Split.evenly(3, 2), b.in("x", t, 2, 2, 6))),
                    Tolerance.BITWISE, onDevice(t.toString())));
        }
        List<DataType> indexTypes = types("gather", "indices");
        for (int i = 0; i < all.size(); i++) {
            DataType t = all.get(i);
            DataType index = indexTypes.get(i % indexTypes.size());
            long low = index == UINT32 ? 0 : -6;
            cases.add(single("gather " + t + " " + index, Tolerance.BITWISE, b -> b.op(new Gather(1),
                    b.in("x", t, 2, 4, 3), b.indices("i", index, low, 5, 2, 3))));
            cases.add(single("gather scalar indices " + t, Tolerance.BITWISE, b -> b.op(new Gather(0),
                    b.in("x", t, 5, 2), b.indices("i", index, index == UINT32 ? 0 : -5, 4))));
            cases.add(single("gatherElements " + t + " " + index, Tolerance.BITWISE, b -> b.op(new GatherElements(0),
                    b.in("x", t, 3, 4), b.indices("i", index, index == UINT32 ? 0 : -3, 2, 2, 4))));
            cases.add(single("gatherND " + t + " " + index, Tolerance.BITWISE, b -> b.op(new GatherND(),
                    b.in("x", t, 3, 4, 2), b.indices("i", index, index == UINT32 ? 0 : -3, 2, 5, 2))));
            // Scatter indices are distinct, so that the result does not depend on the order of the updates.
            cases.add(single("scatterElements " + t, Tolerance.BITWISE, b -> b.op(new ScatterElements(1),
                    b.in("x", t, 3, 5), b.indices("i", index, index == UINT32 ? 0 : -5, 4, 3, 1), b.in("u", t, 3, 1))));
            cases.add(single("scatterND " + t, Tolerance.BITWISE, b -> b.op(new ScatterND(),
                    b.in("x", t, 4, 3, 2), b.indices("i", index, index == UINT32 ? 0 : -4, 3, 1, 1),
                    b.in("u", t, 1, 3, 2))));
        }
    }

    private static void graphs(List<Case> cases) {
        cases.add(single("fused chain", Tolerance.ulp(32 + 1 + 1), b -> {
            Operand x = b.in("x", FLOAT32, 3, 4);
            Operand y = b.op(new ElementwiseBinary(ElementwiseBinary.Kind.MUL), x, b.in("s", FLOAT32, 4));
            Operand z = b.op(new ElementwiseUnary(ElementwiseUnary.Kind.EXP), y);
            return b.op(new Cast(INT32), b.op(new Clamp(-3.0, 6.0), b.op(new ElementwiseBinary(ElementwiseBinary.Kind.ADD),
                    b.in("c", FLOAT32, 3, 1), z)));
        }));
        cases.add(single("conv2d with fused bias, relu6 and residual add", Tolerance.ulp(3 * 3 * 10 * 2 + 1), b -> {
            Operand x = b.in("x", Values.SUM_EDGES, FLOAT32, 1, 10, 6, 6);
            Operand conv = b.op(new Conv2d(List.of(1L, 1L, 1L, 1L), null, null, 1, InputLayout.NCHW,
                    Conv2d.FilterLayout.OIHW), x, b.in("w", Values.SUM_EDGES, FLOAT32, 10, 10, 3, 3),
                    b.in("bias", Values.SUM_EDGES, FLOAT32, 10));
            Operand clamped = b.op(new Clamp(0.0, 6.0), conv);
            return b.op(new ElementwiseBinary(ElementwiseBinary.Kind.ADD), clamped, x);
        }));
        cases.add(single("matmul with fused sigmoid", Tolerance.ulp(64 * 2 + 34), b -> b.op(
                new ElementwiseUnary(ElementwiseUnary.Kind.SIGMOID), b.op(new Matmul(),
                        b.in("a", Values.SUM_EDGES, FLOAT32, 16, 64), b.in("b", Values.SUM_EDGES, FLOAT32, 64, 8)))));
        cases.add(new Case("shared intermediate and reshape as outputs", b -> {
            Operand x = b.in("x", FLOAT32, 2, 6);
            Operand e = b.op(new ElementwiseUnary(ElementwiseUnary.Kind.ABS), x);
            Operand r = b.op(new Reshape(new long[] {3, 4}), e);
            Map<String, Operand> named = new LinkedHashMap<>();
            named.put("abs", e);
            named.put("reshaped", r);
            named.put("neg", b.op(new ElementwiseUnary(ElementwiseUnary.Kind.NEG), r));
            return named;
        }, Tolerance.BITWISE, true));
        cases.add(single("same operand used twice", Tolerance.ulp(1), b -> {
            Operand x = b.in("x", FLOAT32, 4, 5);
            return b.op(new ElementwiseBinary(ElementwiseBinary.Kind.MUL), x, x);
        }));
        cases.add(new Case("gru between device ops (fallback)", b -> {
            Operand x = b.op(new ElementwiseUnary(ElementwiseUnary.Kind.TANH), b.in("x", Values.SIGNED, FLOAT32, 3, 2, 4));
            List<Operand> gru = b.ops(new Gru(3, 5), x, b.in("w", Values.SIGNED, FLOAT32, 1, 15, 4),
                    b.in("r", Values.SIGNED, FLOAT32, 1, 15, 5), null, null, null);
            return out(b.op(new ElementwiseUnary(ElementwiseUnary.Kind.RELU), gru.get(0)));
        }, Tolerance.atol(1.0 / 1024).plus(Tolerance.ulp(6)), false));
        cases.add(new Case("dequantizeLinear int4 (fallback) feeding matmul", b -> {
            Operand w = b.op(new DequantizeLinear(), b.in("q", Values.SMALL_INTEGERS, INT4, 4, 6),
                    b.in("scale", Values.POSITIVE, FLOAT32, 4, 1), b.in("zp", Values.SMALL_INTEGERS, INT4, 4, 1));
            return out(b.op(new Matmul(), b.in("a", Values.SUM_EDGES, FLOAT32, 3, 4), w));
        }, Tolerance.ulp(1 + 4 * 2), false));
    }
}
