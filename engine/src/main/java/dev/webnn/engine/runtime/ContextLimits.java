package dev.webnn.engine.runtime;

/**
 * What one context may consume, so that hostile or buggy input meets a specified error instead of exhausting the
 * process.
 *
 * @param memoryBudgetBytes   bytes held at once in the context's tensors and its builders' constants; over it,
 *                            allocation fails with an UnknownError
 * @param maxGraphOperands    operands (inputs, constants, operation outputs) one graph builder may create; over it,
 *                            the builder throws a TypeError
 * @param maxGraphOperations  operations one graph builder may add; over it, the builder throws a TypeError
 */
public record ContextLimits(long memoryBudgetBytes, int maxGraphOperands, int maxGraphOperations) {
    /**
     * Half the heap per context, so one context alone cannot exhaust it, and a million operands per graph (some
     * hundreds of MiB of builder state in Java and JS), well above real models.
     */
    public static final ContextLimits DEFAULT =
            new ContextLimits(Runtime.getRuntime().maxMemory() / 2, 1_000_000, 1_000_000);

    public ContextLimits {
        if (memoryBudgetBytes < 0 || maxGraphOperands < 0 || maxGraphOperations < 0) {
            throw new IllegalArgumentException("context limits cannot be negative");
        }
    }

    public ContextLimits withMemoryBudget(long bytes) {
        return new ContextLimits(bytes, maxGraphOperands, maxGraphOperations);
    }

    public ContextLimits withGraphSize(int operands, int operations) {
        return new ContextLimits(memoryBudgetBytes, operands, operations);
    }
}
