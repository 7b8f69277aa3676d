package dev.webnn.wpt;

import java.nio.file.Path;

/**
 * One test URL as wptserve would serve it: a script test file in one global with one variant.
 *
 * @param path    the URL path, e.g. {@code /webnn/conformance_tests/add.https.any.html}
 * @param variant the query (or fragment) of the variant, e.g. {@code ?cpu}, or ""
 * @param global  the global the test runs in
 * @param file    the test's script file
 * @param urlDir  the URL path of the folder holding the script, ending in {@code /}
 * @param meta    the script's META header
 */
public record WptTest(String path, String variant, WptGlobal global, Path file, String urlDir, TestMeta meta) {

    /** The test id used in reports: path plus variant. */
    public String id() {
        return path + variant;
    }

    /** The script file relative to the WPT root, {@code webnn/conformance_tests/add.https.any.js}: what wptrunner
     * calls the test path, and what status files and chunking key on. */
    public String sourcePath() {
        return urlDir.substring(1) + file.getFileName();
    }

    /** The folder part of the test's URL path, without the leading slash: {@code webnn/conformance_tests}. */
    public String folder() {
        String dir = urlDir.substring(1);
        return dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    }
}
