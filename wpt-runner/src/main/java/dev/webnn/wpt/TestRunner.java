package dev.webnn.wpt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs WPT script tests, each test URL in a fresh realm: testharness.js, this runner's testharnessreport.js,
 * the META scripts, the test file, then the event loop until testharness.js reports or the time is up.
 */
public final class TestRunner {
    /** The page origin tests see in {@code location}. */
    public static final String ORIGIN = "https://web-platform.test:8443";
    static final long NORMAL_TIMEOUT_MS = 10_000;
    static final long LONG_TIMEOUT_MS = 60_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPORT_JS = readResource("testharnessreport.js");
    /** Stops a realm whose JS does not return (a loop in a script or a task) once its test's time is up. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webnn-wpt-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final WptRealm.Factory realms;
    private final WptRootResolver resolver;
    private final double timeoutMultiplier;
    private final Consumer<String> console;

    /**
     * @param realms            makes one realm per test URL
     * @param wptRoot           the WPT checkout
     * @param timeoutMultiplier scales the 10 s (60 s for {@code timeout=long}) per-test timeout
     * @param console           receives the tests' console lines, prefixed with the test id
     */
    public TestRunner(WptRealm.Factory realms, Path wptRoot, double timeoutMultiplier, Consumer<String> console) {
        if (!(timeoutMultiplier > 0)) {
            throw new IllegalArgumentException("the timeout multiplier must be positive: " + timeoutMultiplier);
        }
        this.realms = realms;
        this.resolver = new WptRootResolver(wptRoot);
        this.timeoutMultiplier = timeoutMultiplier;
        this.console = console;
    }

    /** The time a test URL gets before the harness times it out. */
    public long timeoutMillis(WptTest test) {
        long base = test.meta().longTimeout() ? LONG_TIMEOUT_MS : NORMAL_TIMEOUT_MS;
        return Math.max(1, Math.round(base * timeoutMultiplier));
    }

    /** Runs one test URL. Never throws: whatever goes wrong becomes an ERROR result. */
    public TestResult run(WptTest test) {
        long start = System.nanoTime();
        try {
            return runInRealm(test, start);
        } catch (RuntimeException | IOException | Error e) {
            if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) {
                throw vme;
            }
            return new TestResult(test.id(), test.folder(), "ERROR", "runner error: " + e, elapsed(start), List.of());
        }
    }

    private TestResult runInRealm(WptTest test, long start) throws IOException {
        Collector collector = new Collector();
        String url = ORIGIN + test.path() + test.variant();
        String id = test.id();
        long timeout = timeoutMillis(test);
        long grace = Math.max(2_000, timeout / 5);
        try (WptRealm realm = realms.create(url, test.global(), test.crossOriginIsolated(),
                line -> console.accept(id + ": " + line))) {
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
        String harnessError = evalFile(realm, resolver.resolve("/", "/resources/testharness.js"));
        if (harnessError != null) {
            return new TestResult(id, test.folder(), "ERROR", "testharness.js failed to load: " + harnessError,
                    elapsed(start), List.of());
        }
        evalOrFail(realm, "webnn:testharnessreport.js", REPORT_JS);
        evalOrFail(realm, "webnn:start-timeout.js", "__webnnStartTimeout(" + timeout + ");");

        // Like <script> elements: each runs even when an earlier one threw; the first error is the harness's.
        for (String script : test.meta().scripts()) {
            if (stopped.get()) {
                break;
            }
            collector.loadError(evalFile(realm, resolver.resolve(test.urlDir(), script)), stopped);
        }
        if (!stopped.get()) {
            collector.loadError(evalFile(realm, test.file()), stopped);
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

    private static void evalOrFail(WptRealm realm, String name, String source) {
        try {
            realm.evalScript(name, source);
        } catch (WptRealm.ScriptError e) {
            throw new IllegalStateException(name + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs a script file; returns the error message when it threw or could not be read, else null. */
    private String evalFile(WptRealm realm, Path file) {
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "could not read " + resolver.urlPath(file) + ": " + e;
        }
        try {
            realm.evalScript(resolver.urlPath(file), source);
            return null;
        } catch (WptRealm.ScriptError e) {
            return e.getMessage();
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
