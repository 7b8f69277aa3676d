package dev.webnn.engine.parity;

import dev.webnn.engine.DataType;
import dev.webnn.engine.MemoryBudget;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.backend.Backend;
import dev.webnn.engine.backend.Executable;
import dev.webnn.engine.backend.TensorMemory;
import dev.webnn.engine.backend.reference.ReferenceBackend;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.ops.Op;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Runs a graph on a backend and on the reference backend with the same random inputs (edge values mixed in) and
 * compares every output the way the WPT conformance tests do: a distance in ULP of the output type, or an absolute
 * bound (ATOL), NaN equal to NaN, integers exactly unless the op's tolerance says otherwise. The candidate gets
 * read-only inputs, so a backend that writes into an input fails. Usable without JUnit (scripts/gpu-check.sh).
 */
public final class Parity {
    private static final ReferenceBackend REFERENCE = new ReferenceBackend();

    /**
     * @param ulps the allowed distance in representable values of the output type (integers: in units)
     * @param atol the allowed absolute difference, as the WPT files that use ATOL state it
     * @param signedZero whether -0 and +0 differ: only for ops that copy or negate values exactly
     */
    public record Tolerance(long ulps, double atol, boolean signedZero) {
        public static final Tolerance EXACT = new Tolerance(0, 0, false);
        /** Data movement and sign operations: the result's bits, zeros' signs included. */
        public static final Tolerance BITWISE = new Tolerance(0, 0, true);

        public static Tolerance ulp(long ulps) {
            return new Tolerance(ulps, 0, false);
        }

        public static Tolerance atol(double atol) {
            return new Tolerance(0, atol, false);
        }

        /** Both errors add up, as utils.js adds the ULP of every op of a graph. */
        public Tolerance plus(Tolerance other) {
            return new Tolerance(ulps + other.ulps, atol + other.atol, signedZero && other.signedZero);
        }
    }

    /** How an input's values are drawn. */
    public enum Values {
        /** [-4, 4), every fifth value an edge value of the type (±0, ±Infinity, NaN, subnormals, extremes). */
        EDGES,
        /**
         * [0, 1), one value in 64 from ±0, +Infinity, NaN and subnormals. For ops that sum products: with signs
         * mixed, cancellation makes any float32 summation order differ from the double oracle by more ULP of the
         * small result than the WPT tolerances allow, and the WPT data draws such inputs non-negative too.
         */
        SUM_EDGES,
        /** [-1, 1), no edge values. */
        SIGNED,
        /** [0, 1), no edge values. */
        UNIT,
        /** [0.1, 4.1) for floats, [0, 4] for integers. */
        POSITIVE,
        /** Integers in [-3, 3] (floats too), clamped to the type's range. */
        SMALL_INTEGERS
    }

    /** Builds one graph; its inputs say how their values are drawn. */
    public static final class Builder {
        final GraphBuilder graph = new GraphBuilder(REFERENCE.opSupportLimits(), () -> true);
        final Map<String, Values> kinds = new LinkedHashMap<>();
        final Map<String, long[]> indexRanges = new LinkedHashMap<>();
        private final Random constants;
        private Values inputValues = Values.EDGES;

        Builder(String caseName) {
            constants = new Random(~caseName.hashCode());
        }

        /** How {@link #input} draws the values of the inputs declared after this call. */
        public Builder drawing(Values values) {
            inputValues = values;
            return this;
        }

        public Operand input(String name, OperandDescriptor descriptor) {
            return in(name, inputValues, descriptor.dataType(), descriptor.shape());
        }

        /** A constant drawn from the case's seed, so the backends see it when they compile (packing, folding). */
        public Operand constant(Values values, OperandDescriptor descriptor) {
            return graph.constant(descriptor, Parity.values(descriptor, values, null, constants));
        }

        public Operand in(String name, DataType type, long... shape) {
            return in(name, Values.EDGES, type, shape);
        }

        public Operand in(String name, Values values, DataType type, long... shape) {
            kinds.put(name, values);
            return graph.input(name, OperandDescriptor.of(type, shape));
        }

        /** Index values in [low, high], outside the valid range on purpose to exercise the clamping. */
        public Operand indices(String name, DataType type, long low, long high, long... shape) {
            indexRanges.put(name, new long[] {low, high});
            return in(name, Values.SIGNED, type, shape);
        }

        public Operand op(Op op, Operand... inputs) {
            return graph.addOperation(op, Arrays.asList(inputs), "").getFirst();
        }

        public List<Operand> ops(Op op, Operand... inputs) {
            return graph.addOperation(op, Arrays.asList(inputs), "");
        }
    }

    /**
     * @param onDevice whether a device backend must run every op itself (false where it may fall back to the CPU)
     */
    public record Case(String name, Function<Builder, Map<String, Operand>> body, Tolerance tolerance,
                       boolean onDevice) {
        /** The graph alone, for looking at what a backend makes of it. */
        public Graph graph() {
            Builder b = new Builder(name);
            return b.graph.build(body.apply(b));
        }
    }

