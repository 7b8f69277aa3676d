package dev.webnn.engine.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Opt-in time per kind of step of the cpu backend, summed over every graph run: {@code -Dwebnn.cpu.profile=true},
 * or {@code =steps} for a row per step (its position in the program, its kind and its output shape).
 * Off (the default), {@link CpuExecutable} builds its steps unwrapped, so a run pays nothing for it. On, the table
 * prints when the JVM exits; {@link #reset()} drops what warm-up runs added and {@link #report()} returns it.
 */
public final class CpuProfile {
    private static final String MODE = System.getProperty("webnn.cpu.profile", "false");
    static final boolean ENABLED = MODE.equals("true") || MODE.equals("steps");
    static final boolean PER_STEP = MODE.equals("steps");

    private static final Map<String, LongAdder[]> TOTALS = new ConcurrentHashMap<>();
    private static final AtomicLong RUNS = new AtomicLong();

    static {
        if (ENABLED) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (RUNS.get() > 0) {
                    System.err.print(report());
                }
            }, "webnn-cpu-profile"));
        }
    }

    private CpuProfile() {
    }

    /** Whether steps are timed in this JVM. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** Forgets every time recorded so far (call it after warm-up). */
    public static void reset() {
        TOTALS.clear();
        RUNS.set(0);
    }

    static void run() {
        RUNS.incrementAndGet();
    }

    static void add(String kind, long nanos) {
        LongAdder[] total = TOTALS.computeIfAbsent(kind, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        total[0].add(nanos);
        total[1].increment();
    }

    /** The table: per kind, milliseconds per graph run, share of the timed total, and steps per run. */
    public static String report() {
        long runs = Math.max(1, RUNS.get());
        List<Map.Entry<String, LongAdder[]>> rows = new ArrayList<>(TOTALS.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue()[0].sum(), a.getValue()[0].sum()));
        double all = rows.stream().mapToLong(e -> e.getValue()[0].sum()).sum() / 1e6 / runs;
        StringBuilder out = new StringBuilder(String.format("webnn cpu profile over %d runs (ms per run)%n", RUNS.get()));
        out.append(String.format("%9s %6s %6s  %s%n", "ms/run", "%", "steps", "kind"));
        for (Map.Entry<String, LongAdder[]> e : rows) {
            double ms = e.getValue()[0].sum() / 1e6 / runs;
            out.append(String.format("%9.3f %6.1f %6.1f  %s%n", ms, 100 * ms / Math.max(all, 1e-9),
                    e.getValue()[1].sum() / (double) runs, e.getKey()));
        }
        out.append(String.format("%9.3f %6.1f %6s  total%n", all, 100.0, ""));
        return out.toString();
    }
}
