package dev.webnn.wpt;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * A bare GraalJS realm for the runner's own tests: {@code self}, {@code location}, {@code GLOBAL}, timers and
 * console, no {@code navigator.ml}. It lets the runner be tested against the real testharness.js without the
 * WebNN bindings.
 */
final class PlainGraalRealms implements WptRealm.Factory {
    private final Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();

    @Override
    public WptRealm create(String pageUrl, WptGlobal global, boolean crossOriginIsolated, Consumer<String> console) {
        return new PlainRealm(engine, pageUrl, global, console);
    }

    @Override
    public void close() {
        engine.close(true);
    }

    private static final class PlainRealm implements WptRealm {
        private final Context context;
        private final PriorityQueue<long[]> timers = new PriorityQueue<>((a, b) ->
                a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));
        private final java.util.Map<Long, Value> callbacks = new java.util.HashMap<>();
        private final List<String> uncaught = new ArrayList<>();
        private long nextId = 1;
        private volatile boolean cancelled;

        PlainRealm(Engine engine, String pageUrl, WptGlobal global, Consumer<String> console) {
            context = Context.newBuilder("js").engine(engine).build();
            URI u = URI.create(pageUrl);
            Value bindings = context.getBindings("js");
            bindings.putMember("__console", (ProxyExecutable) a -> {
                console.accept(a[0].asString());
                return null;
            });
            bindings.putMember("__setTimer", (ProxyExecutable) a -> {
                long id = nextId++;
                long delay = a.length > 1 && a[1].isNumber() ? (long) a[1].asDouble() : 0;
                callbacks.put(id, a[0]);
                timers.add(new long[] {id, System.nanoTime() + delay * 1_000_000, id});
                return id;
            });
            bindings.putMember("__clearTimer", (ProxyExecutable) a -> {
                if (a.length > 0 && a[0].fitsInLong()) {
                    callbacks.remove(a[0].asLong());
                }
                return null;
            });
            String search = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
            context.eval("js", """
                    (function (href, origin, pathname, search, worker) {
                      globalThis.self = globalThis;
                      globalThis.location = { href, origin, pathname, search, hash: '', toString() { return href; } };
                      globalThis.GLOBAL = { isWindow: () => !worker, isWorker: () => worker,
                                            isShadowRealm: () => false };
                      globalThis.setTimeout = (f, ms) => __setTimer(f, ms);
                      globalThis.clearTimeout = (id) => __clearTimer(id);
                      const log = (...a) => __console(a.map(String).join(' '));
                      globalThis.console = { log, info: log, warn: log, error: log, debug: log };
                    })
                    """).execute(pageUrl, u.getScheme() + "://" + u.getAuthority(), u.getRawPath(), search,
                    global.isWorker());
        }

        @Override
        public void evalScript(String sourceName, String source) throws ScriptError {
            try {
                context.eval(Source.newBuilder("js", source, sourceName).buildLiteral());
            } catch (PolyglotException e) {
                throw new ScriptError(e.getMessage(), e.getMessage());
            }
        }

        @Override
        public void defineFunction(String globalName, Function<Value[], Object> fn) {
            context.getBindings("js").putMember(globalName, (ProxyExecutable) fn::apply);
        }

        @Override
        public LoopState runEventLoop(BooleanSupplier done, long timeoutMillis) {
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
            while (true) {
                if (cancelled) {
                    return LoopState.TIMEOUT;
                }
                if (done.getAsBoolean()) {
                    return LoopState.DONE;
                }
                timers.removeIf(t -> !callbacks.containsKey(t[0]));
                long[] next = timers.peek();
                if (next == null) {
                    return LoopState.IDLE;
                }
                long now = System.nanoTime();
                if (now >= deadline) {
                    return LoopState.TIMEOUT;
                }
                if (next[1] > now) {
                    try {
                        Thread.sleep(Math.max(0, Math.min(next[1], deadline) - now) / 1_000_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return LoopState.TIMEOUT;
                    }
                    continue;
                }
                timers.poll();
                Value cb = callbacks.remove(next[0]);
                try {
                    cb.execute();
                } catch (PolyglotException e) {
                    if (cancelled || e.isCancelled()) {
                        cancelled = true;
                        return LoopState.TIMEOUT;
                    }
                    uncaught.add(e.getMessage());
                }
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            try {
                context.close(true);
            } catch (RuntimeException ignored) {
                // Closing a context that is running from another thread cancels it.
            }
        }

        @Override
        public List<String> uncaughtErrors() {
            return List.copyOf(uncaught);
        }

        @Override
        public void close() {
            try {
                context.close(true);
            } catch (RuntimeException ignored) {
                // Already closed by cancel().
            }
        }
    }
}
