package dev.webnn.engine.backend.opencl;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.backend.Executable;
import dev.webnn.engine.backend.reference.ReferenceBackend;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.ops.Op;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Runs graphs on the OpenCL backend and on the reference backend with the same random inputs (edge values mixed in)
 * and compares every output: integers exactly, floats within a tolerance in units in the last place of the output
 * type or an absolute/relative bound, the way WPT states its tolerances. Usable without JUnit, so that
 * scripts/gpu-check.sh can run it on a machine that has only the engine's jars.
 */
final class Parity {
    /** Pass when NaN matches NaN, infinities match exactly, or within ulps, or |a - b| <= atol + rtol * |ref|. */
    record Tolerance(int ulps, double atol, double rtol) {
        static final Tolerance EXACT = new Tolerance(0, 0, 0);
        static final Tolerance ARITHMETIC = new Tolerance(2, 0, 0);
        static final Tolerance TRANSCENDENTAL = new Tolerance(32, 1.0 / 1024, 0);

        /** Sums of {@code terms} products of values of magnitude up to about {@code scale}. */
        static Tolerance accumulation(long terms, double scale) {
            return new Tolerance(8, terms * scale * scale * 2e-6 + 1e-5, 2e-3);
        }
    }

    /** How an input's values are drawn. */
    enum Values { EDGES, PLAIN, POSITIVE, SMALL_INTEGERS }

    /** Builds one graph; its inputs say how their values are drawn. */
    static final class Builder {
        final GraphBuilder graph = new GraphBuilder(new ReferenceBackend().opSupportLimits(), () -> true);
        final Map<String, Values> kinds = new LinkedHashMap<>();
        final Map<String, long[]> indexRanges = new LinkedHashMap<>();

        Operand in(String name, DataType type, long... shape) {
            return in(name, Values.EDGES, type, shape);
        }

        Operand in(String name, Values values, DataType type, long... shape) {
            kinds.put(name, values);
            return graph.input(name, OperandDescriptor.of(type, shape));
        }

        /** Index values in [low, high], outside the valid range on purpose to exercise the clamping. */
        Operand indices(String name, DataType type, long low, long high, long... shape) {
            indexRanges.put(name, new long[] {low, high});
            return in(name, Values.PLAIN, type, shape);
        }

        Operand op(Op op, Operand... inputs) {
            return graph.addOperation(op, java.util.Arrays.asList(inputs), "").getFirst();
        }

        List<Operand> ops(Op op, Operand... inputs) {
            return graph.addOperation(op, java.util.Arrays.asList(inputs), "");
        }
    }

    /**
     * @param onDevice whether every op must run on the device (false for the CPU-fallback cases)
     */
    record Case(String name, Function<Builder, Map<String, Operand>> body, Tolerance tolerance, boolean onDevice) {
    }

    record Result(String name, String failure, int hostOps, int kernels) {
        boolean passed() {
            return failure == null;
        }
    }

    private final OpenCLBackend backend;
    private final ReferenceBackend reference = new ReferenceBackend();

    Parity(OpenCLBackend backend) {
        this.backend = backend;
    }

    Result run(Case c) {
        try {
            Builder b = new Builder();
            Map<String, Operand> outputs = c.body.apply(b);
            Graph graph = b.graph.build(outputs);
            Random random = new Random(c.name.hashCode());
            Map<String, ByteBuffer> inputs = new LinkedHashMap<>();
            graph.inputs().forEach((name, operand) ->
                    inputs.put(name, values(operand.descriptor(), b.kinds.get(name), b.indexRanges.get(name), random)));
            ClExecutable device = (ClExecutable) backend.compile(graph);
            int hostOps = device.plan().hostOps;
            int kernels = (int) device.plan().steps.stream().filter(s -> s instanceof ClPlan.Launch).count();
            if (c.onDevice && hostOps > 0) {
                return new Result(c.name, hostOps + " op(s) fell back to the CPU", hostOps, kernels);
            }
            Executable expected = reference.compile(graph);
            Map<String, ByteBuffer> got = outputBuffers(graph);
            Map<String, ByteBuffer> want = outputBuffers(graph);
            device.execute(readOnly(inputs), got);
            expected.execute(readOnly(inputs), want);
            device.release();
            for (String name : graph.outputs().keySet()) {
                OperandDescriptor d = graph.outputs().get(name).descriptor();
                String mismatch = compare(d, TensorData.decode(d, got.get(name)), TensorData.decode(d, want.get(name)),
                        c.tolerance);
                if (mismatch != null) {
                    return new Result(c.name, "output '" + name + "': " + mismatch, hostOps, kernels);
                }
            }
            return new Result(c.name, null, hostOps, kernels);
        } catch (RuntimeException e) {
            if (System.getenv("PARITY_TRACE") != null) {
                e.printStackTrace();
            }
            String message = String.valueOf(e.getMessage());
            return new Result(c.name, e.getClass().getSimpleName() + ": " + (message.length() > 3000
                    ? message.substring(0, 3000) + "..." : message), -1, -1);
        }
    }

