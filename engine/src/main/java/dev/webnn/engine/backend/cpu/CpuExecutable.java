package dev.webnn.engine.backend.cpu;

import dev.webnn.engine.DataType;
import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.backend.Executable;
import dev.webnn.engine.backend.FloatTensorMemory;
import dev.webnn.engine.backend.HostTensorMemory;
import dev.webnn.engine.backend.TensorMemory;
import dev.webnn.engine.backend.reference.ReferenceBackend;
import dev.webnn.engine.compiler.Layout;
import dev.webnn.engine.compiler.MemoryPlan;
import dev.webnn.engine.compiler.Node;
import dev.webnn.engine.compiler.Program;
import dev.webnn.engine.compiler.Value;
import dev.webnn.engine.ops.BatchNormalization;
import dev.webnn.engine.ops.Conv2d;
import dev.webnn.engine.ops.ElementwiseBinary;
import dev.webnn.engine.ops.Gemm;
import dev.webnn.engine.ops.InputLayout;
import dev.webnn.engine.ops.InstanceNormalization;
import dev.webnn.engine.ops.LayerNormalization;
import dev.webnn.engine.ops.Matmul;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.ops.Pool2d;
import dev.webnn.engine.ops.Reduce;
import dev.webnn.engine.ops.Reshape;
import dev.webnn.engine.ops.Softmax;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jdk.incubator.vector.FloatVector;

/**
 * A compiled program: one step per node, buffers from the memory plan allocated once and reused by every run.
 * At run time each value lives in a slot: float32 values as float[], float16 values as short[] (their float16
 * bits), other types as the reference backend's TensorData. Constants are decoded, and weights packed, once.
 */
final class CpuExecutable implements Executable {
    private static final int CHUNK = 1 << 15;
    private static final int TILE = 32;
    /** Columns a reorder task takes at most. */
    private static final int COLUMN_RUN = 8192;

    @FunctionalInterface
    private interface Step {
        void run(Object[] slots);
    }

    private final Program program;
    private final MemoryPlan plan;
    private final float[][] constantFloats;
    private final TensorData[] constantTensors;
    private final List<Step> steps = new ArrayList<>();
    /** Per value: whether the graph binds it to one tensor only (see {@link #ownsStorage}). */
    private final boolean[] boundOnce;
    private Object[] buffers;

