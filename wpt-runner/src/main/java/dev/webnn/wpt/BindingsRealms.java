package dev.webnn.wpt;

import dev.webnn.js.JsError;
import dev.webnn.js.LoopResult;
import dev.webnn.js.Realm;
import dev.webnn.js.RealmOptions;
import dev.webnn.js.ResourceLoader;
import dev.webnn.js.Scope;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;

/**
 * Realms with {@code navigator.ml} from the WebNN bindings, all on one shared GraalJS engine (so code parsed and
 * compiled for one realm serves the next), safe to use from many realm threads at once.
 */
public final class BindingsRealms implements WptRealm.Factory {
    private final Engine engine;
    private final ResourceLoader resources;
    private final boolean compile;

    /** Realms whose fetch() reaches nothing. */
    public BindingsRealms() {
        this(null, true);
    }

    /** Realms whose fetch() and importScripts() go through {@code resources} (the loopback WPT server). */
    public BindingsRealms(ResourceLoader resources) {
        this(resources, true);
    }

    /**
     * @param compile whether GraalJS compiles hot JS to machine code; without, it interprets (its builtins, such as
     *                {@code TypedArray.prototype.fill}, are compiled Java either way)
     */
    public BindingsRealms(ResourceLoader resources, boolean compile) {
        this.resources = resources;
        this.compile = compile;
        this.engine = compile ? newEngine(false) : interpretingEngine();
    }

    private static Engine newEngine(boolean compilationOff) {
        Engine.Builder builder = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                .allowExperimentalOptions(true);
        if (compilationOff) {
            builder.option("engine.Compilation", "false");
        }
        return builder.build();
    }

    /**
     * Truffle's optimizing runtime takes an option to stay interpreted; its plain interpreter runtime, which
     * {@code ./webnn wpt} starts on so that the JDK's AOT cache can hold GraalJS's classes (the cache refuses an
     * upgraded module path, which the Graal compiler needs), does not know that option.
     */
    private static Engine interpretingEngine() {
        Engine engine = newEngine(false);
        if (!Realm.isJitAvailable(engine)) {
            return engine;
        }
        engine.close();
        return newEngine(true);
    }

    /** The shared engine, for what the command line says about the JIT. */
    public Engine engine() {
        return engine;
    }

    /** Whether the run asked GraalJS to compile hot JS (only then does a missing compiler deserve a note). */
    public boolean compiles() {
        return compile;
    }

    @Override
    public WptRealm create(String pageUrl, WptGlobal global, boolean crossOriginIsolated, Consumer<String> console) {
        RealmOptions options = RealmOptions.defaults()
                .url(pageUrl)
                .scope(scopeOf(global))
                .crossOriginIsolated(crossOriginIsolated)
                .console(console)
                .engine(engine)
                .resources(resources);
        return new Adapter(Realm.create(options));
    }

    static Scope scopeOf(WptGlobal global) {
        return switch (global) {
            case WINDOW -> Scope.WINDOW;
            case DEDICATED_WORKER -> Scope.DEDICATED_WORKER;
            case SHARED_WORKER -> Scope.SHARED_WORKER;
            case SERVICE_WORKER -> Scope.SERVICE_WORKER;
        };
    }

    @Override
    public void close() {
        engine.close(true);
    }

    private record Adapter(Realm realm) implements WptRealm {
        @Override
        public void evalScript(String sourceName, String source) throws ScriptError {
            try {
                realm.evalScript(sourceName, source);
            } catch (JsError e) {
                throw new ScriptError(e.getMessage(), e.jsStack());
            }
        }

        @Override
        public void defineFunction(String globalName, Function<Value[], Object> fn) {
            realm.defineFunction(globalName, fn);
        }

        @Override
        public LoopState runEventLoop(BooleanSupplier done, long timeoutMillis) {
            LoopResult r = realm.runEventLoop(done, timeoutMillis);
            return switch (r) {
                case DONE -> LoopState.DONE;
                case IDLE -> LoopState.IDLE;
                case TIMEOUT -> LoopState.TIMEOUT;
            };
        }

        @Override
        public void cancel() {
            realm.cancel();
        }

        @Override
        public List<String> uncaughtErrors() {
            return realm.uncaughtErrors().stream().map(Throwable::getMessage).toList();
        }

        @Override
        public void close() {
            realm.close();
        }
    }
}
