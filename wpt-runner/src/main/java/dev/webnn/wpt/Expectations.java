package dev.webnn.wpt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A status file in the style of Node.js's WPT status files: a JSON object whose keys name tests and whose values say
 * what to expect of them.
 *
 * <pre>
 * {
 *   "webnn/conformance_tests/slow_op.https.any.js": { "skip": "why it is not run" },
 *   "webnn/validation_tests/some_op.https.any.js": {
 *     "fail": { "expected": ["a failing subtest"], "flaky": ["a subtest that may go either way"] }
 *   },
 *   "/webnn/validation_tests/other.https.any.worker.html?gpu": { "fail": { "status": "ERROR", "expected": [] } }
 * }
 * </pre>
 *
 * A key is a test URL with its variant, a test URL without it, a script file, or a folder ending in {@code /}; the
 * most specific key that names a test applies. {@code fail.status} is the expected harness status (OK when absent;
 * a list allows several). Every other outcome is unexpected: a subtest that fails without being listed, one listed
 * in {@code expected} that passes, a harness status other than the expected one.
 */
public final class Expectations {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a status file says of one test URL. */
    public record Entry(String key, String skip, Set<String> expected, Set<String> flaky, Set<String> statuses,
            JsonNode raw) {
        static final Entry NONE = new Entry(null, null, Set.of(), Set.of(), Set.of("OK"), null);
    }

    /** How one result compares with its expectation. */
    public record Verdict(List<String> unexpected, String expectedStatus, Map<String, String> expectedSubtests) {
        public boolean isExpected() {
            return unexpected.isEmpty();
        }
    }

    private final Map<String, JsonNode> entries;

    private Expectations(Map<String, JsonNode> entries) {
        this.entries = entries;
    }

    public static Expectations none() {
        return new Expectations(new TreeMap<>());
    }

