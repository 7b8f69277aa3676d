package dev.webnn.engine.backend.cpu;

import dev.webnn.engine.DataType;
import dev.webnn.engine.MemoryBudget;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.backend.Backend;
import dev.webnn.engine.backend.Executable;
import dev.webnn.engine.backend.FloatTensorMemory;
import dev.webnn.engine.backend.OpSupportLimits;
import dev.webnn.engine.backend.TensorMemory;
import dev.webnn.engine.backend.reference.ReferenceBackend;
import dev.webnn.engine.compiler.Capabilities;
import dev.webnn.engine.compiler.Layout;
import dev.webnn.engine.compiler.Node;
import dev.webnn.engine.compiler.Program;
import dev.webnn.engine.compiler.Value;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.ops.Conv2d;
import dev.webnn.engine.ops.ElementwiseBinary;
import dev.webnn.engine.ops.Gemm;
import dev.webnn.engine.ops.InputLayout;
import dev.webnn.engine.ops.Matmul;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.ops.Pool2d;
import dev.webnn.engine.ops.Reshape;
import java.util.List;

/**
 * The fast CPU backend: the graph compiler's passes, then Vector API kernels for the float ops that dominate real
 * models (GEMM, conv2d, pooling, element-wise, softmax, reductions, normalizations), and the reference kernel for
 * every other op and type, so it runs exactly what the reference backend runs. float16 tensors are stored as
 * float16 and computed in float32.
 */
public final class CpuBackend implements Backend {
    private static final ReferenceBackend REFERENCE = new ReferenceBackend();
    static final Capabilities CAPABILITIES = new CpuCapabilities();

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public OpSupportLimits opSupportLimits() {
        return REFERENCE.opSupportLimits();
    }

    /** Float32 tensors as floats, which this backend's graphs read and write in place of their own buffers. */
    @Override
    public TensorMemory allocateTensor(OperandDescriptor descriptor, MemoryBudget budget) {
        if (descriptor.dataType() != DataType.FLOAT32) {
            return Backend.super.allocateTensor(descriptor, budget);
        }
        MemoryBudget.Allocation<float[]> floats = budget.allocateFloats(
                Math.toIntExact(descriptor.elementCount()), "A tensor of " + descriptor);
        return new FloatTensorMemory(floats.array(), floats.grant());
    }

    @Override
    public Executable compile(Graph graph) {
        // The same refusals and size checks as the reference, so both accept exactly the same graphs.
        REFERENCE.compile(graph);
        return new CpuExecutable(Program.compile(graph, CAPABILITIES));
    }

    /** The program the passes make of a graph, for tests and benchmarks that look at what the compiler did. */
    public static Program lower(Graph graph) {
        return Program.compile(graph, CAPABILITIES);
    }

    static boolean isFloat(Value v) {
        DataType t = v.descriptor().dataType();
        return t == DataType.FLOAT32 || t == DataType.FLOAT16;
    }

    /** conv2d the kernels run: one group, or depthwise with one output channel per input channel. */
    static boolean fastConv(Node node) {
        if (!(node.op() instanceof Conv2d conv) || !isFloat(node.output())) {
            return false;
        }
        long inputChannels = node.inputs().get(0).descriptor().dim(conv.inputLayout().channelAxis());
        long outputChannels = node.output().descriptor().dim(conv.inputLayout().channelAxis());
        return conv.groups() == 1 || (conv.groups() == inputChannels && outputChannels == inputChannels);
    }

    /** A one-group NCHW conv2d with a 1x1 filter, unit strides and no padding. */
    static boolean isPointwiseNchw(Node node) {
        if (!(node.op() instanceof Conv2d conv) || conv.inputLayout() != InputLayout.NCHW || conv.groups() != 1) {
            return false;
        }
        long[] in = node.inputs().get(0).descriptor().shape();
        long[] out = node.output().descriptor().shape();
        return in[2] == out[2] && in[3] == out[3] && node.inputs().get(1).descriptor().elementCount() == in[1] * out[1]
                && (conv.padding() == null || conv.padding().stream().allMatch(p -> p == 0))
                && (conv.strides() == null || conv.strides().stream().allMatch(v -> v == 1));
    }

    /** A depthwise NCHW conv2d at unit stride along rows, which {@link ImageKernels#depthwiseNchw} runs in place. */
    static boolean isDepthwiseNchw(Node node) {
        return fastConv(node) && node.op() instanceof Conv2d conv && conv.inputLayout() == InputLayout.NCHW
                && conv.groups() != 1 && (conv.strides() == null || conv.strides().get(1) == 1);
    }

    /**
     * Whether a node runs inside the step of the node right after it, which alone reads its output: a 1x1 conv2d
     * inside the depthwise conv2d it feeds, a depthwise conv2d inside the 1x1 conv2d that reads it. Such a chain runs
     * by bands of rows ({@link DepthwiseBands}), all in NHWC, float32, with constant filters.
     */
    static boolean runsInsideNext(Node node, Node next) {
        return DepthwiseBands.enabled() && (expandRunsInside(node, next) || depthwiseRunsInside(node, next));
    }

    private static boolean expandRunsInside(Node expand, Node depthwise) {
        return isBandedPointwise(expand) && isBandedDepthwise(depthwise) && feedsOnly(expand, depthwise);
    }

    /** Not where the 1x1 conv2d feeds a depthwise one in turn: a chain takes one depthwise conv2d. */
    private static boolean depthwiseRunsInside(Node depthwise, Node project) {
        List<Node> readers = project.output().consumers();
        return isBandedDepthwise(depthwise) && isBandedPointwise(project) && feedsOnly(depthwise, project)
                && !(readers.size() == 1 && expandRunsInside(project, readers.get(0)));
    }

