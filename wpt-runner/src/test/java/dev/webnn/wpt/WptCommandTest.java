package dev.webnn.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WptCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** One engine for all runs of this class, warm after the first, so a loaded machine does not time tests out. */
    private static final PlainGraalRealms REALMS = new PlainGraalRealms();

    private Run run(String... args) {
        return runWith(REALMS::create, args);
    }

    /** A run whose realms come from {@code realms} (on the class's engine). */
    private Run runWith(RealmMaker realms, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = WptCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), resources -> new WptRealm.Factory() {
                    @Override
                    public WptRealm create(String url, WptGlobal global, boolean coi,
                            java.util.function.Consumer<String> console) {
                        return realms.create(url, global, coi, console);
                    }

                    @Override
                    public void close() {
                        // The engine outlives the run.
                    }
                });
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Loads classes and parses testharness.js once, so a loaded machine does not time the first test out. */
    @org.junit.jupiter.api.BeforeAll
    static void warmUp(@TempDir Path dir) throws Exception {
        Path root = SampleWpt.create(dir.resolve("wpt"));
        WptCommandTest warm = new WptCommandTest();
        warm.run("--wpt-dir", root.toString(), "--timeout-multiplier", "10", "webnn/samples/sample-pass.any.js");
    }

    private static String lastLine(Run r) {
        List<String> lines = r.out().lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void aDirectoryWithoutTheSuiteSaysHowToGetIt() {
        Run r = run("--wpt-dir", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("third_party/README.md"), r.err());
        assertTrue(r.err().contains("WebIDLParser.js"), r.err());
    }

    @Test
    void badArguments() {
        assertEquals(2, run().code());
        assertEquals(2, run("--wpt-dir").code());
        assertEquals(2, run("--wpt-dir", tmp.toString(), "--timeout-multiplier", "0").code());
        assertEquals(2, run("--wpt-dir", tmp.toString(), "--bogus").code());
        assertEquals(2, run("--wpt-dir", tmp.toString(), "--jobs", "0").code());
        assertEquals(2, run("--wpt-dir", tmp.toString(), "--jobs", "two").code());
        assertEquals(2, run("--wpt-dir", tmp.toString(), "--scope", "shadowrealm").code());
        assertEquals(2, run("--wpt-dir", tmp.toString(), "--update-status").code());
        assertEquals(2, run("--wpt-dir", tmp.toString(), "--this-chunk", "4", "--total-chunks", "3").code());
        assertEquals(2, run("--wpt-dir", tmp.toString(), "--chunk-type", "random").code());
        assertTrue(run("--help").out().contains("--update-status"));
    }

    @Test
    void passingTestsExitZero() throws Exception {
        Path root = SampleWpt.create(tmp.resolve("wpt"));
        Run r = run("--wpt-dir", root.toString(), "--jobs", "2", "--timeout-multiplier", "3",
                "webnn/samples/sample-pass.any.js",
                "webnn/samples/sample-variant.any.js?cpu");
        assertEquals(0, r.code(), r.all());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches(
                "PASS +/webnn/samples/sample-pass\\.any\\.html  \\(5/5 subtests, \\d+ ms\\)")), r.out());
        assertTrue(r.out().contains("  webnn/samples: 11 passed, 0 failed"), r.out());
        assertTrue(r.out().matches("(?s).*3 test URLs in [0-9.]+ s with 2 jobs; per URL: realm [0-9.]+ ms \\+ harness"
                + " [0-9.]+ ms \\(CPU [0-9.]+ \\+ [0-9.]+ ms\\).*"), r.out());
        assertEquals("11 passed, 0 failed", lastLine(r));
    }

    @Test
    void selectsByGlobVariantAndScope() throws Exception {
        Path root = SampleWpt.create(tmp.resolve("wpt"));
        Run list = run("--wpt-dir", root.toString(), "--list", "--variant", "gpu", "webnn/samples/*.js");
        assertEquals(0, list.code(), list.all());
        assertEquals(List.of("/webnn/samples/sample-variant.any.html?gpu"), list.out().lines().toList());
        Run workers = run("--wpt-dir", root.toString(), "--list", "--scope", "worker", "webnn/**/sample-*.any.js");
        assertEquals(List.of("/webnn/samples/sample-pass.any.worker.html"), workers.out().lines().toList());
        Run both = run("--wpt-dir", root.toString(), "--list", "--scope", "window,dedicatedworker",
                "webnn/samples/sample-pass.any.js");
        assertEquals(2, both.out().lines().count(), both.out());
        Run none = run("--wpt-dir", root.toString(), "--variant", "npu", "webnn/samples/sample-pass.any.js");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("--variant/--scope"), none.err());
    }

    @Test
    void aRunWritesValidReportsAndCountsFailures() throws Exception {
        Path root = SampleWpt.create(tmp.resolve("wpt"));
        SampleWpt.write(root, "REVISION", "0123abcd\n");
        Path report = tmp.resolve("out/report.json");
        Path html = tmp.resolve("out/report.html");
        Run r = run("--wpt-dir", root.toString(), "--report", report.toString(), "--html", html.toString(),
                "--timeout-multiplier", "0.5", "--jobs", "2", "webnn/samples");
        assertEquals(1, r.code(), r.all());
        String out = r.out();
        assertTrue(out.contains("FAIL    /webnn/samples/sample-fail.any.html  (1/3 subtests"), out);
        assertTrue(out.contains("TIMEOUT /webnn/samples/sample-hang.any.html  (1/3 subtests"), out);
        assertTrue(out.contains("ERROR   /webnn/samples/sample-throws.any.html  (1/1 subtests"), out);
        // pass: 5+5, variant: 1+1, explicit-done: 1, fail: 1, hang: 1, throws: 1 = 16 passed;
        // fail: 2, hang: 2, throws (harness ERROR, no failing subtest): 1 = 5 failed.
        assertEquals("16 passed, 5 failed", lastLine(r), out);
        assertTrue(out.contains("3 test URLs with unexpected results:"), out);
        assertTrue(out.contains("    rerun: ./webnn wpt --wpt-dir " + root + " --timeout-multiplier 0.5 --verbose"
                + " /webnn/samples/sample-hang.any.html\n"), out);
        assertTrue(out.contains("      unexpected FAIL: fails an assertion: assert_equals: one is not two"), out);

        JsonNode json = JSON.readTree(report.toFile());
        assertEquals(List.of(), WptReport.validate(json));
        assertEquals("webnn-java", json.path("run_info").path("product").asText());
        assertEquals("0123abcd", json.path("run_info").path("revision").asText());
        assertTrue(json.path("time_end").asLong() >= json.path("time_start").asLong());
        JsonNode results = json.path("results");
        assertEquals(8, results.size());
        List<String> ids = new ArrayList<>();
        results.forEach(res -> ids.add(res.path("test").asText()));
        assertEquals(ids.stream().sorted().toList(), ids, "results are ordered by test");
        JsonNode hang = results.get(ids.indexOf("/webnn/samples/sample-hang.any.html"));
        assertEquals("TIMEOUT", hang.path("status").asText());
        assertEquals("OK", hang.path("expected").asText(), "expected is written where the result differs");
        JsonNode sub = hang.path("subtests").get(1);
        assertEquals("never settles", sub.path("name").asText());
        assertEquals("TIMEOUT", sub.path("status").asText());
        assertEquals("PASS", sub.path("expected").asText());
        assertFalse(hang.path("subtests").get(0).has("expected"), "a passing subtest is as expected");

        String page = Files.readString(html);
        assertTrue(page.startsWith("<!doctype html>"), page);
        assertTrue(page.contains("<h2>Per folder</h2>") && page.contains("<h2>Per op</h2>")
                && page.contains("<h2>Per variant</h2>") && page.contains("<h2>Per scope</h2>"), page);
        assertTrue(page.contains("<tr><td>?gpu<td>1<td>1<td>0<td>100.0%"), page);
        assertTrue(page.contains("<tr><td>sample-fail<td>1/3<td>"), page);
        assertTrue(page.contains("assert_equals: one is not two"), page);
        assertTrue(page.contains("boom at load"), page);
    }

    @Test
    void theStatusFileRoundTripsToACleanExit() throws Exception {
        Path root = SampleWpt.create(tmp.resolve("wpt"));
        Path status = tmp.resolve("status.json");
        String[] tests = {"webnn/samples/sample-fail.any.js", "webnn/samples/sample-throws.any.js",
            "webnn/samples/sample-pass.any.js"};
        Run first = run(concat(new String[] {"--wpt-dir", root.toString(), "--status", status.toString(),
            "--update-status", "--timeout-multiplier", "3"}, tests));
        assertEquals(1, first.code(), "the file was empty, so the failures were unexpected: " + first.all());
        assertTrue(first.out().contains("status file updated: " + status), first.out());
        JsonNode written = JSON.readTree(status.toFile());
        assertEquals(JSON.readTree("""
                {"webnn/samples/sample-fail.any.js": {"fail": {"expected": ["fails an assertion", "rejects"]}},
                 "webnn/samples/sample-throws.any.js": {"fail": {"status": "ERROR", "expected": []}}}
                """), written);

        Run again = run(concat(new String[] {"--wpt-dir", root.toString(), "--status", status.toString(),
            "--timeout-multiplier", "3"}, tests));
        assertEquals(0, again.code(), again.all());
        assertTrue(again.out().contains("FAIL    /webnn/samples/sample-fail.any.html  (1/3 subtests, "), again.out());
        assertTrue(again.out().contains("(expected)"), again.out());
        assertTrue(again.out().contains("  0 with unexpected results (status file " + status + ")"), again.out());
        assertEquals("12 passed, 3 failed", lastLine(again));

        // A subtest listed as failing that passes is unexpected too, with a line to rerun it.
        ObjectNode edited = (ObjectNode) written;
        ((ArrayNode) edited.path("webnn/samples/sample-fail.any.js").path("fail").path("expected")).add("passes");
        Files.writeString(status, edited.toPrettyString());
        Run pass = run("--wpt-dir", root.toString(), "--status", status.toString(), "--timeout-multiplier", "3",
                "webnn/samples/sample-fail.any.js");
        assertEquals(1, pass.code(), pass.all());
        assertTrue(pass.out().contains("      unexpected pass: passes"), pass.out());
        assertTrue(pass.out().contains("    rerun: ./webnn wpt --wpt-dir " + root + " --status " + status
                + " --timeout-multiplier 3 --verbose /webnn/samples/sample-fail.any.html"), pass.out());
    }

    @Test
    void skippedTestsAreNotRunAndReportedAsSkip() throws Exception {
        Path root = SampleWpt.create(tmp.resolve("wpt"));
        Path status = tmp.resolve("status.json");
        Files.writeString(status, """
                {"webnn/samples/sample-hang.any.js": {"skip": "hangs on purpose"},
                 "/webnn/samples/sample-variant.any.html?gpu": {"skip": "no gpu here"}}
                """);
        Path report = tmp.resolve("report.json");
        Run r = run("--wpt-dir", root.toString(), "--status", status.toString(), "--report", report.toString(),
                "--timeout-multiplier", "3", "webnn/samples/sample-hang.any.js", "webnn/samples/sample-variant.any.js");
        assertEquals(0, r.code(), r.all());
        JsonNode results = JSON.readTree(report.toFile()).path("results");
        assertEquals(3, results.size());
        assertEquals("SKIP", results.get(0).path("status").asText());
        assertEquals("hangs on purpose", results.get(0).path("message").asText());
        assertEquals("PASS", results.get(1).path("subtests").get(0).path("status").asText());
        assertEquals("SKIP", results.get(2).path("status").asText());
        assertEquals("1 passed, 0 failed", lastLine(r));
    }

    @Test
    void threeChunksMergeIntoTheResultsOfOneRun() throws Exception {
        Path root = SampleWpt.create(tmp.resolve("wpt"));
        String[] common = {"--wpt-dir", root.toString(), "--jobs", "2", "--timeout-multiplier", "3",
            "webnn/samples/sample-pass.any.js", "webnn/samples/sample-fail.any.js", "webnn/samples/sample-variant.any.js",
            "webnn/samples/sample-throws.any.js", "webnn/samples/sample-explicit-done.window.js"};
        Path whole = tmp.resolve("whole.json");
        run(concat(common, new String[] {"--report", whole.toString()}));
        List<String> parts = new ArrayList<>();
        int chunkUrls = 0;
        for (int k = 1; k <= 3; k++) {
            Path part = tmp.resolve("chunk" + k + ".json");
            Run r = run(concat(common, new String[] {"--this-chunk", "" + k, "--total-chunks", "3", "--report",
                part.toString()}));
            assertTrue(r.code() <= 1, r.all());
            chunkUrls += JSON.readTree(part.toFile()).path("results").size();
            parts.add(part.toString());
        }
        assertEquals(7, chunkUrls);
        Run merged = run(concat(new String[] {"merge"}, parts.toArray(String[]::new)));
        assertEquals(0, merged.code(), merged.err());
        JsonNode all = JSON.readTree(merged.out());
        assertEquals(List.of(), WptReport.validate(all));
        assertEquals(withoutTimes(JSON.readTree(whole.toFile()).path("results")), withoutTimes(all.path("results")));
        assertEquals(JSON.readTree(whole.toFile()).path("run_info"), all.path("run_info"));

        Run twice = run("merge", parts.get(0), parts.get(0));
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("appears in more than one report"), twice.err());
        Run missing = run("merge", tmp.resolve("nope.json").toString());
        assertEquals(2, missing.code());
    }

    private static JsonNode withoutTimes(JsonNode results) {
        ArrayNode copy = results.deepCopy();
        copy.forEach(r -> ((ObjectNode) r).remove("duration"));
        return copy;
    }

    @Test
    void onATerminalAProgressBarWithCountsAndAnEta() throws Exception {
        Path root = SampleWpt.create(tmp.resolve("wpt"));
        Run r = run("--wpt-dir", root.toString(), "--progress", "bar", "--timeout-multiplier", "3",
                "webnn/samples/sample-pass.any.js",
                "webnn/samples/sample-fail.any.js");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("\r\033[K["), r.out());
        assertTrue(r.out().contains("] 3/3  pass 2  fail 1  timeout 0  error 0"), r.out());
        assertTrue(r.out().contains(" ETA 0:00"), r.out());
        assertTrue(r.out().contains("FAIL    /webnn/samples/sample-fail.any.html"), "failures still get a line");
        assertFalse(r.out().contains("PASS    /webnn/samples/sample-pass.any.html"), "passes only count");
        Run lines = run("--wpt-dir", root.toString(), "--progress", "lines", "--timeout-multiplier", "3",
                "webnn/samples/sample-pass.any.js");
        assertFalse(lines.out().contains("\r"), lines.out());
        assertTrue(lines.out().contains("PASS    /webnn/samples/sample-pass.any.html"), lines.out());
    }

    interface RealmMaker {
        WptRealm create(String url, WptGlobal global, boolean coi, java.util.function.Consumer<String> console);
    }

    @Test
    void aTestThatRanOutOfMemoryBesideOthersIsRetriedAlone() throws Exception {
        Path root = SampleWpt.create(tmp.resolve("wpt"));
        SampleWpt.write(root, "webnn/samples/sample-memory.any.js", "// META: global=window\ntest(() => {}, 'x');\n");
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        RealmMaker firstRunOutOfMemory = (url, global, coi, console) -> {
            if (url.contains("sample-memory") && runs.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
            return REALMS.create(url, global, coi, console);
        };
        Run r = runWith(firstRunOutOfMemory, "--wpt-dir", root.toString(), "--jobs", "2", "--timeout-multiplier", "3",
                "webnn/samples/sample-memory.any.js", "webnn/samples/sample-variant.any.js");
        assertEquals(0, r.code(), r.all());
        assertEquals(2, runs.get());
        assertTrue(r.out().contains("retrying 1 test URL that ran out of memory beside others, one at a time:"),
                r.out());
        assertTrue(r.out().contains("ERROR   /webnn/samples/sample-memory.any.html"), r.out());
        assertTrue(r.out().contains("PASS    /webnn/samples/sample-memory.any.html"), r.out());
        assertEquals("3 passed, 0 failed", lastLine(r));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = new String[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
