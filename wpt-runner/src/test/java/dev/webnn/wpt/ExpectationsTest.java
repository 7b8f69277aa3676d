package dev.webnn.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpectationsTest {
    @TempDir
    Path root;
    List<WptTest> urls;

    @BeforeEach
    void writeTree() throws Exception {
        SampleWpt.write(root, "resources/testharness.js", "");
        SampleWpt.write(root, "webnn/ops/sample-op.any.js", "// META: global=window,dedicatedworker\n"
                + "// META: variant=?cpu\n// META: variant=?gpu\n");
        urls = new TestDiscovery(root).discover(List.of("webnn/ops/sample-op.any.js"));
    }

    private Expectations read(String json) throws IOException {
        Path f = root.resolve("status.json");
        Files.writeString(f, json);
        return Expectations.read(f);
    }

    private static TestResult result(WptTest t, String status, String... subtestStatuses) {
        List<SubtestResult> subs = new java.util.ArrayList<>();
        for (int i = 0; i < subtestStatuses.length; i++) {
            subs.add(new SubtestResult("sub " + i, subtestStatuses[i], "PASS".equals(subtestStatuses[i]) ? null
                    : "why " + i, null));
        }
        return new TestResult(t.id(), t.folder(), status, null, 1, subs);
    }

    @Test
    void withoutAnEntryEveryFailureIsUnexpected() throws Exception {
        Expectations none = Expectations.none();
        WptTest t = urls.get(0);
        assertTrue(none.judge(t, result(t, "OK", "PASS", "PASS")).isExpected());
        Expectations.Verdict v = none.judge(t, result(t, "OK", "PASS", "FAIL"));
        assertEquals(List.of("unexpected FAIL: sub 1: why 1"), v.unexpected());
        assertEquals(Map.of("sub 1", "PASS"), v.expectedSubtests());
        Expectations.Verdict error = none.judge(t, result(t, "ERROR"));
        assertFalse(error.isExpected());
        assertEquals("OK", error.expectedStatus());
    }

    @Test
    void expectedFailuresFlakyOnesAndUnexpectedPasses() throws Exception {
        Expectations e = read("""
                {"webnn/ops/sample-op.any.js": {"fail": {"expected": ["sub 1"], "flaky": ["sub 2"]}}}
                """);
        WptTest t = urls.get(0);
        assertTrue(e.judge(t, result(t, "OK", "PASS", "FAIL", "FAIL")).isExpected());
        assertTrue(e.judge(t, result(t, "OK", "PASS", "TIMEOUT", "PASS")).isExpected());
        Expectations.Verdict pass = e.judge(t, result(t, "OK", "PASS", "PASS", "PASS"));
        assertEquals(List.of("unexpected pass: sub 1"), pass.unexpected());
        assertEquals(Map.of("sub 1", "FAIL"), pass.expectedSubtests());
        Expectations.Verdict other = e.judge(t, result(t, "OK", "FAIL", "FAIL", "PASS"));
        assertEquals(List.of("unexpected FAIL: sub 0: why 0"), other.unexpected());
    }

    @Test
    void theMostSpecificKeyAppliesAndHarnessStatusesCanBeExpected() throws Exception {
        Expectations e = read("""
                {
                  "webnn/": {"fail": {"expected": ["sub 0"]}},
                  "webnn/ops/sample-op.any.js": {"fail": {"expected": ["sub 1"]}},
                  "/webnn/ops/sample-op.any.worker.html": {"fail": {"status": ["ERROR", "TIMEOUT"], "expected": []}},
                  "/webnn/ops/sample-op.any.html?gpu": {"skip": "not on this machine"}
                }
                """);
        assertEquals("webnn/ops/sample-op.any.js", e.entryFor(urls.get(0)).key());
        assertEquals("not on this machine", e.entryFor(urls.get(1)).skip());
        WptTest worker = urls.get(2);
        assertEquals("/webnn/ops/sample-op.any.worker.html", e.entryFor(worker).key());
        assertTrue(e.judge(worker, result(worker, "ERROR")).isExpected());
        assertTrue(e.judge(worker, result(worker, "TIMEOUT")).isExpected());
        Expectations.Verdict ok = e.judge(worker, result(worker, "OK"));
        assertFalse(ok.isExpected(), "OK where ERROR is expected is unexpected too");
        assertEquals("ERROR", ok.expectedStatus());
        assertNull(e.entryFor(urls.get(0)).skip());
    }

    @Test
    void badFilesAreRefusedWithTheEntry() {
        IOException notJson = assertThrows(IOException.class, () -> read("{"));
        assertTrue(notJson.getMessage().contains("not valid JSON"), notJson.getMessage());
        IOException badFail = assertThrows(IOException.class, () -> read("{\"x.js\": {\"fail\": {\"expected\": 1}}}"));
        assertTrue(badFail.getMessage().contains("'x.js'"), badFail.getMessage());
        assertThrows(IOException.class, () -> read("[]"));
        assertThrows(IOException.class, () -> read("{\"x.js\": {\"skip\": true}}"));
    }

    private Map<String, List<WptTest>> allUrls() throws IOException {
        Map<String, List<WptTest>> m = new LinkedHashMap<>();
        m.put("webnn/ops/sample-op.any.js", urls);
        return m;
    }

    @Test
    void updatingWritesOneEntryPerFileWhenItsUrlsAgree() throws Exception {
        Expectations e = read("""
                {"other/kept.js": {"skip": "untouched"},
                 "/webnn/ops/sample-op.any.html?cpu": {"fail": {"expected": ["gone"], "flaky": ["sub 2"]}}}
                """);
        List<TestResult> results = urls.stream().map(t -> result(t, "OK", "PASS", "FAIL", "FAIL")).toList();
        ObjectNode updated = e.updated(urls, results, allUrls());
        ObjectNode expected = (ObjectNode) new ObjectMapper().readTree("""
                {"other/kept.js": {"skip": "untouched"},
                 "webnn/ops/sample-op.any.js": {"fail": {"expected": ["sub 1", "sub 2"]}}}
                """);
        // The ?cpu URL keeps its flaky subtest, so its entry differs: entries per URL.
        assertFalse(updated.equals(expected));
        assertTrue(updated.has("/webnn/ops/sample-op.any.html?cpu"), updated.toPrettyString());
        assertEquals("[\"sub 1\"]", updated.path("/webnn/ops/sample-op.any.html?cpu").path("fail").path("expected")
                .toString());
        assertEquals("[\"sub 2\"]", updated.path("/webnn/ops/sample-op.any.html?cpu").path("fail").path("flaky")
                .toString());
        assertEquals("[\"sub 1\",\"sub 2\"]", updated.path("/webnn/ops/sample-op.any.worker.html?gpu").path("fail")
                .path("expected").toString());

        Expectations plain = read("{\"other/kept.js\": {\"skip\": \"untouched\"}}");
        assertEquals(expected, plain.updated(urls, results, allUrls()));
    }

    @Test
    void updatingRoundTripsAndDropsWhatNowPasses() throws Exception {
        List<TestResult> results = List.of(result(urls.get(0), "OK", "PASS", "FAIL"),
                result(urls.get(1), "OK", "PASS", "PASS"), result(urls.get(2), "TIMEOUT", "PASS", "TIMEOUT"),
                result(urls.get(3), "OK", "PASS", "PASS"));
        Expectations e = read("{\"webnn/ops/sample-op.any.js\": {\"fail\": {\"expected\": [\"old\"]}}}");
        ObjectNode updated = e.updated(urls, results, allUrls());
        assertEquals(2, updated.size(), updated.toPrettyString());
        Path f = root.resolve("status.json");
        Expectations.write(f, updated);
        Expectations again = Expectations.read(f);
        for (int i = 0; i < urls.size(); i++) {
            assertTrue(again.judge(urls.get(i), results.get(i)).isExpected(), urls.get(i).id());
        }
        // A partial run (one URL) overrides a file entry where the URL now passes.
        Expectations fileWide = read("{\"webnn/ops/sample-op.any.js\": {\"fail\": {\"expected\": [\"sub 1\"]}}}");
        ObjectNode partial = fileWide.updated(List.of(urls.get(1)), List.of(results.get(1)), allUrls());
        Expectations.write(f, partial);
        Expectations after = Expectations.read(f);
        assertTrue(after.judge(urls.get(1), results.get(1)).isExpected());
        assertEquals("webnn/ops/sample-op.any.js", after.entryFor(urls.get(0)).key(), "the others keep the file's");
    }
}
