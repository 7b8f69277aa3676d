package dev.webnn.wpt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** Writes results as a wptreport JSON file, the format wpt.fyi and {@code wpt} tooling read. */
public final class WptReport {
    public static final String PRODUCT = "webnn-java";

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Test-level statuses of a wptreport (testharness tests); SKIP is what wptrunner writes for a skipped test. */
    static final Set<String> TEST_STATUSES = Set.of("OK", "PASS", "FAIL", "ERROR", "TIMEOUT", "CRASH",
            "PRECONDITION_FAILED", "SKIP");
    static final Set<String> SUBTEST_STATUSES = Set.of("PASS", "FAIL", "TIMEOUT", "NOTRUN", "PRECONDITION_FAILED",
            "SKIP");

    /** As {@link #toJson(List, List, long, long, String)} with nothing expected beyond passing. */
    public ObjectNode toJson(List<TestResult> results, long timeStart, long timeEnd, String revision) {
        return toJson(results, null, timeStart, timeEnd, revision);
    }

    /**
     * The report. Results are ordered by test id, so reports of the same tests compare equal whatever the order the
     * tests ran in. As wptrunner does, {@code expected} is written only where a result differs from its expectation.
     *
     * @param verdicts one per result (same order), or null
     */
    public ObjectNode toJson(List<TestResult> results, List<Expectations.Verdict> verdicts, long timeStart,
            long timeEnd, String revision) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode runInfo = root.putObject("run_info");
        runInfo.put("product", PRODUCT);
        runInfo.put("browser_version", version());
        runInfo.put("os", System.getProperty("os.name", "unknown").toLowerCase(java.util.Locale.ROOT));
        runInfo.put("os_version", System.getProperty("os.version", "unknown"));
        runInfo.put("processor", System.getProperty("os.arch", "unknown"));
        runInfo.put("revision", revision == null ? "unknown" : revision);
        root.put("time_start", timeStart);
        root.put("time_end", timeEnd);
        Integer[] order = new Integer[results.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> results.get(i).test()));
        ArrayNode array = root.putArray("results");
        for (int i : order) {
            TestResult r = results.get(i);
            Expectations.Verdict v = verdicts == null ? null : verdicts.get(i);
            ObjectNode node = array.addObject();
            node.put("test", r.test());
            node.put("subsuite", "");
            node.put("status", r.status());
            if (v != null && v.expectedStatus() != null) {
                node.put("expected", v.expectedStatus());
            }
            node.put("message", r.message());
            node.put("duration", r.duration());
            ArrayNode subtests = node.putArray("subtests");
            for (SubtestResult s : r.subtests()) {
                ObjectNode sub = subtests.addObject();
                sub.put("name", s.name());
                sub.put("status", s.status());
                String expected = v == null ? null : v.expectedSubtests().get(s.name());
                if (expected != null) {
                    sub.put("expected", expected);
                }
                sub.put("message", s.message());
            }
        }
        return root;
    }

    public void write(Path file, List<TestResult> results, List<Expectations.Verdict> verdicts, long timeStart,
            long timeEnd, String revision) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        mapper.writeValue(file.toFile(), toJson(results, verdicts, timeStart, timeEnd, revision));
    }

    /**
     * Merges reports of chunks of one run into the report of the whole run, as wpt.fyi does on upload: run_info
     * must agree, time_start is the earliest and time_end the latest, results are concatenated (ordered by test) and
     * a test may appear only once.
     *
     * @throws IllegalArgumentException when a report is invalid or the reports conflict
     */
    public ObjectNode merge(List<JsonNode> reports) {
        ObjectNode merged = mapper.createObjectNode();
        ObjectNode runInfo = merged.putObject("run_info");
        Long start = null;
        Long end = null;
        List<JsonNode> results = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < reports.size(); k++) {
            JsonNode report = reports.get(k);
            List<String> problems = validate(report);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("report " + (k + 1) + " is not a valid wptreport: "
                        + problems.get(0));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = report.path("run_info").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode before = runInfo.get(e.getKey());
                if (before != null && !before.equals(e.getValue())) {
                    throw new IllegalArgumentException("conflicting run_info." + e.getKey() + " in report " + (k + 1)
                            + ": " + e.getValue() + " vs " + before);
                }
                runInfo.set(e.getKey(), e.getValue());
            }
            long s = report.path("time_start").asLong();
            long t = report.path("time_end").asLong();
            start = start == null ? s : Math.min(start, s);
            end = end == null ? t : Math.max(end, t);
            for (JsonNode r : report.path("results")) {
                if (!seen.add(r.path("subsuite").asText("") + "|" + r.path("test").asText())) {
                    throw new IllegalArgumentException("test " + r.path("test").asText()
                            + " appears in more than one report");
                }
                results.add(r);
            }
        }
        merged.put("time_start", start == null ? 0 : start);
        merged.put("time_end", end == null ? 0 : end);
        results.sort(Comparator.comparing(r -> r.path("test").asText()));
        ArrayNode array = merged.putArray("results");
        results.forEach(array::add);
        return merged;
    }

    /**
     * The problems that keep a report from being a wptreport wpt.fyi takes: the run_info it requires (product,
     * browser_version, os, revision), integer times, and results each with a test path starting with '/', a known
     * status and subtests with names and known statuses, no test twice. Empty when it is valid.
     */
    public static List<String> validate(JsonNode report) {
        List<String> problems = new ArrayList<>();
        if (report == null || !report.isObject()) {
            return List.of("not a JSON object");
        }
        JsonNode runInfo = report.path("run_info");
        for (String key : List.of("product", "browser_version", "os", "revision")) {
            if (!runInfo.path(key).isTextual() || runInfo.path(key).asText().isEmpty()) {
                problems.add("run_info." + key + " is missing");
            }
        }
        for (String key : List.of("time_start", "time_end")) {
            if (!report.path(key).canConvertToLong() || !report.path(key).isIntegralNumber()) {
                problems.add(key + " must be milliseconds since the epoch");
            }
        }
        if (!report.path("results").isArray()) {
            problems.add("results is missing");
            return problems;
        }
        Set<String> tests = new HashSet<>();
        for (JsonNode r : report.path("results")) {
            String test = r.path("test").asText("");
            if (!test.startsWith("/")) {
                problems.add("a result's test must be a URL path starting with '/': " + r.path("test"));
            }
            if (!tests.add(r.path("subsuite").asText("") + "|" + test)) {
                problems.add("test " + test + " appears twice");
            }
            if (!TEST_STATUSES.contains(r.path("status").asText())) {
                problems.add(test + ": unknown status " + r.path("status"));
            }
            if (r.has("message") && !r.get("message").isNull() && !r.get("message").isTextual()) {
                problems.add(test + ": message must be a string or null");
            }
            if (!r.path("subtests").isArray()) {
                problems.add(test + ": subtests must be a list");
                continue;
            }
            for (JsonNode sub : r.path("subtests")) {
                if (!sub.path("name").isTextual()) {
                    problems.add(test + ": a subtest has no name");
                }
                if (!SUBTEST_STATUSES.contains(sub.path("status").asText())) {
                    problems.add(test + ": subtest " + sub.path("name") + " has unknown status " + sub.path("status"));
                }
            }
        }
        return problems;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** This runner's version, from the jar's Maven metadata; "dev" when run from classes. */
    static String version() {
        try (InputStream in = WptReport.class.getResourceAsStream(
                "/META-INF/maven/dev.webnn/webnn-wpt-runner/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev");
            }
        } catch (IOException ignored) {
            // Fall through.
        }
        String v = WptReport.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * The WPT revision of a checkout: a {@code REVISION} or {@code .wpt-revision} file there, the git HEAD of a
     * checkout, or null.
     */
    public static String readRevision(Path wptRoot) {
        for (String name : List.of("REVISION", ".wpt-revision", "wpt-revision")) {
            Path f = wptRoot.resolve(name);
            try {
                if (Files.isRegularFile(f)) {
                    String s = Files.readString(f).strip();
                    if (!s.isEmpty()) {
                        return s.lines().findFirst().orElse(s);
                    }
                }
            } catch (IOException ignored) {
                // Try the next.
            }
        }
        Path head = wptRoot.resolve(".git/HEAD");
        try {
            if (Files.isRegularFile(head)) {
                String h = Files.readString(head).strip();
                if (h.startsWith("ref: ")) {
                    Path ref = wptRoot.resolve(".git").resolve(h.substring(5));
                    return Files.isRegularFile(ref) ? Files.readString(ref).strip() : null;
                }
                return h;
            }
        } catch (IOException ignored) {
            // No revision.
        }
        return null;
    }
}