    private static Map<String, ByteBuffer> readOnly(Map<String, ByteBuffer> buffers) {
        Map<String, ByteBuffer> out = new LinkedHashMap<>();
        buffers.forEach((name, b) -> out.put(name, b.asReadOnlyBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN)));
        return out;
    }

    private static Map<String, ByteBuffer> outputBuffers(Graph graph) {
        Map<String, ByteBuffer> out = new LinkedHashMap<>();
        graph.outputDescriptors().forEach((name, d) -> out.put(name,
                ByteBuffer.allocate((int) d.byteLength()).order(java.nio.ByteOrder.LITTLE_ENDIAN)));
        return out;
    }

    private static final double[] FLOAT_EDGES = {0.0, -0.0, 1, -1, 0.5, -2.5, 3, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 65504, -65504};

    static ByteBuffer values(OperandDescriptor d, Values kind, long[] indexRange, Random random) {
        int n = (int) d.elementCount();
        DataType t = d.dataType();
        if (t.isFloat()) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = switch (kind) {
                    case POSITIVE -> 0.1 + 4 * random.nextDouble();
                    case SMALL_INTEGERS -> random.nextInt(7) - 3;
                    case EDGES -> random.nextInt(5) == 0 ? FLOAT_EDGES[random.nextInt(FLOAT_EDGES.length)]
                            : 8 * random.nextDouble() - 4;
                    case PLAIN -> 2 * random.nextDouble() - 1;
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
            } else if (kind == Values.SMALL_INTEGERS || kind == Values.POSITIVE || kind == Values.PLAIN) {
                v[i] = kind == Values.POSITIVE ? random.nextInt(5) : random.nextInt(9) - 4;
            } else {
                v[i] = random.nextInt(4) == 0 ? edges[random.nextInt(edges.length)] : random.nextLong();
            }
        }
        return TensorData.ofIntegers(d, v).toBytes();
    }

    static String compare(OperandDescriptor d, TensorData got, TensorData want, Tolerance tolerance) {
        if (d.dataType().isInteger()) {
            long[] g = got.integers();
            long[] w = want.integers();
            for (int i = 0; i < w.length; i++) {
                if (g[i] != w[i]) {
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

    private static boolean close(DataType t, double got, double want, Tolerance tolerance) {
        if (Double.isNaN(want) || Double.isNaN(got)) {
            return Double.isNaN(want) && Double.isNaN(got);
        }
        if (Double.isInfinite(want) || Double.isInfinite(got)) {
            return got == want || Math.abs(got - want) <= tolerance.atol;
        }
        return ulps(t, got, want) <= tolerance.ulps || Math.abs(got - want) <= tolerance.atol + tolerance.rtol
                * Math.abs(want);
    }

    /** The distance in representable values of the type, across zero too. */
    static long ulps(DataType t, double a, double b) {
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

    /**
     * Runs every case; prints one line per failure and a summary; returns the results. All kernels are built first,
     * many to a program, as one graph's kernels are: a build has a large fixed cost on PoCL.
     */
    List<Result> runAll(List<Case> cases, java.io.PrintStream out) {
        List<String> sources = new ArrayList<>();
        for (Case c : cases) {
            try {
                Builder b = new Builder();
                sources.addAll(ClPlan.build(b.graph.build(c.body.apply(b)), backend.device().info(), null).kernelSources());
            } catch (RuntimeException e) {
                // Reported when the case runs.
            }
        }
        try {
            backend.device().prebuild(sources);
        } catch (RuntimeException e) {
            // A kernel that does not build is reported by its case.
        }
        List<Result> results = new ArrayList<>();
        for (Case c : cases) {
            Result r = run(c);
            results.add(r);
            if (!r.passed()) {
                out.println("FAIL " + r.name + ": " + r.failure);
            }
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println("parity: " + (results.size() - failed) + " passed, " + failed + " failed, on "
                + backend.device().info().describe());
        return results;
    }
}
