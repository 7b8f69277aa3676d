package dev.webnn.wpt;

import java.nio.file.Files;
import java.nio.file.Path;

/** The WPT checkout: its root folder and the URL paths of the files in it. */
public final class WptRootResolver {
    private final Path root;

    public WptRootResolver(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
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
}