    CpuExecutable(Program program) {
        this.program = program;
        this.plan = program.memoryPlan();
        this.constantFloats = new float[program.values().size()][];
        this.constantTensors = new TensorData[program.values().size()];
        int[] bindings = new int[program.values().size()];
        program.inputs().values().forEach(v -> bindings[v.id()]++);
        program.outputs().values().forEach(v -> bindings[v.id()]++);
        this.boundOnce = new boolean[bindings.length];
        for (int i = 0; i < bindings.length; i++) {
            boundOnce[i] = bindings[i] == 1;
        }
        List<Node> nodes = program.nodes();
        List<Node> chain = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            chain.add(node);
            if (plan.runsInsideNext(node)) {
                continue;
            }
            Step step = chain.size() > 1 ? depthwiseBands(chain) : lower(node);
            if (step != null) {
                steps.add(!CpuProfile.ENABLED ? step
                        : timed(String.join(" => ", chain.stream().map(this::profileKind).toList()), step));
            }
            chain.clear();
        }
    }

    /** How many steps a run takes (fused nodes share one). */
    int stepCount() {
        return steps.size();
    }

    @Override
    public synchronized void execute(Map<String, ByteBuffer> inputs, Map<String, ByteBuffer> outputs) {
        run(inputs, outputs);
    }

    /**
     * On tensors' memory. A float32 tensor kept as floats is itself its input's or output's storage, so the graph
     * reads it and writes into it without a copy either way, unless the plan has another value share that storage
     * (a reshape of it, or what it reshapes); other memory is bound as bytes.
     */
    @Override
    public synchronized void dispatch(Map<String, TensorMemory> inputs, Map<String, TensorMemory> outputs) {
        run(inputs, outputs);
    }

    /** Runs the graph on bound ByteBuffers or TensorMemory, keyed by the graph's input and output names. */
    private void run(Map<String, ?> inputs, Map<String, ?> outputs) {
        if (buffers == null) {
            buffers = new Object[plan.bufferCount()];
            for (int b = 0; b < buffers.length; b++) {
                int length = Math.toIntExact(plan.bufferElements(b));
                buffers[b] = plan.bufferType(b) == DataType.FLOAT32 ? new float[length] : new short[length];
            }
        }
        long start = CpuProfile.ENABLED ? System.nanoTime() : 0;
        Object[] slots = new Object[program.values().size()];
        for (Value v : program.values()) {
            int buffer = plan.bufferOf(v);
            if (buffer >= 0) {
                slots[v.id()] = buffers[buffer];
            }
        }
        program.inputs().forEach((name, v) -> bindInput(slots, v, required(inputs, "input", name)));
        program.outputs().forEach((name, v) -> {
            if (required(outputs, "output", name) instanceof FloatTensorMemory memory && ownsStorage(v)) {
                slots[v.id()] = memory.floats();
            }
        });
        if (CpuProfile.ENABLED) {
            CpuProfile.run();
            CpuProfile.add("bind inputs", System.nanoTime() - start);
        }
        for (Step step : steps) {
            step.run(slots);
        }
        long written = CpuProfile.ENABLED ? System.nanoTime() : 0;
        program.outputs().forEach((name, v) -> writeOutput(slots, v, name, outputs.get(name)));
        if (CpuProfile.ENABLED) {
            CpuProfile.add("write outputs", System.nanoTime() - written);
        }
    }

    /**
     * Whether a bound float tensor may stand in for the value's buffer: a float32 value in the plan that shares its
     * storage with no other value, and is bound once (not an output twice over, not both input and output).
     */
    private boolean ownsStorage(Value v) {
        return v.descriptor().dataType() == DataType.FLOAT32 && plan.bufferOf(v) >= 0 && !plan.sharesStorage(v)
                && boundOnce[v.id()];
    }

    private void bindInput(Object[] slots, Value v, Object bound) {
        if (bound instanceof FloatTensorMemory memory) {
            if (ownsStorage(v)) {
                slots[v.id()] = memory.floats();
            } else {
                System.arraycopy(memory.floats(), 0, (float[]) slots[v.id()], 0, count(v));
            }
            return;
        }
        ByteBuffer bytes = bytesOf(bound);
        int n = count(v);
        switch (v.descriptor().dataType()) {
            case FLOAT32 -> bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get((float[]) slots[v.id()], 0, n);
            case FLOAT16 -> bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get((short[]) slots[v.id()], 0, n);
            default -> slots[v.id()] = TensorData.decode(v.descriptor(), bytes);
        }
    }

    /** A binding's bytes: the buffer itself, host memory's own bytes, or a copy of any other memory. */
    private static ByteBuffer bytesOf(Object bound) {
        return switch (bound) {
            case ByteBuffer buffer -> buffer;
            case HostTensorMemory host -> host.buffer();
            case TensorMemory other -> other.read();
            default -> throw new IllegalArgumentException("not a tensor binding: " + bound);
        };
    }

    private void writeOutput(Object[] slots, Value v, String name, Object bound) {
        if (bound instanceof FloatTensorMemory memory) {
            float[] values = readFloats(slots, v);
            if (values != memory.floats()) {
                System.arraycopy(values, 0, memory.floats(), 0, count(v));
            }
            return;
        }
        ByteBuffer target = bytesOf(bound);
        int n = count(v);
        if (target.remaining() != v.descriptor().byteLength()) {
            throw new WebNNException(ErrorKind.TYPE, "Expected a " + v.descriptor().byteLength()
                    + "-byte buffer for the output '" + name + "'.");
        }
        switch (v.descriptor().dataType()) {
            case FLOAT32 -> target.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(readFloats(slots, v), 0, n);
            case FLOAT16 -> target.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(halves(slots, v), 0, n);
            default -> tensor(slots, v).encodeTo(target);
        }
        if (bound instanceof TensorMemory other && !(bound instanceof HostTensorMemory)) {
            other.write(target.clear());
        }
    }

    private static Step timed(String kind, Step step) {
        return slots -> {
            long start = System.nanoTime();
            step.run(slots);
            CpuProfile.add(kind, System.nanoTime() - start);
        };
    }

    /**
     * What the profile files a step under: the op, and for conv2d its shape class, and what was fused; per step, also
     * its position and output shape.
     */
    private String profileKind(Node node) {
        String prefix = CpuProfile.PER_STEP ? String.format("%03d ", program.nodes().indexOf(node)) : "";
        String suffix = CpuProfile.PER_STEP ? " " + Arrays.toString(node.output().descriptor().shape()) : "";
        if (node.kind() != Node.Kind.OP) {
            return prefix + node.kind() + suffix;
        }
        StringBuilder kind = new StringBuilder(prefix).append(node.op().opName());
        if (node.op() instanceof Conv2d conv) {
            long[] filter = node.inputs().get(1).descriptor().shape();
            int[] spatial = conv.filterLayout().oihwAxes();
            kind.append(conv.groups() == 1 ? " " : " depthwise ").append(filter[spatial[2]]).append('x')
                    .append(filter[spatial[3]]).append(" stride ")
                    .append(conv.strides() == null ? 1 : conv.strides().get(0))
                    .append(node.nhwc() || conv.inputLayout() == InputLayout.NHWC ? "" : " nchw");
        }
        if (!node.epilogue().isEmpty()) {
            kind.append(" +").append(String.join("+", node.epilogue().stream().map(Op::opName).toList()));
        }
        return kind.append(suffix).toString();
    }

    private static Object required(Map<String, ?> buffers, String role, String name) {
        Object buffer = buffers.get(name);
        if (buffer == null) {
            throw new WebNNException(ErrorKind.TYPE, "No buffer was given for the " + role + " '" + name + "'.");
        }
        return buffer;
    }

    // ---- slots ----

    private static int count(Value v) {
        return TensorData.elementCountOf(v.descriptor());
    }

    /** A float constant as float32, decoded once and kept (biases, operands read at run time). */
    private float[] constant(Value v) {
        float[] cached = constantFloats[v.id()];
        if (cached == null) {
            cached = decoded(v);
            constantFloats[v.id()] = cached;
        }
        return cached;
    }

    /** A float constant as float32, not kept: weights that are packed once and then read only packed. */
    private float[] decoded(Value v) {
        float[] cached = constantFloats[v.id()];
        if (cached != null) {
            return cached;
        }
        ByteBuffer bytes = v.constantBytes();
        float[] out = new float[count(v)];
        if (v.descriptor().dataType() == DataType.FLOAT32) {
            bytes.asFloatBuffer().get(out);
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = Float.float16ToFloat(bytes.getShort(2 * i));
            }
        }
        return out;
    }

    private TensorData constantTensor(Value v) {
        TensorData cached = constantTensors[v.id()];
        if (cached == null) {
            cached = TensorData.decode(v.descriptor(), v.constantBytes());
            constantTensors[v.id()] = cached;
        }
        return cached;
    }

    /** A float value as float32: the buffer itself for float32, a decoded copy for float16. */
    private float[] readFloats(Object[] slots, Value v) {
        if (v.isConstant()) {
            return constant(v);
        }
        Object slot = slots[v.id()];
        if (slot instanceof float[] floats) {
            return floats;
        }
        short[] halves = (short[]) slot;
        int n = count(v);
        float[] floats = new float[n];
        for (int i = 0; i < n; i++) {
            floats[i] = Float.float16ToFloat(halves[i]);
        }
        return floats;
    }

    private short[] halves(Object[] slots, Value v) {
        if (slots[v.id()] instanceof short[] h) {
            return h;
        }
        float[] floats = readFloats(slots, v);
        short[] h = new short[floats.length];
        for (int i = 0; i < h.length; i++) {
            h[i] = Float.floatToFloat16(floats[i]);
        }
        return h;
    }

    /** Where a kernel writes a float value: its float32 buffer, or a scratch array that {@link #commit} rounds. */
    private static float[] target(Object[] slots, Value v) {
        return slots[v.id()] instanceof float[] floats ? floats : new float[count(v)];
    }

    /** Stores a float16 value computed in float32, rounding each element once. */
    private static void commit(Object[] slots, Value v, float[] data) {
        if (slots[v.id()] instanceof short[] halves) {
            int n = count(v);
            for (int i = 0; i < n; i++) {
                halves[i] = Float.floatToFloat16(data[i]);
            }
        }
    }

    private TensorData tensor(Object[] slots, Value v) {
        if (v.isConstant()) {
            return constantTensor(v);
        }
        Object slot = slots[v.id()];
        if (slot instanceof TensorData t) {
            return t;
        }
        float[] floats = readFloats(slots, v);
        double[] values = new double[count(v)];
        for (int i = 0; i < values.length; i++) {
            values[i] = floats[i];
        }
        return TensorData.ofFloats(v.descriptor(), values);
    }

    private static void store(Object[] slots, Value v, TensorData t) {
        Object slot = slots[v.id()];
        if (slot instanceof float[] floats) {
            double[] values = t.floats();
            for (int i = 0; i < values.length; i++) {
                floats[i] = (float) values[i];
            }
        } else if (slot instanceof short[] halves) {
            double[] values = t.floats();
            for (int i = 0; i < values.length; i++) {
                halves[i] = Float.floatToFloat16((float) values[i]);
            }
        } else {
            slots[v.id()] = t;
        }
    }

    // ---- lowering ----

    private Step lower(Node node) {
        return switch (node.kind()) {
            case RELABEL -> copy(node.inputs().get(0), node.output());
            case TO_NHWC -> reorder(node.inputs().get(0), node.output(), true);
            case TO_ROW_MAJOR -> reorder(node.inputs().get(0), node.output(), false);
            case OP -> lowerOp(node);
        };
    }

    private Step lowerOp(Node node) {
        Op op = node.op();
        if (CpuBackend.fastConv(node)) {
            boolean nhwc = node.nhwc() || ((Conv2d) op).inputLayout() == InputLayout.NHWC;
            return nhwc ? conv(node, (Conv2d) op)
                    : CpuBackend.isDepthwiseNchw(node) ? depthwiseNchw(node, (Conv2d) op) : pointwiseNchw(node, (Conv2d) op);
        }
        if (CpuBackend.fastGemm(node)) {
            return op instanceof Gemm gemm ? gemm(node, gemm) : matmul(node);
        }
        if (CpuBackend.fastPool(node)) {
            return pool(node, (Pool2d) op);
        }
        if (CpuBackend.fastUnary(node)) {
            return chain(node);
        }
        if (CpuBackend.fastBinary(node)) {
            return binary(node, ((ElementwiseBinary) op).kind());
        }
        if (node.bias() == null && node.epilogue().isEmpty() && CpuBackend.isFloat(node.output())) {
            Step step = null;
            if (op instanceof Reshape) {
                step = copy(node.inputs().get(0), node.output());
                return step == null ? null : step;
            } else if (op instanceof Softmax softmax) {
                step = softmax(node, softmax);
            } else if (op instanceof Reduce reduce) {
                step = reduce(node, reduce);
            } else if (op instanceof BatchNormalization batchNorm) {
                step = batchNormalization(node, batchNorm);
            } else if (op instanceof LayerNormalization layerNorm) {
                step = layerNormalization(node, layerNorm);
            } else if (op instanceof InstanceNormalization instanceNorm) {
                step = instanceNormalization(node, instanceNorm);
            }
            if (step != null) {
                return step;
            }
        }
        return fallback(node);
    }

    /** The reference kernel, on values converted to and from its form. */
    private Step fallback(Node node) {
        if (node.bias() != null || !node.epilogue().isEmpty()) {
            throw new IllegalStateException("fused node without a kernel: " + node);
        }
        List<OperandDescriptor> outDescriptors = node.outputs().stream().map(Value::descriptor).toList();
        return slots -> {
            List<TensorData> in = new ArrayList<>();
            for (Value v : node.inputs()) {
                in.add(v == null ? null : tensor(slots, v));
            }
            List<TensorData> out = ReferenceBackend.runKernel(node.op(), in, outDescriptors);
            for (int i = 0; i < out.size(); i++) {
                store(slots, node.outputs().get(i), out.get(i));
            }
        };
    }

    /** Nothing when the plan gave both values one buffer, else a copy of the bytes. */
    private Step copy(Value in, Value out) {
        if (plan.bufferOf(in) >= 0 && plan.bufferOf(in) == plan.bufferOf(out)) {
            return null;
        }
        return slots -> {
            if (CpuBackend.isFloat(out)) {
                float[] target = target(slots, out);
                System.arraycopy(readFloats(slots, in), 0, target, 0, count(out));
                commit(slots, out, target);
            } else {
                slots[out.id()] = tensor(slots, in).reshaped(out.descriptor());
            }
        };
    }

    /** [N, C, H, W] row-major to NHWC storage, or back. */
    private Step reorder(Value in, Value out, boolean toNhwc) {
        long[] shape = in.descriptor().shape();
        int n = (int) shape[0];
        int c = (int) shape[1];
        int hw = (int) (shape[2] * shape[3]);
        return slots -> {
            float[] x = readFloats(slots, in);
            float[] y = target(slots, out);
            // [c][hw] to [hw][c] (or back) per batch, in square tiles so reads and writes both stay in cache; bands of
            // rows by runs of columns, so that an image of few channels (3, as most models take) splits too.
            int rows = toNhwc ? c : hw;
            int columns = toNhwc ? hw : c;
            int tilesDown = (rows + TILE - 1) / TILE;
            int runs = (columns + COLUMN_RUN - 1) / COLUMN_RUN;
            boolean vectors = Vectors.enabled();
            CpuThreads.forEach(n * tilesDown * runs, task -> {
                int base = task / (tilesDown * runs) * c * hw;
                int r0 = task / runs % tilesDown * TILE;
                int r1 = Math.min(rows, r0 + TILE);
                int c0 = task % runs * COLUMN_RUN;
                int c1 = Math.min(columns, c0 + COLUMN_RUN);
                ImageKernels.transpose(x, base + r0 * columns + c0, columns, y, base + c0 * rows + r0, rows, r1 - r0,
                        c1 - c0, vectors);
            });
            commit(slots, out, y);
        };
    }

    private Pointwise.Stage[] stages(Node node) {
        Pointwise.Stage[] stages = Pointwise.stagesOf(node.epilogue(), node.output().descriptor().dataType());
        if (stages == null) {
            throw new IllegalStateException("fused ops without kernels: " + node);
        }
        return stages;
    }

    /** The fused ops as bounds a kernel applies while storing, when they are one clamp; else null. */
    private static Pointwise.Bounds fusedClamp(Node node) {
        return Pointwise.Bounds.ofOnly(node.epilogue(), node.output().descriptor().dataType());
    }

    /** The fused ops a kernel runs over what it stored: none when they are the clamp it applied while storing. */
    private Pointwise.Stage[] stagesAfter(Node node, Pointwise.Bounds clamp) {
        return clamp != null ? new Pointwise.Stage[0] : stages(node);
    }

    /**
     * A conv's bias per output channel on each run: its bias input plus the bias fused into it, added once at compile
     * time when both are constant; null when it has neither. Without a bias input, or with a constant one, the
     * function reads no slot, so it may be applied at compile time.
     */
    private Function<Object[], float[]> convBias(Node node, Value b, int channels) {
        float[] fused = fusedBias(node, channels);
        if (b == null) {
            return slots -> fused;
        }
        if (b.isConstant()) {
            float[] constant = sum(constant(b), fused);
            return slots -> constant;
        }
        return slots -> sum(readFloats(slots, b), fused);
    }

    /** The fused bias as one value per channel, or null. */
    private float[] fusedBias(Node node, int channels) {
        if (node.bias() == null) {
            return null;
        }
        float[] values = constant(node.bias());
        return values.length == channels ? values : filled(channels, values[0]);
    }

    private static float[] filled(int length, float value) {
        float[] out = new float[length];
        Arrays.fill(out, value);
        return out;
    }

    private static float[] sum(float[] a, float[] b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        float[] out = new float[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    /** What a GEMM does to each finished block: scale by alpha, add a full addend, add a bias per column, stages. */
    private static GemmKernel.Epilogue epilogue(float alpha, float[] full, int fullColumns, float[] columnBias,
                                                Pointwise.Stage[] stages) {
        if (alpha == 1 && full == null && columnBias == null && stages.length == 0) {
            return null;
        }
        return (c, offset, ldc, row0, rows, col0, cols) -> {
            boolean vectors = Vectors.enabled();
            for (int r = 0; r < rows; r++) {
                int at = offset + (row0 + r) * ldc + col0;
                if (alpha != 1) {
                    for (int j = 0; j < cols; j++) {
                        c[at + j] *= alpha;
                    }
                }
                if (full != null) {
                    addInto(c, at, full, (row0 + r) * fullColumns + col0, cols, vectors);
                }
                if (columnBias != null) {
                    addInto(c, at, columnBias, col0, cols, vectors);
                }
                Pointwise.apply(stages, c, at, at + cols, vectors);
            }
        };
    }

    private static void addInto(float[] c, int at, float[] src, int from, int length, boolean vectors) {
        int j = 0;
        if (vectors) {
            for (int bound = Vectors.loopBound(length); j < bound; j += Vectors.LANES) {
                FloatVector.fromArray(Vectors.F, c, at + j).add(FloatVector.fromArray(Vectors.F, src, from + j))
                        .intoArray(c, at + j);
            }
        }
        for (; j < length; j++) {
            c[at + j] += src[from + j];
        }
    }

    private Step conv(Node node, Conv2d op) {
        Value x = node.inputs().get(0);
        Value w = node.inputs().get(1);
        Value b = node.inputs().get(2);
        ImageKernels.Geometry g = geometry(op, x, w, b);
        int channels = g.outChannels();
        boolean depthwise = op.groups() != 1;
        // Both kernels clamp each result as they store it; other stages run over each finished tile or row.
        Pointwise.Bounds clamp = fusedClamp(node);
        Pointwise.Stage[] stages = stagesAfter(node, clamp);
        Function<Object[], float[]> biasOf = convBias(node, b, channels);
        long[] filterShape = w.descriptor().shape();
        boolean readsPadding = !depthwise && ImageKernels.readsPadding(g);
        float[] constantFilter = w.isConstant() ? decoded(w) : null;
        // A constant filter with Inf or NaN over padding takes the tap-skipping path on every run: keep it unpacked.
        float[] constantNonFinite = readsPadding && constantFilter != null && !ImageKernels.allFinite(constantFilter)
                ? constantFilter : null;
        boolean fewChannels = !depthwise && ImageKernels.convsFewChannels(g);
        float[] constantTaps = fewChannels && constantFilter != null
                ? ImageKernels.fewChannelsTaps(constantFilter, filterShape, op.filterLayout(), g) : null;
        Object packed = constantFilter == null || constantNonFinite != null ? null : depthwise
                ? ImageKernels.packDepthwise(constantFilter, filterShape, op.filterLayout(), g)
                : ImageKernels.packFilter(constantFilter, filterShape, op.filterLayout(), g);
        // A 3x3 stride-1 filter, constant and finite, also transformed for Winograd's form; inputs that are not all
        // finite take the GEMM form (see Winograd).
        GemmKernel.PackedB[] winogradFilter = packed instanceof GemmKernel.PackedB && Winograd.applies(g)
                && ImageKernels.allFinite(constantFilter)
                ? Winograd.transformFilter(constantFilter, filterShape, op.filterLayout(), g) : null;
        Value out = node.output();
        float[][] scratch = new float[1][];
        // The layout pass leaves a padded conv's NCHW input as it is, the padded copy reordering it, and a few-channel
        // conv's, which its kernel reads where it lies.
        boolean nchwInput = op.inputLayout() == InputLayout.NCHW && x.layout() != Layout.NHWC;
        // ... and may store its output NCHW, each finished tile reordered from the GEMM's NHWC block while in cache.
        boolean nchwOutput = op.inputLayout() == InputLayout.NCHW && out.layout() != Layout.NHWC;
        GemmKernel.Epilogue stagesEpilogue = epilogue(1, null, 0, null, stages);
        // The tap-skipping and Winograd paths store unclamped, so every fused op runs after them.
        GemmKernel.Epilogue unclampedEpilogue = epilogue(1, null, 0, null, stages(node));
        return slots -> {
            float[] bias = biasOf.apply(slots);
            float[] xs = readFloats(slots, x);
            float[] y = target(slots, out);
            if (depthwise) {
                float[] filter = packed != null ? (float[]) packed
                        : ImageKernels.packDepthwise(readFloats(slots, w), filterShape, op.filterLayout(), g);
                ImageKernels.depthwise(xs, filter, bias, y, g, clamp, stages);
            } else if (fewChannels && Vectors.enabled()) {
                float[] taps = constantTaps != null ? constantTaps
                        : ImageKernels.fewChannelsTaps(readFloats(slots, w), filterShape, op.filterLayout(), g);
                ImageKernels.convFewChannels(xs, nchwInput, taps, bias, y, g, clamp, stages);
            } else {
                float[] raw = w.isConstant() ? null : readFloats(slots, w);
                float[] nonFinite = raw == null ? constantNonFinite
                        : readsPadding && !ImageKernels.allFinite(raw) ? raw : null;
                if (nonFinite != null) {
                    float[] nhwcInput = nchwInput ? ImageKernels.transposeImages(xs, g.batches(), g.inChannels(),
                            g.inHeight() * g.inWidth()) : xs;
                    float[] nhwcOut = nchwOutput ? new float[y.length] : y;
                    ImageKernels.convSkippingPadding(nhwcInput, nonFinite, filterShape, op.filterLayout(), bias,
                            nhwcOut, g, unclampedEpilogue);
                    if (nchwOutput) {
                        float[] nchw = ImageKernels.transposeImages(nhwcOut, g.batches(),
                                g.outHeight() * g.outWidth(), channels);
                        System.arraycopy(nchw, 0, y, 0, nchw.length);
                    }
                } else if (winogradFilter != null && ImageKernels.allFinite(xs)) {
                    if (nchwOutput) {
                        Winograd.conv(xs, nchwInput, winogradFilter, bias, null, g,
                                ImageKernels.storingNchw(unclampedEpilogue, y, g));
                    } else {
                        Winograd.conv(xs, nchwInput, winogradFilter, bias, y, g, unclampedEpilogue);
                    }
                } else {
                    GemmKernel.PackedB filter = packed != null ? (GemmKernel.PackedB) packed
                            : ImageKernels.packFilter(raw, filterShape, op.filterLayout(), g);
                    // The GEMM form reads NCHW only through its padded copy; a few-channel conv2d also gets NCHW
                    // (CpuBackend's readsRowMajorInput), for its own kernel, and reorders it here with vectors off.
                    boolean reorder = nchwInput && !ImageKernels.copiesPaddedInput(g);
                    float[] input = reorder ? ImageKernels.transposeImages(xs, g.batches(), g.inChannels(),
                            g.inHeight() * g.inWidth()) : xs;
                    if (nchwOutput) {
                        ImageKernels.conv(input, nchwInput && !reorder, filter, bias, null, g, clamp,
                                ImageKernels.storingNchw(stagesEpilogue, y, g), scratch);
                    } else {
                        ImageKernels.conv(input, nchwInput && !reorder, filter, bias, y, g, clamp, stagesEpilogue,
                                scratch);
                    }
                }
            }
            commit(slots, out, y);
        };
    }

    /**
     * A depthwise conv2d with the 1x1 conv2d before it, the one after it, or both, as one step by bands of rows
     * ({@link DepthwiseBands}); the chain is what the memory plan joined ({@link MemoryPlan#runsInsideNext}).
     */
    private Step depthwiseBands(List<Node> chain) {
        int at = ((Conv2d) chain.get(0).op()).groups() == 1 ? 1 : 0;
        Node expandNode = at == 1 ? chain.get(0) : null;
        Node depthwiseNode = chain.get(at);
        Node projectNode = at + 1 < chain.size() ? chain.get(at + 1) : null;
        Conv2d dop = (Conv2d) depthwiseNode.op();
        ImageKernels.Geometry dg = geometry(dop, depthwiseNode.inputs());
        Value dw = depthwiseNode.inputs().get(1);
        Pointwise.Bounds depthwiseClamp = fusedClamp(depthwiseNode);
        DepthwiseBands.Depthwise depthwise = new DepthwiseBands.Depthwise(dg,
                ImageKernels.packDepthwise(decoded(dw), dw.descriptor().shape(), dop.filterLayout(), dg),
                depthwiseClamp, stagesAfter(depthwiseNode, depthwiseClamp));
        DepthwiseBands.Pointwise1x1 expand = expandNode == null ? null : pointwise1x1(expandNode);
        DepthwiseBands.Pointwise1x1 project = projectNode == null ? null : pointwise1x1(projectNode);
        Function<Object[], float[]> expandBias = expandNode == null ? slots -> null : convBias(expandNode);
        Function<Object[], float[]> depthwiseBias = convBias(depthwiseNode);
        Function<Object[], float[]> projectBias = projectNode == null ? slots -> null : convBias(projectNode);
        Value x = chain.get(0).inputs().get(0);
        Value out = chain.get(chain.size() - 1).output();
        return slots -> {
            float[] y = target(slots, out);
            DepthwiseBands.run(readFloats(slots, x), y, expand, expandBias.apply(slots), depthwise,
                    depthwiseBias.apply(slots), project, projectBias.apply(slots));
            commit(slots, out, y);
        };
    }

    /** A 1x1 conv2d's packed filter, clamp or stages, for {@link DepthwiseBands}. */
    private DepthwiseBands.Pointwise1x1 pointwise1x1(Node node) {
        Conv2d op = (Conv2d) node.op();
        Value w = node.inputs().get(1);
        ImageKernels.Geometry g = geometry(op, node.inputs());
        Pointwise.Bounds clamp = fusedClamp(node);
        return new DepthwiseBands.Pointwise1x1(g,
                ImageKernels.packFilter(decoded(w), w.descriptor().shape(), op.filterLayout(), g), clamp,
                epilogue(1, null, 0, null, stagesAfter(node, clamp)));
    }

    /** A conv2d node's bias per output channel on each run (see {@link #convBias(Node, Value, int)}). */
    private Function<Object[], float[]> convBias(Node node) {
        Conv2d op = (Conv2d) node.op();
        return convBias(node, node.inputs().get(2), geometry(op, node.inputs()).outChannels());
    }

    private static ImageKernels.Geometry geometry(Conv2d op, Value x, Value w, Value b) {
        return ImageKernels.Geometry.of(op.geometry("", Arrays.asList(x.descriptor(), w.descriptor(),
                b == null ? null : b.descriptor())));
    }

    /** A conv2d node's geometry from its inputs (input, filter, and bias when there is one). */
    static ImageKernels.Geometry geometry(Conv2d op, List<Value> inputs) {
        return geometry(op, inputs.get(0), inputs.get(1), inputs.size() > 2 ? inputs.get(2) : null);
    }

    /** A depthwise conv2d left in NCHW by the layout pass: each channel's plane convolved where it lies. */
    private Step depthwiseNchw(Node node, Conv2d op) {
        Value x = node.inputs().get(0);
        Value w = node.inputs().get(1);
        Value b = node.inputs().get(2);
        ImageKernels.Geometry g = geometry(op, x, w, b);
        Pointwise.Bounds clamp = fusedClamp(node);
        Pointwise.Stage[] stages = stagesAfter(node, clamp);
        Function<Object[], float[]> biasOf = convBias(node, b, g.outChannels());
        long[] filterShape = w.descriptor().shape();
        float[] packed = w.isConstant() ? ImageKernels.packDepthwisePlanes(decoded(w), filterShape, op.filterLayout(), g)
                : null;
        Value out = node.output();
        return slots -> {
            float[] bias = biasOf.apply(slots);
            float[] filter = packed != null ? packed
                    : ImageKernels.packDepthwisePlanes(readFloats(slots, w), filterShape, op.filterLayout(), g);
            float[] y = target(slots, out);
            ImageKernels.depthwiseNchw(readFloats(slots, x), filter, bias, y, g, clamp, stages);
            commit(slots, out, y);
        };
    }

    /**
     * A 1x1 conv2d left in NCHW by the layout pass: per image, out[oc][pixels] = W[oc][ic] x X[ic][pixels], the
     * input packed as B each run and the filter read in place as A (a constant one as quads too, packed once). The
     * bias rides in the GEMM: a last column of A holding it times a last row of ones under B, so no pass over the
     * output adds it.
     */
    private Step pointwiseNchw(Node node, Conv2d op) {
        Value x = node.inputs().get(0);
        Value w = node.inputs().get(1);
        Value b = node.inputs().get(2);
        long[] in = x.descriptor().shape();
        int batches = (int) in[0];
        int inChannels = (int) in[1];
        int pixels = (int) (in[2] * in[3]);
        int outChannels = (int) node.output().descriptor().dim(1);
        // Element (oc, ic) of the filter, whatever its layout (all spatial axes are 1).
        int[] strides = ImageKernels.FilterIndex.strides(w.descriptor().shape(), op.filterLayout());
        Function<Object[], float[]> biasOf = convBias(node, b, outChannels);
        float[] constantFilter = w.isConstant() && (b == null || b.isConstant())
                ? oiMatrix(decoded(w), strides, outChannels, inChannels, biasOf.apply(null)) : null;
        GemmKernel.ASource constantRows = constantFilter == null ? null : GemmKernel.rowMajor(constantFilter, 0,
                inChannels + 1, GemmKernel.quads(constantFilter, 0, inChannels + 1, outChannels, inChannels + 1));
        Pointwise.Bounds clamp = fusedClamp(node);
        GemmKernel.Epilogue epilogue = epilogue(1, null, 0, null, stagesAfter(node, clamp));
        Value out = node.output();
        return slots -> {
            GemmKernel.ASource filter = constantRows != null ? constantRows : GemmKernel.rowMajor(
                    oiMatrix(readFloats(slots, w), strides, outChannels, inChannels, biasOf.apply(slots)), 0,
                    inChannels + 1);
            float[] xs = readFloats(slots, x);
            float[] y = target(slots, out);
            for (int image = 0; image < batches; image++) {
                GemmKernel.PackedB packed = GemmKernel.PackedB.packScratchWithOnes(xs, image * inChannels * pixels,
                        inChannels, pixels, pixels, outChannels);
                GemmKernel.multiply(outChannels, pixels, inChannels + 1, filter, packed, y,
                        image * outChannels * pixels, pixels, null, clamp, epilogue);
            }
            commit(slots, out, y);
        };
    }

    /** The filter as an [oc][ic + 1] matrix, its last column the bias per output channel (zeros when null). */
    private static float[] oiMatrix(float[] w, int[] strides, int outChannels, int inChannels, float[] bias) {
        int k = inChannels + 1;
        float[] out = new float[outChannels * k];
        for (int oc = 0; oc < outChannels; oc++) {
            for (int ic = 0; ic < inChannels; ic++) {
                out[oc * k + ic] = w[oc * strides[0] + ic * strides[1]];
            }
            out[oc * k + inChannels] = bias == null ? 0f : bias[oc];
        }
        return out;
    }

    private Step gemm(Node node, Gemm op) {
        Value a = node.inputs().get(0);
        Value b = node.inputs().get(1);
        Value c = node.inputs().get(2);
        Value out = node.output();
        DataType type = out.descriptor().dataType();
        int m = (int) out.descriptor().dim(0);
        int n = (int) out.descriptor().dim(1);
        int k = (int) (op.aTranspose() ? a.descriptor().dim(0) : a.descriptor().dim(1));
        float alpha = (float) TensorData.roundTo(type, op.alpha());
        float beta = (float) TensorData.roundTo(type, op.beta());
        int bRowStride = op.bTranspose() ? 1 : n;
        int bColStride = op.bTranspose() ? k : 1;
        GemmKernel.PackedB packed = b.isConstant()
                ? GemmKernel.PackedB.pack(decoded(b), 0, k, n, bRowStride, bColStride, m) : null;
        Pointwise.Stage[] stages = stages(node);
        float[] fused = fusedBias(node, n);
        long[] cShape = c == null ? null : c.descriptor().shape();
        boolean cPerColumn = c != null && (cShape.length < 2 || cShape[0] == 1);
        float[] constantColumns = c != null && cPerColumn && c.isConstant() ? scaledColumns(constant(c), cShape, n, beta)
                : null;
        float[] constantFull = c != null && !cPerColumn && c.isConstant() ? scaledFull(constant(c), cShape, m, n, beta)
                : null;
        return slots -> {
            float[] as = readFloats(slots, a);
            GemmKernel.ASource packer = op.aTranspose() ? GemmKernel.strided(as, 0, 1, m) : GemmKernel.rowMajor(as, 0, k);
            GemmKernel.PackedB bs = packed != null ? packed
                    : GemmKernel.PackedB.pack(readFloats(slots, b), 0, k, n, bRowStride, bColStride, m);
            float[] columns = fused;
            float[] full = null;
            if (c != null) {
                if (cPerColumn) {
                    columns = constantColumns != null ? constantColumns : scaledColumns(readFloats(slots, c), cShape, n, beta);
                } else {
                    full = constantFull != null ? constantFull : scaledFull(readFloats(slots, c), cShape, m, n, beta);
                }
            }
            float[] y = target(slots, out);
            // With alpha 1 the per-column addend seeds the accumulators; otherwise it follows the scaling.
            if (alpha == 1) {
                GemmKernel.multiply(m, n, k, packer, bs, y, 0, n, columns, null, epilogue(1, full, n, null, stages));
            } else {
                GemmKernel.multiply(m, n, k, packer, bs, y, 0, n, null, null, epilogue(alpha, full, n, columns, stages));
            }
            commit(slots, out, y);
        };
    }

    /** beta * c for a c that varies at most along columns, one value per column. */
    private static float[] scaledColumns(float[] c, long[] shape, int n, float beta) {
        boolean perColumn = shape.length > 0 && shape[shape.length - 1] == n && n != 1;
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            out[j] = beta * c[perColumn ? j : 0];
        }
        return out;
    }

    private static float[] scaledFull(float[] c, long[] shape, int m, int n, float beta) {
        long[] strides = Pointwise.broadcastStrides(shape, new long[] {m, n});
        float[] out = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = beta * c[(int) (i * strides[0] + j * strides[1])];
            }
        }
        return out;
    }

    private Step matmul(Node node) {
        Value a = node.inputs().get(0);
        Value b = node.inputs().get(1);
        Value out = node.output();
        long[] aShape = a.descriptor().shape();
        long[] bShape = b.descriptor().shape();
        long[] outShape = out.descriptor().shape();
        int m = (int) aShape[aShape.length - 2];
        int k = (int) aShape[aShape.length - 1];
        int n = (int) bShape[bShape.length - 1];
        long[] batchShape = Arrays.copyOf(outShape, outShape.length - 2);
        int batches = (int) Arrays.stream(batchShape).reduce(1, (p, q) -> p * q);
        int[] batchA = batchIndices(Arrays.copyOf(aShape, aShape.length - 2), batchShape, batches);
        int[] batchB = batchIndices(Arrays.copyOf(bShape, bShape.length - 2), batchShape, batches);
        int bMatrices = (int) (b.descriptor().elementCount() / Math.max(1, (long) k * n));
        GemmKernel.PackedB[] packed = null;
        if (b.isConstant()) {
            packed = new GemmKernel.PackedB[bMatrices];
            float[] weights = decoded(b);
            for (int i = 0; i < bMatrices; i++) {
                packed[i] = GemmKernel.PackedB.pack(weights, i * k * n, k, n, n, 1, m);
            }
        }
        GemmKernel.PackedB[] constantPacked = packed;
        float[] bias = fusedBias(node, n);
        Pointwise.Bounds clamp = fusedClamp(node);
        GemmKernel.Epilogue epilogue = epilogue(1, null, 0, null, stagesAfter(node, clamp));
        return slots -> {
            float[] as = readFloats(slots, a);
            float[] bs = constantPacked == null ? readFloats(slots, b) : null;
            GemmKernel.PackedB[] panels = constantPacked != null ? constantPacked : new GemmKernel.PackedB[bMatrices];
            float[] y = target(slots, out);
            for (int batch = 0; batch < batches; batch++) {
                int bi = batchB[batch];
                if (panels[bi] == null) {
                    panels[bi] = GemmKernel.PackedB.pack(bs, bi * k * n, k, n, n, 1, m);
                }
                GemmKernel.multiply(m, n, k, GemmKernel.rowMajor(as, batchA[batch] * m * k, k), panels[bi], y,
                        batch * m * n, n, bias, clamp, epilogue);
            }
            commit(slots, out, y);
        };
    }

    /** For each batch of the broadcast batch shape, the index of the operand's matrix. */
    private static int[] batchIndices(long[] shape, long[] batchShape, int batches) {
        long[] strides = Pointwise.broadcastStrides(shape, batchShape);
        int[] out = new int[batches];
        for (int batch = 0; batch < batches; batch++) {
            int rest = batch;
            int index = 0;
            for (int d = batchShape.length - 1; d >= 0; d--) {
                int coordinate = (int) (rest % batchShape[d]);
                rest /= (int) batchShape[d];
                index += (int) (coordinate * strides[d]);
            }
            out[batch] = index;
        }
        return out;
    }

    private Step pool(Node node, Pool2d op) {
        Value x = node.inputs().get(0);
        Value out = node.output();
        Pool2d.Geometry pg = op.geometry("", List.of(x.descriptor()));
        ImageKernels.Geometry g = ImageKernels.Geometry.of(pg, x.storageShape(), out.storageShape());
        Pointwise.Stage[] stages = stages(node);
        return slots -> {
            float[] y = target(slots, out);
            ImageKernels.pool(op.kind(), readFloats(slots, x), y, g, stages);
            commit(slots, out, y);
        };
    }

    private Step chain(Node node) {
        Value x = node.inputs().get(0);
        Value out = node.output();
        List<Op> ops = new ArrayList<>();
        ops.add(node.op());
        ops.addAll(node.epilogue());
        Pointwise.Stage[] stages = Pointwise.stagesOf(ops, out.descriptor().dataType());
        int n = count(out);
        return slots -> {
            float[] xs = readFloats(slots, x);
            float[] y = target(slots, out);
            boolean vectors = Vectors.enabled();
            CpuThreads.forEach((n + CHUNK - 1) / CHUNK, chunk -> {
                int from = chunk * CHUNK;
                int to = Math.min(n, from + CHUNK);
                if (xs != y) {
                    System.arraycopy(xs, from, y, from, to - from);
                }
                Pointwise.apply(stages, y, from, to, vectors);
            });
            commit(slots, out, y);
        };
    }

    private Step binary(Node node, ElementwiseBinary.Kind kind) {
        Value a = node.inputs().get(0);
        Value b = node.inputs().get(1);
        Value out = node.output();
        long[] outShape = out.storageShape();
        long[] aShape = padded(a.storageShape(), outShape.length);
        long[] bShape = padded(b.storageShape(), outShape.length);
        Pointwise.Stage[] stages = stages(node);
        int n = count(out);
        return slots -> {
            float[] y = target(slots, out);
            boolean vectors = Vectors.enabled();
            Pointwise.binary(kind, readFloats(slots, a), aShape, readFloats(slots, b), bShape, y, outShape, vectors);
            Pointwise.apply(stages, y, 0, n, vectors);
            commit(slots, out, y);
        };
    }

    private static long[] padded(long[] shape, int rank) {
        long[] out = new long[rank];
        Arrays.fill(out, 1);
        System.arraycopy(shape, 0, out, rank - shape.length, shape.length);
        return out;
    }

    private static int product(long[] shape, int from, int to) {
        int p = 1;
        for (int d = from; d < to; d++) {
            p *= (int) shape[d];
        }
        return p;
    }

    private Step softmax(Node node, Softmax op) {
        Value x = node.inputs().get(0);
        Value out = node.output();
        long[] shape = x.descriptor().shape();
        int axis = (int) op.axis();
        int outer = product(shape, 0, axis);
        int length = (int) shape[axis];
        int inner = product(shape, axis + 1, shape.length);
        return slots -> {
            float[] y = target(slots, out);
            Reductions.softmax(readFloats(slots, x), y, outer, length, inner);
            commit(slots, out, y);
        };
    }

    /** Reductions whose reduced axes (ignoring size-1 ones) are adjacent, as [outer, length, inner]; else null. */
    private Step reduce(Node node, Reduce op) {
        Value x = node.inputs().get(0);
        Value out = node.output();
        long[] shape = x.descriptor().shape();
        boolean[] reduced = op.reducedAxes(shape.length);
        int first = -1;
        int last = -1;
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d] && shape[d] != 1) {
                if (first < 0) {
                    first = d;
                }
                last = d;
            }
        }
        for (int d = first + 1; d < last; d++) {
            if (!reduced[d] && shape[d] != 1) {
                return null;
            }
        }
        int outer = first < 0 ? product(shape, 0, shape.length) : product(shape, 0, first);
        int length = first < 0 ? 1 : product(shape, first, last + 1);
        int inner = first < 0 ? 1 : product(shape, last + 1, shape.length);
        return slots -> {
            float[] y = target(slots, out);
            Reductions.reduce(op.kind(), readFloats(slots, x), y, outer, length, inner);
            commit(slots, out, y);
        };
    }

    private Step batchNormalization(Node node, BatchNormalization op) {
        Value x = node.inputs().get(0);
        Value out = node.output();
        long[] shape = x.descriptor().shape();
        int axis = (int) op.axis();
        int outer = product(shape, 0, axis);
        int channels = (int) shape[axis];
        int inner = product(shape, axis + 1, shape.length);
        double epsilon = TensorData.roundTo(out.descriptor().dataType(), op.epsilon());
        return slots -> {
            float[] mean = readFloats(slots, node.inputs().get(1));
            float[] variance = readFloats(slots, node.inputs().get(2));
            Value scale = node.inputs().get(3);
            Value bias = node.inputs().get(4);
            float[] y = target(slots, out);
            Reductions.channelNormalize(readFloats(slots, x), y, outer, channels, inner, mean, variance,
                    scale == null ? null : readFloats(slots, scale), bias == null ? null : readFloats(slots, bias),
                    epsilon);
            commit(slots, out, y);
        };
    }

    /** layerNormalization over trailing axes in order: [groups][features], the features contiguous. */
    private Step layerNormalization(Node node, LayerNormalization op) {
        Value x = node.inputs().get(0);
        Value out = node.output();
        long[] shape = x.descriptor().shape();
        int[] axes = op.resolvedAxes(shape.length);
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] != shape.length - axes.length + i) {
                return null;
            }
        }
        int features = product(shape, shape.length - axes.length, shape.length);
        int groups = product(shape, 0, shape.length - axes.length);
        double epsilon = TensorData.roundTo(out.descriptor().dataType(), op.epsilon());
        return slots -> normalizeGroups(slots, x, out, node.inputs().get(1), node.inputs().get(2), groups, features,
                1, features, epsilon, false, 1);
    }

    private Step instanceNormalization(Node node, InstanceNormalization op) {
        Value x = node.inputs().get(0);
        Value out = node.output();
        long[] shape = x.descriptor().shape();
        boolean nchw = op.layout() == InputLayout.NCHW;
        int channels = (int) shape[op.layout().channelAxis()];
        int pixels = (int) (nchw ? shape[2] * shape[3] : shape[1] * shape[2]);
        double epsilon = TensorData.roundTo(out.descriptor().dataType(), op.epsilon());
        int groups = (int) shape[0] * channels;
        return slots -> normalizeGroups(slots, x, out, node.inputs().get(1), node.inputs().get(2), groups, pixels,
                nchw ? 1 : channels, nchw ? pixels : 1, epsilon, true, channels);
    }

    /**
     * Normalizes each group of {@code length} elements (stride {@code stride}) by its mean and variance, in double
     * with the reference's expression. Group g starts at (g / channels) * channels * length + (g % channels) *
     * groupStep for instance normalization; scale and bias are per channel there, per feature otherwise.
     */
    private void normalizeGroups(Object[] slots, Value x, Value out, Value scale, Value bias, int groups, int length,
                                 int stride, int groupStep, double epsilon, boolean perChannel, int channels) {
        float[] xs = readFloats(slots, x);
        float[] scales = scale == null ? null : readFloats(slots, scale);
        float[] biases = bias == null ? null : readFloats(slots, bias);
        float[] y = target(slots, out);
        CpuThreads.forEach(groups, g -> {
            int from = perChannel ? (g / channels) * channels * length + (g % channels) * groupStep : g * length;
            double[] moments = Reductions.moments(xs, from, length, stride);
            double deviation = Math.sqrt(moments[1] + epsilon);
            int c = g % channels;
            for (int i = 0; i < length; i++) {
                int at = from + i * stride;
                int f = perChannel ? c : i;
                double s = scales == null ? 1 : scales[f];
                double b = biases == null ? 0 : biases[f];
                y[at] = (float) (s * (xs[at] - moments[0]) / deviation + b);
            }
        });
        commit(slots, out, y);
    }
}
