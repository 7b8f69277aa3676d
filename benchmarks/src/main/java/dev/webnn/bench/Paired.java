package dev.webnn.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Times two engines on one workload in alternating blocks, so drifting machine load hits both alike, each block
 * starting once the other engine's threads have gone quiet.
 */
final class Paired {
    private static final double BLOCK_SECONDS = 0.3;
    /**
     * The pause after each block, untimed, before the other engine's: ONNX Runtime's intra-op threads spin for tens of
     * milliseconds after its last run and take a core from whatever runs next. Right after an ONNX Runtime block our
     * first three MobileNetV2 runs on 2 threads took 14 ms against 6.7 ms later in the block; after a 30 ms pause,
     * 6.8 ms. ONNX Runtime's first runs after ours were as fast as its others.
     */
    private static final long SETTLE_MILLIS = 50;
    private static final double WARMUP_SECONDS = 4;
    private static final double WARMUP_CAP_SECONDS = 60;
    private static final int SETTLED_BLOCKS = 4;
    /** How long the JIT must have compiled nothing before timing starts. */
    private static final double JIT_QUIET_SECONDS = 2;
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private Paired() {
    }

    /** {ours median ms, ORT median ms, median of per-block ORT / ours, ours best ms, ORT best ms}. */
    static double[] measure(Workloads.Workload workload, int threads, double seconds) {
        try (Engines ours = Engines.create("webnn", workload, threads);
             Engines ort = Engines.create("ort", workload, threads)) {
            warmUp(ours, ort);
            List<Double> oursTimes = new ArrayList<>();
            List<Double> ortTimes = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end || ratios.size() < 5) {
                double a = block(ours);
                double b = block(ort);
                oursTimes.add(a);
                ortTimes.add(b);
                ratios.add(b / a);
            }
            return new double[] {median(oursTimes), median(ortTimes), median(ratios), Collections.min(oursTimes),
                    Collections.min(ortTimes)};
        }
    }

    /**
     * Runs ours (and ort, when given, alternating) until timing means something. By time, not by count: on a loaded
     * machine C2 takes seconds to compile the large vector kernels, and timing before it has would measure the
     * interpreter or C1. Then on until our last blocks agree: the first case of a JVM was still being compiled after
     * 4 s (a 2-thread MobileNetV2 read 102 ms there against 38 ms later), which would count against us, not ONNX
     * Runtime. And on until the JIT has been idle for a while: C2 went on compiling for about 50 s of a 1-thread
     * MobileNetV2, and on this 2-core machine its thread competes with the timed one (our median there was 25 ms
     * against a steady 15-16 ms once it stopped), again a cost ONNX Runtime's native code never pays.
     */
    static void warmUp(Engines ours, Engines ort) {
        long start = System.nanoTime();
        long floor = start + (long) (WARMUP_SECONDS * 1e9);
        long cap = start + (long) (WARMUP_CAP_SECONDS * 1e9);
        List<Double> recent = new ArrayList<>();
        JitWatch jit = new JitWatch();
        for (int i = 0; i < 3 || System.nanoTime() < floor
                || (System.nanoTime() < cap && !(settled(recent) && jit.quiet())); i++) {
            recent.add(block(ours));
            if (ort != null) {
                block(ort);
            }
        }
    }

    /** Runs the engine for about one block; returns the mean time of one run in ms. */
    private static double block(Engines engine) {
        int runs = 0;
        long start = System.nanoTime();
        long now;
        do {
            engine.run();
            runs++;
            now = System.nanoTime();
        } while (now - start < BLOCK_SECONDS * 1e9);
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (now - start) / 1e6 / runs;
    }

    /** Whether the JIT has compiled nothing for {@link #JIT_QUIET_SECONDS} (always, where the JVM cannot say). */
    private static final class JitWatch {
        private long compiledMillis = -1;
        private long changedAt = System.nanoTime();

        boolean quiet() {
            if (JIT == null || !JIT.isCompilationTimeMonitoringSupported()) {
                return true;
            }
            long now = JIT.getTotalCompilationTime();
            if (now != compiledMillis) {
                compiledMillis = now;
                changedAt = System.nanoTime();
            }
            return System.nanoTime() - changedAt >= JIT_QUIET_SECONDS * 1e9;
        }
    }

    /** Whether the last few block times lie within 10% of each other. */
    private static boolean settled(List<Double> times) {
        if (times.size() < SETTLED_BLOCKS) {
            return false;
        }
        List<Double> last = times.subList(times.size() - SETTLED_BLOCKS, times.size());
        return Collections.max(last) <= 1.1 * Collections.min(last);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
