package dev.webnn.js;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.graalvm.polyglot.Source;

/**
 * The JS shims every realm evaluates first, read once per JVM. Each is one cached {@link Source} object for all
 * realms: an Engine shared by many contexts then parses it once and reuses its ASTs (and compiled code) in every
 * realm, instead of looking an equal copy up again per realm.
 */
final class Prelude {
    /** Web basics: self, location, timers, console, DOMException, events. A function of (native, url, scope, coi). */
    static final Source WEB = load("web.js");
    /** URL, URLSearchParams and fetch() with Headers, Request and Response. A function of (native). */
    static final Source FETCH = load("fetch.js");
    /** The WebIDL layer of WebNN: navigator.ml and the ML* interfaces. A function of (native). */
    static final Source WEBNN = load("webnn.js");
    /** Shims for older WebNN API shapes (WebApi.LEGACY_WEBNN). A function of (native, the operator API). */
    static final Source COMPAT = load("compat.js");
    /** The operator files, one per op family; each is a function of the API that webnn.js returns. */
    static final List<Source> OPERATORS =
            List.of("elementwise.js", "reduction.js", "linear-algebra.js", "recurrent.js", "data-movement.js")
                    .stream().map(name -> load("ops/" + name)).toList();

    private Prelude() {
    }

    private static Source load(String name) {
        try (InputStream in = Prelude.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing prelude resource " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Source.newBuilder("js", text, "webnn:" + name).cached(true).buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
