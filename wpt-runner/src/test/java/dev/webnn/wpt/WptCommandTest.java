package dev.webnn.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WptCommandTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = WptCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), root -> new PlainGraalRealms());
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
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
    }

    @Test
    void passingTestsExitZero() throws Exception {
        Path root = SampleWpt.create(tmp.resolve("wpt"));
        Run r = run("--wpt-dir", root.toString(), "webnn/samples/sample-pass.any.js",
                "webnn/samples/sample-variant.any.js?cpu");
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("PASS +/webnn/samples/sample-pass\\.any\\.html  \\(5/5 subtests, \\d+ ms\\)"),
                lines.get(0));
        assertTrue(r.out().contains("  webnn/samples: 11 passed, 0 failed"), r.out());
        assertEquals("11 passed, 0 failed", lines.get(lines.size() - 1));
    }

    @Test
    void aRunWritesAReportAndCountsFailures() throws Exception {
        Path root = SampleWpt.create(tmp.resolve("wpt"));
        SampleWpt.write(root, "REVISION", "0123abcd\n");
        Path report = tmp.resolve("out/report.json");
        Run r = run("--wpt-dir", root.toString(), "--report", report.toString(), "--timeout-multiplier", "0.02",
                "webnn/samples");
        assertEquals(1, r.code(), r.out() + r.err());
        String out = r.out();
        assertTrue(out.contains("FAIL    /webnn/samples/sample-fail.any.html  (1/3 subtests"), out);
        assertTrue(out.contains("TIMEOUT /webnn/samples/sample-hang.any.html  (1/3 subtests"), out);
        assertTrue(out.contains("ERROR   /webnn/samples/sample-throws.any.html  (1/1 subtests"), out);
        // pass: 5+5, variant: 1+1, explicit-done: 1, fail: 1, hang: 1, throws: 1 = 16 passed;
        // fail: 2, hang: 2, throws (harness ERROR, no failing subtest): 1 = 5 failed.
        List<String> lines = out.lines().toList();
        assertEquals("16 passed, 5 failed", lines.get(lines.size() - 1));

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertEquals("webnn-java", json.path("run_info").path("product").asText());
        assertTrue(json.path("run_info").has("browser_version"));
        assertTrue(json.path("run_info").has("os"));
        assertEquals("0123abcd", json.path("run_info").path("revision").asText());
        assertTrue(json.path("time_start").asLong() > 0);
        assertTrue(json.path("time_end").asLong() >= json.path("time_start").asLong());
        JsonNode results = json.path("results");
        assertEquals(8, results.size());
        JsonNode hang = null;
        for (JsonNode res : results) {
            assertTrue(res.has("test") && res.has("status") && res.has("message") && res.has("duration")
                    && res.path("subtests").isArray(), res.toString());
            if (res.path("test").asText().equals("/webnn/samples/sample-hang.any.html")) {
                hang = res;
            }
        }
        assertEquals("TIMEOUT", hang.path("status").asText());
        assertEquals(3, hang.path("subtests").size());
        JsonNode sub = hang.path("subtests").get(1);
        assertEquals("never settles", sub.path("name").asText());
        assertEquals("TIMEOUT", sub.path("status").asText());
        assertTrue(sub.has("message"));
        assertFalse(results.get(0).path("test").asText().isEmpty());
    }
}
