package dev.webnn.js;

import dev.webnn.engine.runtime.ContextLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.function.Consumer;
import org.graalvm.polyglot.Engine;

/** What a realm is given: its page URL and scope, and the grants it gets beyond pure computation. */
public final class RealmOptions {
    String url = "about:blank";
    Scope scope = Scope.WINDOW;
    boolean crossOriginIsolated;
    Consumer<String> console = System.out::println;
    Engine engine;
    final List<Path> readRoots = new ArrayList<>();
    String backend;
    ResourceLoader resources;
    final Set<WebApi> webApis = EnumSet.of(WebApi.FETCH);
    Consumer<String> diagnostics = System.err::println;
    GraphListener graphListener;
    ContextLimits contextLimits = ContextLimits.DEFAULT;
    long statementLimit;
    Duration timeLimit;

    private RealmOptions() {
    }

    public static RealmOptions defaults() {
        return new RealmOptions();
    }

    /** The page URL: {@code location} reflects it, and WPT's utils.js reads the variant from its query. */
    public RealmOptions url(String pageUrl) {
        this.url = Objects.requireNonNull(pageUrl);
        return this;
    }

    public RealmOptions scope(Scope s) {
        this.scope = Objects.requireNonNull(s);
        return this;
    }

    /** Exposes SharedArrayBuffer, as COOP/COEP headers would in a browser. */
    public RealmOptions crossOriginIsolated(boolean b) {
        this.crossOriginIsolated = b;
        return this;
    }

    /** Where console lines go, already formatted. */
    public RealmOptions console(Consumer<String> sink) {
        this.console = Objects.requireNonNull(sink);
        return this;
    }

    /** An Engine shared across realms, so code compiled for one realm is reused by the next. */
    public RealmOptions engine(Engine shared) {
        this.engine = shared;
        return this;
    }

    /** Grants read-only file access below this folder (for ES module imports). Nothing is readable otherwise. */
    public RealmOptions readRoot(Path root) {
        this.readRoots.add(root.toAbsolutePath().normalize());
        return this;
    }

    /** Answers fetch() for the URLs it serves; every other URL is a network error. */
    public RealmOptions resources(ResourceLoader loader) {
        this.resources = loader;
        return this;
    }

    /** The memory budget and graph size cap of every MLContext this realm creates. */
    public RealmOptions contextLimits(ContextLimits limits) {
        this.contextLimits = Objects.requireNonNull(limits);
        return this;
    }

    /**
     * Closes the realm once its JS has executed this many statements in all (0: no limit), so a runaway script
     * ends even outside {@link Realm#runEventLoop}. What was running then fails as cancelled.
     */
    public RealmOptions statementLimit(long statements) {
        if (statements < 0) {
            throw new IllegalArgumentException("a statement limit cannot be negative: " + statements);
        }
        this.statementLimit = statements;
        return this;
    }

    /** Cancels the realm this long after it was created, whatever it is doing then (null: no limit). */
    public RealmOptions timeLimit(Duration limit) {
        if (limit != null && (limit.isNegative() || limit.isZero())) {
            throw new IllegalArgumentException("a time limit must be positive: " + limit);
        }
        this.timeLimit = limit;
        return this;
    }

    /** Forces the engine backend for every context of this realm (e.g. "reference"); null lets the context choose. */
    public RealmOptions backend(String name) {
        this.backend = name;
        return this;
    }

    /** Which optional web APIs the realm gets (the basics, navigator.ml and the ML* interfaces are always there). */
    public RealmOptions webApis(Set<WebApi> apis) {
        this.webApis.clear();
        this.webApis.addAll(apis);
        return this;
    }

    /** Adds one optional web API, e.g. {@link WebApi#LEGACY_WEBNN} for code written against older WebNN drafts. */
    public RealmOptions enable(WebApi api) {
        this.webApis.add(api);
        return this;
    }

    /**
     * Where the realm reports what a browser shows in its developer console beside the page's own output: a
     * failed fetch, a deprecated API shape that a shim accepted. One line each.
     */
    public RealmOptions diagnostics(Consumer<String> sink) {
        this.diagnostics = Objects.requireNonNull(sink);
        return this;
    }

    /** Told of every graph that JS builds in this realm, once it is compiled (the CLI's graph export and profile). */
    public RealmOptions onGraphBuilt(GraphListener listener) {
        this.graphListener = listener;
        return this;
    }

    /** Receives each graph JS built, once compiled. */
    @FunctionalInterface
    public interface GraphListener {
        void built(dev.webnn.engine.runtime.CompiledGraph graph);
    }
}
