package dev.webnn.wpt;

import java.nio.file.Files;
import java.nio.file.Path;

/** Maps the URLs a test loads (its META scripts) to files in the WPT checkout. */
public final class WptRootResolver {
    private final Path root;

    public WptRootResolver(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Resolves a script URL: {@code /}-absolute against the root (so {@code /resources/WebIDLParser.js} is
     * {@code ROOT/resources/WebIDLParser.js}), otherwise relative to {@code baseDir}, the URL folder of the
     * test ({@code /webnn/conformance_tests/}). Query and fragment are dropped.
     *
     * @throws IllegalArgumentException for a URL with a scheme or one that leaves the root
     */
    public Path resolve(String baseDir, String scriptUrl) {
        String url = scriptUrl.strip();
        int cut = indexOfAny(url, '?', '#');
        if (cut >= 0) {
            url = url.substring(0, cut);
        }
        if (url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || url.startsWith("//")) {
            throw new IllegalArgumentException("script URL outside the WPT checkout: " + scriptUrl);
        }
        String absolute = url.startsWith("/") ? url : baseDir + url;
        Path file = root.resolve(absolute.substring(1)).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("script URL leaves the WPT checkout: " + scriptUrl);
        }
        return file;
    }

    /** The URL path of a file below the root, starting with {@code /}. */
    public String urlPath(Path file) {
        Path rel = root.relativize(file.toAbsolutePath().normalize());
        return "/" + rel.toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** True when the root looks like a WPT checkout with the WebNN suite. */
    public boolean looksLikeWpt() {
        return Files.isRegularFile(root.resolve("resources/testharness.js")) && Files.isDirectory(root.resolve("webnn"));
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) {
            return j;
        }
        return j < 0 ? i : Math.min(i, j);
    }
}
