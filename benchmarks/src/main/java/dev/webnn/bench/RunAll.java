package dev.webnn.bench;

import dev.webnn.engine.backend.cpu.GemmCeiling;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.webnn.engine.backend.cpu.CpuProfile;
import dev.webnn.engine.backend.cpu.Vectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every workload on both engines, 1 and 2 threads: checks that the two engines agree, times them paired
 * (alternating blocks within one process, so load on a shared machine hits both alike; a fresh JVM per workload
 * unless {@code --no-fork}), then with JMH (no forks),
 * printing ours / ONNX Runtime / ratio for each, then measures each engine's peak memory on MobileNetV2 in a fresh
 * JVM of its own.
 *
 * <p>Options: {@code --workloads a,b} {@code --threads 1,2} {@code --paired-seconds S} (per case), {@code --no-fork},
 * {@code --no-jmh}, {@code --warmup N} {@code --iterations N} {@code --seconds S} (JMH, per iteration),
 * {@code --no-memory}. {@code --ceiling} prints GEMM's bound on one thread (see {@link #ceiling}), each figure the best
 * of {@code --paired-seconds} (default 4). {@code --profile} (with {@code WEBNN_JAVA_OPTS=-Dwebnn.cpu.profile=true})
 * runs only our engine and prints, per workload and thread count, the time of a whole dispatch and read next to the
 * backend's own time per kind of step; what the two do not share is dispatch overhead (timeline hop, tensor copies).
 */
