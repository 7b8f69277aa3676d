package dev.webnn.engine.runtime;

/**
 * MLContextOptions as the engine sees them.
 *
 * @param deviceType      "cpu", "gpu" or "npu" (a hint)
 * @param powerPreference "default", "high-performance" or "low-power" (a hint)
 * @param accelerated     whether the caller prefers an accelerated backend
 */
public record ContextOptions(String deviceType, String powerPreference, boolean accelerated) {
    public static final ContextOptions DEFAULT = new ContextOptions("cpu", "default", true);
}
