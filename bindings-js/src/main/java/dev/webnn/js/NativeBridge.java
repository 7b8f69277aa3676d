package dev.webnn.js;

import dev.webnn.engine.DataType;
import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.backend.Backends;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.runtime.CompiledGraph;
import dev.webnn.engine.runtime.ContextLimits;
import dev.webnn.engine.runtime.ContextOptions;
import dev.webnn.engine.runtime.Tensor;
import dev.webnn.engine.runtime.WebNNContext;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import dev.webnn.js.ops.Attributes;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * The one narrow surface the JS shims call: opaque engine handles in, plain values out.
 *
 * <p>The WebIDL work (conversions, brand checks, defaults) is done in JS before a call gets here, so these methods
 * trust their argument types. What they do not trust is their argument values: the engine validates those, and
 * every failure leaves as the JS error the spec names, never as a raw Java exception.
 */
public final class NativeBridge {
    /** Runs resource loads, which may wait on the network, off the realms' threads. */
    private static final java.util.concurrent.ExecutorService FETCHES =
            java.util.concurrent.Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "webnn-fetch");
                thread.setDaemon(true);
                return thread;
            });
    private final Realm realm;
    private final long startNanos = System.nanoTime();
    private final List<WebNNContext> contexts = new ArrayList<>();
    private Value errorFactory;
    /** The error of the last builder call that returned null; see {@link #takeError}. */
    private Value pendingError;

    NativeBridge(Realm realm) {
        this.realm = realm;
    }

    // ---- realm basics ----

    /** Receives the prelude's {@code (name, message) => Error} so Java can throw real JS errors. */
    @HostAccess.Export
    public void installErrorFactory(Value factory) {
        this.errorFactory = factory;
    }

    @HostAccess.Export
    public void print(String level, String text) {
        realm.options().console.accept(text);
    }

    @HostAccess.Export
    public int setTimer(Value callback, double delayMillis, boolean repeat) {
        return realm.setTimer(callback, delayMillis, repeat);
    }

    @HostAccess.Export
    public void clearTimer(int id) {
        realm.clearTimer(id);
    }

    /** Milliseconds since the realm started, with sub-millisecond precision, for performance.now(). */
    @HostAccess.Export
    public double now() {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    @HostAccess.Export
    public void reportError(Value error) {
        realm.reportUncaught(JsError.fromThrown(error));
    }

    /** Resolves a URL against a base the way the URL standard does for hierarchical URLs; null if invalid. */
    @HostAccess.Export
    public String resolveUrl(String url, String base) {
        try {
            URI resolved = base == null ? new URI(url) : new URI(base).resolve(new URI(url));
            if (!resolved.isAbsolute()) {
                return null;
            }
            String href = resolved.normalize().toString();
            // java.net.URI keeps "file:/x" short; the URL standard writes "file:///x".
            return href.startsWith("file:/") && !href.startsWith("file://") ? "file://" + href.substring(5) : href;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Loads a URL for fetch() through the granted loaders, off the realm's thread. Calls
     * {@code resolve(status, contentType, bytes)} or {@code reject(reason)} as a task on the realm's thread; a URL
     * that no grant serves, or a read that fails, is a rejection (fetch's network error).
     */
    @HostAccess.Export
    public void fetch(String url, Value resolve, Value reject) {
        ResourceLoader loader = realm.resourceLoader();
        realm.beginHostWork();
        FETCHES.execute(() -> {
            ResourceLoader.Resource resource = null;
            String failure = null;
            try {
                resource = loader == null ? null : loader.load(new URI(url));
                if (resource == null) {
                    failure = "no grant serves this URL (it is outside the readable folders, the mapped base URL "
                            + "and the allowed network hosts)";
                }
            } catch (IOException e) {
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (e instanceof java.net.ConnectException) {
                    failure = "connection refused";
                }
            } catch (URISyntaxException | IllegalArgumentException | UnsupportedOperationException e) {
                failure = "invalid URL";
            }
            ResourceLoader.Resource answer = resource;
            String reason = failure;
            realm.post(() -> {
                realm.endHostWork();
                if (reason != null) {
                    reject.executeVoid(reason);
                } else {
                    resolve.executeVoid(answer.status(), answer.contentType(), ByteBuffer.wrap(answer.body()));
                }
            });
        });
    }

    /** A line for the realm's diagnostics (a failed load, a shimmed API): what a browser's console shows. */
    @HostAccess.Export
    public void diagnostic(String line) {
        realm.options().diagnostics.accept("webnn: " + line);
    }

    /** importScripts(): fetches a script through the granted loaders and runs it in this global, synchronously. */
    @HostAccess.Export
    public void importScript(String url) {
        ResourceLoader loader = realm.resourceLoader();
        ResourceLoader.Resource resource;
        try {
            resource = loader == null ? null : loader.load(new URI(url));
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            resource = null;
        }
        if (resource == null || resource.status() != 200) {
            throw jsError(ErrorKind.NETWORK, "importScripts: failed to load " + url).throwException();
        }
        realm.context().eval(org.graalvm.polyglot.Source.newBuilder("js",
                new String(resource.body(), java.nio.charset.StandardCharsets.UTF_8), url).buildLiteral());
    }

    // ---- navigator.ml ----

    @HostAccess.Export
    public Object createContext(String deviceType, String powerPreference, boolean accelerated) {
        return guard(() -> {
            // Contexts already gone are dropped here, so a long-lived realm does not keep every one it made.
            contexts.removeIf(WebNNContext::isDestroyed);
            ContextOptions contextOptions = new ContextOptions(deviceType, powerPreference, accelerated);
            String forced = realm.options().backend;
            ContextLimits limits = realm.options().contextLimits;
            WebNNContext context = forced == null ? WebNNContext.create(contextOptions, limits)
                    : WebNNContext.create(contextOptions, Backends.named(forced), limits);
            contexts.add(context);
            return context;
        });
    }

    /** A JS function returning a new MLOpSupportLimits dictionary per call (see {@link SupportLimitsLiteral}). */
    @HostAccess.Export
    public Value opSupportLimitsFactory(WebNNContext context) {
        return guard(() -> realm.context().eval(SupportLimitsLiteral.factory(context.opSupportLimits())));
    }

    /** Calls {@code callback(message)} on this realm's thread when the context is lost or destroyed. */
    @HostAccess.Export
    public void onLost(WebNNContext context, Value callback) {
        context.lost().thenAccept(message -> realm.post(() -> callback.executeVoid(message)));
    }

    @HostAccess.Export
    public void destroyContext(WebNNContext context) {
        context.destroy();
    }

    // ---- MLGraphBuilder ----

    @HostAccess.Export
    public GraphBuilder newBuilder(WebNNContext context) {
        return guard(context::newGraphBuilder);
    }

    @HostAccess.Export
    public Operand input(GraphBuilder builder, String name, String dataType, Value shape) {
        return guardReturningNull(() -> builder.input(name, descriptor("", dataType, shape)));
    }

    /** A constant from the bytes of a JS ArrayBuffer range; the bytes are copied, the buffer may change later. */
    @HostAccess.Export
    public Operand constant(GraphBuilder builder, String dataType, Value shape, Value buffer, double byteOffset,
            double byteLength) {
        return guardReturningNull(() -> {
            OperandDescriptor d = descriptor("", dataType, shape);
            checkSize(d, byteLength, "constant");
            return builder.constant(d, readBytes(buffer, byteOffset, byteLength));
        });
    }

    /** A scalar constant from an MLNumber: a JS number, or a BigInt for the 64-bit integer types. */
    @HostAccess.Export
    public Operand scalarConstant(GraphBuilder builder, String dataType, Value number) {
        return guardReturningNull(() -> {
            DataType type = dataType(dataType);
            Number value;
            if (number.fitsInLong() && !type.isFloat()) {
                value = number.asLong();
            } else if (number.fitsInBigInteger() && !number.fitsInDouble()) {
                value = number.asBigInteger();
            } else {
                value = number.asDouble();
            }
            return builder.constant(type, value);
        });
    }

    /** The operand's descriptor as JSON, read once when the JS MLOperand is made. */
    @HostAccess.Export
    public String describe(Operand operand) {
        return descriptorJson(operand.descriptor());
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String descriptorJson(OperandDescriptor d) {
        StringBuilder json = new StringBuilder("{\"dataType\":\"").append(d.dataType().webnnName()).append("\",\"shape\":[");
        for (int i = 0; i < d.rank(); i++) {
            json.append(i == 0 ? "" : ",").append(d.dim(i));
        }
        return json.append("]}").toString();
    }

    /**
     * Adds one operation. {@code inputs} holds operands or null for absent optional ones, {@code attributes} the op's
     * options after WebIDL conversion. Returns the output operands.
     */
    @HostAccess.Export
    public ProxyArray op(GraphBuilder builder, String name, Value inputs, Value attributes, String label) {
        return guardReturningNull(() -> {
            // Decoding the attributes can already refuse them, which must not precede InvalidStateError.
            builder.requireCanBuild();
            List<Operand> operands = new ArrayList<>();
            for (long i = 0; i < inputs.getArraySize(); i++) {
                Value v = inputs.getArrayElement(i);
                operands.add(v.isNull() ? null : v.asHostObject());
            }
            var op = OpFactory.create(name, new Attributes(attributes), label);
            return ProxyArray.fromList(new ArrayList<>(builder.addOperation(op, operands, label)));
        });
    }

    @HostAccess.Export
    public void build(WebNNContext context, GraphBuilder builder, Value names, Value operands, Value resolve,
            Value reject) {
        Map<String, Operand> outputs = new LinkedHashMap<>();
        for (long i = 0; i < names.getArraySize(); i++) {
            outputs.put(names.getArrayElement(i).asString(), operands.getArrayElement(i).asHostObject());
        }
        CompletableFuture<CompiledGraph> compiled = guard(() -> context.build(builder, outputs));
        RealmOptions.GraphListener listener = realm.options().graphListener;
        settle(compiled, resolve, reject, graph -> {
            if (listener != null) {
                listener.built(graph);
            }
            return graph;
        });
    }

    /** A compiled graph's inputs and outputs as {@code {inputs: {name: {dataType, shape}}, outputs: {...}}} JSON. */
    @HostAccess.Export
    public String describeGraph(CompiledGraph graph) {
        StringBuilder json = new StringBuilder("{");
        String[] roles = {"inputs", "outputs"};
        List<Map<String, OperandDescriptor>> all =
                List.of(graph.graph().inputDescriptors(), graph.graph().outputDescriptors());
        for (int r = 0; r < 2; r++) {
            json.append(r == 0 ? "" : ",").append('"').append(roles[r]).append("\":{");
            boolean first = true;
            for (Map.Entry<String, OperandDescriptor> e : all.get(r).entrySet()) {
                json.append(first ? "" : ",").append(quote(e.getKey())).append(':')
                        .append(descriptorJson(e.getValue()));
                first = false;
            }
            json.append('}');
        }
        return json.append('}').toString();
    }

    // ---- MLTensor and the timeline ----

    @HostAccess.Export
    public Tensor createTensor(WebNNContext context, String dataType, Value shape, boolean readable,
            boolean writable) {
        return guard(() -> context.createTensor(descriptor("", dataType, shape), readable, writable));
    }

    @HostAccess.Export
    public Tensor createConstantTensor(WebNNContext context, String dataType, Value shape, Value buffer,
            double byteOffset, double byteLength) {
        return guard(() -> {
            OperandDescriptor d = descriptor("", dataType, shape);
            checkSize(d, byteLength, "createConstantTensor");
            return context.createConstantTensor(d, readBytes(buffer, byteOffset, byteLength));
        });
    }

    @HostAccess.Export
    public void writeTensor(WebNNContext context, Tensor tensor, Value buffer, double byteOffset, double byteLength) {
        guard(() -> {
            checkSize(tensor.descriptor(), byteLength, "writeTensor");
            context.writeTensor(tensor, readBytes(buffer, byteOffset, byteLength));
            return null;
        });
    }

    /** Resolves with the engine's private copy of the bytes, as a host ByteBuffer the shim wraps as an ArrayBuffer. */
    @HostAccess.Export
    public void readTensor(WebNNContext context, Tensor tensor, Value resolve, Value reject) {
        CompletableFuture<ByteBuffer> read = guard(() -> context.readTensor(tensor));
        settle(read, resolve, reject, bytes -> {
            requireAlive(tensor);
            return bytes;
        });
    }

    @HostAccess.Export
    public void dispatch(WebNNContext context, CompiledGraph graph, Value inputNames, Value inputTensors,
            Value outputNames, Value outputTensors) {
        guard(() -> {
            context.dispatch(graph, tensorMap(inputNames, inputTensors), tensorMap(outputNames, outputTensors));
            return null;
        });
    }

    @HostAccess.Export
    public void destroyTensor(Tensor tensor) {
        tensor.destroy();
    }

    @HostAccess.Export
    public void destroyGraph(CompiledGraph graph) {
        graph.destroy();
    }

    void destroyAll() {
        contexts.forEach(WebNNContext::destroy);
        contexts.clear();
    }

    // ---- the boundary ----

    private <T> T guard(Supplier<T> body) {
        try {
            return body.get();
        } catch (PolyglotException e) {
            throw e; // A JS error from a callback (a throwing getter, say) goes back as it came.
        } catch (WebNNException e) {
            throw jsError(e.kind(), e.getMessage()).throwException();
        } catch (RuntimeException e) {
            throw jsError(ErrorKind.UNKNOWN, internalMessage(e)).throwException();
        } catch (OutOfMemoryError e) {
            // A copy of a script's buffer that the heap could not hold: that one call fails, the process goes on.
            throw jsError(ErrorKind.UNKNOWN, "out of memory: " + e.getMessage()).throwException();
        }
    }

    /**
     * Like {@link #guard}, but an API error (a WebNNException) returns null and leaves its JS error for
     * {@link #takeError}, which the shim throws. For the builder calls: an error thrown from Java becomes a
     * PolyglotException that records the whole host and guest stack, which costs milliseconds per error in the
     * interpreter, and validation tests provoke thousands of them.
     */
    private <T> T guardReturningNull(Supplier<T> body) {
        return guard(() -> {
            try {
                return body.get();
            } catch (WebNNException e) {
                pendingError = jsError(e.kind(), e.getMessage());
                return null;
            }
        });
    }

    /** The error of the last builder call that returned null, once. */
    @HostAccess.Export
    public Value takeError() {
        Value error = pendingError;
        pendingError = null;
        return error;
    }

    /** Settles a JS promise on this realm's thread once the timeline completes the future. */
    private <T> void settle(CompletableFuture<T> future, Value resolve, Value reject, Function<T, Object> toJs) {
        realm.beginHostWork();
        future.whenComplete((value, failure) -> realm.post(() -> {
            realm.endHostWork();
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            Object result = null;
            if (cause == null) {
                try {
                    result = toJs.apply(value);
                } catch (RuntimeException e) {
                    cause = e;
                }
            }
            if (cause == null) {
                resolve.executeVoid(result);
            } else {
                reject.executeVoid(cause instanceof WebNNException w
                        ? jsError(w.kind(), w.getMessage())
                        : jsError(ErrorKind.UNKNOWN, internalMessage(cause)));
            }
        }));
    }

    private Value jsError(ErrorKind kind, String message) {
        return errorFactory.execute(kind.jsName(), message);
    }

    private static String internalMessage(Throwable e) {
        return "internal error (" + e.getClass().getSimpleName() + ")"
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static DataType dataType(String name) {
        DataType type = DataType.fromWebnnName(name);
        if (type == null) {
            throw new ValidationError("", "unknown data type '" + name + "'");
        }
        return type;
    }

    private static OperandDescriptor descriptor(String label, String dataType, Value shape) {
        long[] dims = new long[(int) Math.min(shape.getArraySize(), Integer.MAX_VALUE)];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.getArrayElement(i).asLong();
        }
        return OperandDescriptor.checked(label, dataType(dataType), dims);
    }

    /** Refuses a buffer whose length is not the descriptor's before a single byte is copied. */
    private static void checkSize(OperandDescriptor d, double byteLength, String what) {
        if (byteLength != d.byteLength()) {
            throw new ValidationError("", what + ": the buffer has " + (long) byteLength + " bytes but " + d
                    + " needs " + d.byteLength());
        }
    }

    private static ByteBuffer readBytes(Value arrayBuffer, double byteOffset, double byteLength) {
        byte[] bytes = new byte[(int) byteLength];
        arrayBuffer.readBuffer((long) byteOffset, bytes, 0, bytes.length);
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A read answered by the timeline may reach this realm after the tensor was destroyed; the spec rejects every
     * read still pending at destroy(), so such an answer becomes a rejection too.
     */
    private static void requireAlive(Tensor tensor) {
        if (tensor.isDestroyed() || tensor.context().isDestroyed()) {
            throw new WebNNException(ErrorKind.INVALID_STATE, "readTensor: the tensor or its context was destroyed.");
        }
    }

    private static Map<String, Tensor> tensorMap(Value names, Value tensors) {
        Map<String, Tensor> map = new LinkedHashMap<>();
        for (long i = 0; i < names.getArraySize(); i++) {
            map.put(names.getArrayElement(i).asString(), tensors.getArrayElement(i).asHostObject());
        }
        return map;
    }
}
