package dev.webnn.engine.backend.opencl;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.backend.Executable;
import dev.webnn.engine.backend.TensorMemory;
import dev.webnn.engine.backend.reference.ReferenceBackend;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.ops.Matmul;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The timings of scripts/gpu-check.sh: GEMM 4096^3 (float32) over a few tile shapes, and MobileNetV2 at batch 1 and
 * 32, on the preferred OpenCL device with tensors kept on the device. Prints a Markdown table.
 *
 * <p>Usage: {@code java ... GpuBench [--quick]} ({@code --quick}: smaller sizes, for a CPU device).
 */
public final class GpuBench {
    private final OpenCLBackend backend = OpenCLBackend.create();
    private final List<String[]> rows = new ArrayList<>();
    private final boolean quick;

    private GpuBench(boolean quick) {
        this.quick = quick;
    }

    public static void main(String[] args) {
        GpuBench bench = new GpuBench(Arrays.asList(args).contains("--quick"));
        System.out.println("device: " + bench.backend.device().info().describe() + ", driver "
                + bench.backend.device().info().driver());
        bench.gemm();
        bench.mobileNet(1, true);
        bench.mobileNet(bench.quick ? 2 : 32, false);
        bench.print();
        bench.backend.close();
    }

    private void gemm() {
        int n = quick ? 512 : 4096;
        GraphBuilder b = new GraphBuilder(Long.MAX_VALUE);
        OperandDescriptor d = OperandDescriptor.of(DataType.FLOAT32, n, n);
        Operand out = b.addOperation(new Matmul(), List.of(b.input("a", d), b.input("b", d)), "").getFirst();
        Graph graph = b.build(Map.of("c", out));
        Map<String, TensorMemory> inputs = inputs(graph, new Random(1));
        Map<String, TensorMemory> outputs = outputs(graph);
        double flops = 2.0 * n * n * n;
        List<String> configs = GemmTile.CANDIDATES.stream().map(GemmTile.Config::toString).toList();
        double best = 0;
        String bestConfig = null;
        ByteBuffer first = null;
        for (String config : configs) {
            System.setProperty("webnn.opencl.gemm", config);
            try {
                Executable exe = backend.compile(graph);
                double seconds = time(exe, inputs, outputs, quick ? 3 : 10);
                double tflops = flops / seconds / 1e12;
                ByteBuffer result = outputs.get("c").read();
                String agrees = "";
                if (first == null) {
                    first = result;
                } else {
                    agrees = maxDifference(first, result) < 1e-2 ? "" : " (DIFFERS from the first tile)";
                }
                rows.add(new String[] {"GEMM " + n + "^3 fp32, tile " + config,
                        ms(seconds), String.format(Locale.ROOT, "%.2f TFLOP/s%s", tflops, agrees)});
                if (tflops > best) {
                    best = tflops;
                    bestConfig = config;
                }
                exe.release();
            } catch (RuntimeException e) {
                rows.add(new String[] {"GEMM tile " + config, "failed", String.valueOf(e.getMessage()).lines().findFirst()
                        .orElse("")});
            } finally {
                System.clearProperty("webnn.opencl.gemm");
            }
        }
        // Without a forced tile, the backend tunes a product this large on a GPU: what a user gets.
        Executable tuned = backend.compile(graph);
        double tunedSeconds = time(tuned, inputs, outputs, quick ? 3 : 10);
        tuned.release();
        rows.add(new String[] {"GEMM " + n + "^3 fp32, default (tuned on a GPU; best forced tile was " + bestConfig + ")",
                ms(tunedSeconds), String.format(Locale.ROOT, "%.2f TFLOP/s", flops / tunedSeconds / 1e12)});
        // A spot check of the product against a plain dot product, on a few elements.
        float[] a = floats(inputs.get("a").read());
        float[] bm = floats(inputs.get("b").read());
        float[] c = floats(outputs.get("c").read());
        Random random = new Random(7);
        double worst = 0;
        for (int s = 0; s < 16; s++) {
            int i = random.nextInt(n);
            int j = random.nextInt(n);
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += (double) a[i * n + k] * bm[k * n + j];
            }
            worst = Math.max(worst, Math.abs(sum - c[i * n + j]));
        }
        rows.add(new String[] {"GEMM spot check vs double dot products", "", String.format(Locale.ROOT,
                "max abs error %.2e over 16 elements", worst)});
        release(inputs, outputs);
    }

    private void mobileNet(int batch, boolean checkAgainstReference) {
        Graph graph = MobileNetV2Graph.build(batch);
        long start = System.nanoTime();
        Executable exe = backend.compile(graph);
        double compile = (System.nanoTime() - start) / 1e9;
        ClPlan plan = ((ClExecutable) exe).plan();
        Map<String, TensorMemory> inputs = inputs(graph, new Random(2));
        Map<String, TensorMemory> outputs = outputs(graph);
        int runs = quick ? 3 : batch == 1 ? 200 : 20;
        double throughput = time(exe, inputs, outputs, runs);
        String name = "MobileNetV2 batch " + batch + " (" + graph.operations().size() + " ops -> "
                + plan.steps.size() + " kernels, " + plan.hostOps + " on CPU)";
        rows.add(new String[] {name + ", back-to-back", ms(throughput), String.format(Locale.ROOT, "%.0f images/s",
                batch / throughput)});
        if (batch == 1) {
            double[] latencies = new double[quick ? 3 : 50];
            for (int i = 0; i < latencies.length; i++) {
                long t0 = System.nanoTime();
                exe.dispatch(inputs, outputs);
                backend.finish();
                latencies[i] = (System.nanoTime() - t0) / 1e9;
            }
            Arrays.sort(latencies);
            rows.add(new String[] {"MobileNetV2 batch 1, one dispatch + wait (median)",
                    ms(latencies[latencies.length / 2]), "p90 " + ms(latencies[latencies.length * 9 / 10])});
        }
        rows.add(new String[] {"MobileNetV2 batch " + batch + ", compile (kernels built or cached)",
                ms(compile), ""});
        if (checkAgainstReference) {
            ByteBuffer got = outputs.get("output").read();
            Map<String, ByteBuffer> in = new LinkedHashMap<>();
            in.put("input", inputs.get("input").read());
            ByteBuffer want = ByteBuffer.allocate(got.capacity()).order(ByteOrder.LITTLE_ENDIAN);
            new ReferenceBackend().compile(graph).execute(in, Map.of("output", want));
            rows.add(new String[] {"MobileNetV2 batch 1 vs reference backend", "", String.format(Locale.ROOT,
                    "max abs difference %.2e (probabilities)", maxDifference(got, want))});
        }
        exe.release();
        release(inputs, outputs);
    }

    /** Seconds per dispatch, back to back, after warm-up; the queue is drained before the clock stops. */
    private double time(Executable exe, Map<String, TensorMemory> inputs, Map<String, TensorMemory> outputs, int runs) {
        for (int i = 0; i < 2; i++) {
            exe.dispatch(inputs, outputs);
        }
        backend.finish();
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            exe.dispatch(inputs, outputs);
        }
        backend.finish();
        return (System.nanoTime() - start) / 1e9 / runs;
    }

    private Map<String, TensorMemory> inputs(Graph graph, Random random) {
        Map<String, TensorMemory> inputs = new LinkedHashMap<>();
        graph.inputDescriptors().forEach((name, d) -> {
            double[] values = new double[(int) d.elementCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = 2 * random.nextDouble() - 1;
            }
            TensorMemory memory = backend.allocateDevice(d);
            memory.write(TensorData.ofFloats(d, values).toBytes());
            inputs.put(name, memory);
        });
        return inputs;
    }

    private Map<String, TensorMemory> outputs(Graph graph) {
        Map<String, TensorMemory> outputs = new LinkedHashMap<>();
        graph.outputDescriptors().forEach((name, d) -> outputs.put(name, backend.allocateDevice(d)));
        return outputs;
    }

    private static void release(Map<String, TensorMemory> inputs, Map<String, TensorMemory> outputs) {
        inputs.values().forEach(TensorMemory::release);
        outputs.values().forEach(TensorMemory::release);
    }

    private static float[] floats(ByteBuffer bytes) {
        float[] values = new float[bytes.remaining() / 4];
        bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static double maxDifference(ByteBuffer a, ByteBuffer b) {
        float[] x = floats(a);
        float[] y = floats(b);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - y[i]));
        }
        return worst;
    }

    private static String ms(double seconds) {
        return String.format(Locale.ROOT, "%.3f ms", seconds * 1e3);
    }

    private void print() {
        System.out.println();
        System.out.println("| measurement | time | result |");
        System.out.println("|---|---|---|");
        for (String[] row : rows) {
            System.out.println("| " + String.join(" | ", row) + " |");
        }
    }
}
