package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webnn.engine.runtime.ContextLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * A short seeded run of the WebIDL argument fuzzer ({@code webidl-fuzz.js}) for CI. {@code -Dwebnn.fuzz.seconds=N}
 * and {@code -Dwebnn.fuzz.seed=S} make it a long run ({@code scripts/fuzz} sets them).
 */
class WebIdlFuzzTest {
    @Test
    void everyOutcomeIsASuccessOrAProperJsError() throws IOException, JsError {
        long seconds = Long.getLong("webnn.fuzz.seconds", 8);
        long seed = Long.getLong("webnn.fuzz.seed", 20261126L);
        String fuzzer;
        try (InputStream in = WebIdlFuzzTest.class.getResourceAsStream("webidl-fuzz.js")) {
            fuzzer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // A small budget, so hostile descriptors that pass validation meet the budget rather than the heap.
        RealmOptions options = RealmOptions.defaults().url("https://example.test/fuzz.html")
                .contextLimits(ContextLimits.DEFAULT.withMemoryBudget(64L << 20));
        try (Realm realm = JsFixture.realm(options)) {
            realm.evalScript("webidl-fuzz.js", fuzzer);
            realm.evalScript("run.js", "globalThis.__summary = undefined; webidlFuzz(" + (seed & 0xFFFF_FFFFL) + ", "
                    + seconds * 1000 + ", 1e9).then((s) => { globalThis.__summary = JSON.stringify(s, null, 1); },"
                    + " (e) => { globalThis.__summary = 'the fuzzer crashed: ' + e + '\\n' + e.stack; });");
            Value global = realm.context().getBindings("js");
            LoopResult result = realm.runEventLoop(() -> !global.getMember("__summary").isNull(),
                    seconds * 1000 + 60_000);
            assertEquals(LoopResult.DONE, result, "the fuzzer hung at " + global.getMember("__current"));
            String summary = global.getMember("__summary").asString();
            System.out.println("[webidl fuzz] " + summary.replace("\n", " "));
            assertTrue(summary.startsWith("{"), summary);
            Value parsed = realm.context().eval("js", "JSON.parse(globalThis.__summary)");
            assertEquals(0, parsed.getMember("findings").getArraySize(), summary);
            assertTrue(parsed.getMember("cases").asLong() > 20, summary);
            assertEquals(java.util.List.of(), realm.uncaughtErrors().stream().map(JsError::getMessage).toList());
        }
    }
}