    private static boolean isBandedPointwise(Node node) {
        return node.op() instanceof Conv2d conv && conv.groups() == 1 && fastConv(node)
                && CpuExecutable.geometry(conv, node.inputs()).isPointwise() && computesAndStoresNhwc(node, conv)
                && !(conv.inputLayout() == InputLayout.NCHW && node.inputs().get(0).layout() != Layout.NHWC)
                && node.inputs().get(1).isConstant();
    }

    private static boolean isBandedDepthwise(Node node) {
        return node.op() instanceof Conv2d conv && conv.groups() != 1 && fastConv(node)
                && computesAndStoresNhwc(node, conv) && node.inputs().get(1).isConstant();
    }

    /** Whether a conv2d node computes in NHWC and leaves its output NHWC (not reordered as it stores). */
    private static boolean computesAndStoresNhwc(Node node, Conv2d op) {
        return (node.nhwc() || op.inputLayout() == InputLayout.NHWC)
                && !(op.inputLayout() == InputLayout.NCHW && node.output().layout() != Layout.NHWC);
    }

    /** Whether the node's float32 output is read by the reader alone, as its first input, and is no graph output. */
    private static boolean feedsOnly(Node node, Node reader) {
        Value out = node.output();
        return reader.inputs().get(0) == out && out.consumers().size() == 1 && !out.isGraphOutput()
                && out.descriptor().dataType() == DataType.FLOAT32;
    }

    static boolean fastGemm(Node node) {
        return (node.op() instanceof Gemm || node.op() instanceof Matmul) && isFloat(node.output());
    }

    static boolean fastPool(Node node) {
        return node.op() instanceof Pool2d && isFloat(node.output());
    }

    /** A one-operand element-wise node the stage kernels run. */
    static boolean fastUnary(Node node) {
        return node.inputs().size() == 1 && isFloat(node.output())
                && Pointwise.stageOf(node.op(), node.output().descriptor().dataType()) != null;
    }

    static boolean fastBinary(Node node) {
        return node.op() instanceof ElementwiseBinary && isFloat(node.output());
    }

    private static final class CpuCapabilities implements Capabilities {
        @Override
        public boolean takesBias(Node node) {
            if (node.op() instanceof Gemm) {
                return fastGemm(node) && node.inputs().get(2) == null;
            }
            return fastConv(node) || fastGemm(node);
        }

        @Override
        public boolean takesEpilogue(Node node, Op elementwise) {
            if (!isFloat(node.output()) || Pointwise.stageOf(elementwise, node.output().descriptor().dataType()) == null) {
                return false;
            }
            return fastConv(node) || fastGemm(node) || fastPool(node) || fastUnary(node) || fastBinary(node);
        }

        @Override
        public boolean prefersNhwc(Node node) {
            InputLayout layout = node.op() instanceof Conv2d conv ? conv.inputLayout()
                    : node.op() instanceof Pool2d pool ? pool.layout() : null;
            if (layout != InputLayout.NCHW || !(fastConv(node) || fastPool(node))) {
                return false;
            }
            // A pointwise or depthwise conv2d between row-major neighbours runs on NCHW itself: no reorder either side.
            return !((isPointwiseNchw(node) || isDepthwiseNchw(node)) && node.inputs().get(0).layout() != Layout.NHWC
                    && node.output().consumers().stream().noneMatch(this::prefersNhwcShape));
        }

        /** A consumer that will want NHWC input: a conv2d or pool2d the kernels run. */
        private boolean prefersNhwcShape(Node consumer) {
            return (consumer.op() instanceof Conv2d || consumer.op() instanceof Pool2d)
                    && (fastConv(consumer) || fastPool(consumer));
        }

        /**
         * An NCHW conv2d that copies its input padded reorders it in the copy; one over few input channels (a
         * network's image) reads it where it lies. Either saves the reorder step, a pass over the image.
         */
        @Override
        public boolean readsRowMajorInput(Node node) {
            return copiesPaddedRowMajor(node) || (oneGroupNchw(node)
                    && ImageKernels.convsFewChannels(CpuExecutable.geometry((Conv2d) node.op(), node.inputs())));
        }

        /** Only a padded copy's conv2d may also store NCHW (the few-channel kernel writes NHWC). */
        @Override
        public boolean writesRowMajorOutput(Node node) {
            return copiesPaddedRowMajor(node) && node.output().consumers().stream()
                    .noneMatch(consumer -> prefersNhwcShape(consumer) || acceptsAnyLayout(consumer));
        }

        private static boolean oneGroupNchw(Node node) {
            return fastConv(node) && node.op() instanceof Conv2d conv && conv.groups() == 1
                    && conv.inputLayout() == InputLayout.NCHW;
        }

        private static boolean copiesPaddedRowMajor(Node node) {
            return oneGroupNchw(node)
                    && ImageKernels.copiesPaddedInput(CpuExecutable.geometry((Conv2d) node.op(), node.inputs()));
        }

        @Override
        public boolean runsInsideNext(Node node, Node next) {
            return CpuBackend.runsInsideNext(node, next);
        }

        @Override
        public boolean acceptsAnyLayout(Node node) {
            return fastUnary(node) || fastBinary(node);
        }

        @Override
        public boolean aliasesInput(Node node) {
            return node.op() instanceof Reshape && isFloat(node.output());
        }

        @Override
        public boolean runsInPlace(Node node) {
            return fastUnary(node) || fastBinary(node);
        }
    }
}
