package dev.webnn.engine.backend;

import java.nio.ByteBuffer;
import java.util.Map;

/** A compiled graph. */
public interface Executable {
    /**
     * Runs the graph. Buffers are little-endian, keyed by the graph's input and output names, each
     * exactly its descriptor's byte length; outputs are written, inputs are never modified.
     */
    void execute(Map<String, ByteBuffer> inputs, Map<String, ByteBuffer> outputs);
}