    /** Reads a status file; a missing file is an empty one (so {@code --update-status} can create it). */
    public static Expectations read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return none();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("the status file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("the status file " + file + " must hold a JSON object");
        }
        Map<String, JsonNode> entries = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            validate(file, e.getKey(), e.getValue());
            entries.put(e.getKey(), e.getValue());
        }
        return new Expectations(entries);
    }

    private static void validate(Path file, String key, JsonNode v) throws IOException {
        String where = "the status file " + file + ", entry '" + key + "': ";
        if (!v.isObject()) {
            throw new IOException(where + "must be an object");
        }
        if (v.has("skip") && !v.get("skip").isTextual()) {
            throw new IOException(where + "'skip' must be a string, the reason");
        }
        JsonNode fail = v.get("fail");
        if (fail != null) {
            if (!fail.isObject()) {
                throw new IOException(where + "'fail' must be an object with 'expected' and 'flaky' lists");
            }
            for (String list : List.of("expected", "flaky")) {
                if (fail.has(list) && !fail.get(list).isArray()) {
                    throw new IOException(where + "'fail." + list + "' must be a list of subtest names");
                }
            }
        }
    }

    /** The entry that applies to a test URL: the most specific key. */
    public Entry entryFor(WptTest test) {
        for (String key : keysOf(test)) {
            JsonNode v = entries.get(key);
            if (v != null) {
                return toEntry(key, v);
            }
        }
        return Entry.NONE;
    }

    private static List<String> keysOf(WptTest test) {
        List<String> keys = new ArrayList<>();
        keys.add(test.id());
        keys.add(test.id().substring(1));
        keys.add(test.path());
        keys.add(test.path().substring(1));
        keys.add(test.sourcePath());
        String dir = test.sourcePath();
        for (int slash = dir.lastIndexOf('/'); slash > 0; slash = dir.lastIndexOf('/', slash - 1)) {
            keys.add(dir.substring(0, slash + 1));
        }
        return keys;
    }

    private static Entry toEntry(String key, JsonNode v) {
        String skip = v.hasNonNull("skip") ? v.get("skip").asText() : null;
        JsonNode fail = v.path("fail");
        Set<String> statuses = new LinkedHashSet<>();
        JsonNode status = fail.path("status");
        if (status.isTextual()) {
            statuses.add(status.asText());
        } else if (status.isArray()) {
            status.forEach(s -> statuses.add(s.asText()));
        }
        if (statuses.isEmpty()) {
            statuses.add("OK");
        }
        return new Entry(key, skip, names(fail.path("expected")), names(fail.path("flaky")), statuses, v);
    }

    private static Set<String> names(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Compares a result with what the status file expects of its test. */
    public Verdict judge(WptTest test, TestResult result) {
        return judge(entryFor(test), result);
    }

    static Verdict judge(Entry entry, TestResult result) {
        List<String> unexpected = new ArrayList<>();
        Map<String, String> expectedSubtests = new LinkedHashMap<>();
        if ("SKIP".equals(result.status())) {
            return new Verdict(List.of(), null, Map.of());
        }
        String expectedStatus = null;
        if (!entry.statuses().contains(result.status())) {
            expectedStatus = entry.statuses().iterator().next();
            unexpected.add("harness status " + result.status() + ", expected " + String.join(" or ",
                    entry.statuses()) + (result.message() == null ? "" : ": " + firstLine(result.message())));
        }
        for (SubtestResult s : result.subtests()) {
            if (entry.flaky().contains(s.name())) {
                continue;
            }
            boolean expectedToFail = entry.expected().contains(s.name());
            if (s.passed() && expectedToFail) {
                unexpected.add("unexpected pass: " + s.name());
                expectedSubtests.put(s.name(), "FAIL");
            } else if (!s.passed() && !expectedToFail) {
                unexpected.add("unexpected " + s.status() + ": " + s.name()
                        + (s.message() == null ? "" : ": " + firstLine(s.message())));
                expectedSubtests.put(s.name(), "PASS");
            }
        }
        return new Verdict(unexpected, expectedStatus, expectedSubtests);
    }

    /**
     * The status file with this run's results written in: skips and flaky lists are kept; for each script file the
     * run covered, its entries are replaced by the failures seen (one entry for the file when all its URLs agree,
     * else one per URL); entries of tests the run did not cover stay as they were.
     *
     * @param allUrlsOfFile every test URL each script file has (to know whether the run covered a file whole)
     */
    public ObjectNode updated(List<WptTest> tests, List<TestResult> results, Map<String, List<WptTest>> allUrlsOfFile) {
        Map<String, JsonNode> out = new TreeMap<>(entries);
        Map<String, List<Integer>> byFile = new LinkedHashMap<>();
        for (int i = 0; i < tests.size(); i++) {
            byFile.computeIfAbsent(tests.get(i).sourcePath(), k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> file : byFile.entrySet()) {
            List<Integer> indexes = file.getValue();
            Map<Integer, ObjectNode> fresh = new LinkedHashMap<>();
            boolean anySkip = false;
            for (int i : indexes) {
                Entry old = entryFor(tests.get(i));
                if (old.skip() != null) {
                    anySkip = true;
                    continue;
                }
                fresh.put(i, failEntry(results.get(i), old));
            }
            if (anySkip) {
                // A skip covers the file or some of its URLs: record the others URL by URL, leave the skip alone.
                for (Map.Entry<Integer, ObjectNode> e : fresh.entrySet()) {
                    putOrDrop(out, tests.get(e.getKey()).id(), e.getValue(), entryFor(tests.get(e.getKey())));
                }
                continue;
            }
            List<WptTest> all = allUrlsOfFile.getOrDefault(file.getKey(), List.of());
            boolean whole = all.size() == indexes.size();
            Set<ObjectNode> distinct = new LinkedHashSet<>(fresh.values());
            if (whole) {
                out.remove(file.getKey());
                for (WptTest t : all) {
                    out.remove(t.id());
                    out.remove(t.id().substring(1));
                    out.remove(t.path());
                    out.remove(t.path().substring(1));
                }
                if (distinct.size() == 1) {
                    ObjectNode only = distinct.iterator().next();
                    if (!isEmpty(only)) {
                        out.put(file.getKey(), only);
                    }
                    continue;
                }
                for (Map.Entry<Integer, ObjectNode> e : fresh.entrySet()) {
                    if (!isEmpty(e.getValue())) {
                        out.put(tests.get(e.getKey()).id(), e.getValue());
                    }
                }
            } else {
                for (Map.Entry<Integer, ObjectNode> e : fresh.entrySet()) {
                    WptTest t = tests.get(e.getKey());
                    putOrDrop(out, t.id(), e.getValue(), entryFor(t));
                }
            }
        }
        ObjectNode root = JSON.createObjectNode();
        out.forEach(root::set);
        return root;
    }

    /** Puts a URL's own entry; an empty one is needed only to override a broader entry. */
    private static void putOrDrop(Map<String, JsonNode> out, String id, ObjectNode entry, Entry previous) {
        out.remove(id.substring(1));
        boolean broader = previous.key() != null && !previous.key().equals(id) && !previous.key().equals(id.substring(1));
        if (isEmpty(entry) && !broader) {
            out.remove(id);
        } else {
            out.put(id, entry);
        }
    }

    private static boolean isEmpty(ObjectNode entry) {
        JsonNode fail = entry.path("fail");
        return fail.path("expected").isEmpty() && fail.path("flaky").isEmpty() && !fail.has("status")
                && !fail.has("note");
    }

    private static ObjectNode failEntry(TestResult r, Entry old) {
        ObjectNode entry = JSON.createObjectNode();
        ObjectNode fail = entry.putObject("fail");
        if (old.raw() != null && old.raw().path("fail").hasNonNull("note")) {
            fail.set("note", old.raw().path("fail").get("note"));
        }
        if (!"OK".equals(r.status())) {
            fail.put("status", r.status());
        }
        ArrayNode expected = fail.putArray("expected");
        for (SubtestResult s : r.subtests()) {
            if (!s.passed() && !old.flaky().contains(s.name())) {
                expected.add(s.name());
            }
        }
        if (!old.flaky().isEmpty()) {
            ArrayNode flaky = fail.putArray("flaky");
            old.flaky().forEach(flaky::add);
        }
        return entry;
    }

    public static void write(Path file, ObjectNode root) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, JSON.writeValueAsString(root) + "\n");
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
