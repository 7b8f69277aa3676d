package dev.webnn.js;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
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
    /** One filter for every realm: contexts sharing an Engine must share their statement-limit filter instance. */
    private static final Predicate<Source> COUNT_EVERY_SOURCE = source -> true;

    /** Why a module outside the read grants cannot be loaded; embedders may spot it to say how to grant more. */
    public static final String OUTSIDE_READ_GRANTS = "it is outside the folders this realm may read";

    private static final ScheduledExecutorService WATCHDOG = newWatchdog();

    /**
     * The last {@link Source} made for each script name, reused while its content is unchanged, so realms on one
     * Engine evaluate the very same cached Source (a test harness, a test file run in several variants) and the
     * Engine finds its parsed code at once. Measured on the WPT runner: loading testharness.js took 26-34 ms of CPU
     * per test URL with a new equal Source per realm, 19-23 ms with this. A few dozen cover a runner going through a
     * file's variants and scopes one after another.
     */
    private static final int SCRIPT_SOURCES_KEPT = 64;
    private static final Map<String, Source> SCRIPT_SOURCES = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Source> eldest) {
                    return size() > SCRIPT_SOURCES_KEPT;
                }
            });

    /** A cancelled deadline leaves the queue at once, so a busy runner does not pile up entries for dead realms. */
    private static ScheduledExecutorService newWatchdog() {
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "webnn-realm-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.setRemoveOnCancelPolicy(true);
        return watchdog;
    }

    private final Context context;
    private final boolean ownsEngine;
    private final boolean ownsContext;
    private final Thread owner;
    private final RealmOptions options;
    private final LinkedBlockingQueue<Runnable> incoming = new LinkedBlockingQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final AtomicInteger pendingHostWork = new AtomicInteger();
    private final List<JsError> uncaughtErrors = new ArrayList<>();
    private final NativeBridge bridge;
    /** Cancels the realm when its time limit is up; null without one. */
    private final ScheduledFuture<?> timeLimit;
    private volatile boolean cancelled;
    private int nextTimerId = 1;
    private long timerSequence;
    private boolean closed;

    private Realm(RealmOptions options, Context existing) {
        this.options = options;
        this.owner = Thread.currentThread();
        this.ownsContext = existing == null;
        this.ownsEngine = ownsContext && options.engine == null;
        if (ownsContext) {
            Engine engine = ownsEngine ? newSharedEngine() : options.engine;
            Context.Builder builder = configure(Context.newBuilder("js").engine(engine), options)
                    .allowHostClassLookup(name -> false)
                    .allowPolyglotAccess(PolyglotAccess.NONE)
                    .allowCreateThread(false)
                    .allowNativeAccess(false)
                    .allowCreateProcess(false)
                    .option("js.esm-eval-returns-exports", "true")
                    .option("js.load", "false")
                    .option("js.print", "false");
            if (options.statementLimit > 0) {
                builder.resourceLimits(ResourceLimits.newBuilder()
                        .statementLimit(options.statementLimit, COUNT_EVERY_SOURCE)
                        .onLimit(event -> cancelled = true)
                        .build());
            }
            this.context = builder.build();
        } else {
            this.context = existing;
        }
        this.bridge = new NativeBridge(this);
        try {
            context.enter();
            try {
                install();
            } finally {
                context.leave();
            }
        } catch (RuntimeException e) {
            if (ownsContext) {
                context.close(true);
            }
            throw e;
        }
        this.timeLimit = options.timeLimit == null ? null
                : WATCHDOG.schedule(this::cancel, options.timeLimit.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Sets what navigator.ml and the web APIs need on a context builder: host access to the bridge's exported
     * methods and to buffers, TextEncoder, the unhandled-rejection hook, and file and URL reads limited to the
     * options' grants. {@link WebNN#configure} is the public door to it.
     */
    static Context.Builder configure(Context.Builder builder, RealmOptions options) {
        builder.allowHostAccess(HOST_ACCESS)
                .option("js.text-encoding", "true")
                .option("js.unhandled-rejections", "handler")
                .option("js.graal-builtin", "true");
        ResourceLoader urls = options.resources;
        if (options.readRoots.isEmpty() && urls == null) {
            builder.allowIO(IOAccess.NONE);
        } else {
            builder.allowIO(IOAccess.newBuilder().fileSystem(new RootedFileSystem(options.readRoots, urls)).build());
        }
        return builder;
    }

    public static Realm create(RealmOptions options) {
        return new Realm(options, null);
    }

    /**
     * Installs navigator.ml and the web APIs into an embedder's context, which should have been built from a
     * builder passed through {@link #configure}. The realm then serves that context: its event loop settles WebNN's
     * promises, and closing it destroys the WebNN contexts but leaves the embedder's context open.
     */
    static Realm attach(Context context, RealmOptions options) {
        return new Realm(options, context);
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
        Value globalInit = context.eval(Prelude.WEB);
        globalInit.execute(bridge, options.url, options.scope.name(), options.crossOriginIsolated, ownsContext);
        if (options.webApis.contains(WebApi.FETCH)) {
            context.eval(Prelude.FETCH).execute(bridge);
        }
        Value operatorApi = context.eval(Prelude.WEBNN).execute(bridge);
        for (Source operators : Prelude.OPERATORS) {
            context.eval(operators).execute(operatorApi);
        }
        if (options.webApis.contains(WebApi.LEGACY_WEBNN)) {
            context.eval(Prelude.COMPAT).execute(bridge, operatorApi);
        }
    }

    /** Runs a classic script in the global scope. */
    public void evalScript(String sourceName, String source) throws JsError {
        checkThread();
        try {
            context.eval(scriptSource(sourceName, source));
        } catch (PolyglotException e) {
            throw translate(e);
        }
    }

    private static Source scriptSource(String sourceName, String text) {
        Source known = SCRIPT_SOURCES.get(sourceName);
        if (known != null && known.getCharacters().toString().equals(text)) {
            return known;
        }
        Source made = Source.newBuilder("js", text, sourceName).cached(true).buildLiteral();
        SCRIPT_SOURCES.put(sourceName, made);
        return made;
    }

    /** Loads an ES module from a file below a granted read root, with its relative imports. */
    public Value evalModule(Path file) throws JsError, IOException {
        checkThread();
        Path absolute = file.toAbsolutePath().normalize();
        return evalModule(absolute, Files.readString(absolute));
    }

    /**
     * Loads an ES module from a URL that the realm's loaders serve (a file: URL below a read root, a folder mapped
     * under a base URL, or the network when granted), with its relative imports resolved against that URL.
     */
    public Value evalModule(URI url) throws JsError, IOException {
        checkThread();
        if ("file".equalsIgnoreCase(url.getScheme())) {
            return evalModule(Path.of(url));
        }
        Path standIn = RootedFileSystem.pathOf(url);
        ResourceLoader loader = resourceLoader();
        ResourceLoader.Resource resource = loader == null || standIn == null ? null : loader.load(url);
        if (resource == null) {
            throw new IOException(url + " is not served to this realm (grant the network or map a folder to it)");
        }
        if (resource.status() != 200) {
            throw new IOException(url + ": HTTP status " + resource.status());
        }
        return evalModule(standIn, new String(resource.body(), StandardCharsets.UTF_8));
    }

    private Value evalModule(Path path, String content) throws JsError, IOException {
        Source source = Source.newBuilder("js", path.toFile())
                .mimeType("application/javascript+module")
                .content(content)
                .build();
        try {
            return context.eval(source);
        } catch (PolyglotException e) {
            throw translate(e);
        }
    }

    /**
     * Runs the event loop until the promise settles: its value, or the rejection as a JsError. Embedders use it to
     * wait for WebNN's promises from Java.
     */
    public Value await(Value promise, long timeoutMillis) throws JsError {
        checkThread();
        Value[] outcome = new Value[1];
        boolean[] settled = new boolean[2];
        promise.invokeMember("then", (ProxyExecutable) args -> {
            outcome[0] = args.length > 0 ? args[0] : null;
            settled[0] = true;
            return null;
        }, (ProxyExecutable) args -> {
            outcome[0] = args.length > 0 ? args[0] : null;
            settled[0] = true;
            settled[1] = true;
            return null;
        });
        LoopResult result = runEventLoop(() -> settled[0], timeoutMillis);
        if (!settled[0]) {
            String why = result == LoopResult.TIMEOUT ? "did not settle in " + timeoutMillis + " ms"
                    : "can never settle: nothing is pending in the event loop";
            throw new JsError("Error", "the promise " + why, "the promise " + why);
        }
        if (settled[1]) {
            throw JsError.fromThrown(outcome[0]);
        }
        return outcome[0];
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
        // An embedder's context is theirs to close: without one of our own, a long task just ends the loop after it.
        ScheduledFuture<?> watchdog = ownsContext
                ? WATCHDOG.schedule(this::cancel, timeoutMillis, TimeUnit.MILLISECONDS) : null;
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
            if (watchdog != null) {
                watchdog.cancel(false);
            }
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
        uncaughtErrors.add(readable(error));
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
        return readable(JsError.fromPolyglot(e));
    }

    /** Module errors name the stand-in paths of URL modules; users should see the URLs. */
    private static JsError readable(JsError error) {
        return new JsError(error.jsName(), RootedFileSystem.readable(error.jsMessage()),
                RootedFileSystem.readable(error.jsStack()));
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
        if (timeLimit != null) {
            timeLimit.cancel(false);
        }
        timers.clear();
        incoming.clear();
        bridge.destroyAll();
        if (!ownsContext) {
            return;
        }
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
