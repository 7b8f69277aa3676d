package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webnn.engine.runtime.ContextOptions;
import dev.webnn.engine.runtime.WebNNContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per way out of the realm a script might try. Each asserts that the attempt fails closed: the capability
 * is absent, or the call throws, or the secret never reaches JS.
 */
class SandboxEscapeTest {
    private static final String SECRET = "top-secret-" + System.nanoTime();

    /** Builds the WebNN objects a script can hold, so the walks below can start from each. */
    private static final String WEBNN_OBJECTS = """
            const ctx = await navigator.ml.createContext();
            const builder = new MLGraphBuilder(ctx);
            const x = builder.input('x', {dataType: 'float32', shape: [2]});
            const y = builder.add(x, builder.constant('float32', 1));
            const graph = await builder.build({y});
            const tin = await ctx.createTensor({dataType: 'float32', shape: [2], writable: true});
            const tout = await ctx.createTensor({dataType: 'float32', shape: [2], readable: true});
            ctx.writeTensor(tin, new Float32Array([1, 2]));
            ctx.dispatch(graph, {x: tin}, {y: tout});
            const bytes = await ctx.readTensor(tout);
            let domError;
            try { ctx.dispatch(graph, {}, {}); } catch (e) { domError = e; }
            const objects = [ctx, builder, x, y, graph, tin, tout, bytes, domError, ctx.lost, ctx.opSupportLimits(),
              navigator.ml, navigator];
            """;

    private static String run(String body) throws JsError {
        return JsFixture.run(body);
    }

