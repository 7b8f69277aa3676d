package dev.webnn.engine.backend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A backend's answer to MLContext.opSupportLimits(). */
public final class OpSupportLimits {
    private final long maxTensorByteLength;
    private final String preferredInputLayout;
    private final TensorLimits input;
    private final TensorLimits constant;
    private final TensorLimits output;
    private final Map<String, Map<String, TensorLimits>> ops;

    /** @param ops op name, then operand name as the spec's support-limits dictionaries spell it */
    public OpSupportLimits(long maxTensorByteLength, String preferredInputLayout, TensorLimits input,
                           TensorLimits constant, TensorLimits output, Map<String, Map<String, TensorLimits>> ops) {
        this.maxTensorByteLength = maxTensorByteLength;
        this.preferredInputLayout = Objects.requireNonNull(preferredInputLayout);
        this.input = Objects.requireNonNull(input);
        this.constant = Objects.requireNonNull(constant);
        this.output = Objects.requireNonNull(output);
        Map<String, Map<String, TensorLimits>> copy = new LinkedHashMap<>();
        ops.forEach((op, operands) -> copy.put(op, Collections.unmodifiableMap(new LinkedHashMap<>(operands))));
        this.ops = Collections.unmodifiableMap(copy);
    }

    public long maxTensorByteLength() {
        return maxTensorByteLength;
    }

    public String preferredInputLayout() {
        return preferredInputLayout;
    }

    public TensorLimits input() {
        return input;
    }

    public TensorLimits constant() {
        return constant;
    }

    public TensorLimits output() {
        return output;
    }

    public Map<String, Map<String, TensorLimits>> ops() {
        return ops;
    }
}
