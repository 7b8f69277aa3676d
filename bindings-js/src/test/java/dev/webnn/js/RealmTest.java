package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealmTest {
    @Test
    void timersRunInDueOrderAfterMicrotasks() throws JsError {
        assertEquals("sync,micro,promise,t0,t5,t20", JsFixture.run("""
                const seen = [];
                await new Promise((resolve) => {
                  setTimeout(() => seen.push('t20'), 20);
                  setTimeout(() => { seen.push('t5'); }, 5);
                  setTimeout(() => seen.push('t0'), 0);
                  queueMicrotask(() => seen.push('micro'));
                  Promise.resolve().then(() => seen.push('promise'));
                  seen.push('sync');
                  setTimeout(resolve, 40);
                });
                return seen.join();
                """));
    }

    @Test
    void clearedTimersDoNotFireAndIntervalsRepeat() throws JsError {
        assertEquals("3,false", JsFixture.run("""
                let fired = false, ticks = 0;
                const id = setTimeout(() => { fired = true; }, 1);
                clearTimeout(id);
                await new Promise((resolve) => {
                  const iv = setInterval(() => { if (++ticks === 3) { clearInterval(iv); resolve(); } }, 1);
                });
                await new Promise((resolve) => setTimeout(resolve, 10));
                return [ticks, fired].join();
                """));
    }

    @Test
    void locationAndGlobalReflectThePageAndScope() throws JsError {
        RealmOptions options = RealmOptions.defaults()
                .url("https://web-platform.test:8443/webnn/x.any.worker.html?gpu#h").scope(Scope.DEDICATED_WORKER);
        assertEquals("?gpu|/webnn/x.any.worker.html|web-platform.test|8443|#h|true|false|true|undefined",
                JsFixture.run(options, """
                        return [location.search, location.pathname, location.hostname, location.port, location.hash,
                          GLOBAL.isWorker(), GLOBAL.isWindow(), self === globalThis, typeof window].join('|');
                        """));
    }

    @Test
    void sharedArrayBufferOnlyWhenCrossOriginIsolated() throws JsError {
        assertEquals("false,undefined", JsFixture.run("return [crossOriginIsolated, typeof SharedArrayBuffer].join()"));
        assertEquals("true,function", JsFixture.run(RealmOptions.defaults().crossOriginIsolated(true),
                "return [crossOriginIsolated, typeof SharedArrayBuffer].join()"));
    }

    @Test
    void domExceptionBehavesLikeTheWebOne() throws JsError {
        assertEquals("InvalidStateError,11,boom,true,true,[object DOMException]", JsFixture.run("""
                const e = new DOMException('boom', 'InvalidStateError');
                return [e.name, e.code, e.message, e instanceof Error, DOMException.INVALID_STATE_ERR === 11,
                  Object.prototype.toString.call(e)].join();
                """));
    }

    @Test
    void javaAndTheHostAreUnreachable() throws JsError {
        assertEquals("undefined,undefined,undefined,undefined,undefined", JsFixture.run("""
                return [typeof Java, typeof Polyglot, typeof Packages, typeof Graal, typeof load].join();
                """));
    }

    @Test
    void filesOutsideTheGrantedRootCannotBeImported(@TempDir Path dir) throws Exception {
        Path granted = Files.createDirectories(dir.resolve("granted"));
        Files.writeString(granted.resolve("lib.mjs"), "export const answer = 42;");
        Files.writeString(dir.resolve("secret.mjs"), "export const secret = 1;");
        Path main = granted.resolve("main.mjs");
        Files.writeString(main, """
                import {answer} from './lib.mjs';
                globalThis.answer = answer;
                try { await import('../secret.mjs'); globalThis.escaped = true; }
                catch (e) { globalThis.escaped = false; }
                """);
        try (Realm realm = JsFixture.realm(RealmOptions.defaults().readRoot(granted))) {
            realm.evalModule(main);
            assertEquals(LoopResult.IDLE, realm.runEventLoop(() -> false, 10_000));
            var global = realm.context().getBindings("js");
            assertEquals(42, global.getMember("answer").asInt());
            assertEquals(false, global.getMember("escaped").asBoolean());
        }
    }

    @Test
    void uncaughtErrorsAndUnhandledRejectionsAreRecorded() throws JsError {
        try (Realm realm = JsFixture.realm(RealmOptions.defaults())) {
            realm.evalScript("t.js", "setTimeout(() => { throw new RangeError('late'); }, 0);"
                    + "Promise.reject(new TypeError('nobody listens'));");
            assertEquals(LoopResult.IDLE, realm.runEventLoop(() -> false, 10_000));
            List<String> names = new ArrayList<>();
            realm.uncaughtErrors().forEach(e -> names.add(e.jsName() + ":" + e.jsMessage()));
            assertTrue(names.contains("RangeError:late"), names.toString());
            assertTrue(names.contains("TypeError:nobody listens"), names.toString());
        }
    }

    @Test
    void scriptErrorsCarryTheJsStack() {
        try (Realm realm = JsFixture.realm(RealmOptions.defaults())) {
            JsError e = assertThrows(JsError.class,
                    () -> realm.evalScript("boom.js", "function f() { throw new Error('deep'); }\nf();"));
            assertEquals("Error", e.jsName());
            assertTrue(e.jsStack().contains("boom.js"), e.jsStack());
        }
    }

    @Test
    void aRunawayLoopIsCancelledAtTheDeadline() throws JsError {
        try (Realm realm = JsFixture.realm(RealmOptions.defaults())) {
            realm.evalScript("spin.js", "setTimeout(() => { while (true) {} }, 0);");
            long start = System.nanoTime();
            assertEquals(LoopResult.TIMEOUT, realm.runEventLoop(() -> false, 300));
            assertTrue(System.nanoTime() - start < 5_000_000_000L);
        }
    }
}
