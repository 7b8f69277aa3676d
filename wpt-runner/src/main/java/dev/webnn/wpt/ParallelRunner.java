package dev.webnn.wpt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs test URLs {@code jobs} at a time. Each URL's realm lives on a thread of its own, as a browser worker does;
 * a thread that does not come back well after its test's hard limit (JS stuck where cancelling cannot reach it) is
 * left behind and its test reported as TIMEOUT, so one test never stops the run.
 */
public final class ParallelRunner {
    /** Hears of each result as it comes, on the thread that called {@link #run}. */
    public interface Listener {
        void started(WptTest test);

        void finished(WptTest test, TestResult result);
    }

    /** What a test's realm thread may still take after the hard limit before the run gives up on it. */
    static final long ABANDON_AFTER_MS = 10_000;

    private record Done(int index, TestResult result) {
    }

    private record Running(Thread thread, long deadlineNanos) {
    }

    private final TestRunner runner;
    private final int jobs;
    private final long abandonAfterMillis;

    public ParallelRunner(TestRunner runner, int jobs) {
        this(runner, jobs, ABANDON_AFTER_MS);
    }

    ParallelRunner(TestRunner runner, int jobs, long abandonAfterMillis) {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1: " + jobs);
        }
        this.runner = runner;
        this.jobs = jobs;
        this.abandonAfterMillis = abandonAfterMillis;
    }

    /** Runs the tests in the given order, at most {@code jobs} at once; the results are in the same order. */
    public List<TestResult> run(List<WptTest> tests, Listener listener) {
        TestResult[] results = new TestResult[tests.size()];
        LinkedBlockingQueue<Done> done = new LinkedBlockingQueue<>();
        Map<Integer, Running> running = new HashMap<>();
        int next = 0;
        while (next < tests.size() || !running.isEmpty()) {
            while (running.size() < jobs && next < tests.size()) {
                int index = next++;
                WptTest test = tests.get(index);
                listener.started(test);
                Thread thread = Thread.ofPlatform().daemon(true).name("wpt-realm-" + index).unstarted(() -> {
                    TestResult r = runner.run(test);
                    done.add(new Done(index, r));
                });
                long deadline = System.nanoTime()
                        + TimeUnit.MILLISECONDS.toNanos(runner.hardLimitMillis(test) + abandonAfterMillis);
                running.put(index, new Running(thread, deadline));
                thread.start();
            }
            Done d;
            try {
                d = done.poll(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (d != null) {
                if (running.remove(d.index()) != null) {
                    results[d.index()] = d.result();
                    listener.finished(tests.get(d.index()), d.result());
                }
                continue;
            }
            long now = System.nanoTime();
            for (Iterator<Map.Entry<Integer, Running>> it = running.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Integer, Running> e = it.next();
                if (now - e.getValue().deadlineNanos() > 0) {
                    it.remove();
                    WptTest test = tests.get(e.getKey());
                    long limit = runner.hardLimitMillis(test) + abandonAfterMillis;
                    TestResult r = new TestResult(test.id(), test.folder(), "TIMEOUT", "the test's realm did not"
                            + " stop within " + limit + " ms and was left behind", limit, List.of());
                    results[e.getKey()] = r;
                    e.getValue().thread().interrupt();
                    listener.finished(test, r);
                }
            }
        }
        return new ArrayList<>(Arrays.asList(results));
    }
}