    private static Path secretFile(Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, SECRET);
        return secret;
    }

    // ---- the host and its languages ----

    @Test
    void javaTypeIsAbsent() throws JsError {
        assertEquals("undefined|threw ReferenceError", run("""
                let r; try { Java.type('java.lang.Runtime'); r = 'reached'; } catch (e) { r = 'threw ' + e.name; }
                return typeof Java + '|' + r;"""));
    }

    @Test
    void polyglotEvalAndImportAreAbsent() throws JsError {
        assertEquals("undefined|threw ReferenceError", run("""
                let r; try { Polyglot.eval('js', '1'); r = 'reached'; } catch (e) { r = 'threw ' + e.name; }
                return typeof Polyglot + '|' + r;"""));
    }

    @Test
    void javaPackageGlobalsAreAbsent() throws JsError {
        assertEquals("undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined",
                run("return [typeof Packages, typeof java, typeof javax, typeof javafx, typeof com, typeof org, "
                        + "typeof edu, typeof net, typeof JavaImporter].join()"));
    }

    @Test
    void shellBuiltinsForFilesProcessesAndExitAreAbsent() throws JsError {
        assertEquals("undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined,"
                + "undefined,undefined", run("return [typeof load, typeof loadWithNewGlobal, typeof read, "
                + "typeof readbuffer, typeof readline, typeof print, typeof printErr, typeof quit, typeof exit, "
                + "typeof require, typeof process].join()"));
    }

    @Test
    void graalAndDebugBuiltinsAreAbsent() throws JsError {
        assertEquals("undefined,undefined,undefined,undefined", run(
                "return [typeof Graal, typeof Debug, typeof $262, typeof Realm].join()"));
    }

    @Test
    void noThreadOrWorkerCanBeStarted() throws JsError {
        assertEquals("undefined,undefined,undefined,threw ReferenceError", run("""
                let r;
                try { new java.lang.Thread(() => {}).start(); r = 'started'; } catch (e) { r = 'threw ' + e.name; }
                return [typeof Worker, typeof SharedWorker, typeof Java, r].join();"""));
    }

    @Test
    void sharedArrayBufferIsAbsentWithoutCrossOriginIsolation() throws JsError {
        // Neither the global nor a back door through WebAssembly's shared memory (when WebAssembly exists at all).
        assertEquals("undefined|no-sab", run("""
                let viaWasm = 'no-sab';
                if (typeof WebAssembly === 'object') {
                  try {
                    const m = new WebAssembly.Memory({initial: 1, maximum: 1, shared: true});
                    if (Object.prototype.toString.call(m.buffer) === '[object SharedArrayBuffer]') viaWasm = 'sab';
                  } catch (e) { }
                }
                return typeof SharedArrayBuffer + '|' + viaWasm;"""));
    }

    // ---- files ----

    @Test
    void importOfAFileOutsideTheRootsFails(@TempDir Path dir) throws Exception {
        Path granted = Files.createDirectories(dir.resolve("granted"));
        Files.writeString(dir.resolve("outside.mjs"), "export default '" + SECRET + "';");
        String outside = dir.resolve("outside.mjs").toUri().toString();
        String result = JsFixture.run(RealmOptions.defaults().readRoot(granted), """
                const tries = [%s, '%s', '/etc/passwd', 'file:///etc/passwd', '../outside.mjs'];
                const out = [];
                for (const t of tries) {
                  try { out.push(String((await import(t)).default)); } catch (e) { out.push(e.name); }
                }
                return out.join();""".formatted("'" + dir.resolve("outside.mjs") + "'", outside));
        assertFalse(result.contains(SECRET), result);
    }

    @Test
    void importThroughASymlinkInsideTheRootFails(@TempDir Path dir) throws Exception {
        Path granted = Files.createDirectories(dir.resolve("granted"));
        Path outside = dir.resolve("outside.mjs");
        Files.writeString(outside, "export default '" + SECRET + "';");
        Path link = Files.createSymbolicLink(granted.resolve("link.mjs"), outside);
        Files.createSymbolicLink(granted.resolve("up"), dir);
        String result = JsFixture.run(RealmOptions.defaults().readRoot(granted), """
                const out = [];
                for (const t of ['%s', '%s']) {
                  try { out.push(String((await import(t)).default)); } catch (e) { out.push(e.name); }
                }
                return out.join();""".formatted(link, granted.resolve("up").resolve("outside.mjs")));
        assertFalse(result.contains(SECRET), result);
    }

    @Test
    void importWithoutAnyRootFails() throws JsError {
        String result = run("""
                try { await import('file:///etc/passwd'); return 'imported'; } catch (e) { return 'threw ' + e.name; }
                """);
        assertTrue(result.startsWith("threw"), result);
    }

    // ---- the network ----

    @Test
    void fetchWithoutAGrantIsANetworkError() throws JsError {
        assertEquals("TypeError,TypeError,TypeError,TypeError,TypeError", run("""
                const out = [];
                for (const url of ['https://example.com/', 'http://10.0.0.1/', 'http://127.0.0.1:1/',
                    'file:///etc/passwd', 'ftp://example.com/x']) {
                  try { await fetch(url); out.push('fetched'); } catch (e) { out.push(e.name); }
                }
                return out.join();"""));
    }

    @Test
    void fetchOutsideTheGrantedFoldersNeverReturnsTheirContent(@TempDir Path dir) throws Exception {
        Path served = Files.createDirectories(dir.resolve("served"));
        secretFile(dir);
        Files.createSymbolicLink(served.resolve("link.txt"), dir.resolve("secret.txt"));
        String prefix = "https://web-platform.test/";
        RealmOptions options = RealmOptions.defaults().url(prefix + "page.html")
                .resources(new FolderResources(prefix, served, Map.of())).readRoot(served);
        String result = JsFixture.run(options, """
                const out = [];
                for (const url of ['/../secret.txt', '/%%2e%%2e/secret.txt', '/link.txt', '%s',
                    '%slink.txt', 'http://127.0.0.1:8000/secret.txt', 'https://example.com/secret.txt']) {
                  try {
                    const r = await fetch(url);
                    out.push(r.status + ':' + await r.text());
                  } catch (e) { out.push(e.name); }
                }
                return out.join();""".formatted(dir.resolve("secret.txt").toUri(), served.toUri()));
        assertFalse(result.contains(SECRET), result);
    }

    @Test
    void importScriptsOfAnUngrantedUrlIsANetworkError() throws JsError {
        assertEquals("NetworkError,NetworkError", JsFixture.run(RealmOptions.defaults().scope(Scope.DEDICATED_WORKER),
                """
                const out = [];
                for (const url of ['file:///etc/passwd', 'https://example.com/x.js']) {
                  try { importScripts(url); out.push('loaded'); } catch (e) { out.push(e.name); }
                }
                return out.join();"""));
    }

    // ---- the bridge and its handles ----

    @Test
    void theBridgeIsNotAGlobal() throws JsError {
        assertEquals("undefined,undefined,false", run(
                "return [typeof native, typeof globalThis.native, "
                        + "Object.getOwnPropertyNames(globalThis).some((n) => n.toLowerCase().includes('bridge'))].join()"));
    }

    @Test
    void webnnObjectsExposeNoHandleThroughKeysOrPrototypes() throws JsError {
        assertEquals("", run(WEBNN_OBJECTS + """
                const found = [];
                for (const o of objects) {
                  if (!o || typeof o !== 'object') continue;
                  const own = Reflect.ownKeys(o).filter((k) => !(o instanceof Error) || !['stack'].includes(k));
                  if (own.length && !(o instanceof ArrayBuffer) && !Array.isArray(o) && o.constructor !== Object
                      && !(o instanceof Error)) {
                    found.push(Object.prototype.toString.call(o) + ' has own ' + own.map(String));
                  }
                  for (let p = Object.getPrototypeOf(o); p; p = Object.getPrototypeOf(p)) {
                    for (const k of ['handle', '_handle', 'native', 'getClass', 'class', 'hashCode']) {
                      if (k in p) found.push(Object.prototype.toString.call(o) + ' reaches ' + k);
                    }
                  }
                }
                return found.join('; ');"""));
    }

    @Test
    void theInternalOperationFunnelIsNotPublic() throws JsError {
        assertEquals("undefined,undefined", run(
                "return [typeof MLGraphBuilder.addOperation, typeof Object.getPrototypeOf(MLGraphBuilder).addOperation]"
                        + ".join()"));
    }

    @Test
    void illegalConstructorsCannotForgeWebnnObjects() throws JsError {
        assertEquals("TypeError,TypeError,TypeError,TypeError,TypeError", run("""
                const out = [];
                for (const C of [MLContext, MLTensor, MLGraph, MLOperand, ML]) {
                  try { new C(Symbol('internal'), {}); out.push('made'); } catch (e) { out.push(e.name); }
                }
                return out.join();"""));
    }

    /**
     * Everything reachable from the global and from every WebNN object, through own properties, getters and
     * prototypes, plus what a script that replaced the built-ins the shim uses could capture, is checked on the Java
     * side: none of it may be a host object or the bridge.
     */
    @Test
    void noHostObjectIsReachableEvenWithHijackedBuiltins() throws JsError {
        try (Realm realm = JsFixture.realm(RealmOptions.defaults())) {
            realm.evalScript("hijack.js", """
                    // A prototype-less array, so capturing never runs the hooks below again.
                    globalThis.__captured = Object.setPrototypeOf([], null);
                    const keep = (...args) => { for (const a of args) __captured[__captured.length] = a; };
                    const originalFrom = Array.from;
                    Array.from = function (...args) { keep(...args); return originalFrom.apply(this, args); };
                    for (const name of ['map', 'push', 'forEach', 'filter', 'includes', 'join', 'reduce']) {
                      const original = Array.prototype[name];
                      Array.prototype[name] = function (...args) {
                        keep(this, ...args);
                        const result = original.apply(this, args);
                        keep(result);
                        return result;
                      };
                    }
                    for (let i = 0; i < 8; i++) {
                      Object.defineProperty(Array.prototype, i, {set(v) { keep(v); Object.defineProperty(this, i,
                          {value: v, writable: true, enumerable: true, configurable: true}); },
                        configurable: true});
                    }
                    const OriginalArrayBuffer = ArrayBuffer;
                    globalThis.ArrayBuffer = new Proxy(OriginalArrayBuffer, {construct(t, args) { keep(...args);
                        return Reflect.construct(t, args); }});
                    const originalParse = JSON.parse;
                    JSON.parse = function (...args) { keep(...args); return originalParse.apply(this, args); };
                    const OriginalPromise = Promise;
                    Error.prepareStackTrace = (error, frames) => {
                      for (const f of frames) {
                        try { keep(f.getThis?.(), f.getFunction?.()); } catch (e) { }
                      }
                      return 'frames';
                    };
                    """);
            String body = WEBNN_OBJECTS + """
                    setTimeout(() => { new Error('capture frames').stack; }, 0);
                    await new Promise((r) => setTimeout(r, 5));
                    const seen = new Set();
                    const queue = [globalThis, ...objects];
                    for (let i = 0; i < __captured.length; i++) queue[queue.length] = __captured[i];
                    const reachable = [];
                    for (let next = 0; next < queue.length && reachable.length < 10000; next++) {
                      const o = queue[next];
                      if (o === null || o === undefined || seen.has(o)) continue;
                      seen.add(o);
                      reachable[reachable.length] = o;
                      if (typeof o !== 'object' && typeof o !== 'function') continue;
                      let keys = [];
                      try { keys = Reflect.ownKeys(o); } catch (e) { }
                      for (const k of keys) {
                        let d;
                        try { d = Reflect.getOwnPropertyDescriptor(o, k); } catch (e) { continue; }
                        if (!d) continue;
                        if ('value' in d) queue[queue.length] = d.value;
                        if (d.get) { queue[queue.length] = d.get; try { queue[queue.length] = d.get.call(o); }
                          catch (e) { queue[queue.length] = e; } }
                        if (d.set) queue[queue.length] = d.set;
                      }
                      try { queue[queue.length] = Object.getPrototypeOf(o); } catch (e) { }
                    }
                    globalThis.__reachable = reachable;
                    return reachable.length;""";
            int count = Integer.parseInt(JsFixture.run(realm, body));
            Value reachable = realm.context().getBindings("js").getMember("__reachable");
            List<String> hostObjects = new ArrayList<>();
            for (long i = 0; i < reachable.getArraySize(); i++) {
                Value v = reachable.getArrayElement(i);
                if (v.isHostObject() || v.isProxyObject() || (v.hasMembers() && v.hasMember("importScript"))) {
                    hostObjects.add(v.isHostObject() ? v.asHostObject().getClass().getName() : v.toString());
                }
            }
            assertTrue(count > 1000, "the walk reached only " + count + " values");
            assertEquals(List.of(), hostObjects);
        }
    }

    @Test
    void aLeakedHandleWouldStillBeOpaque() throws JsError {
        WebNNContext context = WebNNContext.create(ContextOptions.DEFAULT);
        try (Realm realm = JsFixture.realm(RealmOptions.defaults())) {
            realm.context().getBindings("js").putMember("leaked", context);
            assertEquals("undefined,undefined,undefined,undefined,0,undefined,false", JsFixture.run(realm, """
                    return [typeof leaked.getClass, typeof leaked.destroy, typeof leaked.class,
                      typeof leaked.hashCode, Object.keys(leaked).length, typeof leaked.constructor?.forName,
                      'lost' in leaked].join();"""));
            assertFalse(context.isDestroyed());
        } finally {
            context.destroy();
        }
    }
}
