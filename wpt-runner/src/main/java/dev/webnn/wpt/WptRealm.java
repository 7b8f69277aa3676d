package dev.webnn.wpt;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.graalvm.polyglot.Value;

/**
 * What the runner needs from a JavaScript realm. {@link BindingsRealms} implements it with the WebNN bindings'
 * {@code dev.webnn.js.Realm}; tests may plug in another.
 */
public interface WptRealm extends AutoCloseable {

    /** How {@link #runEventLoop} ended. */
    enum LoopState {
        /** The condition became true. */
        DONE,
        /** Nothing is pending any more. */
        IDLE,
        /** Time ran out; the realm was stopped and only {@link #close} may follow. */
        TIMEOUT
    }

    /** An uncaught JS error while running a script. */
    final class ScriptError extends Exception {
        private final String jsStack;

        public ScriptError(String message, String jsStack) {
            super(message);
            this.jsStack = jsStack;
        }

        public String jsStack() {
            return jsStack;
        }
    }

    /** Makes realms; one factory serves a whole run (it may share one engine between them). */
    interface Factory extends AutoCloseable {
        WptRealm create(String pageUrl, WptGlobal global, boolean crossOriginIsolated, Consumer<String> console);

        @Override
        void close();
    }

    void evalScript(String sourceName, String source) throws ScriptError;

    void defineFunction(String globalName, Function<Value[], Object> fn);

    LoopState runEventLoop(BooleanSupplier done, long timeoutMillis);

    /**
     * Stops whatever JS runs now or later, from any thread (a watchdog): running scripts end with a
     * {@link ScriptError} and the event loop with {@link LoopState#TIMEOUT}. Only {@link #close} may follow.
     */
    void cancel();

    /** Messages of errors no JS code caught (in tasks, timers, unhandled rejections), in order. */
    List<String> uncaughtErrors();

    @Override
    void close();
}
