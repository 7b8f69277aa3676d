package dev.webnn.engine.runtime;

import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.MemoryBudget;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.backend.Backend;
import dev.webnn.engine.backend.Backends;
import dev.webnn.engine.backend.HostTensorMemory;
import dev.webnn.engine.backend.OpSupportLimits;
import dev.webnn.engine.backend.TensorMemory;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An MLContext. Work that the spec puts on the context's timeline (compiling, writes, dispatches,
 * reads, releases) runs in call order on one daemon thread per context; argument and state checks
 * run synchronously on the caller's thread and throw.
 */
public final class WebNNContext {
    private static final AtomicInteger TIMELINE_COUNT = new AtomicInteger();

    private final ContextOptions options;
    private final ContextLimits limits;
    private final MemoryBudget budget;
    private final Backend backend;
    /** Whether this context chose (and so closes) its backend; a backend the caller gave may serve other contexts. */
    private final boolean ownsBackend;
    private final ExecutorService timeline;
    private final CompletableFuture<String> lost = new CompletableFuture<>();
    /**
     * Futures to reject if the context goes away before the timeline completes them, keyed by the order they were
     * made: they reject in that order, so a script awaiting them one after the other finds each handled in turn.
     */
    private final ConcurrentSkipListMap<Long, CompletableFuture<?>> pending = new ConcurrentSkipListMap<>();
    private final AtomicLong pendingOrder = new AtomicLong();
    private final Map<CompletableFuture<ByteBuffer>, Tensor> pendingReads = new ConcurrentHashMap<>();
    private final Set<GraphBuilder> builders = Collections.newSetFromMap(new WeakHashMap<>());
    /** Live tensors, so destroy() frees their memory even while JS still refers to them. */
    private final Set<Tensor> tensors = Collections.newSetFromMap(new WeakHashMap<>());
    private volatile boolean destroyed;

