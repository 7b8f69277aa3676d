package dev.webnn.wpt;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * What a run prints as it goes. On a terminal: a live bar with counts and an ETA, redrawn in place, with a line
 * above it for each test URL that did not pass. Otherwise: one plain line per test URL.
 */
final class Progress implements ParallelRunner.Listener {
    private final PrintStream out;
    private final boolean bar;
    private final boolean verbose;
    private final int total;
    private final long startNanos = System.nanoTime();
    private final Set<String> running = new LinkedHashSet<>();
    private final BiPredicate<WptTest, TestResult> unexpected;
    private int done;
    private int passed;
    private int failed;
    private int timedOut;
    private int errors;
    private int skipped;
    private long lastDraw;

    /**
     * @param bar        draw the live bar (a terminal) rather than plain lines
     * @param unexpected whether a result is unexpected, for the marker the lines carry
     */
    Progress(PrintStream out, boolean bar, boolean verbose, int total,
            BiPredicate<WptTest, TestResult> unexpected) {
        this.out = out;
        this.bar = bar;
        this.verbose = verbose;
        this.total = total;
        this.unexpected = unexpected;
    }

    @Override
    public void started(WptTest test) {
        running.add(test.id());
        if (bar) {
            draw(false);
        }
    }

    @Override
    public void finished(WptTest test, TestResult r) {
        running.remove(test.id());
        done++;
        switch (r.outcome()) {
            case "PASS" -> passed++;
            case "FAIL" -> failed++;
            case "TIMEOUT" -> timedOut++;
            case "SKIP" -> skipped++;
            default -> errors++;
        }
        boolean notable = !"PASS".equals(r.outcome()) && !"SKIP".equals(r.outcome());
        if (bar) {
            if (notable || verbose) {
                out.print("\r\033[K");
                printResult(test, r);
            }
            draw(true);
        } else {
            printResult(test, r);
        }
    }

    /** Ends the bar's line, so what follows starts on a fresh one. */
    void close() {
        if (bar) {
            draw(true);
            out.println();
        }
        out.flush();
    }

    private void printResult(WptTest test, TestResult r) {
        String mark = unexpected.test(test, r) ? "" : "  (expected)";
        boolean showMark = !"PASS".equals(r.outcome()) && !"SKIP".equals(r.outcome());
        out.printf("%-7s %s  (%d/%d subtests, %d ms)%s%n", r.outcome(), r.test(), r.passedSubtests(),
                r.subtests().size(), r.duration(), showMark ? mark : "");
        if (!"OK".equals(r.status()) && r.message() != null) {
            out.println("        " + Expectations.firstLine(r.message()));
        }
        if (verbose) {
            for (SubtestResult s : r.subtests()) {
                if (!s.passed()) {
                    out.println("        " + s.status() + " " + s.name()
                            + (s.message() == null ? "" : ": " + Expectations.firstLine(s.message())));
                }
            }
        }
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        double elapsed = (now - startNanos) / 1e9;
        String eta = done == 0 ? "--:--" : clock(elapsed / done * (total - done));
        String current = running.isEmpty() ? "" : "  " + shorten(running.iterator().next(), 48);
        out.print("\r\033[K[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total
                + "  pass " + passed + "  fail " + failed + "  timeout " + timedOut + "  error " + errors
                + (skipped > 0 ? "  skip " + skipped : "") + "  " + clock(elapsed) + " ETA " + eta + current);
        out.flush();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : "…" + s.substring(s.length() - max + 1);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
