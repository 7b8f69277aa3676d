package dev.webnn.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDiscoveryTest {
    @TempDir
    Path root;

    @BeforeEach
    void writeTree() throws Exception {
        SampleWpt.write(root, "resources/testharness.js", "");
        SampleWpt.write(root, "webnn/conformance_tests/sample-op.https.any.js", """
                // META: global=window,worker
                // META: variant=?cpu
                // META: variant=?gpu
                """);
        SampleWpt.write(root, "webnn/conformance_tests/sample-op.https.any.js.headers",
                "Cross-Origin-Embedder-Policy: require-corp\nCross-Origin-Opener-Policy: same-origin\n");
        SampleWpt.write(root, "webnn/validation_tests/sample-check.https.any.js", "// META: variant=?cpu\n");
        SampleWpt.write(root, "webnn/sample-helper-check.window.js", "// META: script=resources/x.js\n");
        SampleWpt.write(root, "webnn/sample-only.worker.js", "");
        SampleWpt.write(root, "webnn/resources/sample-util.any.js", "");
        SampleWpt.write(root, "webnn/notes.js", "");
    }

    private List<String> ids(String... args) throws Exception {
        return new TestDiscovery(root).discover(List.of(args)).stream().map(WptTest::id).toList();
    }

    @Test
    void expandsAFolderIntoTestUrls() throws Exception {
        assertEquals(List.of(
                "/webnn/conformance_tests/sample-op.https.any.html?cpu",
                "/webnn/conformance_tests/sample-op.https.any.html?gpu",
                "/webnn/conformance_tests/sample-op.https.any.worker.html?cpu",
                "/webnn/conformance_tests/sample-op.https.any.worker.html?gpu",
                "/webnn/conformance_tests/sample-op.https.any.sharedworker.html?cpu",
                "/webnn/conformance_tests/sample-op.https.any.sharedworker.html?gpu",
                "/webnn/conformance_tests/sample-op.https.any.serviceworker.html?cpu",
                "/webnn/conformance_tests/sample-op.https.any.serviceworker.html?gpu",
                "/webnn/sample-helper-check.window.html",
                "/webnn/sample-only.worker.html",
                "/webnn/validation_tests/sample-check.https.any.html?cpu",
                "/webnn/validation_tests/sample-check.https.any.worker.html?cpu"), ids());
        assertEquals(ids(), ids("webnn/"));
        assertEquals(ids(), ids("/webnn"));
    }

    @Test
    void narrowsByFileVariantAndUrl() throws Exception {
        assertEquals(List.of("/webnn/conformance_tests/sample-op.https.any.worker.html?gpu"),
                ids("/webnn/conformance_tests/sample-op.https.any.worker.html?gpu"));
        assertEquals(4, ids("webnn/conformance_tests/sample-op.https.any.js?cpu").size());
        assertEquals(List.of("/webnn/validation_tests/sample-check.https.any.html?cpu",
                "/webnn/validation_tests/sample-check.https.any.worker.html?cpu"), ids("webnn/validation_tests"));
        // Duplicates collapse.
        assertEquals(2, ids("webnn/validation_tests", "webnn/validation_tests/sample-check.https.any.js").size());
    }

    @Test
    void detailsOfATest() throws Exception {
        WptTest t = new TestDiscovery(root).discover(List.of("webnn/conformance_tests/sample-op.https.any.js")).get(2);
        assertEquals(WptGlobal.DEDICATED_WORKER, t.global());
        assertEquals("?cpu", t.variant());
        assertEquals("/webnn/conformance_tests/", t.urlDir());
        assertEquals("webnn/conformance_tests", t.folder());
        assertEquals("webnn/conformance_tests/sample-op.https.any.js", t.sourcePath());
        WptTest w = new TestDiscovery(root).discover(List.of("webnn/sample-helper-check.window.js")).get(0);
        assertEquals(WptGlobal.WINDOW, w.global());
        assertEquals("webnn", w.folder());
    }

    @Test
    void rejectsWhatIsNotThere() {
        TestDiscovery d = new TestDiscovery(root);
        assertThrows(IllegalArgumentException.class, () -> d.discover(List.of("webnn/missing.any.js")));
        assertThrows(IllegalArgumentException.class, () -> d.discover(List.of("webnn/notes.js")));
        assertThrows(IllegalArgumentException.class, () -> d.discover(List.of("../outside")));
        assertThrows(IllegalArgumentException.class,
                () -> d.discover(List.of("webnn/validation_tests/sample-check.https.any.js?npu")));
    }

    @Test
    void globsMatchScriptPathsOrUrlPaths() throws Exception {
        assertEquals(ids("webnn/conformance_tests", "webnn/validation_tests"), ids("webnn/*_tests/*.js"));
        assertEquals(List.of("/webnn/validation_tests/sample-check.https.any.html?cpu"),
                ids("webnn/**/sample-check.*.any.html"));
        assertEquals(List.of("/webnn/conformance_tests/sample-op.https.any.html?gpu",
                "/webnn/conformance_tests/sample-op.https.any.worker.html?gpu",
                "/webnn/conformance_tests/sample-op.https.any.sharedworker.html?gpu",
                "/webnn/conformance_tests/sample-op.https.any.serviceworker.html?gpu"), ids("webnn/**/sample-op.*?gpu"));
        assertEquals(List.of("/webnn/sample-helper-check.window.html", "/webnn/sample-only.worker.html"),
                ids("webnn/sample-{helper-check,only}.*"));
        assertThrows(IllegalArgumentException.class, () -> ids("webnn/*.nothing"));
    }

    @Test
    void aVariantMatchesTheWholeQueryOneParameterOrAParameterValue() {
        assertTrue(TestDiscovery.variantMatches("?gpu", "gpu"));
        assertTrue(TestDiscovery.variantMatches("?gpu", "?gpu"));
        assertTrue(TestDiscovery.variantMatches("?op=add&device=gpu", "gpu"));
        assertTrue(TestDiscovery.variantMatches("?op=add&device=gpu", "op=add"));
        assertTrue(TestDiscovery.variantMatches("?op=add&device=gpu", "?op=add&device=gpu"));
        assertTrue(TestDiscovery.variantMatches("", ""));
        assertFalse(TestDiscovery.variantMatches("?op=add&device=gpu", "cpu"));
        assertFalse(TestDiscovery.variantMatches("?gpu", "gp"));
        assertFalse(TestDiscovery.variantMatches("?gpu", ""));
        assertFalse(TestDiscovery.variantMatches("", "cpu"));
    }

    @Test
    void filtersByVariantAndScope() throws Exception {
        List<WptTest> all = new TestDiscovery(root).discover(List.of());
        List<String> cpuWorkers = TestDiscovery.filter(all, List.of("cpu"), MetaParser.parseGlobals("worker"))
                .stream().map(WptTest::id).toList();
        assertEquals(List.of("/webnn/conformance_tests/sample-op.https.any.worker.html?cpu",
                "/webnn/conformance_tests/sample-op.https.any.sharedworker.html?cpu",
                "/webnn/conformance_tests/sample-op.https.any.serviceworker.html?cpu",
                "/webnn/validation_tests/sample-check.https.any.worker.html?cpu"), cpuWorkers);
        assertEquals(2, TestDiscovery.filter(all, List.of("?gpu"), Set.of(WptGlobal.WINDOW, WptGlobal.SHARED_WORKER))
                .size());
        // The empty variant selects the tests that have none.
        assertEquals(List.of("/webnn/sample-helper-check.window.html"),
                TestDiscovery.filter(all, List.of(""), Set.of(WptGlobal.WINDOW)).stream().map(WptTest::id).toList());
        assertEquals(all, TestDiscovery.filter(all, List.of(), Set.of()));
    }
}
