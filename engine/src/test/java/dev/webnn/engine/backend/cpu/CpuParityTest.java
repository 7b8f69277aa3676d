package dev.webnn.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.backend.Executable;
import dev.webnn.engine.backend.reference.ReferenceBackend;
import dev.webnn.engine.compiler.Node;
import dev.webnn.engine.compiler.Program;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.ops.BatchNormalization;
import dev.webnn.engine.ops.Clamp;
import dev.webnn.engine.ops.Conv2d;
import dev.webnn.engine.ops.ElementwiseBinary;
import dev.webnn.engine.ops.ElementwiseUnary;
import dev.webnn.engine.ops.Gemm;
import dev.webnn.engine.ops.InputLayout;
import dev.webnn.engine.ops.InstanceNormalization;
import dev.webnn.engine.ops.LayerNormalization;
import dev.webnn.engine.ops.Matmul;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.ops.Pool2d;
import dev.webnn.engine.ops.Reduce;
import dev.webnn.engine.ops.Reshape;
import dev.webnn.engine.ops.ScalarActivation;
import dev.webnn.engine.ops.Softmax;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every op the cpu backend accelerates, on random inputs with edge values (±0, ±Infinity, NaN, subnormals), against
 * the reference backend within the WPT tolerances: ULP in the output type, growing with the reduction length for
 * conv2d, gemm, matmul, pooling and reductions as utils.js states them. Each case runs with vectors on and off.
 */
