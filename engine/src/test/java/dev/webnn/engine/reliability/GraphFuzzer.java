package dev.webnn.engine.reliability;

import dev.webnn.engine.DataType;
import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.ValidationError;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.backend.Backend;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.graph.Operation;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.runtime.CompiledGraph;
import dev.webnn.engine.runtime.ContextLimits;
import dev.webnn.engine.runtime.ContextOptions;
import dev.webnn.engine.runtime.Tensor;
import dev.webnn.engine.runtime.WebNNContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A seeded random-graph fuzzer over the engine's Java API. Every op record under {@link Op} is made by reflection
 * with random options (small values mostly, extremes sometimes, absent optional lists), applied to random operands
 * (mostly shapes and types that fit together, sometimes not, sometimes descriptors no validator should accept).
 *
 * <p>What it checks: an invalid case is refused with a {@link WebNNException} (a ValidationError from the builder),
 * nothing else; a valid graph compiles or is refused with an OperationError, runs without losing its context, gives
 * bit-identical results on every run path (whole graph versus one op at a time, each through its own dispatch), and
 * the same results (within float tolerance) on every other backend under test.
 */
final class GraphFuzzer {
    /** Graphs whose operands hold more elements than this are built but not run, to keep cases fast. */
    private static final long MAX_ELEMENTS_TO_RUN = 50_000;
    private static final long[] EXTREMES = {-1, 0, Integer.MAX_VALUE, 1L << 32, -(1L << 31), Long.MAX_VALUE,
        Long.MIN_VALUE, 0xFFFF_FFFFL};
    private static final double[] DOUBLES = {0, 1, -1, 0.5, 2, 1e-5, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1e300, Double.MIN_VALUE};
    @SuppressWarnings("unchecked")
    private static final List<Class<? extends Op>> OPS = Arrays.stream(Op.class.getPermittedSubclasses())
            .<Class<? extends Op>>map(c -> (Class<? extends Op>) c).toList();

    /** Counts and findings of one run. */
    static final class Report {
        long cases;
        long validOperations;
        long invalidOperations;
        long hostileDescriptorsRefused;
        long graphsBuilt;
        long buildsRefused;
        long graphsRun;
        long graphsTooLargeToRun;
        long opByOpComparisons;
        /** Graphs with an intermediate operand no graph input may be (rank above the input limit). */
        long opByOpSkipped;
        long backendComparisons;
        final Map<String, long[]> perOp = new TreeMap<>();
        final List<String> findings = new ArrayList<>();
        /** How often each kind of finding (its description up to the first colon) occurred. */
        final Map<String, Long> findingKinds = new TreeMap<>();

        @Override
        public String toString() {
            long opsWithValidCases = perOp.values().stream().filter(c -> c[0] > 0).count();
            return "cases=" + cases + " validOperations=" + validOperations + " invalidOperations=" + invalidOperations
                    + " hostileDescriptorsRefused=" + hostileDescriptorsRefused + " graphsBuilt=" + graphsBuilt
                    + " buildsRefused=" + buildsRefused + " graphsRun=" + graphsRun
                    + " graphsTooLargeToRun=" + graphsTooLargeToRun + " opByOpComparisons=" + opByOpComparisons + " opByOpSkipped=" + opByOpSkipped
                    + " backendComparisons=" + backendComparisons + " opsWithValidCases=" + opsWithValidCases + "/"
                    + perOp.size() + " findings=" + findings.size();
        }
    }

    private final long seed;
    private final List<Backend> otherBackends;
    private final Report report = new Report();
    /** What the fuzzer is doing now, for a hang report. */
    final AtomicReference<String> current = new AtomicReference<>("starting");
    final AtomicLong progress = new AtomicLong();
    private WebNNContext context;

    /** @param otherBackends backends to compare with the reference on every valid graph */
    GraphFuzzer(long seed, List<Backend> otherBackends) {
        this.seed = seed;
        this.otherBackends = List.copyOf(otherBackends);
        for (Class<? extends Op> op : OPS) {
            report.perOp.put(op.getSimpleName(), new long[2]);
        }
    }

