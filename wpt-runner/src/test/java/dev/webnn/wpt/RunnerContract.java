package dev.webnn.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The runner's behaviour with the real testharness.js, for any realm factory. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RunnerContract {
    Path root;
    WptServer server;
    ServerResources resources;
    WptRealm.Factory realms;

    abstract WptRealm.Factory newFactory(ServerResources resources);

    @BeforeAll
    void setUp(@TempDir Path tmp) throws Exception {
        root = SampleWpt.create(tmp.resolve("wpt"));
        server = WptServer.start(root);
        resources = new ServerResources(TestRunner.ORIGIN, server.baseUri());
        realms = newFactory(resources);
    }

    @AfterAll
    void tearDown() {
        if (realms != null) {
            realms.close();
        }
        if (server != null) {
            server.close();
        }
    }

    List<TestResult> run(double multiplier, String... tests) throws Exception {
        TestRunner runner = new TestRunner(realms, resources, multiplier, line -> System.out.println(line));
        return new TestDiscovery(root).discover(List.of(tests)).stream().map(runner::run).toList();
    }

    static Map<String, SubtestResult> byName(TestResult r) {
        return r.subtests().stream().collect(Collectors.toMap(SubtestResult::name, Function.identity()));
    }

    @Test
    void passingTestsInWindowAndWorker() throws Exception {
        List<TestResult> results = run(1, "webnn/samples/sample-pass.any.js");
        assertEquals(List.of("/webnn/samples/sample-pass.any.html", "/webnn/samples/sample-pass.any.worker.html"),
                results.stream().map(TestResult::test).toList());
        for (TestResult r : results) {
            assertEquals("OK", r.status(), r.toString());
            assertEquals(5, r.subtests().size(), r.toString());
            assertEquals(5, r.passedSubtests(), r.toString());
            assertEquals("PASS", r.outcome());
            assertEquals("webnn/samples", r.folder());
        }
    }

    @Test
    void failingAssertionsAreReported() throws Exception {
        TestResult r = run(1, "webnn/samples/sample-fail.any.js").get(0);
        assertEquals("OK", r.status());
        assertEquals("FAIL", r.outcome());
        Map<String, SubtestResult> s = byName(r);
        assertEquals("PASS", s.get("passes").status());
        assertEquals("FAIL", s.get("fails an assertion").status());
        assertTrue(s.get("fails an assertion").message().contains("one is not two"), s.toString());
        assertEquals("FAIL", s.get("rejects").status());
        assertTrue(s.get("rejects").message().contains("rejected on purpose"), s.toString());
        assertEquals(2, r.failedCount());
    }

    @Test
    void aTestThatNeverFinishesTimesOut() throws Exception {
        long start = System.nanoTime();
        TestResult r = run(0.02, "webnn/samples/sample-hang.any.js").get(0);
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000, "took too long");
        assertEquals("TIMEOUT", r.status(), r.toString());
        Map<String, SubtestResult> s = byName(r);
        assertEquals("PASS", s.get("finishes").status());
        assertEquals("TIMEOUT", s.get("never settles").status());
        assertEquals("TIMEOUT", s.get("queued behind the hang").status());
        assertEquals(2, r.failedCount());
        assertEquals("TIMEOUT", r.outcome());
    }

    @Test
    void anErrorWhileLoadingIsAHarnessError() throws Exception {
        TestResult r = run(1, "webnn/samples/sample-throws.any.js").get(0);
        assertEquals("ERROR", r.status());
        assertNotNull(r.message());
        assertTrue(r.message().contains("boom at load"), r.message());
        assertEquals("PASS", byName(r).get("registered before the error").status());
    }

    @Test
    void theVariantIsTheQuery() throws Exception {
        List<TestResult> results = run(1, "webnn/samples/sample-variant.any.js");
        assertEquals(List.of("/webnn/samples/sample-variant.any.html?cpu", "/webnn/samples/sample-variant.any.html?gpu"),
                results.stream().map(TestResult::test).toList());
        assertEquals("variant ?cpu", results.get(0).subtests().get(0).name());
        assertEquals("PASS", results.get(0).subtests().get(0).status());
        assertEquals("variant ?gpu", results.get(1).subtests().get(0).name());
        TestResult onlyGpu = run(1, "webnn/samples/sample-variant.any.js?gpu").get(0);
        assertEquals("/webnn/samples/sample-variant.any.html?gpu", onlyGpu.test());
    }

    @Test
    void aTestThatCallsDoneItselfIsWaitedFor() throws Exception {
        TestResult r = run(1, "webnn/samples/sample-explicit-done.window.js").get(0);
        assertEquals("/webnn/samples/sample-explicit-done.window.html", r.test());
        assertEquals("OK", r.status(), r.toString());
        assertEquals("defined late", r.subtests().get(0).name());
        assertEquals("PASS", r.subtests().get(0).status());
    }

    @Test
    void aScriptThatNeverReturnsIsStopped() throws Exception {
        SampleWpt.write(root, "webnn/samples/sample-spin.any.js", """
                // META: global=window

                test(() => {}, 'before the spin');
                promise_test(async () => { for (;;) {} }, 'spins forever');
                """);
        long start = System.nanoTime();
        TestResult r = run(0.05, "webnn/samples/sample-spin.any.js").get(0);
        assertTrue((System.nanoTime() - start) / 1_000_000 < 10_000, "took too long");
        assertEquals("TIMEOUT", r.status(), r.toString());
        Map<String, SubtestResult> s = byName(r);
        assertEquals("PASS", s.get("before the spin").status(), r.toString());
        assertEquals("TIMEOUT", s.get("spins forever").status(), r.toString());
        SampleWpt.write(root, "webnn/samples/sample-spin-at-load.any.js", """
                // META: global=window

                test(() => { for (;;) {} }, 'spins while loading');
                """);
        TestResult atLoad = run(0.05, "webnn/samples/sample-spin-at-load.any.js").get(0);
        assertEquals("TIMEOUT", atLoad.status(), atLoad.toString());
        assertEquals("TIMEOUT", byName(atLoad).get("spins while loading").status(), atLoad.toString());
        // The next test still runs.
        assertEquals("OK", run(1, "webnn/samples/sample-fail.any.js").get(0).status());
    }
}
