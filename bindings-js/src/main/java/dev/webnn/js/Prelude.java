package dev.webnn.js;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The JS shims every realm evaluates first, read once per JVM. */
final class Prelude {
    /** Web basics: self, location, timers, console, DOMException, events. A function of (native, url, scope, coi). */
    static final String WEB = load("web.js");
    /** URL, URLSearchParams and fetch() with Headers, Request and Response. A function of (native). */
    static final String FETCH = load("fetch.js");
    /** The WebIDL layer of WebNN: navigator.ml and the ML* interfaces. A function of (native). */
    static final String WEBNN = load("webnn.js");
    /** Shims for older WebNN API shapes (WebApi.LEGACY_WEBNN). A function of (native, the operator API). */
    static final String COMPAT = load("compat.js");
    /** The operator files, one per op family; each is a function of the API that webnn.js returns. */
    static final List<String> OPERATOR_FILES =
            List.of("elementwise.js", "reduction.js", "linear-algebra.js", "recurrent.js", "data-movement.js");
    static final List<String> OPERATORS = OPERATOR_FILES.stream().map(name -> load("ops/" + name)).toList();

    private Prelude() {
    }

    private static String load(String name) {
        try (InputStream in = Prelude.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing prelude resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
