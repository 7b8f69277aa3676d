package dev.webnn.engine.compiler;

import dev.webnn.engine.ops.Op;

/** What a backend's kernels can do, which steers the passes. */
public interface Capabilities {
    /** Whether the node's kernel can add a per-channel bias to its result. */
    boolean takesBias(Node node);

    /** Whether the node's kernel can apply this element-wise op to its result before storing it. */
    boolean takesEpilogue(Node node, Op elementwise);

    /** Whether the node's kernel reads and writes its image operands in NHWC storage. */
    boolean prefersNhwc(Node node);

    /**
     * Whether a node that prefers NHWC reads a row-major first input itself (reordering it while it copies it anyway,
     * as a padded conv2d, or reading it where it lies), so that no reorder step runs before it.
     */
    default boolean readsRowMajorInput(Node node) {
        return false;
    }

    /**
     * Whether a node that prefers NHWC stores its output row-major itself (each finished block reordered while it is
     * in cache), which pays when none of its consumers would keep NHWC, so that no reorder step runs after it.
     */
    default boolean writesRowMajorOutput(Node node) {
        return false;
    }

    /**
     * Whether the node's kernel runs inside the step of the node right after it, which alone reads its output: its
     * inputs then stay alive, and their buffers unshared, until that node has run.
     */
    default boolean runsInsideNext(Node node, Node next) {
        return false;
    }

    /** Whether the node may read its NHWC-stored inputs as they are (layout-agnostic element-wise kernels). */
    boolean acceptsAnyLayout(Node node);

    /** Whether the node's output is its first input's bytes under another shape (no kernel runs). */
    boolean aliasesInput(Node node);

    /** Whether the node's kernel may write its output over an input of the same size that dies with it. */
    boolean runsInPlace(Node node);
}
