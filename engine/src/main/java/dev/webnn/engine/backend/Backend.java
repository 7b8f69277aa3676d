package dev.webnn.engine.backend;

import dev.webnn.engine.graph.Graph;

/** Something that can run WebNN graphs. */
public interface Backend {
    String name();

    /** What this backend runs; must list only what compile accepts. */
    OpSupportLimits opSupportLimits();

    /** @throws dev.webnn.engine.WebNNException of kind OPERATION for a graph it cannot run */
    Executable compile(Graph graph);
}
