package dev.webnn.js;

import org.graalvm.polyglot.Context;

/**
 * WebNN in an embedder's own GraalJS context.
 *
 * <pre>{@code
 * RealmOptions options = RealmOptions.defaults().backend("reference");
 * try (Context context = WebNN.configure(Context.newBuilder("js"), options).build();
 *      Realm webnn = WebNN.install(context, options)) {
 *     Value sum = webnn.await(context.eval("js", "(async () => { ... navigator.ml ... })()"), 10_000);
 * }
 * }</pre>
 *
 * <p>{@link #configure} sets the host access WebNN needs (the bridge's exported methods and buffers; an embedder
 * that sets its own afterwards must keep both allowed, as {@code HostAccess.ALL} does), TextEncoder, the
 * unhandled-rejection hook, and file and URL reads limited to the options' grants. {@link #install} adds the web
 * basics, the optional web APIs of the options, and navigator.ml. The context stays the embedder's: the returned
 * realm runs its event loop (WebNN's promises settle there, on the thread that installed it) and, when closed,
 * destroys the WebNN contexts but not the embedder's context.
 */
public final class WebNN {
    private WebNN() {
    }

    public static Context.Builder configure(Context.Builder builder, RealmOptions options) {
        return Realm.configure(builder, options);
    }

    public static Realm install(Context context, RealmOptions options) {
        return Realm.attach(context, options);
    }
}
