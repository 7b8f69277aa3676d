package dev.webnn.js;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One JavaScript global with {@code navigator.ml} and the web basics, plus its event loop.
 *
 * <p>A GraalJS context is single-threaded, so everything here runs on the thread that created the realm. Other
 * threads (context timelines) hand work back through {@link #post}, which is the only thread-safe entry.
 */
public final class Realm implements AutoCloseable {
    /** JS may reach only methods marked {@code @HostAccess.Export}; buffers cross without copies. */
    static final HostAccess HOST_ACCESS = HostAccess.newBuilder(HostAccess.EXPLICIT).allowBufferAccess(true).build();

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webnn-realm-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Context context;
    private final boolean ownsEngine;
    private final Thread owner;
    private final RealmOptions options;
    private final LinkedBlockingQueue<Runnable> incoming = new LinkedBlockingQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final AtomicInteger pendingHostWork = new AtomicInteger();
    private final List<JsError> uncaughtErrors = new ArrayList<>();
    private final NativeBridge bridge;
    private volatile boolean cancelled;
    private int nextTimerId = 1;
    private long timerSequence;
    private boolean closed;

    private Realm(RealmOptions options) {
        this.options = options;
        this.owner = Thread.currentThread();
        this.ownsEngine = options.engine == null;
        Engine engine = ownsEngine ? newSharedEngine() : options.engine;
        Context.Builder builder = Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(HOST_ACCESS)
                .allowHostClassLookup(name -> false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowCreateProcess(false)
                .option("js.text-encoding", "true")
                .option("js.unhandled-rejections", "handler")
                .option("js.esm-eval-returns-exports", "true")
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.graal-builtin", "true");
        if (options.readRoots.isEmpty()) {
            builder.allowIO(IOAccess.NONE);
        } else {
            builder.allowIO(IOAccess.newBuilder().fileSystem(new RootedFileSystem(options.readRoots)).build());
        }
        this.context = builder.build();
        this.bridge = new NativeBridge(this);
        try {
            context.enter();
            try {
                install();
            } finally {
                context.leave();
            }
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    public static Realm create(RealmOptions options) {
        return new Realm(options);
    }

    /** An Engine for many realms: compiled code and parsed sources are shared between their contexts. */
    public static Engine newSharedEngine() {
        return Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }

    /** True when GraalJS compiles JS to machine code; false when it fell back to the interpreter. */
    public static boolean isJitAvailable(Engine engine) {
        return !"Interpreted".equalsIgnoreCase(engine.getImplementationName());
    }

    RealmOptions options() {
        return options;
    }

    /** The embedder's loader, then file: URLs below the read roots; null when nothing is granted. */
    ResourceLoader resourceLoader() {
        ResourceLoader loader = options.resources;
        for (Path root : options.readRoots) {
            ResourceLoader files = FolderResources.files(root);
            loader = loader == null ? files : loader.orElse(files);
        }
        return loader;
    }

    private void install() {
        Value globalInit = context.eval(Source.newBuilder("js", Prelude.WEB, "webnn:web.js").buildLiteral());
        globalInit.execute(bridge, options.url, options.scope.name(), options.crossOriginIsolated);
        context.eval(Source.newBuilder("js", Prelude.FETCH, "webnn:fetch.js").buildLiteral()).execute(bridge);
        Value webnnInit = context.eval(Source.newBuilder("js", Prelude.WEBNN, "webnn:webnn.js").buildLiteral());
        Value operatorApi = webnnInit.execute(bridge);
        for (int i = 0; i < Prelude.OPERATORS.size(); i++) {
            String name = "webnn:ops/" + Prelude.OPERATOR_FILES.get(i);
            context.eval(Source.newBuilder("js", Prelude.OPERATORS.get(i), name).buildLiteral()).execute(operatorApi);
        }
    }

    /** Runs a classic script in the global scope. */
    public void evalScript(String sourceName, String source) throws JsError {
        checkThread();
        try {
            context.eval(Source.newBuilder("js", source, sourceName).cached(true).buildLiteral());
        } catch (PolyglotException e) {
            throw translate(e);
        }
    }

    /** Loads an ES module from a file below a granted read root, with its relative imports. */
    public Value evalModule(Path file) throws JsError, IOException {
        checkThread();
        Path absolute = file.toAbsolutePath().normalize();
        Source source = Source.newBuilder("js", absolute.toFile())
                .mimeType("application/javascript+module")
                .content(Files.readString(absolute))
                .build();
        try {
            return context.eval(source);
        } catch (PolyglotException e) {
            throw translate(e);
        }
    }

    /** Makes a Java function callable from JS as a global. Its return value crosses as a plain value. */
    public void defineFunction(String globalName, Function<Value[], Object> fn) {
        checkThread();
        context.getBindings("js").putMember(globalName, (ProxyExecutable) fn::apply);
    }

    /** Defines a frozen global array of strings, such as a script's command-line arguments. */
    public void defineGlobalStrings(String globalName, List<String> values) {
        checkThread();
        Value define = context.eval("js", "(name, items) => Object.defineProperty(globalThis, name, "
                + "{value: Object.freeze(Array.from(items)), writable: true, configurable: true})");
        define.execute(globalName, ProxyArray.fromList(new ArrayList<>(values)));
    }

    /** The Engine this realm runs on (shared or its own). */
    public Engine engine() {
        return context.getEngine();
    }

    /** Errors thrown by tasks, timers or microtasks that no JS code caught, and unhandled rejections. */
    public List<JsError> uncaughtErrors() {
        return List.copyOf(uncaughtErrors);
    }

    /**
     * Runs tasks, timers and the microtasks they queue until {@code done} holds, nothing is pending, or the time is
     * up. A watchdog cancels JS that does not return in time, so even {@code while (true) {}} ends here.
     */
    public LoopResult runEventLoop(BooleanSupplier done, long timeoutMillis) {
        checkThread();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(this::cancel, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            while (true) {
                if (cancelled) {
                    return LoopResult.TIMEOUT;
                }
                if (done.getAsBoolean()) {
                    return LoopResult.DONE;
                }
                Runnable task = incoming.poll();
                if (task == null) {
                    task = dueTimer();
                }
                if (task == null) {
                    if (timers.isEmpty() && pendingHostWork.get() == 0 && incoming.isEmpty()) {
                        return LoopResult.IDLE;
                    }
                    long now = System.nanoTime();
                    if (now >= deadline) {
                        return LoopResult.TIMEOUT;
                    }
                    long wait = deadline - now;
                    if (!timers.isEmpty()) {
                        wait = Math.min(wait, Math.max(0, timers.peek().due - now));
                    }
                    try {
                        task = incoming.poll(wait, TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return LoopResult.TIMEOUT;
                    }
                    if (task == null) {
                        continue;
                    }
                }
                runTask(task);
            }
        } finally {
            watchdog.cancel(false);
        }
    }

    /** Cancels whatever JS is running, from any thread. The realm is unusable afterwards. */
    public void cancel() {
        cancelled = true;
        incoming.offer(() -> { });
        try {
            context.close(true);
        } catch (RuntimeException ignored) {
            // Closing a context that is already closing throws; it is cancelled either way.
        }
    }

    private void runTask(Runnable task) {
        try {
            task.run();
        } catch (PolyglotException e) {
            if (e.isCancelled() || cancelled) {
                cancelled = true;
                return;
            }
            reportUncaught(translate(e));
        }
    }

    void reportUncaught(JsError error) {
        uncaughtErrors.add(error);
    }

    /** Queues a task from any thread; it runs on the realm's thread in order. */
    void post(Runnable task) {
        incoming.offer(task);
    }

    /**
     * Marks host work (a context timeline operation) that will post a task later, so the loop waits for it rather
     * than ending as idle. {@link #endHostWork} ends the mark when that task runs.
     */
    void beginHostWork() {
        pendingHostWork.incrementAndGet();
    }

    void endHostWork() {
        pendingHostWork.decrementAndGet();
    }

    int setTimer(Value callback, double delayMillis, boolean repeat) {
        long delay = (long) Math.max(0, Double.isNaN(delayMillis) ? 0 : Math.min(delayMillis, 2_147_483_647d));
        Timer timer = new Timer(nextTimerId++, callback, repeat ? Math.max(delay, 1) : -1);
        timer.due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
        timer.sequence = timerSequence++;
        timers.add(timer);
        return timer.id;
    }

    void clearTimer(int id) {
        timers.removeIf(t -> t.id == id);
    }

    private Runnable dueTimer() {
        Timer next = timers.peek();
        if (next == null || next.due > System.nanoTime()) {
            return null;
        }
        timers.poll();
        return () -> {
            if (next.intervalMillis >= 0) {
                next.due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(next.intervalMillis);
                next.sequence = timerSequence++;
                timers.add(next);
            }
            next.callback.executeVoid();
        };
    }

    private JsError translate(PolyglotException e) {
        if (e.isCancelled() || cancelled) {
            cancelled = true;
            return new JsError("Error", "the realm was cancelled (time limit)", "the realm was cancelled (time limit)");
        }
        return JsError.fromPolyglot(e);
    }

    private void checkThread() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a realm is used only on the thread that created it");
        }
        if (closed) {
            throw new IllegalStateException("the realm is closed");
        }
    }

    Context context() {
        return context;
    }

    NativeBridge bridge() {
        return bridge;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        timers.clear();
        incoming.clear();
        bridge.destroyAll();
        try {
            context.close(true);
        } catch (RuntimeException ignored) {
            // Already closed by a cancel.
        }
        if (ownsEngine) {
            context.getEngine().close(true);
        }
    }

    private static final class Timer implements Comparable<Timer> {
        final int id;
        final Value callback;
        final long intervalMillis;
        long due;
        long sequence;

        Timer(int id, Value callback, long intervalMillis) {
            this.id = id;
            this.callback = callback;
            this.intervalMillis = intervalMillis;
        }

        @Override
        public int compareTo(Timer o) {
            int byDue = Long.compare(due, o.due);
            return byDue != 0 ? byDue : Long.compare(sequence, o.sequence);
        }
    }
}
