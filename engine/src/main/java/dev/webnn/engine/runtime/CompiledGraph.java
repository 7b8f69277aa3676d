package dev.webnn.engine.runtime;

import dev.webnn.engine.backend.Executable;
import dev.webnn.engine.graph.Graph;

/** An MLGraph: a built graph compiled by its context's backend. */
public final class CompiledGraph {
    private final WebNNContext context;
    private final Graph graph;
    private final Executable executable;
    private volatile boolean destroyed;

    CompiledGraph(WebNNContext context, Graph graph, Executable executable) {
        this.context = context;
        this.graph = graph;
        this.executable = executable;
    }

    public WebNNContext context() {
        return context;
    }

    public Graph graph() {
        return graph;
    }

    /** Idempotent. Dispatches already queued still run; the graph's memory goes after them. */
    public void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        context.graphDestroyed(this);
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    Executable executable() {
        return executable;
    }
}
