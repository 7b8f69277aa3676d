package dev.webnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sample-style modules run the way the webnn-samples modules are run (a driver, .npy weights generated
 * deterministically, fetched relative to the page), their outputs compared across backends and API shapes; and the
 * CLI's answers to bad input and its graph export and profile.
 */
class SamplesTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path EXAMPLES = REPO.resolve("examples");
    private static final Path RESOURCES = REPO.resolve("wpt-runner/src/test/resources/samples");

    private record Run(int status, String out, String err) {
        /** The numbers of the RESULT line: every output of every digit, in order. */
        List<Double> result() {
            String line = out.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow(
                    () -> new AssertionError("no RESULT line in:\n" + out + err));
            List<Double> values = new ArrayList<>();
            java.util.regex.Matcher array = java.util.regex.Pattern.compile("\\[([^\\]]*)\\]").matcher(line);
            while (array.find()) {
                for (String number : array.group(1).split(",")) {
                    values.add(Double.parseDouble(number));
                }
            }
            return values;
        }
    }

    private static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertClose(List<Double> expected, List<Double> actual, double tolerance) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), tolerance, "value " + i);
        }
    }

    @Test
    void theDigitsExampleClassifiesEveryDigitAndMatchesTheReferenceBackend() {
        Run chosen = main("run", EXAMPLES.resolve("digits.mjs").toString());
        assertEquals(0, chosen.status(), chosen.err());
        assertTrue(chosen.out().contains("10 of 10 classified correctly"), chosen.out());
        Run reference = main("run", "--backend", "reference", EXAMPLES.resolve("digits.mjs").toString());
        assertEquals(0, reference.status(), reference.err());
        assertEquals(100, chosen.result().size());
        assertClose(reference.result(), chosen.result(), 1e-6);
    }

    @Test
    void aModuleInTheOlderApiShapesComputesWhatTheCurrentOneDoes() {
        Run current = main("run", "--backend", "reference", EXAMPLES.resolve("digits.mjs").toString());
        Run legacy = main("run", "--backend", "reference", "--root", REPO.toString(),
                RESOURCES.resolve("legacy-digits.mjs").toString());
        assertEquals(0, legacy.status(), legacy.err());
        assertClose(current.result(), legacy.result(), 0);
        assertTrue(legacy.err().contains("webnn: compat: conv2d's options.activation is gone"), legacy.err());
        Run strict = main("run", "--strict", "--root", REPO.toString(), RESOURCES.resolve("legacy-digits.mjs").toString());
        assertEquals(1, strict.status());
        assertTrue(strict.err().contains("required member 'dataType' is undefined"), strict.err());
    }

    @Test
    void aModuleThatFailsToImportNamesTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.mjs"), "import {LeNet} from './lenet/lenet.js';\n");
        Run run = main("run", dir.resolve("main.mjs").toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains(dir.resolve("lenet/lenet.js").toString()), run.err());
        assertNoJavaTrace(run);
        Files.writeString(dir.resolve("outside.mjs"), "import '" + EXAMPLES.resolve("common/npy.js") + "';\n");
        Run outside = main("run", dir.resolve("outside.mjs").toString());
        assertEquals(1, outside.status());
        assertTrue(outside.err().contains("--read DIR makes a folder readable"), outside.err());
    }

    @Test
    void missingAndWrongSizedWeightsNameTheirUrl(@TempDir Path dir) throws Exception {
        byte[] header = "\u0093NUMPY\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        dict += " ".repeat(63 - (10 + dict.length()) % 64) + "\n";
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        npy.write(header);
        npy.write(dict.length() & 0xff);
        npy.write(dict.length() >> 8);
        npy.write(dict.getBytes(StandardCharsets.ISO_8859_1));
        npy.write(new byte[5 * 4]);
        Files.write(dir.resolve("short.npy"), npy.toByteArray());
        String shortUrl = dir.resolve("short.npy").toUri().toString();
        Run wrongSize = main("run", "--root", REPO.toString(), "--read", dir.toString(),
                RESOURCES.resolve("bad-weights.mjs").toString(), shortUrl);
        assertEquals(1, wrongSize.status());
        assertTrue(wrongSize.err().contains(shortUrl + ": the file has"), wrongSize.err());
        assertTrue(wrongSize.err().contains("(float32 [2,3]) needs"), wrongSize.err());
        String missingUrl = dir.resolve("missing.npy").toUri().toString();
        Run missing = main("run", "--root", REPO.toString(), "--read", dir.toString(),
                RESOURCES.resolve("bad-weights.mjs").toString(), missingUrl);
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("webnn: GET " + missingUrl + " 404 Not Found"), missing.err());
        assertTrue(missing.err().contains(missingUrl + ": HTTP 404"), missing.err());
        assertNoJavaTrace(wrongSize);
        assertNoJavaTrace(missing);
    }

    @Test
    void graphExportWritesDotWithOpsShapesAndTypes(@TempDir Path dir) throws Exception {
        Run run = main("graph", EXAMPLES.resolve("digits.mjs").toString(), "--export", dir.resolve("digits").toString(),
                "--", "3");
        assertEquals(0, run.status(), run.err());
        String dot = Files.readString(dir.resolve("digits.dot"));
        assertTrue(dot.startsWith("digraph \"digits\" {"), dot);
        assertTrue(dot.contains("conv2d\\n'conv1'"), dot);
        assertTrue(dot.contains("input 'input'\\nfloat32 [1, 1, 28, 28]"), dot);
        assertTrue(dot.contains("label=\"float32 [1, 1, 14, 14]\""), dot);
        assertTrue(dot.contains("output 'output'\\nfloat32 [1, 10]"), dot);
    }

    @Test
    void profilePrintsPerOpTimesAndWritesJfrEvents(@TempDir Path dir) throws Exception {
        Run run = main("graph", EXAMPLES.resolve("digits.mjs").toString(), "--profile", "--runs", "2",
                "--export", dir.resolve("digits").toString(), "--", "3");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("graph 1 on the cpu backend: 6 operations, median of 2 runs"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+0\\s+conv2d\\s+conv1\\s.*%")), run.out());
        assertTrue(run.out().contains("sum of ops:"), run.out());
        List<RecordedEvent> events = RecordingFile.readAllEvents(dir.resolve("digits.jfr"));
        List<String> ops = events.stream().filter(e -> e.getEventType().getName().equals("dev.webnn.Op"))
                .map(e -> e.getString("op")).toList();
        assertEquals(12, ops.size(), ops.toString());
        assertEquals(List.of("conv2d", "conv2d", "relu", "relu"), ops.subList(0, 4));
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("x.mjs");
        Files.writeString(script, "");
        Run noFolder = main("run", "--root", dir.resolve("nope").toString(), script.toString());
        assertEquals(2, noFolder.status());
        assertTrue(noFolder.err().startsWith("webnn run: --root: no such folder"), noFolder.err());
        Run backend = main("run", "--backend", "gpu-magic", script.toString());
        assertEquals(2, backend.status());
        assertTrue(backend.err().contains("there is no backend 'gpu-magic'"), backend.err());
        Run graph = main("graph", script.toString());
        assertEquals(2, graph.status());
        assertTrue(graph.err().contains("--export NAME and/or --profile"), graph.err());
        Run empty = main("graph", script.toString(), "--export", dir.resolve("g").toString());
        assertEquals(1, empty.status());
        assertTrue(empty.err().contains("built no graph"), empty.err());
    }

    private static void assertNoJavaTrace(Run run) {
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.err());
    }
}
