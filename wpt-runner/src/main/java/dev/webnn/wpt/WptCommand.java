package dev.webnn.wpt;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code ./webnn wpt --wpt-dir DIR [--report FILE.json] [--timeout-multiplier X] [--verbose] [TEST...]}: runs
 * WPT script tests and prints one line per test URL, a per-folder summary and {@code N passed, N failed}.
 */
public final class WptCommand {
    static final String USAGE = "usage: webnn wpt --wpt-dir DIR [--report FILE.json] [--timeout-multiplier X]"
            + " [--verbose] [TEST...]\n"
            + "  TEST: a file or folder relative to DIR, optionally with ?variant, or a test URL"
            + " (default: " + TestDiscovery.DEFAULT_TEST + ")";

    private WptCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, BindingsRealms::new);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with the realms from {@code realms}. */
    public static int run(String[] args, PrintStream out, PrintStream err, Function<Path, WptRealm.Factory> realms) {
        Path wptDir = null;
        Path report = null;
        double multiplier = 1;
        boolean verbose = false;
        List<String> tests = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--wpt-dir" -> wptDir = Path.of(value(args, ++i, a));
                    case "--report" -> report = Path.of(value(args, ++i, a));
                    case "--timeout-multiplier" -> {
                        multiplier = Double.parseDouble(value(args, ++i, a));
                        if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
                            throw new IllegalArgumentException("--timeout-multiplier must be a positive number");
                        }
                    }
                    case "--verbose", "-v" -> verbose = true;
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> {
                        if (a.startsWith("--wpt-dir=")) {
                            wptDir = Path.of(a.substring("--wpt-dir=".length()));
                        } else if (a.startsWith("--report=")) {
                            report = Path.of(a.substring("--report=".length()));
                        } else if (a.startsWith("--timeout-multiplier=")) {
                            multiplier = Double.parseDouble(a.substring("--timeout-multiplier=".length()));
                        } else if (a.startsWith("-") && a.length() > 1) {
                            throw new IllegalArgumentException("unknown option " + a);
                        } else {
                            tests.add(a);
                        }
                    }
                }
            }
            if (wptDir == null) {
                throw new IllegalArgumentException("--wpt-dir is required");
            }
        } catch (IllegalArgumentException e) {
            err.println("webnn wpt: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }

        WptRootResolver resolver = new WptRootResolver(wptDir);
        if (!resolver.looksLikeWpt()) {
            err.println("webnn wpt: " + wptDir + " is not a WPT checkout with the WebNN suite"
                    + " (it needs resources/testharness.js and webnn/).");
            err.println("  Get the suite as third_party/README.md describes: fetch the pinned WPT revision and"
                    + " extract webnn/, resources/ and interfaces/webnn.idl,");
            err.println("  then copy resources/webidl2/lib/webidl2.js to resources/WebIDLParser.js;"
                    + " pass that folder as --wpt-dir.");
            return 2;
        }

        List<WptTest> urls;
        try {
            urls = new TestDiscovery(resolver.root()).discover(tests);
        } catch (IllegalArgumentException | IOException e) {
            err.println("webnn wpt: " + e.getMessage());
            return 2;
        }
        if (urls.isEmpty()) {
            err.println("webnn wpt: no tests found for " + (tests.isEmpty() ? TestDiscovery.DEFAULT_TEST : tests));
            return 2;
        }

        long timeStart = System.currentTimeMillis();
        List<TestResult> results = new ArrayList<>();
        boolean printConsole = verbose;
        try (WptRealm.Factory factory = realms.apply(resolver.root())) {
            TestRunner runner = new TestRunner(factory, resolver.root(), multiplier, line -> {
                if (printConsole) {
                    out.println("  console " + line);
                }
            });
            for (WptTest t : urls) {
                TestResult r = runner.run(t);
                results.add(r);
                printResult(out, r, verbose);
            }
        } catch (RuntimeException | LinkageError e) {
            err.println("webnn wpt: could not start the JavaScript engine: " + e);
            return 2;
        }
        long timeEnd = System.currentTimeMillis();

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
        if (report != null) {
            try {
                new WptReport().write(report, results, timeStart, timeEnd, WptReport.readRevision(resolver.root()));
                out.println("report: " + report);
            } catch (IOException e) {
                err.println("webnn wpt: could not write the report " + report + ": " + e.getMessage());
                failed = Math.max(failed, 1);
            }
        }
        out.println();
        for (Map.Entry<String, long[]> e : byFolder.entrySet()) {
            out.println("  " + e.getKey() + ": " + e.getValue()[0] + " passed, " + e.getValue()[1] + " failed");
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private static void printResult(PrintStream out, TestResult r, boolean verbose) {
        out.printf("%-7s %s  (%d/%d subtests, %d ms)%n", r.outcome(), r.test(), r.passedSubtests(),
                r.subtests().size(), r.duration());
        if (!"OK".equals(r.status()) && r.message() != null) {
            out.println("        " + firstLine(r.message()));
        }
        if (verbose) {
            for (SubtestResult s : r.subtests()) {
                if (!s.passed()) {
                    out.println("        " + s.status() + " " + s.name()
                            + (s.message() == null ? "" : ": " + firstLine(s.message())));
                }
            }
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

}