    /** Runs graphs until the deadline or the graph count; the report is complete even when findings stop nothing. */
    Report run(long deadlineNanos, long maxGraphs) {
        try {
            for (long g = 0; g < maxGraphs && System.nanoTime() < deadlineNanos; g++) {
                fuzzGraph(g, new Random(seed * 1_000_003L + g));
                progress.incrementAndGet();
                if (report.findings.size() >= 50) {
                    break;
                }
            }
        } finally {
            if (context != null) {
                context.destroy();
            }
        }
        return report;
    }

    private WebNNContext context() {
        if (context == null || context.isDestroyed()) {
            context = WebNNContext.create(ContextOptions.DEFAULT);
        }
        return context;
    }

    /** Keeps the first case of each kind of finding, and counts the rest. */
    private void finding(long graph, String what, Object detail) {
        String kind = what + " / " + String.valueOf(detail).split("[\\[(:]", 2)[0];
        if (report.findingKinds.merge(kind, 1L, Long::sum) == 1) {
            report.findings.add("seed=" + seed + " graph=" + graph + ": " + what + ": " + detail);
        }
    }

    private void fuzzGraph(long g, Random random) {
        WebNNContext ctx = context();
        GraphBuilder builder = ctx.newGraphBuilder();
        DataType baseType = randomType(random);
        long[] baseShape = randomShape(random);
        List<Operand> pool = new ArrayList<>();
        Map<Operand, ByteBuffer> inputData = new HashMap<>();
        int inputs = 1 + random.nextInt(3);
        for (int i = 0; i < inputs; i++) {
            OperandDescriptor d = nearby(random, baseType, baseShape);
            Operand input = builder.input("in" + i, d);
            pool.add(input);
            inputData.put(input, randomData(random, d));
        }
        if (random.nextInt(3) == 0) {
            OperandDescriptor d = nearby(random, baseType, baseShape);
            pool.add(builder.constant(d, randomData(random, d)));
        }
        // Companions that many ops want next to a data operand: indices, a per-channel vector, a scalar.
        if (random.nextBoolean()) {
            DataType indexType = random.nextBoolean() ? DataType.INT32 : DataType.INT64;
            OperandDescriptor d = OperandDescriptor.of(indexType, random.nextBoolean() ? baseShape : new long[0]);
            pool.add(builder.constant(d, randomData(random, d)));
        }
        if (random.nextBoolean() && baseShape.length > 0) {
            OperandDescriptor d = OperandDescriptor.of(baseType, baseShape[0]);
            pool.add(builder.constant(d, randomData(random, d)));
        }
        if (random.nextInt(25) == 0) {
            hostileDescriptor(g, random, builder);
        }
        List<Operand> produced = new ArrayList<>();
        int steps = 1 + random.nextInt(5);
        for (int step = 0; step < steps; step++) {
            Class<? extends Op> type = OPS.get(random.nextInt(OPS.size()));
            Op op;
            try {
                op = randomOp(type, random);
            } catch (RuntimeException e) {
                continue; // A record that refuses its arguments in its constructor: a Java precondition, not a case.
            }
            for (int attempt = 0; attempt < 6; attempt++) {
                int arity = 1 + attempt % 5;
                List<Operand> args = new ArrayList<>();
                for (int k = 0; k < arity; k++) {
                    args.add(random.nextInt(10) == 0 ? null : pool.get(random.nextInt(pool.size())));
                }
                report.cases++;
                current.set("graph " + g + " op " + op + " inputs " + describe(args));
                try {
                    List<Operand> outputs = builder.addOperation(op, args, "op" + step);
                    report.validOperations++;
                    report.perOp.get(type.getSimpleName())[0]++;
                    pool.addAll(outputs);
                    produced.addAll(outputs);
                    break;
                } catch (WebNNException e) {
                    report.invalidOperations++;
                    report.perOp.get(type.getSimpleName())[1]++;
                    if (!(e instanceof ValidationError)) {
                        finding(g, "addOperation threw a " + e.kind() + " instead of a ValidationError",
                                op + " " + describe(args) + ": " + e.getMessage());
                    }
                } catch (Throwable t) {
                    finding(g, "addOperation threw " + t, op + " " + describe(args) + stackTop(t));
                }
            }
        }
        if (produced.isEmpty()) {
            return;
        }
        Map<String, Operand> outputs = new LinkedHashMap<>();
        outputs.put("out0", produced.get(produced.size() - 1));
        Operand extra = produced.get(random.nextInt(produced.size()));
        if (extra != outputs.get("out0")) {
            outputs.put("out1", extra);
        }
        buildAndRun(g, random, ctx, builder, outputs, inputData);
    }

