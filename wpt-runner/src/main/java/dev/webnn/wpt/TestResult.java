package dev.webnn.wpt;

import java.util.List;

/**
 * One test URL's outcome.
 *
 * @param test     the test id, {@code /webnn/...any.html?cpu}
 * @param folder   the folder of the test URL ({@code webnn/conformance_tests}), for summaries
 * @param status   the harness status: OK, ERROR, TIMEOUT or PRECONDITION_FAILED; SKIP for a test the status file
 *                 skips
 * @param message  the harness message, or null
 * @param duration milliseconds the test took
 */
public record TestResult(String test, String folder, String status, String message, long duration,
        List<SubtestResult> subtests) {
    public TestResult {
        subtests = List.copyOf(subtests);
    }

    public long passedSubtests() {
        return subtests.stream().filter(SubtestResult::passed).count();
    }

    /**
     * Failed subtests as the summary counts them: every subtest that did not pass, and one more for a harness
     * status other than OK when no subtest failed (so an ERROR with no subtests counts as one failure). A skipped
     * test counts nothing.
     */
    public long failedCount() {
        long failed = subtests.size() - passedSubtests();
        if (!"OK".equals(status) && !"SKIP".equals(status) && failed == 0) {
            failed = 1;
        }
        return failed;
    }

    /**
     * Whether the test ran out of memory: the runner caught an OutOfMemoryError, or the harness or a subtest reports
     * the JVM's message for it (an engine that lost its context to it).
     */
    public boolean ranOutOfMemory() {
        if (mentionsMemory(message)) {
            return true;
        }
        return subtests.stream().anyMatch(s -> mentionsMemory(s.message()));
    }

    private static boolean mentionsMemory(String m) {
        return m != null && (m.startsWith("out of memory") || m.contains("Java heap space")
                || m.contains("OutOfMemoryError"));
    }

    /** A test the status file skips: not run, with the reason as its message. */
    public static TestResult skipped(WptTest test, String reason) {
        return new TestResult(test.id(), test.folder(), "SKIP", reason, 0, List.of());
    }

    /** The one-word outcome printed per URL: PASS, FAIL (harness OK but a subtest failed) or the harness status. */
    public String outcome() {
        if (!"OK".equals(status)) {
            return status;
        }
        return passedSubtests() == subtests.size() ? "PASS" : "FAIL";
    }
}
