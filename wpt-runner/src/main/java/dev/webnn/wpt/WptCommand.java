package dev.webnn.wpt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webnn.engine.backend.Backends;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code ./webnn wpt [OPTIONS] [TEST...]} runs WPT script tests from a checkout, the way {@code wpt run} does in a
 * browser: a loopback server, a fresh realm per test URL on its own thread, {@code --jobs} at a time; then per-URL
 * lines (or a live bar on a terminal), unexpected results with a command that reruns each, a per-folder summary and
 * {@code N passed, N failed}. {@code ./webnn wpt merge A.json B.json…} merges chunk reports.
 */
public final class WptCommand {
    static final String USAGE = """
            usage: webnn wpt --wpt-dir DIR [OPTIONS] [TEST...]
                   webnn wpt merge REPORT.json... > ALL.json
              TEST                      a file, folder or glob relative to DIR (webnn/*_tests/add.*), a file?variant,
                                        or a test URL (/webnn/x.https.any.worker.html?cpu); default: webnn/
              --variant V               only this variant: ?cpu, or a parameter or value of one (cpu also
                                        selects ?op=add&device=cpu); repeat or comma-separate for more
              --scope S                 only this scope: window, dedicatedworker, sharedworker, serviceworker,
                                        worker (all three worker kinds); repeat or comma-separate for more
              --jobs N, -j N            test URLs run at once (default: the number of cores)
              --timeout-multiplier X    scales the 10 s per-test timeout (60 s for timeout=long)
              --status FILE.json        expectations (Node.js style); only unexpected results fail the run
              --update-status           write this run's results into the --status file
              --report FILE.json        a wptreport JSON file, as wpt.fyi takes (alias --log-wptreport)
              --html FILE.html          an HTML report: pass counts per folder, op, variant; every failure
              --this-chunk K --total-chunks N [--chunk-type hash|dir_hash|equal]
                                        run only chunk K of N (all URLs of a file stay in one chunk)
              --list                    print the selected test URLs and exit
              --progress bar|lines      the live bar (default on a terminal) or one line per test URL
              --verbose, -v             failing subtests with their messages, and the tests' console
              --backend NAME            every context on this backend (as WEBNN_BACKEND=NAME does); without it,
                                        ?gpu contexts run on OpenCL when a device exists, the rest on the CPU
            """;

    private WptCommand() {
    }

    /** Every context of the run on this backend, whatever the test's variant asks. */
    private static void forceBackend(String name) {
        if (!Backends.names().contains(name)) {
            throw new IllegalArgumentException("there is no backend '" + name + "'; the backends are "
                    + String.join(", ", Backends.names()));
        }
        System.setProperty(Backends.PROPERTY, name);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        // Interpreted unless asked: for hundreds of short realms the JIT costs more CPU than it saves (see README).
        boolean compile = "on".equals(System.getenv("WEBNN_WPT_JIT"));
        return run(args, out, err, resources -> new BindingsRealms(resources, compile));
    }

