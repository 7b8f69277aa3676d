package dev.webnn.wpt;

/**
 * One subtest's outcome.
 *
 * @param status PASS, FAIL, TIMEOUT, NOTRUN or PRECONDITION_FAILED
 */
public record SubtestResult(String name, String status, String message, String stack) {
    public boolean passed() {
        return "PASS".equals(status);
    }
}