    private void buildAndRun(long g, Random random, WebNNContext ctx, GraphBuilder builder,
            Map<String, Operand> outputs, Map<Operand, ByteBuffer> inputData) {
        current.set("graph " + g + " build " + outputs);
        CompiledGraph compiled;
        try {
            compiled = ctx.build(builder, outputs).get(30, TimeUnit.SECONDS);
            report.graphsBuilt++;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebNNException w && w.kind() == ErrorKind.OPERATION) {
                report.buildsRefused++;
            } else {
                finding(g, "build failed with " + e.getCause(), outputs + stackTop(e.getCause()));
            }
            return;
        } catch (WebNNException e) {
            finding(g, "build() refused a graph whose operations all validated", e);
            return;
        } catch (TimeoutException | InterruptedException e) {
            finding(g, "build did not finish", outputs);
            return;
        }
        Graph graph = compiled.graph();
        if (!smallEnoughToRun(graph)) {
            report.graphsTooLargeToRun++;
            return;
        }
        Map<String, ByteBuffer> feeds = new LinkedHashMap<>();
        graph.inputs().forEach((name, operand) -> feeds.put(name, inputData.get(operand)));
        current.set("graph " + g + " run " + graph.operations().size() + " operations");
        Map<String, byte[]> whole = runOn(g, ctx, compiled, feeds);
        if (whole == null) {
            return;
        }
        report.graphsRun++;
        compareOpByOp(g, graph, feeds, whole);
        for (Backend other : otherBackends) {
            compareBackend(g, other, graph, outputs, feeds, whole);
        }
    }

    private static boolean smallEnoughToRun(Graph graph) {
        for (Operation operation : graph.operations()) {
            for (Operand o : operation.outputs()) {
                if (o.descriptor().elementCount() > MAX_ELEMENTS_TO_RUN) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Dispatches once and reads every output; null (with a finding) when anything fails. */
    private Map<String, byte[]> runOn(long g, WebNNContext ctx, CompiledGraph compiled, Map<String, ByteBuffer> feeds) {
        try {
            Map<String, Tensor> in = new LinkedHashMap<>();
            for (Map.Entry<String, OperandDescriptor> e : compiled.graph().inputDescriptors().entrySet()) {
                Tensor t = ctx.createTensor(e.getValue(), false, true);
                ctx.writeTensor(t, feeds.get(e.getKey()).duplicate());
                in.put(e.getKey(), t);
            }
            Map<String, Tensor> out = new LinkedHashMap<>();
            compiled.graph().outputDescriptors().forEach((name, d) -> out.put(name, ctx.createTensor(d, true, false)));
            ctx.dispatch(compiled, in, out);
            Map<String, byte[]> results = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : out.entrySet()) {
                ByteBuffer bytes = ctx.readTensor(e.getValue()).get(60, TimeUnit.SECONDS);
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                results.put(e.getKey(), copy);
            }
            in.values().forEach(Tensor::destroy);
            out.values().forEach(Tensor::destroy);
            return results;
        } catch (ExecutionException e) {
            String lost = ctx.lost().getNow(null);
            finding(g, "running a valid graph failed" + (lost != null ? " and lost the context" : ""),
                    (lost != null ? lost : e.getCause()) + " in " + operationsOf(compiled.graph()));
        } catch (TimeoutException | InterruptedException e) {
            finding(g, "running a valid graph did not finish", operationsOf(compiled.graph()));
        } catch (Throwable t) {
            finding(g, "binding a valid graph threw " + t, operationsOf(compiled.graph()) + stackTop(t));
        }
        return null;
    }

    /** Runs each operation as its own one-op graph, feeding it the values the earlier ones produced. */
    private void compareOpByOp(long g, Graph graph, Map<String, ByteBuffer> feeds, Map<String, byte[]> whole) {
        WebNNContext ctx = context();
        int maxInputRank = ctx.opSupportLimits().input().maxRank();
        for (Operation operation : graph.operations()) {
            for (Operand input : operation.inputs()) {
                if (input != null && input.descriptor().rank() > maxInputRank) {
                    // Operations may make operands of any rank; only graph inputs are held to the input limit.
                    report.opByOpSkipped++;
                    return;
                }
            }
        }
        Map<Operand, ByteBuffer> values = new HashMap<>();
        graph.inputs().forEach((name, operand) -> values.put(operand, feeds.get(name)));
        values.putAll(graph.constants());
        for (Operation operation : graph.operations()) {
            GraphBuilder single = ctx.newGraphBuilder();
            List<Operand> args = new ArrayList<>();
            Map<String, ByteBuffer> singleFeeds = new LinkedHashMap<>();
            for (Operand input : operation.inputs()) {
                if (input == null) {
                    args.add(null);
                    continue;
                }
                String name = "i" + singleFeeds.size();
                args.add(single.input(name, input.descriptor()));
                singleFeeds.put(name, values.get(input));
            }
            Map<String, Operand> singleOutputs = new LinkedHashMap<>();
            List<Operand> results;
            CompiledGraph compiled;
            try {
                results = single.addOperation(operation.op(), args, operation.label());
                for (int i = 0; i < results.size(); i++) {
                    singleOutputs.put("o" + i, results.get(i));
                }
                compiled = ctx.build(single, singleOutputs).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                finding(g, "a valid operation failed on its own", operation.op() + ": " + e);
                return;
            }
            Map<String, byte[]> out = runOn(g, ctx, compiled, singleFeeds);
            if (out == null) {
                return;
            }
            for (int i = 0; i < results.size(); i++) {
                values.put(operation.outputs().get(i), ByteBuffer.wrap(out.get("o" + i)));
            }
        }
        report.opByOpComparisons++;
        graph.outputs().forEach((name, operand) -> {
            byte[] expected = values.get(operand).array();
            if (!Arrays.equals(expected, whole.get(name))) {
                finding(g, "the whole graph and its operations one by one disagree on '" + name + "'",
                        operationsOf(graph));
            }
        });
    }

    private void compareBackend(long g, Backend backend, Graph graph, Map<String, Operand> outputs,
            Map<String, ByteBuffer> feeds, Map<String, byte[]> reference) {
        WebNNContext other = WebNNContext.create(ContextOptions.DEFAULT, backend, ContextLimits.DEFAULT);
        try {
            // The graph is rebuilt from its operations on the other context, which owns its own builder.
            GraphBuilder builder = other.newGraphBuilder();
            Map<Operand, Operand> copies = new HashMap<>();
            graph.inputs().forEach((name, operand) -> copies.put(operand, builder.input(name, operand.descriptor())));
            graph.constants().forEach((operand, bytes) -> copies.put(operand, builder.constant(operand.descriptor(),
                    bytes)));
            for (Operation operation : graph.operations()) {
                List<Operand> args = new ArrayList<>();
                operation.inputs().forEach(i -> args.add(i == null ? null : copies.get(i)));
                List<Operand> results = builder.addOperation(operation.op(), args, operation.label());
                for (int i = 0; i < results.size(); i++) {
                    copies.put(operation.outputs().get(i), results.get(i));
                }
            }
            Map<String, Operand> copiedOutputs = new LinkedHashMap<>();
            outputs.forEach((name, operand) -> copiedOutputs.put(name, copies.get(operand)));
            CompiledGraph compiled;
            try {
                compiled = other.build(builder, copiedOutputs).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                return; // A backend may refuse what it cannot run; its opSupportLimits must say so (checked elsewhere).
            }
            Map<String, byte[]> results = runOn(g, other, compiled, feeds);
            if (results == null) {
                return;
            }
            report.backendComparisons++;
            graph.outputs().forEach((name, operand) -> {
                if (!Tolerance.close(operand.descriptor().dataType(), reference.get(name), results.get(name))) {
                    finding(g, backend.name() + " disagrees with the reference on '" + name + "'",
                            operationsOf(graph));
                }
            });
        } catch (Exception e) {
            finding(g, backend.name() + " failed on a graph the reference ran", e);
        } finally {
            other.destroy();
        }
    }

    private void hostileDescriptor(long g, Random random, GraphBuilder builder) {
        long[] shape = randomShape(random);
        if (shape.length == 0) {
            shape = new long[] {1};
        }
        shape[random.nextInt(shape.length)] = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> -1 - random.nextInt(3);
            case 2 -> 1L << 33;
            default -> Long.MIN_VALUE;
        };
        OperandDescriptor d = OperandDescriptor.of(randomType(random), shape);
        report.cases++;
        current.set("graph " + g + " hostile descriptor " + d);
        try {
            builder.input("hostile", d);
            finding(g, "input() accepted an invalid descriptor", d);
        } catch (ValidationError e) {
            report.hostileDescriptorsRefused++;
        } catch (Throwable t) {
            finding(g, "input() threw " + t + " for an invalid descriptor", d + stackTop(t));
        }
    }

    // ---- random values ----

    private static DataType randomType(Random random) {
        DataType[] types = DataType.values();
        return random.nextInt(2) == 0 ? DataType.FLOAT32 : types[random.nextInt(types.length)];
    }

    /** Half the shapes have equal dimensions, which meet many ops' cross-operand constraints by chance. */
    private static long[] randomShape(Random random) {
        long[] shape = new long[random.nextInt(5)];
        boolean uniform = random.nextBoolean();
        long dim = 1 + random.nextInt(3);
        for (int i = 0; i < shape.length; i++) {
            shape[i] = uniform ? dim : 1 + random.nextInt(4);
        }
        return shape;
    }

    /** The base descriptor mostly; otherwise a broadcastable, reshaped or retyped neighbour of it. */
    private static OperandDescriptor nearby(Random random, DataType type, long[] shape) {
        return switch (random.nextInt(8)) {
            case 0 -> OperandDescriptor.of(randomType(random), shape);
            case 1 -> OperandDescriptor.of(type, randomShape(random));
            case 2 -> {
                long[] broadcast = shape.clone();
                if (broadcast.length > 0) {
                    broadcast[random.nextInt(broadcast.length)] = 1;
                }
                yield OperandDescriptor.of(type, broadcast);
            }
            case 3 -> OperandDescriptor.of(type, shape.length == 0 ? shape : Arrays.copyOfRange(shape, 1,
                    shape.length));
            default -> OperandDescriptor.of(type, shape);
        };
    }

    private static ByteBuffer randomData(Random random, OperandDescriptor d) {
        int n = (int) d.elementCount();
        DataType t = d.dataType();
        if (t.isFloat()) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(50) == 0 ? DOUBLES[random.nextInt(DOUBLES.length)]
                        : (random.nextDouble() - 0.5) * 8;
            }
            return TensorData.ofFloats(d, values).toBytes();
        }
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(50) == 0 ? EXTREMES[random.nextInt(EXTREMES.length)]
                    : t.isSigned() ? random.nextInt(9) - 4 : random.nextInt(8);
        }
        return TensorData.ofIntegers(d, values).toBytes();
    }

    private static Op randomOp(Class<? extends Op> type, Random random) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = randomValue(components[i].getType(), components[i].getGenericType(), random);
        }
        try {
            Constructor<? extends Op> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mostly 0 and 1 (the commonest valid counts, axes and defaults), then small values, then extremes. */
    private static long randomLong(Random random) {
        int pick = random.nextInt(12);
        return pick == 0 ? EXTREMES[random.nextInt(EXTREMES.length)] : pick < 4 ? 1 : pick < 6 ? 0
                : random.nextInt(7) - 2;
    }

    /** Absent often (options default then); else of length 2 or 4 (spatial options) or any short length. */
    private static int randomListLength(Random random) {
        int pick = random.nextInt(10);
        return pick < 4 ? -1 : pick < 6 ? 2 : pick < 8 ? 4 : random.nextInt(5);
    }

    private static Object randomValue(Class<?> type, Type generic, Random random) {
        if (type == long.class) {
            return randomLong(random);
        }
        if (type == int.class) {
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, randomLong(random)));
        }
        if (type == boolean.class) {
            return random.nextBoolean();
        }
        if (type == double.class) {
            return random.nextInt(4) == 0 ? DOUBLES[random.nextInt(DOUBLES.length)] : random.nextDouble() * 2;
        }
        if (type == float.class) {
            return (float) (random.nextDouble() * 2);
        }
        if (type == Number.class) {
            int pick = random.nextInt(4);
            return pick == 0 ? null : pick == 1 ? (Object) randomLong(random) : (Object) DOUBLES[random.nextInt(
                    DOUBLES.length)];
        }
        if (type == DataType.class) {
            return randomType(random);
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        }
        if (type == long[].class) {
            int length = randomListLength(random);
            if (length < 0) {
                return null;
            }
            long[] values = new long[length];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(8) == 0 ? randomLong(random) : random.nextInt(4);
            }
            return values;
        }
        if (type == List.class && generic instanceof ParameterizedType p) {
            int length = randomListLength(random);
            if (length < 0) {
                return null;
            }
            Class<?> element = (Class<?>) p.getActualTypeArguments()[0];
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                Object v = element == Long.class ? (Object) (random.nextInt(8) == 0 ? randomLong(random)
                        : (long) random.nextInt(3))
                        : element == Double.class ? (Object) (random.nextInt(6) == 0
                        ? DOUBLES[random.nextInt(DOUBLES.length)] : 0.5 + random.nextInt(4) * 0.5)
                        : randomValue(element, element, random);
                values.add(v);
            }
            return values;
        }
        throw new IllegalStateException("the fuzzer cannot make a " + generic + "; teach it");
    }

    // ---- descriptions ----

    private static String describe(List<Operand> operands) {
        List<String> parts = new ArrayList<>();
        for (Operand o : operands) {
            parts.add(o == null ? "null" : o.descriptor().toString());
        }
        return parts.toString();
    }

    private static String operationsOf(Graph graph) {
        List<String> parts = new ArrayList<>();
        for (Operation operation : graph.operations()) {
            parts.add(operation.op() + describe(operation.inputs()));
        }
        return parts.toString();
    }

    private static String stackTop(Throwable t) {
        StackTraceElement[] stack = t == null ? new StackTraceElement[0] : t.getStackTrace();
        return stack.length == 0 ? "" : " at " + stack[0] + (stack.length > 1 ? " < " + stack[1] : "");
    }

    /** The tolerance for comparing another backend to the reference: exact for integers, ULPs for floats. */
    static final class Tolerance {
        private Tolerance() {
        }

        static boolean close(DataType type, byte[] expected, byte[] actual) {
            if (expected.length != actual.length) {
                return false;
            }
            if (!type.isFloat()) {
                return Arrays.equals(expected, actual);
            }
            OperandDescriptor d = OperandDescriptor.of(type, type == DataType.FLOAT32 ? expected.length / 4
                    : expected.length / 2);
            double[] e = TensorData.decode(d, ByteBuffer.wrap(expected)).floats();
            double[] a = TensorData.decode(d, ByteBuffer.wrap(actual)).floats();
            for (int i = 0; i < e.length; i++) {
                if (Double.isNaN(e[i]) != Double.isNaN(a[i])) {
                    return false;
                }
                double scale = Math.max(Math.abs(e[i]), 1);
                if (!Double.isNaN(e[i]) && !(e[i] == a[i]) && Math.abs(e[i] - a[i]) > 1e-3 * scale) {
                    return false;
                }
            }
            return true;
        }
    }
}
