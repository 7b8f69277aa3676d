package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;

/** Runs JS in a fresh realm and returns what an async body produced, or how it threw, as text. */
final class JsFixture {
    private static final Engine ENGINE = Realm.newSharedEngine();

    private JsFixture() {
    }

    static Realm realm(RealmOptions options) {
        return Realm.create(options.engine(ENGINE).console(line -> { }));
    }

    /** Runs {@code body} as the body of an async function; "threw Name: message" when it throws or rejects. */
    static String run(RealmOptions options, String body) throws JsError {
        try (Realm realm = realm(options)) {
            return run(realm, body);
        }
    }

    static String run(String body) throws JsError {
        return run(RealmOptions.defaults().url("https://example.test/page.html?cpu"), body);
    }

    static String run(Realm realm, String body) throws JsError {
        realm.evalScript("test.js", "globalThis.__done = false; (async () => {\n" + body + "\n})().then("
                + "(v) => { globalThis.__out = String(v); globalThis.__done = true; },"
                + "(e) => { globalThis.__out = 'threw ' + (e && e.name) + ': ' + (e && e.message); "
                + "globalThis.__done = true; });");
        Value global = realm.context().getBindings("js");
        LoopResult result = realm.runEventLoop(() -> global.getMember("__done").asBoolean(), 20_000);
        assertEquals(LoopResult.DONE, result, "the script did not finish");
        return global.getMember("__out").asString();
    }
}
