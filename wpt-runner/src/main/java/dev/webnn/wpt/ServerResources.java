package dev.webnn.wpt;

import dev.webnn.js.ResourceLoader;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The realms' network: URLs under the test origin ({@code https://web-platform.test:8443/…}) are fetched over
 * HTTP from the loopback {@link WptServer}; every other URL is a network error. The client never connects
 * anywhere but the server's own loopback address, and uses no proxy.
 *
 * <p>Scripts the runner loads into every realm (testharness.js, META scripts, test files) are read once per run
 * and kept, so hundreds of realms share one copy of each text (and GraalJS one parse of it).
 */
public final class ServerResources implements ResourceLoader {
    /** An HTTP answer with the headers a test page's isolation depends on. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public Optional<String> header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return Optional.of(e.getValue().get(0));
                }
            }
            return Optional.empty();
        }

        public String contentType() {
            return header("Content-Type").orElse("application/octet-stream");
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /**
         * Whether a document or worker served with these headers is cross-origin isolated: COOP
         * {@code same-origin} with COEP {@code require-corp} or {@code credentialless}.
         */
        public boolean crossOriginIsolating() {
            String coop = token(header("Cross-Origin-Opener-Policy").orElse(""));
            String coep = token(header("Cross-Origin-Embedder-Policy").orElse(""));
            return coop.equals("same-origin") && (coep.equals("require-corp") || coep.equals("credentialless"));
        }

        private static String token(String value) {
            int semi = value.indexOf(';');
            return (semi < 0 ? value : value.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        }
    }

    private final String origin;
    private final URI server;
    private final HttpClient client;
    private final Map<String, Response> scripts = new ConcurrentHashMap<>();

    /**
     * @param origin the origin tests see, e.g. {@code https://web-platform.test:8443}
     * @param server the loopback server's base URI, {@code http://127.0.0.1:PORT/}
     */
    public ServerResources(String origin, URI server) {
        if (!isLoopbackLiteral(server.getHost())) {
            throw new IllegalArgumentException("the WPT server must be on a loopback address: " + server);
        }
        this.origin = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
        this.server = server;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(ProxySelector.of(null))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static boolean isLoopbackLiteral(String host) {
        if (host == null) {
            return false;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // A name would need a lookup; the server's address is always a literal.
        }
        try {
            return java.net.InetAddress.getByName(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The origin this loader serves. */
    public String origin() {
        return origin;
    }

    /** The page URL of a test as tests see it: the origin, the path and the variant. */
    public String pageUrl(String pathAndQuery) {
        return origin + pathAndQuery;
    }

    @Override
    public Resource load(URI url) throws IOException {
        Response r = get(url);
        return r == null ? null : new Resource(r.status(), r.contentType(), r.body());
    }

    /** GETs a URL under the origin from the server; null for any other URL. */
    public Response get(URI url) throws IOException {
        String href = url.toString();
        int hash = href.indexOf('#');
        if (hash >= 0) {
            href = href.substring(0, hash);
        }
        if (!href.startsWith(origin + "/")) {
            return null;
        }
        URI target = server.resolve(href.substring(origin.length()));
        HttpRequest request = HttpRequest.newBuilder(target).GET().timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + url, e);
        }
    }

    /** GETs a path ({@code /resources/testharness.js}) under the origin. */
    public Response get(String absolutePath) throws IOException {
        return get(URI.create(origin + absolutePath));
    }

    /** A script for every realm, fetched once per run: answers with status 200 are kept. */
    public Response script(String absolutePath) throws IOException {
        Response cached = scripts.get(absolutePath);
        if (cached != null) {
            return cached;
        }
        Response r = get(absolutePath);
        if (r != null && r.status() == 200) {
            scripts.putIfAbsent(absolutePath, r);
        }
        return r;
    }
}
