package dev.webnn.js;

import java.io.IOException;
import java.net.URI;

/**
 * Answers a realm's {@code fetch()} for the URLs an embedder grants (a WPT checkout served under its origin, a
 * folder of model weights). A realm without one can fetch nothing.
 */
@FunctionalInterface
public interface ResourceLoader {
    /** The resource at an absolute URL, or null when this loader does not serve that URL (a network error). */
    Resource load(URI url) throws IOException;

    /** A fetched response: status, content type and the whole body. */
    record Resource(int status, String contentType, byte[] body) {
        public static Resource ok(String contentType, byte[] body) {
            return new Resource(200, contentType, body);
        }

        public static Resource notFound() {
            return new Resource(404, "text/plain", new byte[0]);
        }
    }

    /** Tries this loader, then the other one. */
    default ResourceLoader orElse(ResourceLoader other) {
        return url -> {
            Resource first = load(url);
            return first != null ? first : other.load(url);
        };
    }

    /** Guesses a content type from a file name, as a static file server would. */
    static String contentTypeOf(String path) {
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".js") || lower.endsWith(".mjs")) {
            return "text/javascript";
        }
        if (lower.endsWith(".json")) {
            return "application/json";
        }
        if (lower.endsWith(".html") || lower.endsWith(".htm")) {
            return "text/html";
        }
        if (lower.endsWith(".txt") || lower.endsWith(".idl")) {
            return "text/plain";
        }
        return "application/octet-stream";
    }
}