    private WebNNContext(ContextOptions options, ContextLimits limits, Backend backend, boolean ownsBackend) {
        this.options = options;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.budget = new MemoryBudget(limits.memoryBudgetBytes());
        this.backend = Objects.requireNonNull(backend, "backend");
        this.ownsBackend = ownsBackend;
        String threadName = "webnn-timeline-" + TIMELINE_COUNT.incrementAndGet();
        this.timeline = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new SpinningQueue(), task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    public static WebNNContext create(ContextOptions options) {
        return create(options, ContextLimits.DEFAULT);
    }

    public static WebNNContext create(ContextOptions options, ContextLimits limits) {
        ContextOptions chosen = options == null ? ContextOptions.DEFAULT : options;
        return new WebNNContext(chosen, limits, Backends.select(chosen), true);
    }

    /** A context on a backend the caller chose (see {@link Backends#named}). */
    public static WebNNContext create(ContextOptions options, Backend backend) {
        return create(options, backend, ContextLimits.DEFAULT);
    }

    /** A context on a backend the caller chose or provides (an embedder's own, a test's fault-injecting one). */
    public static WebNNContext create(ContextOptions options, Backend backend, ContextLimits limits) {
        return new WebNNContext(options == null ? ContextOptions.DEFAULT : options, limits, backend, false);
    }

    public Backend backend() {
        return backend;
    }

    public ContextOptions options() {
        return options;
    }

    public ContextLimits limits() {
        return limits;
    }

    /** Bytes this context's tensors and its builders' constants hold now. */
    public long memoryInUse() {
        return budget.used();
    }

    public OpSupportLimits opSupportLimits() {
        return backend.opSupportLimits();
    }

    /** Completes with a message once the context is destroyed or lost; never completes exceptionally. */
    public CompletableFuture<String> lost() {
        return lost;
    }

    /** True once the context is destroyed or lost. */
    public boolean isDestroyed() {
        return destroyed;
    }

    public GraphBuilder newGraphBuilder() {
        requireAlive();
        GraphBuilder builder = new GraphBuilder(opSupportLimits(), () -> !destroyed, budget,
                limits.maxGraphOperands(), limits.maxGraphOperations());
        synchronized (builders) {
            builders.add(builder);
        }
        return builder;
    }

    /**
     * Builds synchronously (so validation and state errors throw here) and compiles on the
     * timeline. The future fails with an OperationError when the backend cannot compile the graph.
     */
    public CompletableFuture<CompiledGraph> build(GraphBuilder builder, Map<String, Operand> outputs) {
        requireAlive();
        boolean ours;
        synchronized (builders) {
            ours = builders.contains(builder);
        }
        if (!ours) {
            throw new ValidationError("", "The graph builder was not created by this context.");
        }
        Graph graph = builder.build(outputs);
        CompletableFuture<CompiledGraph> result = new CompletableFuture<>();
        synchronized (this) {
            requireAlive();
            track(result);
            enqueue(() -> {
                try {
                    result.complete(new CompiledGraph(this, graph, backend.compile(graph)));
                } catch (WebNNException e) {
                    result.completeExceptionally(e);
                } catch (Throwable t) {
                    // A compile failure fails this build only; the context stays usable.
                    result.completeExceptionally(new WebNNException(ErrorKind.OPERATION,
                            "The " + backend.name() + " backend failed to compile the graph: " + t));
                }
            });
        }
        return result;
    }

    /** A zero-filled tensor. */
    public Tensor createTensor(OperandDescriptor descriptor, boolean readable, boolean writable) {
        requireAlive();
        byteLengthWithinLimit(descriptor);
        return track(new Tensor(this, descriptor, readable, writable, false,
                backend.allocateTensor(descriptor, budget)));
    }

    /** A tensor holding a copy of the bytes, usable only as a graph constant. */
    public Tensor createConstantTensor(OperandDescriptor descriptor, ByteBuffer bytes) {
        requireAlive();
        int length = byteLengthWithinLimit(descriptor);
        requireLength(bytes, length, descriptor);
        MemoryBudget.Allocation<byte[]> memory = budget.allocate(length, "A constant tensor of " + descriptor);
        HostTensorMemory storage = new HostTensorMemory(ByteBuffer.wrap(memory.array()), memory.grant());
        storage.write(bytes);
        return track(new Tensor(this, descriptor, false, false, true, storage));
    }

    private Tensor track(Tensor tensor) {
        synchronized (tensors) {
            tensors.add(tensor);
        }
        return tensor;
    }

    /** Copies the bytes now and writes them into the tensor in timeline order. */
    public void writeTensor(Tensor tensor, ByteBuffer bytes) {
        requireAlive();
        requireOwnTensor(tensor);
        if (tensor.isDestroyed()) {
            throw new WebNNException(ErrorKind.INVALID_STATE, "The tensor is destroyed.");
        }
        if (!tensor.writable()) {
            throw new ValidationError("", "The tensor is not writable.");
        }
        requireLength(bytes, tensor.descriptor().byteLength(), tensor.descriptor());
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
        copy.put(bytes.duplicate()).flip();
        synchronized (this) {
            requireAlive();
            enqueue(() -> {
                TensorMemory memory = tensor.memory();
                if (memory != null) {
                    memory.write(copy);
                }
            });
        }
    }

    /**
     * Completes on the timeline with a copy of the tensor's bytes as every earlier queued operation
     * left them. Rejects with InvalidStateError if the context goes away first, or AbortError if
     * the tensor is destroyed first.
     */
    public CompletableFuture<ByteBuffer> readTensor(Tensor tensor) {
        requireAlive();
        requireOwnTensor(tensor);
        if (tensor.isDestroyed()) {
            throw new WebNNException(ErrorKind.INVALID_STATE, "The tensor is destroyed.");
        }
        if (!tensor.readable()) {
            throw new ValidationError("", "The tensor is not readable.");
        }
        CompletableFuture<ByteBuffer> result = new CompletableFuture<>();
        synchronized (this) {
            requireAlive();
            track(result);
            pendingReads.put(result, tensor);
            result.whenComplete((bytes, error) -> pendingReads.remove(result));
            enqueue(() -> {
                TensorMemory memory = tensor.memory();
                if (memory == null) {
                    return;
                }
                result.complete(memory.read());
            });
        }
        return result;
    }

    /**
     * Checks the bindings synchronously, then runs the graph in timeline order. A failure while
     * running loses the context, since the output tensors are then in an unknown state.
     */
    public void dispatch(CompiledGraph graph, Map<String, Tensor> inputs, Map<String, Tensor> outputs) {
        requireAlive();
        Objects.requireNonNull(graph, "graph");
        if (graph.context() != this) {
            throw new ValidationError("", "The graph belongs to another context.");
        }
        if (graph.isDestroyed()) {
            throw new WebNNException(ErrorKind.INVALID_STATE, "The graph is destroyed.");
        }
        Map<String, Tensor> inputTensors = inputs == null ? Map.of() : inputs;
        Map<String, Tensor> outputTensors = outputs == null ? Map.of() : outputs;
        requireBindings("input", inputTensors, graph.graph().inputDescriptors());
        requireBindings("output", outputTensors, graph.graph().outputDescriptors());
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : inputTensors.values()) {
            if (!seen.add(t)) {
                throw new ValidationError("", "A tensor is bound more than once.");
            }
        }
        for (Tensor t : outputTensors.values()) {
            if (!seen.add(t)) {
                throw new ValidationError("", "A tensor is bound more than once.");
            }
        }
        Map<String, Tensor> boundInputs = new LinkedHashMap<>(inputTensors);
        Map<String, Tensor> boundOutputs = new LinkedHashMap<>(outputTensors);
        synchronized (this) {
            requireAlive();
            enqueue(() -> {
                Map<String, TensorMemory> in = new LinkedHashMap<>();
                boundInputs.forEach((name, t) -> in.put(name, t.memory()));
                Map<String, TensorMemory> out = new LinkedHashMap<>();
                boundOutputs.forEach((name, t) -> out.put(name, t.memory()));
                graph.executable().dispatch(in, out);
            });
        }
    }

