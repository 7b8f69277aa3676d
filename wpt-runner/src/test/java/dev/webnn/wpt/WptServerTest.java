package dev.webnn.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webnn.js.ResourceLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The loopback server serves a checkout as wptserve does, and the realms' loader reaches nothing else. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WptServerTest {
    Path root;
    WptServer server;
    ServerResources resources;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        root = tmp.resolve("wpt");
        SampleWpt.write(root, "resources/testharness.js", "// harness\n");
        SampleWpt.write(root, "resources/webidl2/lib/webidl2.js", "// the WebIDL parser\n");
        SampleWpt.write(root, "webnn/isolated/iso-check.any.js", """
                // META: title=isolation
                // META: global=window,worker
                // META: script=../resources/iso-helper.js
                test(() => {}, 'x');
                """);
        SampleWpt.write(root, "webnn/isolated/iso-check.any.js.headers", """
                Cross-Origin-Embedder-Policy: require-corp
                Cross-Origin-Opener-Policy: same-origin
                """);
        SampleWpt.write(root, "webnn/isolated/__dir__.headers", "X-Folder: isolated\n");
        SampleWpt.write(root, "webnn/plain/window-only.any.js", "// META: global=window\n");
        SampleWpt.write(root, "webnn/plain/data.json", "{\"answer\": 42}\n");
        SampleWpt.write(root, "webnn/plain/data.json.headers", "X-Custom: yes\n");
        SampleWpt.write(root, "secret.txt", "outside webnn, still inside the root\n");
        server = WptServer.start(root);
        resources = new ServerResources(TestRunner.ORIGIN, server.baseUri());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> raw(String method, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().proxy(java.net.ProxySelector.of(null)).build();
        HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listensOnLoopbackOnly() {
        assertTrue(server.baseUri().getHost().equals("127.0.0.1") || server.baseUri().getHost().contains(":"),
                server.baseUri().toString());
        assertTrue(server.port() > 0);
        assertThrows(IllegalArgumentException.class,
                () -> new ServerResources(TestRunner.ORIGIN, URI.create("http://example.com:8000/")));
        assertThrows(IllegalArgumentException.class,
                () -> new ServerResources(TestRunner.ORIGIN, URI.create("http://10.0.0.1:8000/")));
    }

    @Test
    void servesFilesWithTheirHeadersFiles() throws Exception {
        ServerResources.Response r = resources.get("/webnn/plain/data.json");
        assertEquals(200, r.status());
        assertEquals("{\"answer\": 42}\n", r.text());
        assertEquals("application/json", r.contentType());
        assertEquals("yes", r.header("x-custom").orElseThrow());
        assertFalse(r.crossOriginIsolating());
        assertEquals(404, resources.get("/webnn/plain/missing.json").status());
        assertEquals("// harness\n", resources.get("/resources/testharness.js").text());
        assertTrue(resources.get("/resources/testharness.js").contentType().startsWith("text/javascript"));
    }

    @Test
    void aliasesWebIdlParserAsWptserveDoes() throws Exception {
        ServerResources.Response r = resources.get("/resources/WebIDLParser.js");
        assertEquals(200, r.status());
        assertEquals("// the WebIDL parser\n", r.text());
    }

    @Test
    void wrappersCarryTheHeadersOfTheScriptTheyWrap() throws Exception {
        for (String page : new String[] {"iso-check.any.html", "iso-check.any.worker.html",
            "iso-check.any.sharedworker.html", "iso-check.any.serviceworker.html", "iso-check.any.worker.js"}) {
            ServerResources.Response r = resources.get("/webnn/isolated/" + page + "?cpu");
            assertEquals(200, r.status(), page);
            assertTrue(r.crossOriginIsolating(), page);
            assertEquals("isolated", r.header("X-Folder").orElseThrow(), page);
        }
        String html = resources.get("/webnn/isolated/iso-check.any.html").text();
        assertTrue(html.contains("<title>isolation</title>"), html);
        assertTrue(html.contains("<script src=\"/resources/testharness.js\"></script>"), html);
        assertTrue(html.contains("<script src=\"../resources/iso-helper.js\"></script>"), html);
        assertTrue(html.contains("<script src=\"iso-check.any.js\"></script>"), html);
        String workerPage = resources.get("/webnn/isolated/iso-check.any.worker.html?gpu").text();
        assertTrue(workerPage.contains("new Worker('iso-check.any.worker.js?gpu')"), workerPage);
        String worker = resources.get("/webnn/isolated/iso-check.any.worker.js").text();
        assertTrue(worker.contains("importScripts('../resources/iso-helper.js');"), worker);
        assertTrue(worker.contains("importScripts('iso-check.any.js');\ndone();"), worker);
    }

    @Test
    void aWrapperExistsOnlyForTheGlobalsATestDeclares() throws Exception {
        assertEquals(200, resources.get("/webnn/plain/window-only.any.html").status());
        assertEquals(404, resources.get("/webnn/plain/window-only.any.worker.html").status());
        assertEquals(404, resources.get("/webnn/plain/window-only.any.worker.js").status());
        assertFalse(resources.get("/webnn/plain/window-only.any.html").crossOriginIsolating());
    }

    @Test
    void nothingOutsideTheRootAndOnlyGetAndHead() throws Exception {
        assertEquals(404, raw("GET", "/webnn/../../etc/passwd").statusCode());
        assertEquals(404, raw("GET", "/%2e%2e/%2e%2e/etc/passwd").statusCode());
        assertEquals(200, raw("GET", "/webnn/../secret.txt").statusCode());
        assertEquals(405, raw("POST", "/webnn/plain/data.json").statusCode());
        HttpResponse<String> head = raw("HEAD", "/webnn/plain/data.json");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void theLoaderServesTheTestOriginAndNothingElse() throws Exception {
        ResourceLoader.Resource r = resources.load(URI.create(TestRunner.ORIGIN + "/webnn/plain/data.json?x=1#f"));
        assertEquals(200, r.status());
        assertEquals("application/json", r.contentType());
        assertNull(resources.load(URI.create("https://example.com/webnn/plain/data.json")));
        assertNull(resources.load(URI.create("http://web-platform.test:8443/webnn/plain/data.json")));
        assertNull(resources.load(URI.create(server.baseUri() + "webnn/plain/data.json")));
    }
}
