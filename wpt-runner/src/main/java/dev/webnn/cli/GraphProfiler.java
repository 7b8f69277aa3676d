package dev.webnn.cli;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.backend.Backend;
import dev.webnn.engine.backend.Executable;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.graph.Operation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times a graph op by op on its backend: each operation is compiled as a graph of its own, with its operands fed
 * the values the ops before it produced, and run {@code runs} times; each run is a JFR {@link OpEvent}. Inputs are
 * deterministic: floats uniform in [0, 1), integers 0 (valid as indices). The whole graph is timed too, so the
 * cost of running ops apart (no fusion across them) shows.
 */
final class GraphProfiler {
    record OpTiming(int index, Operation operation, long medianNanos) {
    }

    record Profile(List<OpTiming> ops, long wholeGraphMedianNanos, String backend) {
        long sumOfOps() {
            return ops.stream().mapToLong(OpTiming::medianNanos).sum();
        }
    }

    private GraphProfiler() {
    }

    static Profile profile(Graph graph, Backend backend, int graphNumber, int runs) {
        Map<Operand, ByteBuffer> constants = graph.constants();
        Map<Operand, ByteBuffer> values = new LinkedHashMap<>();
        Map<String, ByteBuffer> graphInputs = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(42);
        graph.inputs().forEach((name, operand) -> {
            ByteBuffer bytes = sampleInput(operand.descriptor(), random);
            values.put(operand, bytes);
            graphInputs.put(name, bytes);
        });
        List<OpTiming> timings = new ArrayList<>();
        int index = 0;
        for (Operation operation : graph.operations()) {
            GraphBuilder alone = new GraphBuilder(Long.MAX_VALUE);
            List<Operand> inputs = new ArrayList<>();
            Map<String, ByteBuffer> feed = new LinkedHashMap<>();
            StringBuilder inputShapes = new StringBuilder();
            for (int k = 0; k < operation.inputs().size(); k++) {
                Operand input = operation.inputs().get(k);
                if (input == null) {
                    inputs.add(null);
                    continue;
                }
                inputShapes.append(inputShapes.isEmpty() ? "" : ", ").append(GraphDot.describe(input.descriptor()));
                if (constants.containsKey(input)) {
                    inputs.add(alone.constant(input.descriptor(), constants.get(input)));
                } else {
                    inputs.add(alone.input("in" + k, input.descriptor()));
                    feed.put("in" + k, values.get(input));
                }
            }
            List<Operand> outputs = alone.addOperation(operation.op(), inputs, operation.label());
            Map<String, Operand> named = new LinkedHashMap<>();
            Map<String, ByteBuffer> results = new LinkedHashMap<>();
            for (int k = 0; k < outputs.size(); k++) {
                named.put("out" + k, outputs.get(k));
                results.put("out" + k, allocate(outputs.get(k).descriptor()));
            }
            Executable executable = backend.compile(alone.build(named));
            long[] nanos = new long[runs];
            for (int run = 0; run < runs; run++) {
                OpEvent event = new OpEvent();
                event.begin();
                long start = System.nanoTime();
                executable.execute(fresh(feed), fresh(results));
                nanos[run] = System.nanoTime() - start;
                event.end();
                if (event.shouldCommit()) {
                    event.graph = graphNumber;
                    event.index = index;
                    event.op = operation.op().opName();
                    event.label = operation.label();
                    event.inputs = inputShapes.toString();
                    event.output = GraphDot.describe(outputs.get(0).descriptor());
                    event.backend = backend.name();
                    event.commit();
                }
            }
            for (int k = 0; k < outputs.size(); k++) {
                values.put(operation.outputs().get(k), results.get("out" + k));
            }
            timings.add(new OpTiming(index++, operation, median(nanos)));
        }
        Executable whole = backend.compile(graph);
        Map<String, ByteBuffer> graphOutputs = new LinkedHashMap<>();
        graph.outputs().forEach((name, operand) -> graphOutputs.put(name, allocate(operand.descriptor())));
        long[] nanos = new long[runs];
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            whole.execute(fresh(graphInputs), fresh(graphOutputs));
            nanos[run] = System.nanoTime() - start;
        }
        return new Profile(timings, median(nanos), backend.name());
    }

    /** The table people read: one line per op, slowest share visible, then the totals. */
    static void print(Profile profile, int graphNumber, int runs, java.io.PrintStream out) {
        out.printf("graph %d on the %s backend: %d operations, median of %d run%s%n", graphNumber, profile.backend(),
                profile.ops().size(), runs, runs == 1 ? "" : "s");
        double total = Math.max(1, profile.sumOfOps());
        out.printf("  %4s  %-20s %-16s %-28s %10s %7s%n", "#", "op", "label", "output", "ms", "share");
        for (OpTiming t : profile.ops()) {
            Operation op = t.operation();
            out.printf("  %4d  %-20s %-16s %-28s %10.3f %6.1f%%%n", t.index(), op.op().opName(),
                    clip(op.label(), 16), GraphDot.describe(op.outputs().get(0).descriptor()), t.medianNanos() / 1e6,
                    100 * t.medianNanos() / total);
        }
        out.printf("  sum of ops: %.3f ms; whole graph: %.3f ms%n", profile.sumOfOps() / 1e6,
                profile.wholeGraphMedianNanos() / 1e6);
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    private static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static ByteBuffer allocate(OperandDescriptor d) {
        return ByteBuffer.allocate(Math.toIntExact(d.byteLength())).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static Map<String, ByteBuffer> fresh(Map<String, ByteBuffer> buffers) {
        Map<String, ByteBuffer> views = new LinkedHashMap<>();
        buffers.forEach((name, bytes) -> views.put(name, bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).clear()));
        return views;
    }

    private static ByteBuffer sampleInput(OperandDescriptor d, SplittableRandom random) {
        int n = TensorData.elementCountOf(d);
        if (d.dataType().isFloat()) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextDouble();
            }
            return TensorData.ofFloats(d, values).toBytes().order(ByteOrder.LITTLE_ENDIAN);
        }
        return TensorData.ofIntegers(d, new long[n]).toBytes().order(ByteOrder.LITTLE_ENDIAN);
    }
}