    /** A case's graph with its inputs drawn and the reference's outputs computed once, for any number of backends. */
    public static final class Prepared {
        public final Case c;
        public final Graph graph;
        final Map<String, ByteBuffer> inputs = new LinkedHashMap<>();
        final Map<String, ByteBuffer> expected;

        private Prepared(Case c, Graph graph, Builder b) {
            this.c = c;
            this.graph = graph;
            Random random = new Random(c.name.hashCode());
            graph.inputs().forEach((name, operand) -> inputs.put(name,
                    values(operand.descriptor(), b.kinds.get(name), b.indexRanges.get(name), random)));
            expected = outputBuffers(graph);
            REFERENCE.compile(graph).execute(readOnly(inputs), expected);
        }

        /**
         * Runs the candidate on the same inputs, first on buffers, then twice on tensors' memory as a context of its
         * backend keeps them ({@link Backend#allocateTensor}: device memory, or floats that a cpu graph reads and writes
         * without copies). Null when every output of the first run is within the case's tolerance,
         * the later runs, which reuse what the first planned and cached, give the same values, and the input
         * tensors still hold the inputs afterwards.
         */
        public String check(Executable candidate, Backend backend) {
            Map<String, ByteBuffer> got = outputBuffers(graph);
            candidate.execute(readOnly(inputs), got);
            Map<String, TensorMemory> inputMemory = new LinkedHashMap<>();
            graph.inputDescriptors().forEach((name, d) -> inputMemory.put(name, backend.allocateTensor(d, MemoryBudget.unlimited())));
            inputMemory.forEach((name, memory) -> memory.write(inputs.get(name)));
            for (int run = 2; run <= 3; run++) {
                Map<String, TensorMemory> outputMemory = new LinkedHashMap<>();
                graph.outputDescriptors().forEach((name, d) -> outputMemory.put(name, backend.allocateTensor(d, MemoryBudget.unlimited())));
                candidate.dispatch(inputMemory, outputMemory);
                for (String name : graph.outputs().keySet()) {
                    OperandDescriptor d = graph.outputs().get(name).descriptor();
                    TensorData first = TensorData.decode(d, got.get(name));
                    String mismatch = run == 2 ? compare(d, first, TensorData.decode(d, expected.get(name)),
                            c.tolerance) : null;
                    if (mismatch != null) {
                        return "output '" + name + "': " + mismatch;
                    }
                    mismatch = compare(d, TensorData.decode(d, outputMemory.get(name).read()), first,
                            Tolerance.EXACT);
                    if (mismatch != null) {
                        return "run " + run + " on tensors, output '" + name + "': " + mismatch;
                    }
                }
                for (String name : graph.inputs().keySet()) {
                    OperandDescriptor d = graph.inputs().get(name).descriptor();
                    String changed = compare(d, TensorData.decode(d, inputMemory.get(name).read()),
                            TensorData.decode(d, inputs.get(name).duplicate().order(ByteOrder.LITTLE_ENDIAN)),
                            Tolerance.EXACT);
                    if (changed != null) {
                        return "run " + run + " wrote into input tensor '" + name + "': " + changed;
                    }
                }
            }
            return null;
        }
    }

    public record Result(String name, String failure) {
        public boolean passed() {
            return failure == null;
        }
    }

    private Parity() {
    }

    /** The reference's answer for the case; throws when the case itself is malformed. */
    public static Prepared prepare(Case c) {
        Builder b = new Builder(c.name);
        Graph graph = b.graph.build(c.body.apply(b));
        return new Prepared(c, graph, b);
    }

    /** Compiles and runs the case on the backend; any exception is a failure of the case. */
    public static Result run(Prepared prepared, Backend backend) {
        try {
            Executable executable = backend.compile(prepared.graph);
            try {
                return new Result(prepared.c.name, prepared.check(executable, backend));
            } finally {
                executable.release();
            }
        } catch (RuntimeException e) {
            return new Result(prepared.c.name, describe(e));
        }
    }

    public static String describe(RuntimeException e) {
        if (System.getenv("PARITY_TRACE") != null) {
            e.printStackTrace();
        }
        String message = String.valueOf(e.getMessage());
        return e.getClass().getSimpleName() + ": "
                + (message.length() > 3000 ? message.substring(0, 3000) + "..." : message);
    }

    /** Runs every case on the backend; prints one line per failure and a summary. */
    public static List<Result> runAll(List<Case> cases, Backend backend, PrintStream out) {
        List<Result> results = new ArrayList<>();
        for (Case c : cases) {
            Result r = run(prepare(c), backend);
            results.add(r);
            if (!r.passed()) {
                out.println("FAIL " + r.name + " on " + backend.name() + ": " + r.failure);
            }
        }
        summarize(results, backend.name(), out);
        return results;
    }

    public static void summarize(List<Result> results, String backend, PrintStream out) {
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println("parity: " + (results.size() - failed) + " passed, " + failed + " failed, on " + backend);
    }

