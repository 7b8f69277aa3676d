package dev.webnn.wpt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Runs WPT script tests, each test URL in a fresh realm: testharness.js, this runner's result-collector.js (its testharnessreport),
 * the META scripts, the test file, then the event loop until testharness.js reports or the time is up.
 */
public final class TestRunner {
    /** The page origin tests see in {@code location}. */
    public static final String ORIGIN = "https://web-platform.test:8443";
    static final long NORMAL_TIMEOUT_MS = 10_000;
    static final long LONG_TIMEOUT_MS = 60_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String REPORT_JS = readResource("result-collector.js");
    /** Stops a realm whose JS does not return (a loop in a script or a task) once its test's time is up. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webnn-wpt-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final WptRealm.Factory realms;
    private final ServerResources server;
    private final double timeoutMultiplier;
    private final Consumer<String> console;
    private final Overhead overhead = new Overhead();

    /**
     * @param realms            makes one realm per test URL
     * @param server            the loopback WPT server the pages, scripts and fetch() come from
     * @param timeoutMultiplier scales the 10 s (60 s for {@code timeout=long}) per-test timeout
     * @param console           receives the tests' console lines, prefixed with the test id
     */
    public TestRunner(WptRealm.Factory realms, ServerResources server, double timeoutMultiplier,
            Consumer<String> console) {
        if (!(timeoutMultiplier > 0)) {
            throw new IllegalArgumentException("the timeout multiplier must be positive: " + timeoutMultiplier);
        }
        this.realms = realms;
        this.server = server;
        this.timeoutMultiplier = timeoutMultiplier;
        this.console = console;
    }

    /** The time a test URL gets before the harness times it out. */
    public long timeoutMillis(WptTest test) {
        long base = test.meta().longTimeout() ? LONG_TIMEOUT_MS : NORMAL_TIMEOUT_MS;
        return Math.max(1, Math.round(base * timeoutMultiplier));
    }

    /** The time after which a test's realm is stopped even if its JS does not return: the timeout plus a grace. */
    public long hardLimitMillis(WptTest test) {
        long timeout = timeoutMillis(test);
        return timeout + graceMillis(timeout);
    }

    private static long graceMillis(long timeout) {
        return Math.max(2_000, timeout / 5);
    }

    /** What realm creation and harness loading cost so far, over all test URLs this runner ran. */
    public Overhead overhead() {
        return overhead;
    }

    /**
     * Runs one test URL on the calling thread, which becomes the realm's thread. Never throws: whatever goes wrong,
     * running out of memory included, becomes an ERROR result.
     */
    public TestResult run(WptTest test) {
        long start = System.nanoTime();
        try {
            return runInRealm(test, start);
        } catch (OutOfMemoryError e) {
            return error(test, "out of memory: " + e.getMessage(), start);
        } catch (RuntimeException | IOException | Error e) {
            return error(test, "runner error: " + e, start);
        }
    }

    private static TestResult error(WptTest test, String message, long start) {
        return new TestResult(test.id(), test.folder(), "ERROR", message, elapsed(start), List.of());
    }