public final class RunAll {
    /**
     * Bytes allocated by all threads. Once warm, a run should allocate little beyond its output's copy: a kernel whose
     * Vector API calls the JIT left unintrinsified boxes every vector, which shows here long before it shows in the
     * times (GEMM's edge tiles, in some JVMs, added 630 KB per MobileNetV2 run).
     */
    private static final com.sun.management.ThreadMXBean ALLOCATION =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private RunAll() {
    }

    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--no-memory") || args[i].equals("--no-jmh") || args[i].equals("--profile")
                    || args[i].equals("--no-fork") || args[i].equals("--paired-only") || args[i].equals("--ceiling")) {
                options.put(args[i].substring(2), "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            }
        }
        String[] workloads = options.getOrDefault("workloads",
                "gemm512,gemm1024,gemm2048,conv3x3,depthwise3x3,conv1x1,mobilenetv2").split(",");
        String[] threads = options.getOrDefault("threads", "1,2").split(",");
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "4"));
        int iterations = Integer.parseInt(options.getOrDefault("iterations", "5"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "1"));
        if (options.containsKey("ceiling")) {
            ceiling(Double.parseDouble(options.getOrDefault("paired-seconds", "4")));
            return;
        }
        if (options.containsKey("profile")) {
            profile(workloads, threads, Double.parseDouble(options.getOrDefault("paired-seconds", "8")));
            return;
        }
        double pairedSeconds = Double.parseDouble(options.getOrDefault("paired-seconds", "16"));
        if (options.containsKey("paired-only")) {
            for (String w : workloads) {
                for (String t : threads) {
                    System.out.println(pairedRow(w, t, pairedSeconds));
                }
            }
            return;
        }

        System.out.println("# Agreement (first outputs, 2 threads)");
        for (String w : workloads) {
            Workloads.Workload workload = Workloads.of(w);
            try (Engines ours = Engines.create("webnn", workload, 2); Engines ort = Engines.create("ort", workload, 2)) {
                float[] a = ours.result();
                float[] b = ort.result();
                double worst = 0;
                for (int i = 0; i < a.length; i++) {
                    worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1e-6, Math.abs(b[i])));
                }
                System.out.printf("%-14s max relative difference %.2e%n", w, worst);
                if (!(worst < 1e-2)) {
                    throw new IllegalStateException(w + ": the engines disagree: " + Arrays.toString(a) + " vs "
                            + Arrays.toString(b));
                }
            }
        }

        System.out.println();
        System.out.println("# Paired timing: the two engines alternate in blocks of about 0.3 s within each case,");
        System.out.println("# so both see the same machine load, each block after a 50 ms pause that lets the other's");
        System.out.println("# threads go quiet; ratio = median over blocks of (ORT time / our time).");
        List<String> paired = new ArrayList<>();
        paired.add(String.format("| %-13s | %7s | %13s | %13s | %9s | %13s | %13s | %9s |", "workload", "threads",
                "ours median", "ORT median", "ratio", "ours best", "ORT best", "best ratio"));
        paired.add("|---|---|---|---|---|---|---|---|");
        boolean fork = !options.containsKey("no-fork");
        for (String w : workloads) {
            if (fork) {
                for (String row : pairedInFreshJvm(w, threads, pairedSeconds)) {
                    paired.add(row);
                    System.out.println(row);
                }
                continue;
            }
            for (String t : threads) {
                paired.add(pairedRow(w, t, pairedSeconds));
                System.out.println(paired.get(paired.size() - 1));
            }
        }
        System.out.println();
        System.out.println("# webnn-java (cpu backend) vs ONNX Runtime 1.29.0, paired, a process per workload");
        System.out.println("# " + machine());
        paired.forEach(System.out::println);
        if (options.containsKey("no-jmh")) {
            memory(options);
            return;
        }

        Options jmh = new OptionsBuilder()
                .include(OpBenchmarks.class.getName() + ".run")
                .param("workload", workloads)
                .param("threads", threads)
                .forks(0)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .build();
        Collection<RunResult> results = new Runner(jmh).run();
        Map<String, double[]> scores = new HashMap<>();
        for (RunResult r : results) {
            String key = r.getParams().getParam("workload") + "/" + r.getParams().getParam("threads") + "/"
                    + r.getParams().getParam("engine");
            scores.put(key, new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }

        List<String> lines = new ArrayList<>();
        lines.add(String.format("| %-13s | %7s | %16s | %16s | %22s | %10s | %10s |", "workload", "threads",
                "webnn-java ms", "ONNX Runtime ms", "ratio (ORT ms / ours)", "ours GF/s", "ORT GF/s"));
        lines.add("|---|---|---|---|---|---|---|");
        for (String w : workloads) {
            double flops = Workloads.of(w).flops();
            for (String t : threads) {
                double[] ours = scores.get(w + "/" + t + "/webnn");
                double[] ort = scores.get(w + "/" + t + "/ort");
                if (ours == null || ort == null) {
                    continue;
                }
                lines.add(String.format("| %-13s | %7s | %9.3f ± %4.3f | %9.3f ± %4.3f | %22.2f | %10.1f | %10.1f |", w, t,
                        ours[0], ours[1], ort[0], ort[1], ort[0] / ours[0], flops / ours[0] / 1e6, flops / ort[0] / 1e6));
            }
        }
        System.out.println();
        System.out.println("# JMH: webnn-java (cpu backend) vs ONNX Runtime 1.29.0, same process, same run");
        System.out.println("# " + machine());
        lines.forEach(System.out::println);
        for (String w : workloads) {
            System.out.println("  " + w + ": " + Workloads.of(w).description());
        }

        memory(options);
    }

    private static void profile(String[] workloads, String[] threads, double seconds) {
        if (!CpuProfile.enabled()) {
            throw new IllegalStateException("--profile needs -Dwebnn.cpu.profile=true (WEBNN_JAVA_OPTS)");
        }
        for (String w : workloads) {
            for (String t : threads) {
                try (Engines ours = Engines.create("webnn", Workloads.of(w), Integer.parseInt(t))) {
                    // The paired timing's warm-up: a fixed 4 s left C2 compiling into the profile (MobileNetV2 read
                    // 20.5 ms per run there against 17.3 ms once the JIT had settled).
                    Paired.warmUp(ours, null);
                    CpuProfile.reset();
                    int runs = 0;
                    long allocatedBefore = ALLOCATION.getTotalThreadAllocatedBytes();
                    long start = System.nanoTime();
                    long end = start + (long) (seconds * 1e9);
                    while (System.nanoTime() < end) {
                        ours.run();
                        runs++;
                    }
                    double wall = (System.nanoTime() - start) / 1e6 / runs;
                    long allocated = ALLOCATION.getTotalThreadAllocatedBytes() - allocatedBefore;
                    System.out.printf("# %s, %s thread(s): %.3f ms per dispatch and read, %s%n", w, t, wall,
                            allocatedBefore < 0 ? "allocation not measured"
                                    : String.format("%.1f KB allocated per run", allocated / 1024.0 / runs));
                    System.out.println(CpuProfile.report());
                    CpuProfile.reset();
                }
            }
        }
    }

    private static String pairedRow(String w, String t, double seconds) {
        double[] r = Paired.measure(Workloads.of(w), Integer.parseInt(t), seconds);
        return String.format("| %-13s | %7s | %10.3f ms | %10.3f ms | %9.2f | %10.3f ms | %10.3f ms | %9.2f |", w, t,
                r[0], r[1], r[2], r[3], r[4], r[4] / r[3]);
    }

    /**
     * One workload's paired rows, timed in a JVM of its own (as JMH forks per benchmark): the JIT's profiles of the
     * shared kernels then come from that workload alone. In this JVM, after the GEMM and conv2d workloads had run,
     * MobileNetV2 on 1 thread read 11.7 ms against 11.1-11.4 ms in JVMs of its own, ONNX Runtime's time the same.
     */
    private static List<String> pairedInFreshJvm(String workload, String[] threads, double seconds)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RunAll.class.getName(), "--paired-only",
                "--workloads", workload, "--threads", String.join(",", threads), "--paired-seconds",
                Double.toString(seconds)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> rows = new String(process.getInputStream().readAllBytes()).lines()
                .filter(line -> line.startsWith("| ")).toList();
        if (process.waitFor() != 0 || rows.size() != threads.length) {
            throw new IllegalStateException("the timing JVM for " + workload + " failed: " + rows);
        }
        return rows;
    }

    private static void memory(Map<String, String> options) throws IOException, InterruptedException {
        if (!options.containsKey("no-memory")) {
            System.out.println();
            System.out.println("# Peak memory (VmHWM of a fresh JVM, -Xmx128m, that builds mobilenetv2 and runs it 20 times,"
                    + " 2 threads; 'none' is the JVM alone)");
            for (String engine : new String[] {"none", "webnn", "ort"}) {
                System.out.println(engine + ": " + probe(engine));
            }
        }
    }

    private static String probe(String engine) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // A bounded heap: with the default (a quarter of the machine) the JVM's peak is its GC's growth policy.
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                MemoryProbe.class.getName(), engine, "mobilenetv2", "2"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes()).trim();
        process.waitFor();
        return out.lines().filter(l -> l.startsWith("peak")).findFirst().orElse(out);
    }

    /**
     * The CPU and the vector width the kernels run at: the ratios differ from one to another (on an AVX2 machine, or
     * an AVX-512 one whose hypervisor hides it, the kernels take 256-bit vectors and smaller register tiles).
     */
    static String machine() {
        String model = "unknown CPU";
        boolean avx512 = false;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && model.equals("unknown CPU")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                } else if (line.startsWith("flags")) {
                    avx512 |= line.contains(" avx512f");
                }
            }
        } catch (IOException e) {
            model = "unknown CPU (" + e.getMessage() + ")";
        }
        return String.format("machine: %s, %d cores, AVX-512 %s; kernels at %d-bit vectors", model,
                Runtime.getRuntime().availableProcessors(), avx512 ? "present" : "absent",
                Vectors.bits());
    }

    /** Peak resident memory of this process so far, from /proc (Linux). */
    static String peakResident() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .map(l -> l.replaceAll("\\s+", " ")).findFirst().orElse("VmHWM unknown");
    }

    /**
     * GEMM's bound on one thread: our kernel alone on a block that stays in cache and on 1024^3, against ONNX
     * Runtime's GEMM 1024, each the best single run (ours and ONNX Runtime's through their APIs include the output's
     * copy, as in the paired timing).
     */
    private static void ceiling(double seconds) {
        System.out.println("# GEMM on one thread, GFLOP/s of the best single run (" + machine() + ")");
        System.out.printf("%-58s %6.1f%n", "ours, kernel alone, 80x1024x256 (A 80 KB, B 1 MB: in L2)",
                GemmCeiling.kernel(80, 1024, 256, seconds));
        System.out.printf("%-58s %6.1f%n", "ours, kernel alone, 1024^3",
                GemmCeiling.kernel(1024, 1024, 1024, seconds));
        Workloads.Workload gemm = Workloads.of("gemm1024");
        for (String engine : new String[] {"webnn", "ort"}) {
            try (Engines runner = Engines.create(engine, gemm, 1)) {
                double best = GemmCeiling.bestMillis(runner::run, seconds);
                System.out.printf("%-58s %6.1f%n", (engine.equals("webnn") ? "ours," : "ORT, ")
                        + " GEMM 1024 through its API, output read included", gemm.flops() / best / 1e6);
            }
        }
    }
}
