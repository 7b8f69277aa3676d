package dev.webnn.js;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Serves the files below one folder under a URL prefix, read-only, the way a static file server would. A path
 * that leaves the folder is not found; aliases map URL paths to other files (wptserve's WebIDLParser.js).
 */
public final class FolderResources implements ResourceLoader {
    private final String prefix;
    private final Path root;
    private final Map<String, String> aliases;

    /** @param prefix an absolute URL ending in {@code /}, e.g. {@code https://web-platform.test:8443/} */
    public FolderResources(String prefix, Path root, Map<String, String> aliases) {
        this.prefix = prefix;
        this.root = root.toAbsolutePath().normalize();
        this.aliases = Map.copyOf(aliases);
    }

    /** file: URLs of the files below a folder. */
    public static FolderResources files(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        String prefix = absolute.toUri().toString();
        return new FolderResources(prefix.endsWith("/") ? prefix : prefix + "/", absolute, Map.of());
    }

    @Override
    public Resource load(URI url) throws IOException {
        String href = url.toString();
        int cut = indexOfQueryOrFragment(href);
        String withoutQuery = cut < 0 ? href : href.substring(0, cut);
        if (!withoutQuery.startsWith(prefix)) {
            return null;
        }
        String path = URI.create(withoutQuery).getPath();
        String rootPath = URI.create(prefix).getPath();
        String relative = aliases.getOrDefault(path, path).substring(rootPath.length());
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return Resource.notFound();
        }
        // A link inside the folder may point anywhere; what it resolves to must be inside the folder too.
        if (!file.toRealPath().startsWith(root.toRealPath())) {
            return Resource.notFound();
        }
        return Resource.ok(ResourceLoader.contentTypeOf(file.toString()), Files.readAllBytes(file));
    }

    private static int indexOfQueryOrFragment(String href) {
        int q = href.indexOf('?');
        int h = href.indexOf('#');
        return q < 0 ? h : h < 0 ? q : Math.min(q, h);
    }
}
