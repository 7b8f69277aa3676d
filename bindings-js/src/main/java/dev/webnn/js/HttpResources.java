package dev.webnn.js;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Answers http: and https: URLs over the network, for the hosts an embedder allows (all hosts when the set is
 * empty). Redirects are followed; the body is read whole.
 */
public final class HttpResources implements ResourceLoader {
    private final Set<String> hosts;
    private final HttpClient client;
    private final Duration timeout;

    /** @param hosts host names (optionally {@code host:port}) that may be fetched; empty allows every host */
    public HttpResources(Set<String> hosts, Duration timeout) {
        this.hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout)
                .build();
    }

    /** Every http(s) host, with a 60-second timeout per request. */
    public static HttpResources anyHost() {
        return new HttpResources(Set.of(), Duration.ofSeconds(60));
    }

    @Override
    public Resource load(URI url) throws IOException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        if (!allows(url)) {
            return null;
        }
        HttpRequest request = HttpRequest.newBuilder(stripFragment(url)).timeout(timeout).GET().build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            String type = response.headers().firstValue("content-type")
                    .orElse(ResourceLoader.contentTypeOf(url.getPath() == null ? "" : url.getPath()));
            return new Resource(response.statusCode(), type, response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }

    private boolean allows(URI url) {
        if (hosts.isEmpty()) {
            return true;
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return hosts.contains(host) || (url.getPort() >= 0 && hosts.contains(host + ":" + url.getPort()));
    }

    private static URI stripFragment(URI url) {
        String href = url.toString();
        int hash = href.indexOf('#');
        return hash < 0 ? url : URI.create(href.substring(0, hash));
    }
}
