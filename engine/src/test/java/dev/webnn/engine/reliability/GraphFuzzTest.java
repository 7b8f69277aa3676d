package dev.webnn.engine.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.webnn.engine.backend.Backend;
import dev.webnn.engine.backend.Backends;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A short seeded run of {@link GraphFuzzer} for CI. {@code -Dwebnn.fuzz.seconds=N} and {@code -Dwebnn.fuzz.seed=S}
 * make it a long run ({@code scripts/fuzz} sets them).
 */
class GraphFuzzTest {
    /** A run stops as failed when no graph finishes for this long: a kernel or validator that hangs. */
    private static final long HANG_SECONDS = 60;

    @Test
    void randomGraphsAreRejectedByValidationOrMatchTheReference() throws Exception {
        long seconds = Long.getLong("webnn.fuzz.seconds", 4);
        long seed = Long.getLong("webnn.fuzz.seed", 20261126L);
        // Every other backend a user can name is compared with the reference on each valid graph.
        List<Backend> others = Backends.available().stream().filter(n -> !n.equals("reference")).map(Backends::named)
                .toList();
        GraphFuzzer fuzzer = new GraphFuzzer(seed, others);
        GraphFuzzer.Report[] result = new GraphFuzzer.Report[1];
        Throwable[] crash = new Throwable[1];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Thread runner = new Thread(() -> {
            try {
                result[0] = fuzzer.run(deadline, Long.MAX_VALUE);
            } catch (Throwable t) {
                crash[0] = t;
            }
        }, "graph-fuzzer");
        runner.setDaemon(true);
        runner.start();
        long lastProgress = -1;
        long lastChange = System.nanoTime();
        while (runner.isAlive()) {
            runner.join(1000);
            long now = fuzzer.progress.get();
            if (now != lastProgress) {
                lastProgress = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(HANG_SECONDS)) {
                fail("the fuzzer made no progress for " + HANG_SECONDS + " s at: " + fuzzer.current.get());
            }
        }
        if (crash[0] != null) {
            throw new AssertionError("the fuzzer itself crashed at " + fuzzer.current.get(), crash[0]);
        }
        GraphFuzzer.Report report = result[0];
        System.out.println("[graph fuzz] seed=" + seed + " seconds=" + seconds + " backends compared: "
                + others.stream().map(Backend::name).toList() + " " + report);
        report.perOp.forEach((op, counts) -> System.out.println("[graph fuzz]   " + op + " valid=" + counts[0]
                + " invalid=" + counts[1]));
        report.findings.forEach(f -> System.out.println("[graph fuzz] FINDING " + f));
        assertTrue(report.findings.isEmpty(), report.findings.size() + " findings, first: "
                + (report.findings.isEmpty() ? "" : report.findings.get(0)));
        assertTrue(report.graphsRun > 0 && report.invalidOperations > 0, "the run tried too little: " + report);
    }
}