    /** Idempotent: completes lost(), rejects pending work and stops the timeline. */
    public void destroy() {
        lose("The context was destroyed.");
    }

    private synchronized void lose(String message) {
        if (destroyed) {
            return;
        }
        destroyed = true;
        for (CompletableFuture<?> future : pending.values()) {
            future.completeExceptionally(new WebNNException(ErrorKind.INVALID_STATE, message));
        }
        List<Tensor> live;
        synchronized (tensors) {
            live = new ArrayList<>(tensors);
            tensors.clear();
        }
        // Runs after the step running now and after every queued step, all of which are skipped once destroyed.
        timeline.execute(() -> {
            live.forEach(Tensor::release);
            if (ownsBackend) {
                backend.close();
            }
        });
        timeline.shutdown();
        lost.complete(message);
    }

    /** Called by Tensor.destroy(): pending reads of it reject and its memory goes in timeline order. */
    void tensorDestroyed(Tensor tensor) {
        for (CompletableFuture<?> future : pending.values()) {
            if (pendingReads.get(future) == tensor) {
                future.completeExceptionally(new WebNNException(ErrorKind.INVALID_STATE, "The tensor was destroyed."));
            }
        }
        synchronized (this) {
            if (!destroyed) {
                enqueue(tensor::release);
            }
        }
    }

    /** Called by CompiledGraph.destroy(): its memory goes in timeline order, after the dispatches queued before. */
    void graphDestroyed(CompiledGraph graph) {
        synchronized (this) {
            if (!destroyed) {
                enqueue(() -> graph.executable().release());
            }
        }
    }

    private void track(CompletableFuture<?> future) {
        long order = pendingOrder.getAndIncrement();
        pending.put(order, future);
        future.whenComplete((value, error) -> pending.remove(order));
    }