class CpuParityTest {
    private static final float[] EDGES = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.MIN_VALUE, -1e-40f, 1e-39f, 3f, -3f, 6f, 65504f};
    /** Edge values that keep sums free of cancellation between huge terms: zeros, infinities, NaN, subnormals. */
    private static final float[] SUM_EDGES = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.MIN_VALUE, 1e-39f};

    /**
     * The inputs a case draws. Ops that sum many products draw from [0, 1), as the WPT data mostly does: with
     * signs mixed, cancellation makes any float32 summation order differ from the double oracle by more ULP of
     * the (small) result than the WPT tolerances allow, though the error is tiny against the terms.
     */
    private enum Inputs {
        /** [-1, 1) with every fifth element from {@link #EDGES}. */
        SIGNED_EDGES,
        /** [0, 1) with every fifth element from {@link #SUM_EDGES}. */
        SUM_EDGES,
        /** [0, 1). */
        PLAIN
    }

    @AfterEach
    void vectorsBackOn() {
        Vectors.setEnabled(true);
    }

    // ---- GEMM family ----

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void gemmWithFusedBiasAndRelu(boolean vectors) {
        for (int[] mkn : new int[][] {{7, 33, 40}, {70, 300, 45}, {1, 64, 10}}) {
            int m = mkn[0];
            int k = mkn[1];
            int n = mkn[2];
            Function<GraphBuilder, Map<String, Operand>> graph = b -> {
                Operand a = b.input("a", f32(m, k));
                Operand w = constant(b, f32(k, n), 1);
                Operand gemm = op(b, Gemm.defaults(), a, w, null);
                Operand biased = op(b, new ElementwiseBinary(ElementwiseBinary.Kind.ADD), gemm, constant(b, f32(n), 2));
                return Map.of("y", op(b, new ElementwiseUnary(ElementwiseUnary.Kind.RELU), biased));
            };
            check(vectors, 2 * k + 2, DataType.FLOAT32, Inputs.SUM_EDGES, graph);
            List<Node> nodes = CpuBackend.lower(build(graph)).nodes();
            assertEquals(1, nodes.size(), nodes.toString());
            assertTrue(nodes.get(0).bias() != null && nodes.get(0).epilogue().size() == 1, nodes.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void gemmOptions(boolean vectors) {
        int m = 19;
        int k = 37;
        int n = 23;
        for (long[] cShape : new long[][] {{n}, {m, 1}, {m, n}, {}}) {
            check(vectors, 2 * k + 3, DataType.FLOAT32, Inputs.SUM_EDGES, b -> {
                Operand a = b.input("a", f32(k, m));
                Operand w = b.input("w", f32(n, k));
                Operand c = constant(b, f32(cShape), 3);
                return Map.of("y", op(b, new Gemm(0.5, 2.0, true, true), a, w, c));
            });
        }
        check(vectors, 2 * k + 2, DataType.FLOAT16, Inputs.PLAIN, b -> {
            Operand a = b.input("a", OperandDescriptor.of(DataType.FLOAT16, m, k));
            Operand w = b.input("w", OperandDescriptor.of(DataType.FLOAT16, k, n));
            return Map.of("y", op(b, Gemm.defaults(), a, w, null));
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void batchedMatmul(boolean vectors) {
        check(vectors, 2 * 17, DataType.FLOAT32, Inputs.SUM_EDGES, b -> {
            Operand a = b.input("a", f32(2, 1, 5, 17));
            Operand w = b.input("w", f32(3, 17, 9));
            return Map.of("y", op(b, new Matmul(), a, w));
        });
        check(vectors, 2 * 130 + 1, DataType.FLOAT32, Inputs.SUM_EDGES, b -> {
            Operand a = b.input("a", f32(3, 40, 130));
            Operand w = constant(b, f32(130, 33), 4);
            Operand mm = op(b, new Matmul(), a, w);
            return Map.of("y", op(b, new ElementwiseUnary(ElementwiseUnary.Kind.SIGMOID),
                    op(b, new ElementwiseBinary(ElementwiseBinary.Kind.ADD), constant(b, f32(1, 33), 5), mm)));
        });
    }

    // ---- conv2d ----

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void conv2dNchwWithBiasAndRelu6(boolean vectors) {
        check(vectors, 3 * 3 * 8 * 2 + 2, DataType.FLOAT32, Inputs.SUM_EDGES, b -> {
            Operand x = b.input("x", f32(2, 8, 13, 11));
            Operand w = constant(b, f32(16, 8, 3, 3), 6);
            Conv2d conv = new Conv2d(List.of(1L, 1L, 0L, 2L), List.of(2L, 1L), null, 1, InputLayout.NCHW,
                    Conv2d.FilterLayout.OIHW);
            Operand y = op(b, conv, x, w, constant(b, f32(16), 7));
            return Map.of("y", op(b, new Clamp(0.0, 6.0), y));
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void pointwiseConv2dStaysNchw(boolean vectors) {
        Function<GraphBuilder, Map<String, Operand>> graph = b -> {
            Operand x = b.input("x", f32(2, 24, 7, 9));
            Operand w = constant(b, f32(40, 1, 1, 24), 30);
            Conv2d conv = new Conv2d(null, null, null, 1, InputLayout.NCHW, Conv2d.FilterLayout.OHWI);
            Operand y = op(b, conv, x, w, constant(b, f32(40), 31));
            return Map.of("y", op(b, new Clamp(0.0, 6.0), y));
        };
        check(vectors, 24 * 2 + 2, DataType.FLOAT32, Inputs.SUM_EDGES, graph);
        List<Node> nodes = CpuBackend.lower(build(graph)).nodes();
        assertEquals(1, nodes.size(), nodes.toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void conv2dNhwcPointwiseAndDilated(boolean vectors) {
        check(vectors, 40 * 2 + 2, DataType.FLOAT32, Inputs.SUM_EDGES, b -> {
            Operand x = b.input("x", f32(1, 9, 7, 40));
            Operand w = constant(b, f32(35, 1, 1, 40), 8);
            Conv2d conv = new Conv2d(null, null, null, 1, InputLayout.NHWC, Conv2d.FilterLayout.OHWI);
            return Map.of("y", op(b, conv, x, w, null));
        });
        check(vectors, 2 * 2 * 5 * 2, DataType.FLOAT32, Inputs.SUM_EDGES, b -> {
            Operand x = b.input("x", f32(1, 12, 10, 5));
            Operand w = b.input("w", f32(2, 2, 5, 6));
            Conv2d conv = new Conv2d(List.of(2L, 1L, 1L, 2L), null, List.of(2L, 3L), 1, InputLayout.NHWC,
                    Conv2d.FilterLayout.HWIO);
            return Map.of("y", op(b, conv, x, w, null));
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void depthwiseAndGroupedConv2d(boolean vectors) {
        check(vectors, 3 * 3 * 2 + 2, DataType.FLOAT32, Inputs.SUM_EDGES, b -> {
            Operand x = b.input("x", f32(1, 37, 10, 9));
            Operand w = constant(b, f32(37, 1, 3, 3), 9);
            Conv2d conv = new Conv2d(List.of(2L, 2L, 2L, 2L), List.of(2L, 2L), List.of(2L, 2L), 37, InputLayout.NCHW,
                    Conv2d.FilterLayout.OIHW);
            return Map.of("y", op(b, new ElementwiseUnary(ElementwiseUnary.Kind.RELU), op(b, conv, x, w, constant(b, f32(37), 10))));
        });
        // Two groups are not accelerated: the reference kernel runs them.
        check(vectors, 3 * 3 * 4 * 2, DataType.FLOAT32, Inputs.SUM_EDGES, b -> {
            Operand x = b.input("x", f32(1, 8, 6, 6));
            Operand w = constant(b, f32(6, 4, 3, 3), 11);
            Conv2d conv = new Conv2d(null, null, null, 2, InputLayout.NCHW, Conv2d.FilterLayout.OIHW);
            return Map.of("y", op(b, conv, x, w, null));
        });
        check(vectors, 3 * 3 * 16 * 2, DataType.FLOAT16, Inputs.PLAIN, b -> {
            Operand x = b.input("x", OperandDescriptor.of(DataType.FLOAT16, 1, 16, 7, 7));
            Operand w = b.input("w", OperandDescriptor.of(DataType.FLOAT16, 20, 16, 3, 3));
            return Map.of("y", op(b, Conv2d.defaults(), x, w, null));
        });
    }

    // ---- pooling ----

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void pooling(boolean vectors) {
        for (Pool2d.Kind kind : Pool2d.Kind.values()) {
            check(vectors, 3 * 3 + 2, DataType.FLOAT32, Inputs.SUM_EDGES, b -> {
                Operand x = b.input("x", f32(2, 21, 9, 8));
                Pool2d pool = new Pool2d(kind, List.of(3L, 3L), List.of(1L, 1L, 1L, 1L), List.of(2L, 2L), null,
                        InputLayout.NCHW, Pool2d.Rounding.CEIL, null);
                return Map.of("y", op(b, pool, x));
            });
            check(vectors, 6 * 5 + 2, DataType.FLOAT32, Inputs.SUM_EDGES, b -> {
                Operand x = b.input("x", f32(1, 6, 5, 19));
                return Map.of("y", op(b, new Pool2d(kind, null, null, null, null, InputLayout.NHWC,
                        Pool2d.Rounding.FLOOR, null), x));
            });
        }
    }

    // ---- element-wise ----

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void unaryOnEdgeValues(boolean vectors) {
        for (ElementwiseUnary.Kind kind : ElementwiseUnary.Kind.values()) {
            if (!kind.allowedTypes().contains(DataType.FLOAT32)) {
                continue;
            }
            int tolerance = switch (kind) {
                case SIGMOID -> 34;
                case HARD_SWISH -> 4;
                case GELU, SOFTPLUS, ERF -> 18;
                default -> 1;
            };
            for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT16}) {
                check(vectors, tolerance, type, Inputs.SIGNED_EDGES, b -> Map.of("y",
                        op(b, new ElementwiseUnary(kind), b.input("x", OperandDescriptor.of(type, 3, 41)))));
            }
        }
        List<Op> activations = List.of(new Clamp(-1.5, 2.25), new Clamp(null, 0.5), ScalarActivation.leakyRelu(0.1),
                ScalarActivation.linear(1.5, -0.25), ScalarActivation.hardSigmoid(0.2, 0.5), ScalarActivation.elu(0.7));
        for (Op activation : activations) {
            check(vectors, 18, DataType.FLOAT32, Inputs.SIGNED_EDGES, b -> Map.of("y", op(b, activation, b.input("x", f32(5, 37)))));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void binaryWithBroadcasting(boolean vectors) {
        long[][][] shapes = {{{4, 35}, {4, 35}}, {{2, 3, 20}, {20}}, {{3, 1, 17}, {1, 5, 1}}, {{6, 19}, {}},
                {{1}, {2, 33}}};
        for (ElementwiseBinary.Kind kind : ElementwiseBinary.Kind.values()) {
            for (long[][] pair : shapes) {
                check(vectors, kind == ElementwiseBinary.Kind.POW ? 1 : 0, DataType.FLOAT32, Inputs.SIGNED_EDGES, b -> Map.of("y",
                        op(b, new ElementwiseBinary(kind), b.input("a", f32(pair[0])), b.input("b", f32(pair[1])))));
            }
        }
        check(vectors, 1, DataType.FLOAT16, Inputs.SIGNED_EDGES, b -> Map.of("y", op(b,
                new ElementwiseBinary(ElementwiseBinary.Kind.MUL), b.input("a", OperandDescriptor.of(DataType.FLOAT16, 7, 20)),
                b.input("b", OperandDescriptor.of(DataType.FLOAT16, 20)))));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void elementwiseChainIsFused(boolean vectors) {
        Function<GraphBuilder, Map<String, Operand>> chain = b -> {
            Operand x = b.input("x", f32(9, 50));
            Operand y = op(b, new ElementwiseUnary(ElementwiseUnary.Kind.ABS), x);
            y = op(b, new ElementwiseUnary(ElementwiseUnary.Kind.SQRT), y);
            y = op(b, new Clamp(0.0, 3.0), y);
            y = op(b, new ElementwiseBinary(ElementwiseBinary.Kind.MUL), y, b.input("z", f32(50)));
            return Map.of("y", op(b, new ElementwiseUnary(ElementwiseUnary.Kind.NEG), y));
        };
        check(vectors, 2, DataType.FLOAT32, Inputs.SUM_EDGES, chain);
        Program program = CpuBackend.lower(build(chain));
        assertEquals(2, program.nodes().size(), program.toString());
    }

    // ---- reductions, softmax, normalizations ----

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void reductionsAndSoftmax(boolean vectors) {
        for (Reduce.Kind kind : Reduce.Kind.values()) {
            for (List<Long> axes : List.of(List.of(1L), List.of(1L, 2L), List.of(0L, 2L), List.of(3L))) {
                check(vectors, 2 * 40, DataType.FLOAT32, Inputs.PLAIN, b -> Map.of("y",
                        op(b, new Reduce(kind, axes, false), b.input("x", f32(3, 4, 5, 7)))));
            }
        }
        for (long axis : new long[] {0, 1, 2}) {
            check(vectors, 3 * 40 + 3, DataType.FLOAT32, Inputs.SUM_EDGES, b -> Map.of("y",
                    op(b, new Softmax(axis), b.input("x", f32(5, 40, 6)))));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void normalizations(boolean vectors) {
        check(vectors, 6, DataType.FLOAT32, Inputs.PLAIN, b -> {
            Operand x = b.input("x", f32(2, 6, 5, 5));
            return Map.of("y", op(b, new BatchNormalization(1, 1e-5), x, constant(b, f32(6), 12),
                    positive(b, f32(6), 13), constant(b, f32(6), 14), constant(b, f32(6), 15)));
        });
        check(vectors, 14, DataType.FLOAT32, Inputs.PLAIN, b -> Map.of("y", op(b, new LayerNormalization(List.of(1L, 2L), 1e-5),
                b.input("x", f32(4, 6, 9)), constant(b, f32(6, 9), 16), constant(b, f32(6, 9), 17))));
        for (InputLayout layout : InputLayout.values()) {
            check(vectors, 840, DataType.FLOAT32, Inputs.PLAIN, b -> Map.of("y", op(b, new InstanceNormalization(1e-5, layout),
                    b.input("x", f32(2, 5, 4, 5)), constant(b, f32(layout == InputLayout.NCHW ? 5 : 5), 18), null)));
        }
    }

    // ---- a model-shaped graph through every pass ----

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void invertedResidualBlock(boolean vectors) {
        Function<GraphBuilder, Map<String, Operand>> block = b -> {
            Operand x = b.input("x", f32(1, 16, 12, 12));
            Operand expand = op(b, new Clamp(0.0, 6.0), op(b, Conv2d.defaults(), x, constant(b, f32(48, 16, 1, 1), 20),
                    constant(b, f32(48), 21)));
            Conv2d dw = new Conv2d(List.of(1L, 1L, 1L, 1L), null, null, 48, InputLayout.NCHW, Conv2d.FilterLayout.OIHW);
            Operand depthwise = op(b, new Clamp(0.0, 6.0), op(b, dw, expand, constant(b, f32(48, 1, 3, 3), 22),
                    constant(b, f32(48), 23)));
            Operand project = op(b, Conv2d.defaults(), depthwise, constant(b, f32(16, 48, 1, 1), 24), null);
            Operand residual = op(b, new ElementwiseBinary(ElementwiseBinary.Kind.ADD), x, project);
            Operand pooled = op(b, Pool2d.defaults(Pool2d.Kind.AVERAGE_POOL2D), residual);
            Operand flat = op(b, new Reshape(new long[] {1, 16}), pooled);
            Operand logits = op(b, Gemm.defaults(), flat, constant(b, f32(16, 10), 25), constant(b, f32(10), 26));
            return Map.of("y", op(b, new Softmax(1), logits), "features", residual);
        };
        check(vectors, 16 * 2 + 48 * 2 + 9 * 2 + 144 + 64, DataType.FLOAT32, Inputs.PLAIN, block);
        Program program = CpuBackend.lower(build(block));
        long reorders = program.nodes().stream().filter(n -> n.kind() == Node.Kind.TO_NHWC
                || n.kind() == Node.Kind.TO_ROW_MAJOR).count();
        // One reorder into NHWC at the input and one back for the 'features' output; none between the ops.
        assertEquals(2, reorders, program.toString());
        assertEquals(2, program.nodes().stream().filter(n -> n.op() instanceof Conv2d && n.epilogue().size() == 1)
                .count(), program.toString());
        assertTrue(program.memoryPlan().bufferCount() < program.values().size() / 2, program.toString());
        long unplanned = program.values().stream().filter(v -> !v.isConstant())
                .mapToLong(v -> v.descriptor().byteLength()).sum();
        assertTrue(program.memoryPlan().totalBytes() < unplanned / 2, program.memoryPlan().totalBytes() + " bytes");
    }

    // ---- harness ----

    private static OperandDescriptor f32(long... shape) {
        return OperandDescriptor.of(DataType.FLOAT32, shape);
    }

    private static Operand op(GraphBuilder b, Op op, Operand... inputs) {
        return b.addOperation(op, Arrays.asList(inputs), "").get(0);
    }

    private static Operand constant(GraphBuilder b, OperandDescriptor d, long seed) {
        return b.constant(d, randomBytes(d, new Random(seed), Inputs.PLAIN));
    }

    private static Operand positive(GraphBuilder b, OperandDescriptor d, long seed) {
        ByteBuffer bytes = randomBytes(d, new Random(seed), Inputs.PLAIN);
        for (int i = 0; i < d.elementCount(); i++) {
            bytes.putFloat(4 * i, 0.5f + bytes.getFloat(4 * i));
        }
        return b.constant(d, bytes);
    }

    private static Graph build(Function<GraphBuilder, Map<String, Operand>> graph) {
        GraphBuilder builder = new GraphBuilder(Integer.MAX_VALUE);
        return builder.build(graph.apply(builder));
    }

    /**
     * Builds the graph, runs it on both backends with the same random inputs (uniform in [0, 1) for reductions
     * over many terms, in [-1, 1) otherwise) and compares every output within {@code ulps}.
     */
    private static void check(boolean vectors, int ulps, DataType type, Inputs kind,
                              Function<GraphBuilder, Map<String, Operand>> graphOf) {
        Vectors.setEnabled(vectors);
        Graph graph = build(graphOf);
        Random random = new Random(42);
        Map<String, ByteBuffer> inputs = new LinkedHashMap<>();
                // Filters ("w…") get no edge values: a padded tap adds no term in the reference but multiplies a zero here,
        // which differs only for a non-finite weight.
        graph.inputDescriptors().forEach((name, d) -> inputs.put(name,
                randomBytes(d, random, name.startsWith("w") && kind == Inputs.SUM_EDGES ? Inputs.PLAIN : kind)));
        Map<String, ByteBuffer> expected = run(new ReferenceBackend().compile(graph), graph, inputs);
        Executable cpu = new CpuBackend().compile(graph);
        Map<String, ByteBuffer> actual = run(cpu, graph, inputs);
        // A second run reuses the planned buffers: it must give the same values (a NaN's sign bit may differ once
        // the JIT has compiled the kernel with another operand order).
        Map<String, ByteBuffer> again = run(cpu, graph, inputs);
        for (String name : expected.keySet()) {
            OperandDescriptor d = graph.outputDescriptors().get(name);
            compare(name, d.dataType(), expected.get(name), actual.get(name), ulps);
            compare("second run of " + name, d.dataType(), actual.get(name), again.get(name), 0);
        }
        graph.inputDescriptors().forEach((name, d) -> assertEquals(inputs.get(name).rewind(),
                inputs.get(name), "input " + name + " unchanged"));
    }

    private static Map<String, ByteBuffer> run(Executable executable, Graph graph, Map<String, ByteBuffer> inputs) {
        Map<String, ByteBuffer> outputs = new LinkedHashMap<>();
        graph.outputDescriptors().forEach((name, d) -> outputs.put(name,
                ByteBuffer.allocate((int) d.byteLength()).order(ByteOrder.LITTLE_ENDIAN)));
        Map<String, ByteBuffer> views = new LinkedHashMap<>();
        inputs.forEach((name, bytes) -> views.put(name, bytes.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN)));
        executable.execute(views, outputs);
        return outputs;
    }

    private static void compare(String name, DataType type, ByteBuffer expected, ByteBuffer actual, int ulps) {
        int count = type == DataType.FLOAT32 ? expected.capacity() / 4 : expected.capacity() / 2;
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float e = type == DataType.FLOAT32 ? expected.getFloat(4 * i) : Float.float16ToFloat(expected.getShort(2 * i));
            float a = type == DataType.FLOAT32 ? actual.getFloat(4 * i) : Float.float16ToFloat(actual.getShort(2 * i));
            long distance = ulpDistance(type, e, a);
            if (distance > ulps && misses.size() < 5) {
                misses.add("[" + i + "] expected " + e + " got " + a + " (" + distance + " ulp)");
            }
        }
        if (!misses.isEmpty()) {
            fail(name + " differs by more than " + ulps + " ulp: " + misses);
        }
    }

    /** 0 for equal values (NaN equals NaN, +0 equals -0), else the distance in the type's ordered bit patterns. */
    static long ulpDistance(DataType type, float a, float b) {
        if (a == b || (Float.isNaN(a) && Float.isNaN(b))) {
            return 0;
        }
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Long.MAX_VALUE;
        }
        return Math.abs(ordered(type, a) - ordered(type, b));
    }

    private static long ordered(DataType type, float v) {
        if (type == DataType.FLOAT32) {
            int bits = Float.floatToRawIntBits(v);
            return bits < 0 ? -(long) (bits & 0x7fffffff) : bits;
        }
        int bits = Float.floatToFloat16(v) & 0xffff;
        return (bits & 0x8000) != 0 ? -(long) (bits & 0x7fff) : bits;
    }

    private static ByteBuffer randomBytes(OperandDescriptor d, Random random, Inputs kind) {
        double lo = kind == Inputs.SIGNED_EDGES ? -1 : 0;
        double hi = 1;
        float[] edges = kind == Inputs.SIGNED_EDGES ? EDGES : kind == Inputs.SUM_EDGES ? SUM_EDGES : null;
        int count = (int) d.elementCount();
        boolean half = d.dataType() == DataType.FLOAT16;
        ByteBuffer out = ByteBuffer.allocate((int) d.byteLength()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            float v = (float) (lo + (hi - lo) * random.nextDouble());
            if (edges != null && i % 5 == 3) {
                v = edges[random.nextInt(edges.length)];
            }
            if (half) {
                out.putShort(2 * i, Float.floatToFloat16(v));
            } else {
                out.putFloat(4 * i, v);
            }
        }
        return out;
    }
}