    /** The parsed command line of a run. */
    static final class Options {
        Path wptDir;
        Path report;
        Path html;
        Path status;
        boolean updateStatus;
        double multiplier = 1;
        boolean verbose;
        boolean list;
        Boolean bar;
        int jobs = Runtime.getRuntime().availableProcessors();
        int thisChunk = 1;
        int totalChunks = 1;
        Chunker.Type chunkType = Chunker.Type.HASH;
        final List<String> variants = new ArrayList<>();
        final Set<WptGlobal> scopes = EnumSet.noneOf(WptGlobal.class);
        final List<String> tests = new ArrayList<>();
        /** The options as given, for the rerun commands. */
        String wptDirArg;
        String statusArg;
    }

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a;
            String inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                inline = a.substring(eq + 1);
            }
            switch (name) {
                case "--wpt-dir" -> {
                    o.wptDirArg = inline != null ? inline : value(args, ++i, a);
                    o.wptDir = Path.of(o.wptDirArg);
                }
                case "--report", "--log-wptreport" -> o.report = Path.of(inline != null ? inline : value(args, ++i, a));
                case "--html" -> o.html = Path.of(inline != null ? inline : value(args, ++i, a));
                case "--status" -> {
                    o.statusArg = inline != null ? inline : value(args, ++i, a);
                    o.status = Path.of(o.statusArg);
                }
                case "--update-status" -> o.updateStatus = true;
                case "--timeout-multiplier" -> {
                    o.multiplier = number(inline != null ? inline : value(args, ++i, a), a);
                    if (!(o.multiplier > 0) || Double.isInfinite(o.multiplier)) {
                        throw new IllegalArgumentException("--timeout-multiplier must be a positive number");
                    }
                }
                case "--jobs", "-j" -> o.jobs = positive(inline != null ? inline : value(args, ++i, a), a);
                case "--this-chunk" -> o.thisChunk = positive(inline != null ? inline : value(args, ++i, a), a);
                case "--total-chunks" -> o.totalChunks = positive(inline != null ? inline : value(args, ++i, a), a);
                case "--chunk-type" -> o.chunkType = Chunker.Type.parse(inline != null ? inline : value(args, ++i, a));
                case "--variant" -> {
                    for (String v : (inline != null ? inline : value(args, ++i, a)).split(",")) {
                        o.variants.add(v.strip());
                    }
                }
                case "--scope" -> {
                    String v = inline != null ? inline : value(args, ++i, a);
                    Set<WptGlobal> scopes = MetaParser.parseGlobals(v);
                    for (String part : v.split(",")) {
                        if (MetaParser.parseGlobals(part).isEmpty() || part.strip().equals("default")) {
                            throw new IllegalArgumentException("unknown --scope " + part.strip() + " (window,"
                                    + " dedicatedworker, sharedworker, serviceworker or worker)");
                        }
                    }
                    o.scopes.addAll(scopes);
                }
                case "--progress" -> {
                    String v = inline != null ? inline : value(args, ++i, a);
                    o.bar = switch (v) {
                        case "bar" -> true;
                        case "lines" -> false;
                        default -> throw new IllegalArgumentException("--progress must be bar or lines");
                    };
                }
                case "--list" -> o.list = true;
                case "--backend" -> forceBackend(inline != null ? inline : value(args, ++i, a));
                case "--verbose", "-v" -> o.verbose = true;
                default -> {
                    if (a.startsWith("-") && a.length() > 1) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    o.tests.add(a);
                }
            }
        }
        if (o.wptDir == null) {
            throw new IllegalArgumentException("--wpt-dir is required");
        }
        if (o.updateStatus && o.status == null) {
            throw new IllegalArgumentException("--update-status needs --status FILE.json");
        }
        if (o.thisChunk > o.totalChunks) {
            throw new IllegalArgumentException("--this-chunk must be between 1 and --total-chunks");
        }
        return o;
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with the realms from {@code realms}. */
    public static int run(String[] args, PrintStream out, PrintStream err,
            Function<ServerResources, WptRealm.Factory> realms) {
        if (args.length > 0 && args[0].equals("merge")) {
            return merge(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
            out.print(USAGE);
            return 0;
        }
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("webnn wpt: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }

        WptRootResolver resolver = new WptRootResolver(o.wptDir);
        if (!resolver.looksLikeWpt()) {
            err.println("webnn wpt: " + o.wptDir + " is not a WPT checkout with the WebNN suite"
                    + " (it needs resources/testharness.js and webnn/).");
            err.println("  Get the suite as third_party/README.md describes: fetch the pinned WPT revision and"
                    + " extract webnn/, resources/ and interfaces/ (webnn, html, webidl, webgpu, dom .idl);"
                    + " pass that folder as --wpt-dir.");
            err.println("  (The runner's server aliases /resources/WebIDLParser.js to"
                    + " resources/webidl2/lib/webidl2.js, as wptserve does.)");
            return 2;
        }

        TestDiscovery discovery = new TestDiscovery(resolver.root());
        List<WptTest> urls;
        Expectations expectations;
        try {
            urls = discovery.discover(o.tests);
            urls = TestDiscovery.filter(urls, o.variants, o.scopes);
            urls = Chunker.select(urls, o.thisChunk, o.totalChunks, o.chunkType);
            expectations = o.status == null ? Expectations.none() : Expectations.read(o.status);
        } catch (IllegalArgumentException | IOException e) {
            err.println("webnn wpt: " + e.getMessage());
            return 2;
        }
        if (urls.isEmpty() && o.totalChunks == 1) {
            err.println("webnn wpt: no tests found for " + (o.tests.isEmpty() ? TestDiscovery.DEFAULT_TEST : o.tests)
                    + (o.variants.isEmpty() && o.scopes.isEmpty() ? "" : " with the --variant/--scope given"));
            return 2;
        }
        if (o.list) {
            urls.forEach(t -> out.println(t.id()));
            return 0;
        }

        long timeStart = System.currentTimeMillis();
        List<TestResult> results;
        TestRunner.Overhead overhead;
        try (WptServer server = WptServer.start(resolver.root())) {
            ServerResources resources = new ServerResources(TestRunner.ORIGIN, server.baseUri());
            try (WptRealm.Factory factory = realms.apply(resources)) {
                if (factory instanceof BindingsRealms b && b.compiles()) {
                    dev.webnn.cli.JitStatus.warnIfInterpreted(b.engine(), err);
                }
                boolean printConsole = o.verbose;
                TestRunner runner = new TestRunner(factory, resources, o.multiplier, line -> {
                    if (printConsole) {
                        out.println("  console " + line);
                    }
                });
                results = runAll(o, urls, expectations, runner, out);
                overhead = runner.overhead();
            }
        } catch (IOException e) {
            err.println("webnn wpt: " + e.getMessage());
            return 2;
        } catch (RuntimeException | LinkageError e) {
            err.println("webnn wpt: could not start the JavaScript engine: " + e);
            return 2;
        }
        long timeEnd = System.currentTimeMillis();

        List<Expectations.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            verdicts.add(expectations.judge(urls.get(i), results.get(i)));
        }
        return finish(o, resolver, discovery, urls, results, verdicts, expectations, overhead, timeStart, timeEnd,
                out, err);
    }

    private static List<TestResult> runAll(Options o, List<WptTest> urls, Expectations expectations,
            TestRunner runner, PrintStream out) {
        boolean bar = o.bar != null ? o.bar : out == System.out && System.console() != null
                && System.console().isTerminal();
        Progress progress = new Progress(out, bar, o.verbose, urls.size(),
                (t, r) -> !expectations.judge(t, r).isExpected());
        TestResult[] results = new TestResult[urls.size()];
        List<WptTest> toRun = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            WptTest t = urls.get(i);
            String skip = expectations.entryFor(t).skip();
            if (skip != null) {
                results[i] = TestResult.skipped(t, skip);
                progress.started(t);
                progress.finished(t, results[i]);
            } else {
                toRun.add(t);
                positions.add(i);
            }
        }
        List<TestResult> ran = new ParallelRunner(runner, o.jobs).run(toRun, progress);
        progress.close();
        List<Integer> retry = new ArrayList<>();
        for (int k = 0; k < ran.size(); k++) {
            results[positions.get(k)] = ran.get(k);
            if (o.jobs > 1 && ran.get(k).ranOutOfMemory()) {
                retry.add(positions.get(k));
            }
        }
        if (!retry.isEmpty()) {
            // Tests that share the heap can run each other out of memory: such a test gets one more run, alone.
            out.println("retrying " + retry.size() + " test URL" + (retry.size() == 1 ? "" : "s")
                    + " that ran out of memory beside others, one at a time:");
            List<WptTest> again = retry.stream().map(urls::get).toList();
            Progress lines = new Progress(out, false, o.verbose, again.size(), (t, r) -> !expectations.judge(t, r)
                    .isExpected());
            List<TestResult> second = new ParallelRunner(runner, 1).run(again, lines);
            for (int k = 0; k < retry.size(); k++) {
                results[retry.get(k)] = second.get(k);
            }
        }
        return List.of(results);
    }

    private static int finish(Options o, WptRootResolver resolver, TestDiscovery discovery, List<WptTest> urls,
            List<TestResult> results, List<Expectations.Verdict> verdicts, Expectations expectations,
            TestRunner.Overhead overhead, long timeStart, long timeEnd, PrintStream out, PrintStream err) {
        int exit = 0;
        long passed = 0;
        long failed = 0;
        Map<String, long[]> byFolder = new TreeMap<>();
        for (TestResult r : results) {
            long p = r.passedSubtests();
            long f = r.failedCount();
            passed += p;
            failed += f;
            long[] counts = byFolder.computeIfAbsent(r.folder(), k -> new long[2]);
            counts[0] += p;
            counts[1] += f;
        }

        List<Integer> unexpected = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            if (!verdicts.get(i).isExpected()) {
                unexpected.add(i);
            }
        }
        if (!unexpected.isEmpty()) {
            out.println();
            out.println(unexpected.size() + " test URL" + (unexpected.size() == 1 ? "" : "s")
                    + " with unexpected results:");
            for (int i : unexpected) {
                out.println("  " + results.get(i).test());
                List<String> items = verdicts.get(i).unexpected();
                for (String item : items.subList(0, Math.min(items.size(), 5))) {
                    out.println("      " + item);
                }
                if (items.size() > 5) {
                    out.println("      … and " + (items.size() - 5) + " more");
                }
                out.println("    rerun: " + rerunCommand(o, results.get(i).test()));
            }
            exit = 1;
        }

        String revision = WptReport.readRevision(resolver.root());
        if (o.report != null) {
            try {
                new WptReport().write(o.report, results, verdicts, timeStart, timeEnd, revision);
                out.println("report: " + o.report);
            } catch (IOException e) {
                err.println("webnn wpt: could not write the report " + o.report + ": " + e.getMessage());
                exit = Math.max(exit, 1);
            }
        }
        if (o.html != null) {
            try {
                HtmlReport.write(o.html, urls, results, o.status == null ? null : verdicts, revision, timeStart,
                        timeEnd);
                out.println("html report: " + o.html);
            } catch (IOException e) {
                err.println("webnn wpt: could not write the HTML report " + o.html + ": " + e.getMessage());
                exit = Math.max(exit, 1);
            }
        }
        if (o.updateStatus) {
            try {
                Map<String, List<WptTest>> allUrlsOfFile = new LinkedHashMap<>();
                for (WptTest t : urls) {
                    if (!allUrlsOfFile.containsKey(t.sourcePath())) {
                        allUrlsOfFile.put(t.sourcePath(), discovery.expand(t.file()));
                    }
                }
                ObjectNode updated = expectations.updated(urls, results, allUrlsOfFile);
                Expectations.write(o.status, updated);
                out.println("status file updated: " + o.status);
            } catch (IOException e) {
                err.println("webnn wpt: could not write the status file " + o.status + ": " + e.getMessage());
                exit = Math.max(exit, 1);
            }
        }

        out.println();
        for (Map.Entry<String, long[]> e : byFolder.entrySet()) {
            out.println("  " + e.getKey() + ": " + e.getValue()[0] + " passed, " + e.getValue()[1] + " failed");
        }
        if (overhead.urls() > 0) {
            out.printf("  %d test URLs in %.1f s with %d job%s; per URL: realm %.1f ms + harness %.1f ms"
                    + " (CPU %.1f + %.1f ms)%n", results.size(), (timeEnd - timeStart) / 1000.0, o.jobs,
                    o.jobs == 1 ? "" : "s", overhead.realmMillis(), overhead.harnessMillis(),
                    overhead.realmCpuMillis(), overhead.harnessCpuMillis());
        }
        if (!unexpected.isEmpty() || o.status != null) {
            out.println("  " + unexpected.size() + " with unexpected results"
                    + (o.status == null ? "" : " (status file " + o.status + ")"));
        }
        out.println(passed + " passed, " + failed + " failed");
        return exit;
    }

    /** One line that reruns one test URL with the same checkout and expectations. */
    static String rerunCommand(Options o, String testId) {
        StringBuilder b = new StringBuilder("./webnn wpt --wpt-dir ").append(shellQuote(o.wptDirArg));
        if (o.statusArg != null) {
            b.append(" --status ").append(shellQuote(o.statusArg));
        }
        if (o.multiplier != 1) {
            b.append(" --timeout-multiplier ").append(
                    java.math.BigDecimal.valueOf(o.multiplier).stripTrailingZeros().toPlainString());
        }
        return b.append(" --verbose ").append(shellQuote(testId)).toString();
    }

    static String shellQuote(String s) {
        if (s.matches("[A-Za-z0-9_./:=@%+-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static int merge(String[] files, PrintStream out, PrintStream err) {
        if (files.length == 0) {
            err.println("webnn wpt merge: name the reports to merge (webnn wpt merge a.json b.json > all.json)");
            return 2;
        }
        WptReport report = new WptReport();
        List<JsonNode> reports = new ArrayList<>();
        for (String f : files) {
            try {
                reports.add(report.mapper().readTree(Path.of(f).toFile()));
            } catch (IOException e) {
                err.println("webnn wpt merge: cannot read " + f + ": " + e.getMessage());
                return 2;
            }
        }
        try {
            out.println(report.mapper().writeValueAsString(report.merge(reports)));
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            err.println("webnn wpt merge: " + e.getMessage());
            return 2;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static double number(String s, String option) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number: " + s);
        }
    }

    private static int positive(String s, String option) {
        try {
            int n = Integer.parseInt(s.strip());
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be at least 1: " + s);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number: " + s);
        }
    }
}