    static Map<String, ByteBuffer> readOnly(Map<String, ByteBuffer> buffers) {
        Map<String, ByteBuffer> out = new LinkedHashMap<>();
        buffers.forEach((name, b) -> out.put(name, b.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN)));
        return out;
    }

    private static Map<String, ByteBuffer> outputBuffers(Graph graph) {
        Map<String, ByteBuffer> out = new LinkedHashMap<>();
        graph.outputDescriptors().forEach((name, d) -> out.put(name,
                ByteBuffer.allocate((int) d.byteLength()).order(ByteOrder.LITTLE_ENDIAN)));
        return out;
    }

    private static final double[] FLOAT32_EDGES = {0.0, -0.0, 1, -1, 0.5, -2.5, 3, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40, -1e-39,
            Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 65504, -65504};
    /** The float16 extremes: smallest subnormal, largest subnormal, smallest normal, largest finite. */
    private static final double[] FLOAT16_EDGES = {0.0, -0.0, 1, -1, 0.5, -2.5, 3, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0x1p-24, -0x1p-24, 0x3FFp-24, 0x1p-14, 65504, -65504};
    private static final double[] SUM_EDGES = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NaN, 0x1p-24, 1e-40};

    static ByteBuffer values(OperandDescriptor d, Values kind, long[] indexRange, Random random) {
        int n = (int) d.elementCount();
        DataType t = d.dataType();
        if (t.isFloat()) {
            double[] edges = t == DataType.FLOAT16 ? FLOAT16_EDGES : FLOAT32_EDGES;
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = switch (kind) {
                    case POSITIVE -> 0.1 + 4 * random.nextDouble();
                    case SMALL_INTEGERS -> random.nextInt(7) - 3;
                    case EDGES -> random.nextInt(5) == 0 ? edges[random.nextInt(edges.length)]
                            : 8 * random.nextDouble() - 4;
                    case SUM_EDGES -> random.nextInt(64) == 0 ? SUM_EDGES[random.nextInt(SUM_EDGES.length)]
                            : random.nextDouble();
                    case SIGNED -> 2 * random.nextDouble() - 1;
                    case UNIT -> random.nextDouble();
                };
            }
            return TensorData.ofFloats(d, v).toBytes();
        }
        long[] v = new long[n];
        long min = TensorData.minOf(t);
        long max = TensorData.maxOf(t);
        long[] edges = {0, 1, -1, 2, min, max, min + 1, max - 1};
        for (int i = 0; i < n; i++) {
            if (indexRange != null) {
                v[i] = indexRange[0] + random.nextLong(indexRange[1] - indexRange[0] + 1);
            } else if (kind == Values.EDGES) {
                v[i] = random.nextInt(4) == 0 ? edges[random.nextInt(edges.length)] : random.nextLong();
            } else {
                v[i] = kind == Values.POSITIVE || kind == Values.SUM_EDGES || kind == Values.UNIT ? random.nextInt(5)
                        : random.nextInt(7) - 3;
            }
            if (!t.isSigned() && v[i] < 0 && kind != Values.EDGES) {
                v[i] = -v[i];
            }
        }
        return TensorData.ofIntegers(d, v).toBytes();
    }

    static String compare(OperandDescriptor d, TensorData got, TensorData want, Tolerance tolerance) {
        if (d.dataType().isInteger()) {
            long[] g = got.integers();
            long[] w = want.integers();
            for (int i = 0; i < w.length; i++) {
                // The difference wraps correctly for uint64 too when it is small; a huge one overflows negative.
                long distance = Math.abs(g[i] - w[i]);
                if (g[i] != w[i] && (distance > tolerance.ulps || distance < 0)) {
                    return "element " + i + " is " + g[i] + ", expected " + w[i];
                }
            }
            return null;
        }
        double[] g = got.floats();
        double[] w = want.floats();
        for (int i = 0; i < w.length; i++) {
            if (!close(d.dataType(), g[i], w[i], tolerance)) {
                return "element " + i + " is " + g[i] + ", expected " + w[i] + " (" + ulps(d.dataType(), g[i], w[i])
                        + " ulps)";
            }
        }
        return null;
    }

    static boolean close(DataType t, double got, double want, Tolerance tolerance) {
        if (Double.isNaN(want) || Double.isNaN(got)) {
            return Double.isNaN(want) && Double.isNaN(got);
        }
        if (got == want) {
            return !tolerance.signedZero || Double.doubleToRawLongBits(got) == Double.doubleToRawLongBits(want);
        }
        if (Double.isInfinite(want) || Double.isInfinite(got)) {
            return false;
        }
        return ulps(t, got, want) <= tolerance.ulps || Math.abs(got - want) <= tolerance.atol;
    }

    /** The distance in representable values of the type, across zero too. */
    public static long ulps(DataType t, double a, double b) {
        if (t == DataType.FLOAT16) {
            return Math.abs(ordered16(Float.floatToFloat16((float) a)) - ordered16(Float.floatToFloat16((float) b)));
        }
        return Math.abs(ordered32(Float.floatToRawIntBits((float) a)) - ordered32(Float.floatToRawIntBits((float) b)));
    }

    private static long ordered32(int bits) {
        return bits < 0 ? -(long) (bits & 0x7FFFFFFF) : bits;
    }

    private static long ordered16(short bits) {
        return (bits & 0x8000) != 0 ? -(long) (bits & 0x7FFF) : bits;
    }
}
