package dev.webnn.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.compiler.Node;
import dev.webnn.engine.compiler.Program;
import dev.webnn.engine.graph.Graph;
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
import dev.webnn.engine.parity.Parity;
import dev.webnn.engine.parity.Parity.Values;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The graphs the cpu backend fuses, packs and lays out (constant weights packed at compile time, bias and activation
 * epilogues, NHWC regions, planned buffers), with the lowering each must get, checked against the reference with the
 * shared parity harness ({@link Parity}) within the WPT tolerances, vectors on and off. The per-op catalogue over
 * every data type is {@code dev.webnn.engine.parity.ParityTest}.
 */
class CpuParityTest {
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
            Function<Parity.Builder, Map<String, Operand>> graph = b -> {
                Operand a = b.input("a", f32(m, k));
                Operand w = b.constant(Values.UNIT, f32(k, n));
                Operand gemm = op(b, Gemm.defaults(), a, w, null);
                Operand biased = op(b, new ElementwiseBinary(ElementwiseBinary.Kind.ADD), gemm, b.constant(Values.UNIT, f32(n)));
                return Map.of("y", op(b, new ElementwiseUnary(ElementwiseUnary.Kind.RELU), biased));
            };
            check(vectors, 2 * k + 2, DataType.FLOAT32, Values.SUM_EDGES, graph);
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
            check(vectors, 2 * k + 3, DataType.FLOAT32, Values.SUM_EDGES, b -> {
                Operand a = b.input("a", f32(k, m));
                Operand w = b.input("w", f32(n, k));
                Operand c = b.constant(Values.UNIT, f32(cShape));
                return Map.of("y", op(b, new Gemm(0.5, 2.0, true, true), a, w, c));
            });
        }
        check(vectors, 2 * k + 2, DataType.FLOAT16, Values.UNIT, b -> {
            Operand a = b.input("a", OperandDescriptor.of(DataType.FLOAT16, m, k));
            Operand w = b.input("w", OperandDescriptor.of(DataType.FLOAT16, k, n));
            return Map.of("y", op(b, Gemm.defaults(), a, w, null));
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void batchedMatmul(boolean vectors) {
        check(vectors, 2 * 17, DataType.FLOAT32, Values.SUM_EDGES, b -> {
            Operand a = b.input("a", f32(2, 1, 5, 17));
            Operand w = b.input("w", f32(3, 17, 9));
            return Map.of("y", op(b, new Matmul(), a, w));
        });
        check(vectors, 2 * 130 + 1, DataType.FLOAT32, Values.SUM_EDGES, b -> {
            Operand a = b.input("a", f32(3, 40, 130));
            Operand w = b.constant(Values.UNIT, f32(130, 33));
            Operand mm = op(b, new Matmul(), a, w);
            return Map.of("y", op(b, new ElementwiseUnary(ElementwiseUnary.Kind.SIGMOID),
                    op(b, new ElementwiseBinary(ElementwiseBinary.Kind.ADD), b.constant(Values.UNIT, f32(1, 33)), mm)));
        });
    }

    // ---- conv2d ----

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void conv2dNchwWithBiasAndRelu6(boolean vectors) {
        check(vectors, 3 * 3 * 8 * 2 + 2, DataType.FLOAT32, Values.SUM_EDGES, b -> {
            Operand x = b.input("x", f32(2, 8, 13, 11));
            Operand w = b.constant(Values.UNIT, f32(16, 8, 3, 3));
            Conv2d conv = new Conv2d(List.of(1L, 1L, 0L, 2L), List.of(2L, 1L), null, 1, InputLayout.NCHW,
                    Conv2d.FilterLayout.OIHW);
            Operand y = op(b, conv, x, w, b.constant(Values.UNIT, f32(16)));
            return Map.of("y", op(b, new Clamp(0.0, 6.0), y));
        });
        // Few input channels (an image model's stem) run directly, not as a GEMM: two blocks of output channels,
        // a dilated and strided window over uneven padding, a filter given at run time, and a fused sigmoid.
        check(vectors, 3 * 3 * 3 * 2 + 6, DataType.FLOAT32, Values.SUM_EDGES, b -> {
            Operand x = b.input("x", f32(2, 3, 17, 23));
            Operand w = b.input("w", f32(32, 3, 3, 3));
            Conv2d conv = new Conv2d(List.of(2L, 0L, 1L, 3L), List.of(2L, 1L), List.of(1L, 2L), 1, InputLayout.NCHW,
                    Conv2d.FilterLayout.OIHW);
            Operand y = op(b, conv, x, w, b.constant(Values.UNIT, f32(32)));
            return Map.of("y", op(b, new ElementwiseUnary(ElementwiseUnary.Kind.SIGMOID), y));
        });
        // Three blocks of output channels (two through the tile for pairs of blocks, one through the single-block
        // tile) over a row wide enough for several runs of each, at stride 2 with a fused clamp, as an image stem.
        check(vectors, 3 * 3 * 3 * 2 + 2, DataType.FLOAT32, Values.SUM_EDGES, b -> {
            Operand x = b.input("x", f32(1, 3, 9, 45));
            Conv2d conv = new Conv2d(List.of(1L, 1L, 1L, 1L), List.of(2L, 2L), null, 1, InputLayout.NCHW,
                    Conv2d.FilterLayout.OIHW);
            Operand y = op(b, conv, x, b.constant(Values.UNIT, f32(48, 3, 3, 3)), b.constant(Values.UNIT, f32(48)));
            return Map.of("y", op(b, new Clamp(0.0, 6.0), y));
        });
        // The clamp fused into the GEMM's stores of an NHWC 1x1 conv2d (after a depthwise one): several K blocks
        // (it applies after the last only), a short last row tile and a part-filled last column panel.
        check(vectors, (300 + 9) * 2 + 2, DataType.FLOAT32, Values.UNIT, b -> {
            Operand x = b.input("x", f32(1, 300, 5, 7));
            Conv2d depthwise = new Conv2d(List.of(1L, 1L, 1L, 1L), null, null, 300, InputLayout.NCHW,
                    Conv2d.FilterLayout.OIHW);
            Operand spread = op(b, depthwise, x, b.constant(Values.UNIT, f32(300, 1, 3, 3)), null);
            Operand y = op(b, Conv2d.defaults(), spread, b.constant(Values.UNIT, f32(40, 300, 1, 1)),
                    b.constant(Values.UNIT, f32(40)));
            // Inputs and weights in [0, 1): outputs about 340, partial sums after the first K block about 290.
            return Map.of("y", op(b, new Clamp(330.0, 345.0), y));
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void pointwiseConv2dStaysNchw(boolean vectors) {
        // The bias rides in the GEMM as a last K row: 24 input channels (one K block) and 300 (two, the bias row in
        // the second), filter and bias constant or inputs.
        for (int inChannels : new int[] {24, 300}) {
            for (boolean constant : new boolean[] {true, false}) {
                Function<Parity.Builder, Map<String, Operand>> graph = b -> {
                    Operand x = b.input("x", f32(2, inChannels, 7, 9));
                    Operand w = constant ? b.constant(Values.UNIT, f32(40, 1, 1, inChannels))
                            : b.input("w", f32(40, 1, 1, inChannels));
                    Operand bias = constant ? b.constant(Values.UNIT, f32(40)) : b.input("bias", f32(40));
                    Conv2d conv = new Conv2d(null, null, null, 1, InputLayout.NCHW, Conv2d.FilterLayout.OHWI);
                    return Map.of("y", op(b, new Clamp(0.0, 6.0), op(b, conv, x, w, bias)));
                };
                check(vectors, inChannels * 2 + 2, DataType.FLOAT32, Values.SUM_EDGES, graph);
                List<Node> nodes = CpuBackend.lower(build(graph)).nodes();
                assertEquals(1, nodes.size(), nodes.toString());
            }
        }
    }

    /**
     * conv2d read in place from the (padded) input, filter taps at fixed shifts that one tile call runs together:
     * 48 channels split K = 432 into two blocks that each end or start within a tap; 20 channels put all nine taps
     * in one block; two images, so row offsets step across an image's end; strides, dilations and uneven padding;
     * 64, 40 and 20 output channels for the two-panel tile, its column edge and the one-panel tile. On one thread,
     * and on two, where few rows split the two panels between the threads.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void conv2dTapsReadInPlace(boolean vectors) {
        int threads = CpuThreads.parallelism();
        try {
            for (int threadCount = 1; threadCount <= 2; threadCount++) {
                CpuThreads.setParallelism(threadCount);
                for (int[] shape : new int[][] {{48, 64, 1, 1}, {48, 40, 2, 1}, {20, 20, 1, 2}, {20, 64, 2, 2}}) {
                    int inChannels = shape[0];
                    int outChannels = shape[1];
                    long stride = shape[2];
                    long dilation = shape[3];
                    check(vectors, 3 * 3 * inChannels * 2 + 2, DataType.FLOAT32, Values.SUM_EDGES, b -> {
                        Operand x = b.input("x", f32(2, 11, 9, inChannels));
                        Operand w = b.constant(Values.UNIT, f32(outChannels, 3, 3, inChannels));
                        Conv2d conv = new Conv2d(List.of(1L, 2L, 0L, 1L), List.of(stride, stride),
                                List.of(dilation, dilation), 1, InputLayout.NHWC, Conv2d.FilterLayout.OHWI);
                        return Map.of("y", op(b, conv, x, w, b.constant(Values.UNIT, f32(outChannels))));
                    });
                }
            }
        } finally {
            CpuThreads.setParallelism(threads);
        }
    }

    /**
     * 3x3 stride-1 conv2d with a constant filter runs in Winograd's form (see Winograd), held to the same ULP
     * tolerance as the direct form: odd and even output sizes (a last tile of one row or column), uneven and no
     * padding, channel counts with and without a scalar tail, NHWC and NCHW, a fused relu6 or a fused residual add,
     * one and two threads. An infinity in the input takes the direct form instead (Inf - Inf would make NaN).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void winogradConv2d(boolean vectors) {
        int threads = CpuThreads.parallelism();
        try {
            for (int threadCount = 1; threadCount <= 2; threadCount++) {
                CpuThreads.setParallelism(threadCount);
                // {inChannels, outChannels, height, width, padTop, padBottom, padLeft, padRight}
                for (int[] shape : new int[][] {{16, 32, 8, 8, 1, 1, 1, 1}, {20, 17, 9, 7, 1, 2, 0, 1},
                        {32, 48, 10, 11, 0, 0, 0, 0}, {17, 16, 6, 6, 2, 1, 1, 2}}) {
                    int inChannels = shape[0];
                    int outChannels = shape[1];
                    List<Long> padding = List.of((long) shape[4], (long) shape[5], (long) shape[6], (long) shape[7]);
                    int ulps = 3 * 3 * inChannels * 2 + 2;
                    check(vectors, ulps, DataType.FLOAT32, Values.UNIT, b -> {
                        Operand x = b.input("x", f32(2, shape[2], shape[3], inChannels));
                        Operand w = b.constant(Values.UNIT, f32(outChannels, 3, 3, inChannels));
                        Conv2d conv = new Conv2d(padding, null, null, 1, InputLayout.NHWC, Conv2d.FilterLayout.OHWI);
                        Operand y = op(b, conv, x, w, b.constant(Values.UNIT, f32(outChannels)));
                        return Map.of("y", op(b, new Clamp(0.0, 6.0), y));
                    });
                    check(vectors, ulps + 2, DataType.FLOAT32, Values.UNIT, b -> {
                        Operand x = b.input("x", f32(1, inChannels, shape[2], shape[3]));
                        Operand w = b.constant(Values.UNIT, f32(outChannels, inChannels, 3, 3));
                        Conv2d conv = new Conv2d(padding, null, null, 1, InputLayout.NCHW, Conv2d.FilterLayout.OIHW);
                        Operand y = op(b, conv, x, w, null);
                        Operand skip = b.input("skip", OperandDescriptor.of(DataType.FLOAT32,
                                y.descriptor().shape()));
                        return Map.of("y", op(b, new ElementwiseBinary(ElementwiseBinary.Kind.ADD), y, skip));
                    });
                }
            }
        } finally {
            CpuThreads.setParallelism(threads);
        }
        check(vectors, 3 * 3 * 16 * 2 + 2, DataType.FLOAT32, Values.SUM_EDGES, b -> {
            Operand x = b.input("x", f32(1, 16, 8, 8));
            Conv2d conv = new Conv2d(List.of(1L, 1L, 1L, 1L), null, null, 1, InputLayout.NCHW,
                    Conv2d.FilterLayout.OIHW);
            return Map.of("y", op(b, conv, x, b.constant(Values.UNIT, f32(16, 16, 3, 3)), null));
        });
    }

    /**
     * A padded NCHW conv2d read in place takes its input row-major, reordered as it is copied padded (no reorder
     * step before it), and stores its output row-major, each GEMM tile reordered, unless a consumer keeps NHWC (a
     * second such conv2d, which then reads NHWC): no reorder step at all. With a filter given at run time whose
     * infinities and NaNs make it skip the padding instead, it reorders input and output around that path.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void paddedNchwConv2dReordersItsInputAsItCopiesIt(boolean vectors) {
        for (int[] shape : new int[][] {{48, 64, 1}, {20, 40, 2}}) {
            int inChannels = shape[0];
            int outChannels = shape[1];
            long stride = shape[2];
            Conv2d conv = new Conv2d(List.of(1L, 2L, 0L, 1L), List.of(stride, stride), null, 1, InputLayout.NCHW,
                    Conv2d.FilterLayout.OIHW);
            Function<Parity.Builder, Map<String, Operand>> graph = b -> {
                Operand x = b.input("x", f32(2, inChannels, 11, 9));
                Operand w = b.constant(Values.UNIT, f32(outChannels, inChannels, 3, 3));
                return Map.of("y", op(b, conv, x, w, b.constant(Values.UNIT, f32(outChannels))));
            };
            check(vectors, 3 * 3 * inChannels * 2 + 2, DataType.FLOAT32, Values.SUM_EDGES, graph);
            List<Node> nodes = CpuBackend.lower(build(graph)).nodes();
            assertEquals(1, nodes.size(), nodes.toString());
            Conv2d same = new Conv2d(List.of(1L, 1L, 1L, 1L), null, null, 1, InputLayout.NCHW,
                    Conv2d.FilterLayout.OIHW);
            Function<Parity.Builder, Map<String, Operand>> twice = b -> {
                Operand x = b.input("x", f32(2, inChannels, 11, 9));
                Operand w = b.constant(Values.UNIT, f32(outChannels, inChannels, 3, 3));
                Operand y = op(b, conv, x, w, b.constant(Values.UNIT, f32(outChannels)));
                Operand w2 = b.constant(Values.UNIT, f32(24, outChannels, 3, 3));
                return Map.of("z", op(b, new Clamp(-1e4, 1e4), op(b, same, y, w2, null)));
            };
            check(vectors, 3 * 3 * (inChannels + outChannels) * 2 + 2, DataType.FLOAT32, Values.UNIT, twice);
            nodes = CpuBackend.lower(build(twice)).nodes();
            assertEquals(2, nodes.size(), nodes.toString());
            check(vectors, 3 * 3 * inChannels * 2, DataType.FLOAT32, Values.SUM_EDGES, b -> {
                Operand x = b.input("x", f32(2, inChannels, 11, 9));
                Operand w = b.input("w", f32(outChannels, inChannels, 3, 3));
                return Map.of("y", op(b, conv, x, w, null));
            });
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void conv2dNhwcPointwiseAndDilated(boolean vectors) {
        check(vectors, 40 * 2 + 2, DataType.FLOAT32, Values.SUM_EDGES, b -> {
            Operand x = b.input("x", f32(1, 9, 7, 40));
            Operand w = b.constant(Values.UNIT, f32(35, 1, 1, 40));
            Conv2d conv = new Conv2d(null, null, null, 1, InputLayout.NHWC, Conv2d.FilterLayout.OHWI);
            return Map.of("y", op(b, conv, x, w, null));
        });
        check(vectors, 2 * 2 * 5 * 2, DataType.FLOAT32, Values.SUM_EDGES, b -> {
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
        check(vectors, 3 * 3 * 2 + 2, DataType.FLOAT32, Values.SUM_EDGES, b -> {
            Operand x = b.input("x", f32(1, 37, 10, 9));
            Operand w = b.constant(Values.UNIT, f32(37, 1, 3, 3));
            Conv2d conv = new Conv2d(List.of(2L, 2L, 2L, 2L), List.of(2L, 2L), List.of(2L, 2L), 37, InputLayout.NCHW,
                    Conv2d.FilterLayout.OIHW);
            return Map.of("y", op(b, new ElementwiseUnary(ElementwiseUnary.Kind.RELU), op(b, conv, x, w, b.constant(Values.UNIT, f32(37)))));
        });
        // Unit dilation at strides 1 and 2 with a fused relu6, rows wider than a block of output pixels.
        for (long stride : new long[] {1, 2}) {
            check(vectors, 3 * 3 * 2 + 2, DataType.FLOAT32, Values.SUM_EDGES, b -> {
                Operand x = b.input("x", f32(1, 37, 7, 23));
                Operand w = b.constant(Values.UNIT, f32(37, 1, 3, 3));
                Conv2d conv = new Conv2d(List.of(1L, 1L, 1L, 1L), List.of(stride, stride), null, 37, InputLayout.NCHW,
                        Conv2d.FilterLayout.OIHW);
                return Map.of("y", op(b, new Clamp(0.0, 6.0), op(b, conv, x, w, b.constant(Values.UNIT, f32(37)))));
            });
        }
        // Row-major neighbours keep a unit-row-stride depthwise op in NCHW: a 5x3 filter, dilated, padded unevenly,
        // strided vertically, rows of 38 output pixels (two vectors and an overlapping third) and a fused relu6.
        check(vectors, 5 * 3 * 2 + 2, DataType.FLOAT32, Values.SUM_EDGES, b -> {
            Operand x = b.input("x", f32(2, 19, 11, 40));
            Operand w = b.constant(Values.UNIT, f32(19, 1, 5, 3));
            Conv2d conv = new Conv2d(List.of(2L, 1L, 0L, 2L), List.of(2L, 1L), List.of(1L, 2L), 19, InputLayout.NCHW,
                    Conv2d.FilterLayout.OIHW);
            return Map.of("y", op(b, new Clamp(0.0, 6.0), op(b, conv, x, w, b.constant(Values.UNIT, f32(19)))));
        });
        // Two NCHW depthwise ops in a row on one thread: the second's zero border lies where the first one's
        // unpadded planes were copied, in the reused buffer for padded planes.
        check(vectors, 3 * 3 * 2 + 2, DataType.FLOAT32, Values.SUM_EDGES, b -> {
            Conv2d unpadded = new Conv2d(null, null, null, 16, InputLayout.NCHW, Conv2d.FilterLayout.OIHW);
            Conv2d padded = new Conv2d(List.of(1L, 1L, 1L, 1L), null, null, 16, InputLayout.NCHW,
                    Conv2d.FilterLayout.OIHW);
            return Map.of("first", op(b, unpadded, b.input("a", f32(1, 16, 6, 30)), b.constant(Values.UNIT,
                    f32(16, 1, 3, 3)), null), "second", op(b, padded, b.input("c", f32(1, 16, 5, 28)),
                    b.constant(Values.UNIT, f32(16, 1, 3, 3)), null));
        });
        // NHWC input keeps the channel-vector kernel at unit stride: four-pixel steps, their remainder and the edges.
        check(vectors, 3 * 3 * 2 + 2, DataType.FLOAT32, Values.SUM_EDGES, b -> {
            Operand x = b.input("x", f32(1, 6, 15, 37));
            Operand w = b.constant(Values.UNIT, f32(3, 3, 1, 37));
            Conv2d conv = new Conv2d(List.of(1L, 1L, 1L, 1L), null, null, 37, InputLayout.NHWC,
                    Conv2d.FilterLayout.HWIO);
            return Map.of("y", op(b, new Clamp(0.0, 6.0), op(b, conv, x, w, b.constant(Values.UNIT, f32(37)))));
        });
        // Two groups are not accelerated: the reference kernel runs them.
        check(vectors, 3 * 3 * 4 * 2, DataType.FLOAT32, Values.SUM_EDGES, b -> {
            Operand x = b.input("x", f32(1, 8, 6, 6));
            Operand w = b.constant(Values.UNIT, f32(6, 4, 3, 3));
            Conv2d conv = new Conv2d(null, null, null, 2, InputLayout.NCHW, Conv2d.FilterLayout.OIHW);
            return Map.of("y", op(b, conv, x, w, null));
        });
        check(vectors, 3 * 3 * 16 * 2, DataType.FLOAT16, Values.UNIT, b -> {
            Operand x = b.input("x", OperandDescriptor.of(DataType.FLOAT16, 1, 16, 7, 7));
            Operand w = b.input("w", OperandDescriptor.of(DataType.FLOAT16, 20, 16, 3, 3));
            return Map.of("y", op(b, Conv2d.defaults(), x, w, null));
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void depthwiseNhwcRowsEdgesAndPadding(boolean vectors) {
        // The NHWC channel-vector kernel at strides 1 and 2: 37 and 38 inside pixels per row (blocks of 16 pixels,
        // then four-pixel steps and their remainder), 37 channels (two vectors and a scalar tail), padding that
        // leaves the top or bottom rows one or two filter rows, uneven left and right edges, a fused relu6.
        long[][] paddings = {{1, 1, 1, 1}, {0, 1, 0, 1}, {2, 0, 1, 2}};
        for (long stride : new long[] {1, 2}) {
            for (long[] pad : paddings) {
                checkNhwcDepthwise(vectors, new long[] {1, 5, stride == 1 ? 39 : 77, 37}, 3, 3, pad, stride, 1, true);
            }
        }
        // Padding wider than the filter: rows and columns whose window misses the input give the bias alone; an input
        // two pixels wide has no pixel whose window columns all lie inside it.
        checkNhwcDepthwise(vectors, new long[] {1, 2, 5, 35}, 3, 3, new long[] {3, 3, 3, 3}, 1, 1, false);
        checkNhwcDepthwise(vectors, new long[] {1, 6, 2, 35}, 3, 3, new long[] {1, 1, 1, 1}, 1, 1, false);
        // Dilation at stride 2 (the straight-line pixel kernel, and the edge one on rows missing a filter row); a 5x5
        // and a 1x3 filter go through the edge kernel at every pixel.
        checkNhwcDepthwise(vectors, new long[] {1, 9, 41, 20}, 3, 3, new long[] {2, 1, 2, 1}, 2, 2, true);
        checkNhwcDepthwise(vectors, new long[] {1, 7, 9, 33}, 5, 5, new long[] {2, 1, 1, 2}, 1, 1, false);
        checkNhwcDepthwise(vectors, new long[] {1, 7, 9, 33}, 1, 3, new long[] {2, 1, 1, 2}, 1, 1, false);
    }

    /** A depthwise conv2d on NHWC input with an HWIO filter and a bias, then relu6 when asked. */
    private static void checkNhwcDepthwise(boolean vectors, long[] nhwc, long filterHeight, long filterWidth,
                                           long[] padding, long stride, long dilation, boolean relu6) {
        long channels = nhwc[3];
        check(vectors, (int) (filterHeight * filterWidth * 2 + 2), DataType.FLOAT32, Values.SUM_EDGES, b -> {
            Operand x = b.input("x", f32(nhwc));
            Operand w = b.constant(Values.UNIT, f32(filterHeight, filterWidth, 1, channels));
            Conv2d conv = new Conv2d(List.of(padding[0], padding[1], padding[2], padding[3]),
                    List.of(stride, stride), List.of(dilation, dilation), (int) channels, InputLayout.NHWC,
                    Conv2d.FilterLayout.HWIO);
            Operand y = op(b, conv, x, w, b.constant(Values.UNIT, f32(channels)));
            return Map.of("y", relu6 ? op(b, new Clamp(0.0, 6.0), y) : y);
        });
    }

    // ---- pooling ----

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void pooling(boolean vectors) {
        for (Pool2d.Kind kind : Pool2d.Kind.values()) {
            check(vectors, 3 * 3 + 2, DataType.FLOAT32, Values.SUM_EDGES, b -> {
                Operand x = b.input("x", f32(2, 21, 9, 8));
                Pool2d pool = new Pool2d(kind, List.of(3L, 3L), List.of(1L, 1L, 1L, 1L), List.of(2L, 2L), null,
                        InputLayout.NCHW, Pool2d.Rounding.CEIL, null);
                return Map.of("y", op(b, pool, x));
            });
            check(vectors, 6 * 5 + 2, DataType.FLOAT32, Values.SUM_EDGES, b -> {
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
                check(vectors, tolerance, type, Values.EDGES, b -> Map.of("y",
                        op(b, new ElementwiseUnary(kind), b.input("x", OperandDescriptor.of(type, 3, 41)))));
            }
        }
        List<Op> activations = List.of(new Clamp(-1.5, 2.25), new Clamp(null, 0.5), ScalarActivation.leakyRelu(0.1),
                ScalarActivation.linear(1.5, -0.25), ScalarActivation.hardSigmoid(0.2, 0.5), ScalarActivation.elu(0.7));
        for (Op activation : activations) {
            check(vectors, 18, DataType.FLOAT32, Values.EDGES, b -> Map.of("y", op(b, activation, b.input("x", f32(5, 37)))));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void binaryWithBroadcasting(boolean vectors) {
        long[][][] shapes = {{{4, 35}, {4, 35}}, {{2, 3, 20}, {20}}, {{3, 1, 17}, {1, 5, 1}}, {{6, 19}, {}},
                {{1}, {2, 33}}};
        for (ElementwiseBinary.Kind kind : ElementwiseBinary.Kind.values()) {
            for (long[][] pair : shapes) {
                check(vectors, kind == ElementwiseBinary.Kind.POW ? 1 : 0, DataType.FLOAT32, Values.EDGES, b -> Map.of("y",
                        op(b, new ElementwiseBinary(kind), b.input("a", f32(pair[0])), b.input("b", f32(pair[1])))));
            }
        }
        check(vectors, 1, DataType.FLOAT16, Values.EDGES, b -> Map.of("y", op(b,
                new ElementwiseBinary(ElementwiseBinary.Kind.MUL), b.input("a", OperandDescriptor.of(DataType.FLOAT16, 7, 20)),
                b.input("b", OperandDescriptor.of(DataType.FLOAT16, 20)))));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void elementwiseChainIsFused(boolean vectors) {
        Function<Parity.Builder, Map<String, Operand>> chain = b -> {
            Operand x = b.input("x", f32(9, 50));
            Operand y = op(b, new ElementwiseUnary(ElementwiseUnary.Kind.ABS), x);
            y = op(b, new ElementwiseUnary(ElementwiseUnary.Kind.SQRT), y);
            y = op(b, new Clamp(0.0, 3.0), y);
            y = op(b, new ElementwiseBinary(ElementwiseBinary.Kind.MUL), y, b.input("z", f32(50)));
            return Map.of("y", op(b, new ElementwiseUnary(ElementwiseUnary.Kind.NEG), y));
        };
        check(vectors, 2, DataType.FLOAT32, Values.SUM_EDGES, chain);
        Program program = CpuBackend.lower(build(chain));
        assertEquals(2, program.nodes().size(), program.toString());
    }

    // ---- reductions, softmax, normalizations ----

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void reductionsAndSoftmax(boolean vectors) {
        for (Reduce.Kind kind : Reduce.Kind.values()) {
            for (List<Long> axes : List.of(List.of(1L), List.of(1L, 2L), List.of(0L, 2L), List.of(3L))) {
                check(vectors, 2 * 40, DataType.FLOAT32, Values.UNIT, b -> Map.of("y",
                        op(b, new Reduce(kind, axes, false), b.input("x", f32(3, 4, 5, 7)))));
            }
        }
        for (long axis : new long[] {0, 1, 2}) {
            check(vectors, 3 * 40 + 3, DataType.FLOAT32, Values.SUM_EDGES, b -> Map.of("y",
                    op(b, new Softmax(axis), b.input("x", f32(5, 40, 6)))));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void normalizations(boolean vectors) {
        check(vectors, 6, DataType.FLOAT32, Values.UNIT, b -> {
            Operand x = b.input("x", f32(2, 6, 5, 5));
            return Map.of("y", op(b, new BatchNormalization(1, 1e-5), x, b.constant(Values.UNIT, f32(6)),
                    b.constant(Values.POSITIVE, f32(6)), b.constant(Values.UNIT, f32(6)), b.constant(Values.UNIT, f32(6))));
        });
        check(vectors, 14, DataType.FLOAT32, Values.UNIT, b -> Map.of("y", op(b, new LayerNormalization(List.of(1L, 2L), 1e-5),
                b.input("x", f32(4, 6, 9)), b.constant(Values.UNIT, f32(6, 9)), b.constant(Values.UNIT, f32(6, 9)))));
        for (InputLayout layout : InputLayout.values()) {
            check(vectors, 840, DataType.FLOAT32, Values.UNIT, b -> Map.of("y", op(b, new InstanceNormalization(1e-5, layout),
                    b.input("x", f32(2, 5, 4, 5)), b.constant(Values.UNIT, f32(layout == InputLayout.NCHW ? 5 : 5)), null)));
        }
    }

    // ---- tensors bound without copies ----

    /**
     * Graphs whose inputs and outputs share storage with other values: a reshape lives in its input's buffer, and an
     * element-wise node writes over an input that dies with it. A bound float tensor may stand in for a value's
     * buffer only when nothing else lives there; the harness runs each graph on tensors twice and checks the outputs
     * and that the input tensors are left as they were.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void boundTensorsThatShareStorage(boolean vectors) {
        List<Function<Parity.Builder, Map<String, Operand>>> graphs = List.of(
                b -> Map.of("y", op(b, new Reshape(new long[] {6, 4}), b.input("x", f32(4, 6)))),
                b -> Map.of("y", op(b, new ElementwiseUnary(ElementwiseUnary.Kind.RELU),
                        op(b, new Reshape(new long[] {6, 4}), b.input("x", f32(4, 6))))),
                b -> Map.of("y", op(b, new Reshape(new long[] {24}),
                        op(b, new ElementwiseUnary(ElementwiseUnary.Kind.RELU), b.input("x", f32(4, 6))))),
                b -> {
                    Operand x = b.input("x", f32(4, 6));
                    Operand relu = op(b, new ElementwiseUnary(ElementwiseUnary.Kind.RELU), x);
                    return Map.of("relu", relu, "flat", op(b, new Reshape(new long[] {24}), relu),
                            "sum", op(b, new ElementwiseBinary(ElementwiseBinary.Kind.ADD), relu, x));
                });
        for (Function<Parity.Builder, Map<String, Operand>> graph : graphs) {
            check(vectors, 0, DataType.FLOAT32, Values.EDGES, graph);
        }
    }

    // ---- a model-shaped graph through every pass ----

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void invertedResidualBlock(boolean vectors) {
        Function<Parity.Builder, Map<String, Operand>> block = b -> {
            Operand x = b.input("x", f32(1, 16, 12, 12));
            Operand expand = op(b, new Clamp(0.0, 6.0), op(b, Conv2d.defaults(), x, b.constant(Values.UNIT, f32(48, 16, 1, 1)),
                    b.constant(Values.UNIT, f32(48))));
            Conv2d dw = new Conv2d(List.of(1L, 1L, 1L, 1L), null, null, 48, InputLayout.NCHW, Conv2d.FilterLayout.OIHW);
            Operand depthwise = op(b, new Clamp(0.0, 6.0), op(b, dw, expand, b.constant(Values.UNIT, f32(48, 1, 3, 3)),
                    b.constant(Values.UNIT, f32(48))));
            Operand project = op(b, Conv2d.defaults(), depthwise, b.constant(Values.UNIT, f32(16, 48, 1, 1)), null);
            Operand residual = op(b, new ElementwiseBinary(ElementwiseBinary.Kind.ADD), x, project);
            Operand pooled = op(b, Pool2d.defaults(Pool2d.Kind.AVERAGE_POOL2D), residual);
            Operand flat = op(b, new Reshape(new long[] {1, 16}), pooled);
            Operand logits = op(b, Gemm.defaults(), flat, b.constant(Values.UNIT, f32(16, 10)), b.constant(Values.UNIT, f32(10)));
            return Map.of("y", op(b, new Softmax(1), logits), "features", residual);
        };
        check(vectors, 16 * 2 + 48 * 2 + 9 * 2 + 144 + 64, DataType.FLOAT32, Values.UNIT, block);
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

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void depthwiseChainsRunByBands(boolean vectors) {
        // A depthwise conv2d with the 1x1 before it, after it, or both: 23 rows of 9 pixels, 40 hidden channels (two
        // vectors and a scalar tail), bands of 1 to 4 output rows and one band for the whole image, on one and two
        // threads, 3x3 at strides 1 and 2 with padding 1 and 0, 5x5, and 3x3 dilated 2 at stride 2.
        try {
            for (int threads : new int[] {1, 2}) {
                CpuThreads.setParallelism(threads);
                for (int bandFloats : new int[] {4 * 9 * 40, 7 * 9 * 40, 1 << 20}) {
                    DepthwiseBands.setBandFloats(bandFloats);
                    // stride, padding, filter size, dilation
                    for (long[] window : new long[][] {{1, 1, 3, 1}, {2, 1, 3, 1}, {2, 0, 3, 1}, {1, 2, 5, 1},
                            {2, 2, 3, 2}}) {
                        for (boolean[] ends : new boolean[][] {{true, true}, {false, true}, {true, false}}) {
                            Function<Parity.Builder, Map<String, Operand>> graph = depthwiseChain(window[0], window[1],
                                    (int) window[2], window[3], ends[0], ends[1]);
                            check(vectors, 8 * 2 + 40 * 2 + 25 * 2 + 40 * 2 + 16, DataType.FLOAT32, Values.UNIT, graph);
                            DepthwiseBands.setEnabled(false);
                            int unfused = ((CpuExecutable) new CpuBackend().compile(build(graph))).stepCount();
                            DepthwiseBands.setEnabled(true);
                            int fused = ((CpuExecutable) new CpuBackend().compile(build(graph))).stepCount();
                            assertEquals(unfused - (ends[0] && ends[1] ? 2 : 1), fused, "one step for the chain");
                            Program program = CpuBackend.lower(build(graph));
                            List<Node> nodes = program.nodes();
                            for (int i = 0; i + 1 < nodes.size(); i++) {
                                if (CpuBackend.runsInsideNext(nodes.get(i), nodes.get(i + 1))) {
                                    assertEquals(-1, program.memoryPlan().bufferOf(nodes.get(i).output()),
                                            "no buffer for what stays inside the chain");
                                }
                            }
                        }
                    }
                }
            }
        } finally {
            DepthwiseBands.setEnabled(true);
            DepthwiseBands.setBandFloats(DepthwiseBands.BAND_FLOATS);
            CpuThreads.setParallelism(Runtime.getRuntime().availableProcessors());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void depthwiseChainKeepsItsInputAlive(boolean vectors) {
        // An NHWC graph input read by the chain alone: were it dead after the expand, as a step of its own would leave
        // it, the depthwise output would take its buffer and overwrite rows later bands still expand.
        DepthwiseBands.setBandFloats(4 * 9 * 40);
        try {
            Function<Parity.Builder, Map<String, Operand>> graph = b -> {
                Operand x = b.input("x", f32(1, 23, 9, 8));
                Conv2d pointwise = new Conv2d(null, null, null, 1, InputLayout.NHWC, Conv2d.FilterLayout.OHWI);
                Operand hidden = op(b, new Clamp(0.0, 6.0), op(b, pointwise, x,
                        b.constant(Values.UNIT, f32(40, 1, 1, 8)), b.constant(Values.UNIT, f32(40))));
                Conv2d dw = new Conv2d(List.of(1L, 1L, 1L, 1L), null, null, 40, InputLayout.NHWC,
                        Conv2d.FilterLayout.IHWO);
                return Map.of("y", op(b, dw, hidden, b.constant(Values.UNIT, f32(1, 3, 3, 40)), null));
            };
            check(vectors, 8 * 2 + 40 * 2 + 9 * 2 + 16, DataType.FLOAT32, Values.UNIT, graph);
            Program program = CpuBackend.lower(build(graph));
            assertTrue(program.memoryPlan().runsInsideNext(program.nodes().get(0)), program.toString());
        } finally {
            DepthwiseBands.setBandFloats(DepthwiseBands.BAND_FLOATS);
        }
    }

    /** [expand 8 -> 40, relu6] -> depthwise, relu6 -> [project 40 -> 16], over two 23 x 9 images. */
    private static Function<Parity.Builder, Map<String, Operand>> depthwiseChain(long stride, long pad, int size,
                                                                                long dilation, boolean expand,
                                                                                boolean project) {
        return b -> {
            Operand x = b.input("x", f32(2, expand ? 8 : 40, 23, 9));
            Operand hidden = !expand ? x : op(b, new Clamp(0.0, 6.0), op(b, Conv2d.defaults(), x,
                    b.constant(Values.UNIT, f32(40, 8, 1, 1)), b.constant(Values.UNIT, f32(40))));
            Conv2d dw = new Conv2d(List.of(pad, pad, pad, pad), List.of(stride, stride), List.of(dilation, dilation),
                    40, InputLayout.NCHW, Conv2d.FilterLayout.OIHW);
            Operand depthwise = op(b, new Clamp(0.0, 6.0), op(b, dw, hidden,
                    b.constant(Values.UNIT, f32(40, 1, size, size)), b.constant(Values.UNIT, f32(40))));
            return Map.of("y", !project ? depthwise
                    : op(b, Conv2d.defaults(), depthwise, b.constant(Values.UNIT, f32(16, 40, 1, 1)),
                            b.constant(Values.UNIT, f32(16))));
        };
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void reordersOfLargeImagesWithFewChannels(boolean vectors) {
        // 3 channels of 96 x 96 pixels into NHWC: more pixels than one reorder task takes, so the image splits by
        // runs of columns; the 12-channel output back to NCHW in bands of rows. (12 is a whole number of vectors on
        // no machine, so the few-channel kernel, which would read the NCHW image in place, never takes this conv.)
        Function<Parity.Builder, Map<String, Operand>> graph = b -> {
            Operand x = b.input("x", f32(1, 3, 96, 96));
            Conv2d conv = new Conv2d(List.of(1L, 1L, 1L, 1L), null, null, 1, InputLayout.NCHW, Conv2d.FilterLayout.OIHW);
            Operand y = op(b, conv, x, b.constant(Values.UNIT, f32(12, 3, 3, 3)), b.constant(Values.UNIT, f32(12)));
            return Map.of("y", op(b, new Clamp(0.0, 6.0), y));
        };
        check(vectors, 27 * 2 + 2, DataType.FLOAT32, Values.UNIT, graph);
        Program program = CpuBackend.lower(build(graph));
        assertTrue(program.nodes().stream().anyMatch(n -> n.kind() == Node.Kind.TO_NHWC), program.toString());
        assertTrue(program.nodes().stream().anyMatch(n -> n.kind() == Node.Kind.TO_ROW_MAJOR), program.toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void fewChannelConvReadsItsNchwImageWhereItLies(boolean vectors) {
        // A network's stem: 3 channels, 2 images, a padded strided window and a dilated one, 32 and 16 output
        // channels. The kernel reads the NCHW input in place (vectors off, the GEMM form reorders it itself), so no
        // reorder step runs before the conv; its NHWC output goes back to NCHW for the graph output.
        for (long[] form : new long[][] {{2, 1, 32}, {1, 2, 16}}) {
            long stride = form[0];
            long dilation = form[1];
            Function<Parity.Builder, Map<String, Operand>> graph = b -> {
                Operand x = b.input("x", f32(2, 3, 37, 30));
                Conv2d conv = new Conv2d(List.of(1L, 2L, 1L, 0L), List.of(stride, stride), List.of(dilation, dilation),
                        1, InputLayout.NCHW, Conv2d.FilterLayout.OIHW);
                Operand y = op(b, conv, x, b.constant(Values.UNIT, f32(form[2], 3, 3, 3)),
                        b.constant(Values.UNIT, f32(form[2])));
                return Map.of("y", op(b, new Clamp(0.0, 6.0), y));
            };
            check(vectors, 27 * 2 + 2, DataType.FLOAT32, Values.UNIT, graph);
            Program program = CpuBackend.lower(build(graph));
            assertTrue(program.nodes().stream().noneMatch(n -> n.kind() == Node.Kind.TO_NHWC), program.toString());
            assertTrue(program.nodes().stream().anyMatch(n -> n.kind() == Node.Kind.TO_ROW_MAJOR), program.toString());
        }
        // 40 output channels: on AVX2 two pairs of blocks and a lone one, whose weights lie in a half-filled group
        // (the input is reordered first here: the layout pass plans the in-place read for whole pairs only).
        check(vectors, 27 * 2 + 2, DataType.FLOAT32, Values.UNIT, b -> {
            Operand x = b.input("x", f32(1, 3, 21, 30));
            Conv2d conv = new Conv2d(List.of(1L, 1L, 1L, 1L), List.of(2L, 2L), null, 1, InputLayout.NCHW,
                    Conv2d.FilterLayout.OIHW);
            Operand y = op(b, conv, x, b.constant(Values.UNIT, f32(40, 3, 3, 3)), b.constant(Values.UNIT, f32(40)));
            return Map.of("y", op(b, new Clamp(0.0, 6.0), y));
        });
    }

    // ---- harness ----

    private static OperandDescriptor f32(long... shape) {
        return OperandDescriptor.of(DataType.FLOAT32, shape);
    }

    private static Operand op(Parity.Builder b, Op op, Operand... inputs) {
        return b.op(op, inputs);
    }

    private static Graph build(Function<Parity.Builder, Map<String, Operand>> graph) {
        return new Parity.Case("lowered", graph, Parity.Tolerance.EXACT, false).graph();
    }

    /**
     * Runs the graph on the cpu backend and the reference with the shared parity harness: the same random inputs
     * drawn as {@code values} says, outputs within {@code ulps}, a second run identical to the first.
     */
    private static void check(boolean vectors, int ulps, DataType type, Values values,
                              Function<Parity.Builder, Map<String, Operand>> graph) {
        Vectors.setEnabled(vectors);
        Parity.Case c = new Parity.Case(type + " " + values, b -> graph.apply(b.drawing(values)),
                Parity.Tolerance.ulp(ulps), false);
        Parity.Result result = Parity.run(Parity.prepare(c), new CpuBackend());
        assertTrue(result.passed(), result.failure());
    }
}