    private TestResult runInRealm(WptTest test, long start) throws IOException {
        ServerResources.Response page = server.get(test.path() + test.variant());
        if (page == null || page.status() != 200) {
            return error(test, "the WPT server does not serve " + test.id() + " (HTTP "
                    + (page == null ? "none" : page.status()) + ")", start);
        }
        boolean isolated = page.crossOriginIsolating();
        if (isolated && test.global().isWorker() && test.path().endsWith(test.global().anySuffix())) {
            // A worker is isolated when its own script is served with the same headers, as the page's are.
            String stem = test.path().substring(0, test.path().length() - test.global().anySuffix().length());
            ServerResources.Response worker = server.get(stem + ".any.worker.js" + test.variant());
            isolated = worker != null && worker.status() == 200 && worker.crossOriginIsolating();
        }
        Collector collector = new Collector();
        String url = server.pageUrl(test.path() + test.variant());
        String id = test.id();
        long timeout = timeoutMillis(test);
        long grace = graceMillis(timeout);
        long created = System.nanoTime();
        long createdCpu = THREADS.getCurrentThreadCpuTime();
        try (WptRealm realm = realms.create(url, test.global(), isolated, line -> console.accept(id + ": " + line))) {
            overhead.realm.add(System.nanoTime() - created);
            overhead.realmCpu.add(THREADS.getCurrentThreadCpuTime() - createdCpu);
            AtomicBoolean stopped = new AtomicBoolean();
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
                stopped.set(true);
                realm.cancel();
            }, timeout + grace, TimeUnit.MILLISECONDS);
            try {
                return runLoaded(test, realm, collector, timeout, grace, stopped, start);
            } finally {
                watchdog.cancel(false);
            }
        }
    }

    private TestResult runLoaded(WptTest test, WptRealm realm, Collector collector, long timeout, long grace,
            AtomicBoolean stopped, long start) throws IOException {
        String id = test.id();
        long harnessStart = System.nanoTime();
        long harnessStartCpu = THREADS.getCurrentThreadCpuTime();
        realm.defineFunction("__webnnReport", args -> {
            collector.report = args.length > 0 ? args[0].asString() : null;
            return null;
        });
        realm.defineFunction("__webnnTestSeen", args -> {
            collector.seen(args[0].asInt(), args[1].asString());
            return null;
        });
        realm.defineFunction("__webnnResult", args -> {
            collector.result(args[0].asString());
            return null;
        });

        if (test.meta().title() != null) {
            evalOrFail(realm, "webnn:meta-title.js", "self.META_TITLE = " + JSON.writeValueAsString(
                    test.meta().title()) + ";");
        }
        String harnessError = evalUrl(realm, "/resources/testharness.js");
        if (harnessError != null) {
            return new TestResult(id, test.folder(), "ERROR", "testharness.js failed to load: " + harnessError,
                    elapsed(start), List.of());
        }
        evalOrFail(realm, "webnn:result-collector.js", REPORT_JS);
        evalOrFail(realm, "webnn:start-timeout.js", "__webnnStartTimeout(" + timeout + ");");
        overhead.harness.add(System.nanoTime() - harnessStart);
        overhead.harnessCpu.add(THREADS.getCurrentThreadCpuTime() - harnessStartCpu);
        overhead.urls.increment();

        // Like <script> elements: each runs even when an earlier one threw; the first error is the harness's.
        for (String script : test.meta().scripts()) {
            if (stopped.get()) {
                break;
            }
            collector.loadError(evalUrl(realm, resolve(test.urlDir(), script)), stopped);
        }
        if (!stopped.get()) {
            collector.loadError(evalUrl(realm, test.urlDir() + test.file().getFileName()), stopped);
        }
        if (!stopped.get()) {
            try {
                realm.evalScript("webnn:scripts-loaded.js", "__webnnScriptsLoaded();");
            } catch (WptRealm.ScriptError e) {
                collector.loadError(e.getMessage(), stopped);
            }
        }

        WptRealm.LoopState state = WptRealm.LoopState.TIMEOUT;
        if (!stopped.get()) {
            state = realm.runEventLoop(collector::hasReport, timeout + grace);
        }
        if (!collector.hasReport() && state == WptRealm.LoopState.IDLE && !stopped.get()) {
            // Nothing can run any more, so nothing can finish: time the harness out now.
            try {
                realm.evalScript("webnn:harness-timeout.js", "__webnnHarnessTimeout();");
                state = realm.runEventLoop(collector::hasReport, grace);
            } catch (WptRealm.ScriptError e) {
                collector.loadError(e.getMessage(), stopped);
            }
        }
        if (stopped.get()) {
            state = WptRealm.LoopState.TIMEOUT;
        }
        List<String> uncaught = state == WptRealm.LoopState.TIMEOUT ? List.of() : realm.uncaughtErrors();
        return collector.toResult(test, uncaught, timeout, elapsed(start));
    }

    /** A META script's URL path against the test's folder, as a page resolves {@code <script src>}. */
    private String resolve(String urlDir, String script) {
        URI base = URI.create(server.origin() + urlDir);
        URI resolved = base.resolve(script.strip());
        String href = resolved.toString();
        if (!href.startsWith(server.origin() + "/")) {
            return href; // Another origin: the server answers null, which reads as a load failure.
        }
        return href.substring(server.origin().length());
    }

    private static void evalOrFail(WptRealm realm, String name, String source) {
        try {
            realm.evalScript(name, source);
        } catch (WptRealm.ScriptError e) {
            throw new IllegalStateException(name + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs a script served at a URL path; returns the error message when it threw or was not served, else null. */
    private String evalUrl(WptRealm realm, String path) {
        ServerResources.Response script;
        try {
            script = path.startsWith("/") ? server.script(path) : null;
        } catch (IOException e) {
            return "could not load " + path + ": " + e;
        }
        if (script == null || script.status() != 200) {
            return "could not load " + path + ": " + (script == null ? "not a URL of the test origin"
                    : "HTTP " + script.status());
        }
        int q = path.indexOf('?');
        try {
            realm.evalScript(q < 0 ? path : path.substring(0, q), script.text());
            return null;
        } catch (WptRealm.ScriptError e) {
            return e.getMessage();
        }
    }

    /**
     * Realm creation and harness loading, summed over test URLs in wall time and in the CPU time of the realm's
     * thread (which a loaded machine does not inflate); safe to update from many threads.
     */
    public static final class Overhead {
        final LongAdder realm = new LongAdder();
        final LongAdder realmCpu = new LongAdder();
        final LongAdder harness = new LongAdder();
        final LongAdder harnessCpu = new LongAdder();
        final LongAdder urls = new LongAdder();

        public long urls() {
            return urls.sum();
        }

        /** Mean milliseconds per URL to create a realm (the web basics and navigator.ml included). */
        public double realmMillis() {
            return mean(realm);
        }

        /** Mean milliseconds per URL to load testharness.js and the report hooks into a fresh realm. */
        public double harnessMillis() {
            return mean(harness);
        }

        public double realmCpuMillis() {
            return mean(realmCpu);
        }

        public double harnessCpuMillis() {
            return mean(harnessCpu);
        }

        private double mean(LongAdder nanos) {
            long n = urls.sum();
            return n == 0 ? 0 : nanos.sum() / 1e6 / n;
        }
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String readResource(String name) {
        try (InputStream in = TestRunner.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the realm told the runner: subtests as they go, then the completion report. */
    private static final class Collector {
        String report;
        String loadError;
        final Map<Integer, SubtestResult> subtests = new TreeMap<>();

        /** Keeps the first error; errors once the watchdog fired are the cancellation itself, not the test's. */
        void loadError(String error, AtomicBoolean stopped) {
            if (error != null && loadError == null && !stopped.get()) {
                loadError = error;
            }
        }

        boolean hasReport() {
            return report != null;
        }

        void seen(int index, String name) {
            subtests.putIfAbsent(index, new SubtestResult(name, "NOTRUN", null, null));
        }

        void result(String json) {
            try {
                JsonNode t = JSON.readTree(json);
                subtests.put(t.path("index").asInt(), subtest(t));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        TestResult toResult(WptTest test, List<String> uncaught, long timeout, long duration)
                throws IOException {
            String status;
            String message;
            List<SubtestResult> list = new ArrayList<>();
            if (report != null) {
                JsonNode r = JSON.readTree(report);
                status = r.path("status").asText("ERROR");
                message = textOrNull(r.get("message"));
                for (JsonNode t : r.path("tests")) {
                    list.add(subtest(t));
                }
                if ("TIMEOUT".equals(status) && message == null) {
                    message = "the test did not finish within " + timeout + " ms";
                }
                if ("OK".equals(status) && !uncaught.isEmpty() && !r.path("allow_uncaught_exception").asBoolean()) {
                    status = "ERROR";
                    message = "Uncaught " + uncaught.get(0);
                }
            } else {
                // The realm was stopped (a script that did not return): report what is known.
                status = "TIMEOUT";
                message = "the test did not finish within " + timeout + " ms and was stopped";
                for (SubtestResult s : subtests.values()) {
                    list.add("NOTRUN".equals(s.status())
                            ? new SubtestResult(s.name(), "TIMEOUT", "Test timed out", null) : s);
                }
            }
            if (loadError != null) {
                status = "ERROR";
                message = loadError;
            }
            return new TestResult(test.id(), test.folder(), status, message, duration, list);
        }

        private static SubtestResult subtest(JsonNode t) {
            return new SubtestResult(t.path("name").asText(), t.path("status").asText("NOTRUN"),
                    textOrNull(t.get("message")), textOrNull(t.get("stack")));
        }

        private static String textOrNull(JsonNode n) {
            return n == null || n.isNull() ? null : n.asText();
        }
    }
}
