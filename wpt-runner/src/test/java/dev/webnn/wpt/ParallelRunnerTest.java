package dev.webnn.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel runs: jobs at a time, each realm on its own thread, and a test that hangs where cancelling cannot reach,
 * runs out of memory or breaks the realm is reported without stopping the run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParallelRunnerTest {
    Path root;
    WptServer server;
    ServerResources resources;
    final PlainGraalRealms plain = new PlainGraalRealms();
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger live = new AtomicInteger();
    final AtomicInteger mostLive = new AtomicInteger();
    final Set<String> realmThreads = Collections.synchronizedSet(new HashSet<>());

    /** The plain realms, with faults injected by test file name, counting how many slow realms live at once. */
    final WptRealm.Factory faulty = new WptRealm.Factory() {
        @Override
        public WptRealm create(String pageUrl, WptGlobal global, boolean coi, Consumer<String> console) {
            realmThreads.add(Thread.currentThread().getName());
            if (pageUrl.contains("sample-broken-realm")) {
                throw new IllegalStateException("the realm could not be made");
            }
            WptRealm inner = plain.create(pageUrl, global, coi, console);
            boolean counted = pageUrl.contains("sample-slow");
            if (counted) {
                mostLive.accumulateAndGet(live.incrementAndGet(), Math::max);
            }
            return new WptRealm() {
                @Override
                public void evalScript(String sourceName, String source) throws ScriptError {
                    if (sourceName.endsWith("sample-stuck.any.js")) {
                        // Java code that ignores cancellation, as a stuck host call would.
                        while (true) {
                            try {
                                release.await();
                                return;
                            } catch (InterruptedException e) {
                                // Keep waiting: the realm cannot be stopped.
                            }
                        }
                    }
                    if (sourceName.endsWith("sample-oom.any.js")) {
                        throw new OutOfMemoryError("Java heap space (simulated)");
                    }
                    inner.evalScript(sourceName, source);
                }

                @Override
                public void defineFunction(String name, Function<Value[], Object> fn) {
                    inner.defineFunction(name, fn);
                }

                @Override
                public LoopState runEventLoop(BooleanSupplier done, long timeoutMillis) {
                    return inner.runEventLoop(done, timeoutMillis);
                }

                @Override
                public void cancel() {
                    inner.cancel();
                }

                @Override
                public List<String> uncaughtErrors() {
                    return inner.uncaughtErrors();
                }

                @Override
                public void close() {
                    if (counted) {
                        live.decrementAndGet();
                    }
                    inner.close();
                }
            };
        }

        @Override
        public void close() {
            plain.close();
        }
    };

    @BeforeAll
    void setUp(@TempDir Path tmp) throws Exception {
        root = SampleWpt.create(tmp.resolve("wpt"));
        for (String name : List.of("sample-stuck", "sample-oom", "sample-broken-realm")) {
            SampleWpt.write(root, "webnn/faults/" + name + ".any.js", "// META: global=window\ntest(() => {}, 'x');\n");
        }
        // Long timeouts for the tests that should pass, so a loaded machine does not time them out.
        SampleWpt.write(root, "webnn/faults/sample-quick.any.js", """
                // META: timeout=long
                test(() => {}, 'passes');
                """);
        SampleWpt.write(root, "webnn/faults/sample-slow.any.js", """
                // META: global=window,worker
                // META: timeout=long
                promise_test(() => new Promise(resolve => setTimeout(resolve, 150)), 'waits a little');
                """);
        server = WptServer.start(root);
        resources = new ServerResources(TestRunner.ORIGIN, server.baseUri());
        // Warm up (class loading, the first parse of testharness.js), so the timed tests time only themselves.
        run(1, 10_000, new ArrayList<>(), "webnn/faults/sample-quick.any.js");
    }

    @AfterAll
    void tearDown() {
        release.countDown();
        faulty.close();
        server.close();
    }

    private List<TestResult> run(int jobs, long abandonAfter, List<String> order, String... tests) throws Exception {
        List<WptTest> urls = new TestDiscovery(root).discover(List.of(tests));
        TestRunner runner = new TestRunner(faulty, resources, 0.5, line -> { });
        return new ParallelRunner(runner, jobs, abandonAfter).run(urls, new ParallelRunner.Listener() {
            @Override
            public void started(WptTest test) {
            }

            @Override
            public void finished(WptTest test, TestResult result) {
                order.add(test.id());
            }
        });
    }

    @Test
    void runsJobsAtATimeEachRealmOnItsOwnThread() throws Exception {
        realmThreads.clear();
        mostLive.set(0);
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        List<TestResult> results = run(3, 10_000, finished, "webnn/faults/sample-slow.any.js");
        assertEquals(4, results.size());
        for (TestResult r : results) {
            assertEquals("PASS", r.outcome(), r.toString());
        }
        assertEquals(List.of("/webnn/faults/sample-slow.any.html", "/webnn/faults/sample-slow.any.worker.html",
                "/webnn/faults/sample-slow.any.sharedworker.html", "/webnn/faults/sample-slow.any.serviceworker.html"),
                results.stream().map(TestResult::test).toList(), "results come in the order of the tests");
        assertEquals(4, finished.size());
        assertEquals(4, realmThreads.size(), "a thread per realm: " + realmThreads);
        assertTrue(!realmThreads.contains(Thread.currentThread().getName()));
        assertEquals(3, mostLive.get(), "three realms at once, never more");
    }

    @Test
    void aHangThatCannotBeCancelledIsLeftBehind() throws Exception {
        long start = System.nanoTime();
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        List<TestResult> results = run(2, 500, finished, "webnn/faults/sample-stuck.any.js",
                "webnn/faults/sample-quick.any.js", "webnn/faults/sample-slow.any.js");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        TestResult stuck = results.get(0);
        assertEquals("TIMEOUT", stuck.status(), stuck.toString());
        assertTrue(stuck.message().contains("left behind"), stuck.message());
        for (TestResult r : results.subList(1, results.size())) {
            assertEquals("PASS", r.outcome(), r.toString());
        }
        assertNotEquals("/webnn/faults/sample-stuck.any.html", finished.get(0), "the others finished first");
        // Timeout 5 s + 2 s grace + 0.5 s: the run goes on without waiting for the stuck thread.
        assertTrue(tookMs < 60_000, "took " + tookMs + " ms");
    }

    @Test
    void runningOutOfMemoryOrABrokenRealmIsAnErrorAndTheRunGoesOn() throws Exception {
        List<TestResult> results = run(2, 10_000, new ArrayList<>(), "webnn/faults/sample-oom.any.js",
                "webnn/faults/sample-broken-realm.any.js", "webnn/faults/sample-quick.any.js");
        assertEquals("ERROR", results.get(0).status());
        assertTrue(results.get(0).message().startsWith("out of memory"), results.get(0).message());
        assertEquals("ERROR", results.get(1).status());
        assertTrue(results.get(1).message().contains("the realm could not be made"), results.get(1).message());
        assertEquals("PASS", results.get(2).outcome(), "the next test still ran: " + results.get(2));
    }
}
