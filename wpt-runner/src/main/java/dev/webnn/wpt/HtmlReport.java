package dev.webnn.wpt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A self-contained HTML page of a run: subtest pass counts per folder, per op and per variant (and per scope), then
 * every test URL that did not pass whole, with its harness message and each failing subtest's message.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** Passed and failed subtests (a harness error with no failing subtest counts as one failure) and URLs. */
    static final class Counts {
        long passed;
        long failed;
        long urls;

        void add(TestResult r) {
            passed += r.passedSubtests();
            failed += r.failedCount();
            urls++;
        }

        long total() {
            return passed + failed;
        }
    }

    /** The op a test file is about: its name up to the first dot ({@code batch_normalization.https.any.js}). */
    static String opOf(WptTest t) {
        String name = t.file().getFileName().toString();
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    static String variantOf(WptTest t) {
        return t.variant().isEmpty() ? "(none)" : t.variant();
    }

    public static void write(Path file, List<WptTest> tests, List<TestResult> results,
            List<Expectations.Verdict> verdicts, String revision, long timeStart, long timeEnd) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(tests, results, verdicts, revision, timeStart, timeEnd),
                StandardCharsets.UTF_8);
    }

    static String render(List<WptTest> tests, List<TestResult> results, List<Expectations.Verdict> verdicts,
            String revision, long timeStart, long timeEnd) {
        Counts total = new Counts();
        long unexpected = 0;
        for (int i = 0; i < results.size(); i++) {
            total.add(results.get(i));
            if (verdicts != null && !verdicts.get(i).isExpected()) {
                unexpected++;
            }
        }
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html>\n<html lang=en>\n<meta charset=utf-8>\n<title>WebNN WPT results</title>\n<style>\n")
                .append("body{font:14px system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}")
                .append(".bar{display:inline-block;width:120px;height:10px;background:#e57373;vertical-align:middle}")
                .append(".bar span{display:block;height:100%;background:#66bb6a}")
                .append("pre{white-space:pre-wrap;margin:2px 0 6px 1.5em;color:#555}")
                .append("details{margin:4px 0}summary{cursor:pointer}")
                .append(".FAIL,.ERROR,.TIMEOUT,.CRASH{color:#c62828}.PASS,.OK{color:#2e7d32}")
                .append(".NOTRUN,.PRECONDITION_FAILED,.SKIP{color:#ef6c00}\n</style>\n");
        h.append("<h1>WebNN WPT results</h1>\n<p>").append(esc(WptReport.PRODUCT)).append(' ')
                .append(esc(WptReport.version())).append(", WPT revision ").append(esc(revision == null ? "unknown"
                        : revision))
                .append(", ").append(esc(Instant.ofEpochMilli(timeStart).toString())).append(", ")
                .append(String.format("%.1f", (timeEnd - timeStart) / 1000.0)).append(" s</p>\n");
        h.append("<p><b>").append(total.passed).append("</b> subtests passed, <b>").append(total.failed)
                .append("</b> failed, in ").append(total.urls).append(" test URLs");
        if (verdicts != null) {
            h.append("; ").append(unexpected).append(" with unexpected results");
        }
        h.append(".</p>\n");

        table(h, "Per folder", "folder", tests, results, WptTest::folder);
        opTable(h, tests, results);
        table(h, "Per variant", "variant", tests, results, HtmlReport::variantOf);
        table(h, "Per scope", "scope", tests, results, t -> t.global().metaName());

        h.append("<h2>Failures</h2>\n");
        int shown = 0;
        for (int i = 0; i < results.size(); i++) {
            TestResult r = results.get(i);
            if ("PASS".equals(r.outcome()) || "SKIP".equals(r.status())) {
                continue;
            }
            shown++;
            h.append("<details><summary><span class=").append(esc(r.outcome())).append('>').append(esc(r.outcome()))
                    .append("</span> ").append(esc(r.test())).append(" (").append(r.passedSubtests()).append('/')
                    .append(r.subtests().size()).append(" subtests passed)");
            if (verdicts != null && verdicts.get(i).isExpected()) {
                h.append(" <i>expected</i>");
            }
            h.append("</summary>\n");
            if (!"OK".equals(r.status())) {
                h.append("<div>harness <span class=").append(esc(r.status())).append('>').append(esc(r.status()))
                        .append("</span></div><pre>").append(esc(r.message() == null ? "" : r.message()))
                        .append("</pre>\n");
            }
            for (SubtestResult s : r.subtests()) {
                if (!s.passed()) {
                    h.append("<div><span class=").append(esc(s.status())).append('>').append(esc(s.status()))
                            .append("</span> ").append(esc(s.name())).append("</div><pre>")
                            .append(esc(s.message() == null ? "" : s.message())).append("</pre>\n");
                }
            }
            h.append("</details>\n");
        }
        if (shown == 0) {
            h.append("<p>None.</p>\n");
        }
        h.append("</html>\n");
        return h.toString();
    }

    private static void table(StringBuilder h, String title, String what, List<WptTest> tests,
            List<TestResult> results, Function<WptTest, String> key) {
        Map<String, Counts> rows = new TreeMap<>();
        for (int i = 0; i < results.size(); i++) {
            rows.computeIfAbsent(key.apply(tests.get(i)), k -> new Counts()).add(results.get(i));
        }
        h.append("<h2>").append(esc(title)).append("</h2>\n<table>\n<tr><th>").append(esc(what))
                .append("<th>test URLs<th>passed<th>failed<th>pass rate<th></tr>\n");
        for (Map.Entry<String, Counts> e : rows.entrySet()) {
            Counts c = e.getValue();
            h.append("<tr><td>").append(esc(e.getKey())).append("<td>").append(c.urls).append("<td>")
                    .append(c.passed).append("<td>").append(c.failed).append("<td>").append(percent(c))
                    .append("<td>").append(bar(c)).append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** One row per op, one column per folder, each cell passed/total subtests. */
    private static void opTable(StringBuilder h, List<WptTest> tests, List<TestResult> results) {
        TreeSet<String> folders = new TreeSet<>();
        Map<String, Map<String, Counts>> rows = new TreeMap<>();
        for (int i = 0; i < results.size(); i++) {
            WptTest t = tests.get(i);
            folders.add(t.folder());
            rows.computeIfAbsent(opOf(t), k -> new TreeMap<>()).computeIfAbsent(t.folder(), k -> new Counts())
                    .add(results.get(i));
        }
        List<String> columns = new ArrayList<>(folders);
        h.append("<h2>Per op</h2>\n<table>\n<tr><th>op");
        for (String f : columns) {
            h.append("<th>").append(esc(f));
        }
        h.append("<th>all</tr>\n");
        for (Map.Entry<String, Map<String, Counts>> row : rows.entrySet()) {
            h.append("<tr><td>").append(esc(row.getKey()));
            Counts all = new Counts();
            for (String f : columns) {
                Counts c = row.getValue().get(f);
                h.append("<td>");
                if (c != null) {
                    h.append(c.passed).append('/').append(c.total());
                    all.passed += c.passed;
                    all.failed += c.failed;
                }
            }
            h.append("<td>").append(bar(all)).append(' ').append(percent(all)).append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static String percent(Counts c) {
        return c.total() == 0 ? "-" : String.format("%.1f%%", 100.0 * c.passed / c.total());
    }

    private static String bar(Counts c) {
        double p = c.total() == 0 ? 0 : 100.0 * c.passed / c.total();
        return "<span class=bar><span style=\"width:" + String.format("%.1f", p) + "%\"></span></span>";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