    /**
     * Queues a step; a step that throws loses the context instead of killing the thread.
     * Package-private so tests can hold the timeline to observe pending work.
     */
    void enqueue(Runnable step) {
        try {
            timeline.execute(() -> {
                if (destroyed) {
                    return;
                }
                try {
                    step.run();
                } catch (Throwable t) {
                    lose("The context was lost: " + (t.getMessage() != null ? t.getMessage() : t.toString()));
                }
            });
        } catch (RejectedExecutionException e) {
            // Only happens after shutdown, when lose() has already rejected everything pending.
        }
    }

    private void requireAlive() {
        if (destroyed) {
            throw new WebNNException(ErrorKind.INVALID_STATE, "The context is lost or destroyed.");
        }
    }

    private void requireOwnTensor(Tensor tensor) {
        Objects.requireNonNull(tensor, "tensor");
        if (tensor.context() != this) {
            throw new ValidationError("", "The tensor belongs to another context.");
        }
    }

    private int byteLengthWithinLimit(OperandDescriptor descriptor) {
        Objects.requireNonNull(descriptor, "descriptor");
        long length = OperandDescriptor.checked("", descriptor.dataType(), descriptor.shape()).byteLength();
        long limit = Math.min(opSupportLimits().maxTensorByteLength(), Integer.MAX_VALUE - 8);
        if (length > limit) {
            throw new ValidationError("", descriptor + " needs " + length + " bytes, more than the limit of "
                    + limit + ".");
        }
        return (int) length;
    }

    private static void requireLength(ByteBuffer bytes, long expected, OperandDescriptor descriptor) {
        if (bytes == null || bytes.remaining() != expected) {
            throw new ValidationError("", descriptor + " needs " + expected + " bytes but got "
                    + (bytes == null ? 0 : bytes.remaining()) + ".");
        }
    }

    private void requireBindings(String role, Map<String, Tensor> tensors, Map<String, OperandDescriptor> expected) {
        if (!tensors.keySet().equals(expected.keySet())) {
            throw new ValidationError("", "The " + role + " names " + tensors.keySet() + " do not match the graph's "
                    + expected.keySet() + ".");
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor tensor = e.getValue();
            if (tensor == null || tensor.context() != this) {
                throw new ValidationError("", "The " + role + " tensor '" + e.getKey() + "' belongs to another context.");
            }
            if (tensor.isDestroyed()) {
                throw new ValidationError("", "The " + role + " tensor '" + e.getKey() + "' is destroyed.");
            }
            if (tensor.constant()) {
                throw new ValidationError("", "The constant tensor '" + e.getKey() + "' cannot be bound to a graph.");
            }
            if (!tensor.descriptor().equals(expected.get(e.getKey()))) {
                throw new ValidationError("", "The " + role + " tensor '" + e.getKey() + "' is " + tensor.descriptor()
                        + " but the graph expects " + expected.get(e.getKey()) + ".");
            }
        }
    }

    /**
     * The timeline's queue: its thread looks for the next step a while before it blocks. A model run in a loop queues
     * its next dispatch a few dozen microseconds after its read completes; a blocked timeline thread then had to be
     * woken first. Time per dispatch and read beyond the graph's steps, one thread, two JVMs each: the 1x1 conv2d
     * benchmark 0.34-0.39 ms -> 0.31-0.35 (most of it is its 3 MB read), MobileNetV2 0.20-0.23 -> 0.17-0.20. The WPT
     * run, many contexts on two jobs, took as long (50.6 s).
     */
    private static final class SpinningQueue extends LinkedBlockingQueue<Runnable> {
        private static final long SPIN_NANOS = Long.getLong("webnn.timeline.spinMicros", 200) * 1000;

        @Override
        public Runnable take() throws InterruptedException {
            long deadline = System.nanoTime() + SPIN_NANOS;
            do {
                Runnable step = poll();
                if (step != null) {
                    return step;
                }
                Thread.onSpinWait();
            } while (System.nanoTime() < deadline);
            return super.take();
        }
    }
}
