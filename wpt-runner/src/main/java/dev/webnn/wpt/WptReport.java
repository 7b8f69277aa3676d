package dev.webnn.wpt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** Writes results as a wptreport JSON file, the format wpt.fyi and {@code wpt} tooling read. */
public final class WptReport {
    public static final String PRODUCT = "webnn-java";

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ObjectNode toJson(List<TestResult> results, long timeStart, long timeEnd, String revision) {
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
        ArrayNode array = root.putArray("results");
        for (TestResult r : results) {
            ObjectNode node = array.addObject();
            node.put("test", r.test());
            node.put("status", r.status());
            node.put("message", r.message());
            node.put("duration", r.duration());
            ArrayNode subtests = node.putArray("subtests");
            for (SubtestResult s : r.subtests()) {
                ObjectNode sub = subtests.addObject();
                sub.put("name", s.name());
                sub.put("status", s.status());
                sub.put("message", s.message());
            }
        }
        return root;
    }

    public void write(Path file, List<TestResult> results, long timeStart, long timeEnd, String revision)
            throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        mapper.writeValue(file.toFile(), toJson(results, timeStart, timeEnd, revision));
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
