package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fetch() and ES modules over http (a loopback server), and a base URL mapped to a folder. */
class NetworkAndModulesTest {
    @TempDir
    Path site;
    private HttpServer server;
    private String origin;
    private final List<String> diagnostics = new ArrayList<>();

    @BeforeEach
    void serveTheSiteOnLoopback() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = site.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            byte[] body = file.startsWith(site) && Files.isRegularFile(file) ? Files.readAllBytes(file)
                    : "no such file".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", file.toString().endsWith(".js")
                    ? "text/javascript" : "application/octet-stream");
            exchange.sendResponseHeaders(Files.isRegularFile(file) ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private RealmOptions overHttp() {
        return RealmOptions.defaults().url(origin + "/app/index.html").diagnostics(diagnostics::add)
                .resources(new HttpResources(Set.of("127.0.0.1"), Duration.ofSeconds(10)));
    }

    @Test
    void fetchReadsHttpBodiesAsBytesJsonAndText() throws Exception {
        Files.createDirectories(site.resolve("data"));
        Files.write(site.resolve("data/w.bin"), new byte[] {1, 2, 3, (byte) 250});
        Files.writeString(site.resolve("data/meta.json"), "{\"classes\": 10}");
        String result = JsFixture.run(overHttp(), """
                const bytes = new Uint8Array(await (await fetch('../data/w.bin')).arrayBuffer());
                const json = await (await fetch('../data/meta.json')).json();
                const text = await (await fetch('/data/meta.json')).text();
                return bytes.join(',') + ' ' + json.classes + ' ' + text.length;
                """);
        assertEquals("1,2,3,250 10 15", result);
    }

    @Test
    void aMissingFileIsA404ThatTheDiagnosticsName() throws Exception {
        String result = JsFixture.run(overHttp(), """
                const response = await fetch('../weights/missing.npy');
                return response.status + ' ' + response.ok;
                """);
        assertEquals("404 false", result);
        assertEquals(List.of("webnn: GET " + origin + "/weights/missing.npy 404 Not Found"), diagnostics);
    }

    @Test
    void unreachableAndUngrantedUrlsRejectNamingTheUrl() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String result = JsFixture.run(overHttp(), """
                const errors = [];
                for (const url of ['http://127.0.0.1:%d/x.bin', 'http://example.test/x.bin']) {
                  try { await fetch(url); } catch (e) { errors.push(e.name + ': ' + e.message); }
                }
                return errors.join('\\n');
                """.formatted(closedPort));
        String[] lines = result.split("\n");
        assertTrue(lines[0].startsWith("TypeError: Failed to fetch http://127.0.0.1:" + closedPort + "/x.bin: "),
                result);
        assertTrue(lines[1].startsWith("TypeError: Failed to fetch http://example.test/x.bin: no grant serves"),
                result);
    }

    @Test
    void modulesLoadFromHttpWithRelativeImports() throws Exception {
        Files.createDirectories(site.resolve("app"));
        Files.createDirectories(site.resolve("common"));
        Files.writeString(site.resolve("common/utils.js"),
                "export const sizeOfShape = (s) => s.reduce((a, b) => a * b, 1);\n");
        Files.writeString(site.resolve("app/model.js"),
                "import {sizeOfShape} from '../common/utils.js';\nexport const size = sizeOfShape([2, 3, 4]);\n");
        Files.writeString(site.resolve("app/main.mjs"), """
                import {size} from './model.js';
                const dynamic = await import('../common/utils.js');
                globalThis.answer = size + ' ' + dynamic.sizeOfShape([5]) + ' ' + location.pathname;
                """);
        try (Realm realm = JsFixture.realm(overHttp())) {
            realm.evalModule(URI.create(origin + "/app/main.mjs"));
            realm.runEventLoop(() -> false, 20_000);
            assertEquals(List.of(), realm.uncaughtErrors());
            Value answer = realm.context().getBindings("js").getMember("answer");
            assertEquals("24 5 /app/index.html", answer.asString());
        }
    }

    @Test
    void aModuleThatFailsToImportNamesTheUrl() throws Exception {
        Files.createDirectories(site.resolve("app"));
        Files.writeString(site.resolve("app/main.mjs"), "import {x} from './missing.js';\n");
        try (Realm realm = JsFixture.realm(overHttp())) {
            JsError error = assertThrows(JsError.class,
                    () -> realm.evalModule(URI.create(origin + "/app/main.mjs")));
            assertTrue(error.jsMessage().contains(origin + "/app/missing.js"), error.jsMessage());
            assertTrue(error.jsMessage().contains("HTTP status 404"), error.jsMessage());
        }
    }

    @Test
    void aBaseUrlMapsThePageToAFolderWithoutAServer(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder.resolve("test-data"));
        Files.write(folder.resolve("test-data/w.bin"), new byte[] {7, 8});
        RealmOptions options = RealmOptions.defaults().url("http://localhost:8080/samples/index.html")
                .resources(new FolderResources("http://localhost:8080/", folder, Map.of()));
        String result = JsFixture.run(options, """
                return new Uint8Array(await (await fetch('../test-data/w.bin')).arrayBuffer()).join(',');
                """);
        assertEquals("7,8", result);
    }
}
