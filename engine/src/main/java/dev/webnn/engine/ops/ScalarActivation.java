package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.List;
import java.util.Objects;

/**
 * The activations with scalar parameters: elu (alpha), hardSigmoid (alpha, beta), leakyRelu (alpha) and linear
 * (alpha, beta). The output has the input's type and shape. A kind without beta ignores it. The kernel casts the
 * parameters to the input's data type, as the spec's steps do.
 */
public record ScalarActivation(Kind kind, double alpha, double beta) implements Op {
    public enum Kind {
        ELU("elu"),
        HARD_SIGMOID("hardSigmoid"),
        LEAKY_RELU("leakyRelu"),
        LINEAR("linear");

        private final String methodName;

        Kind(String methodName) {
            this.methodName = methodName;
        }

        public String methodName() {
            return methodName;
        }
    }

    public ScalarActivation {
        Objects.requireNonNull(kind, "kind");
    }

    /** max(0, x) + alpha * (exp(min(0, x)) - 1); the spec's default alpha is 1. */
    public static ScalarActivation elu(double alpha) {
        return new ScalarActivation(Kind.ELU, alpha, 0);
    }

    /** max(0, min(1, alpha * x + beta)); the spec's defaults are alpha 0.2 and beta 0.5. */
    public static ScalarActivation hardSigmoid(double alpha, double beta) {
        return new ScalarActivation(Kind.HARD_SIGMOID, alpha, beta);
    }

    /** max(0, x) + alpha * min(0, x); the spec's default alpha is 0.01. */
    public static ScalarActivation leakyRelu(double alpha) {
        return new ScalarActivation(Kind.LEAKY_RELU, alpha, 0);
    }

    /** alpha * x + beta; the spec's defaults are alpha 1 and beta 0. */
    public static ScalarActivation linear(double alpha, double beta) {
        return new ScalarActivation(Kind.LINEAR, alpha, beta);
    }

    @Override
    public String opName() {
        return kind.methodName;
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-elu,
    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-hard-sigmoid,
    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-leakyrelu,
    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-linear
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        OpInputs.requireType(label, this, "input", input, OpInputs.FLOAT_TYPES);
        // The options are WebIDL (restricted) doubles, so a caller from Java must not pass what JS cannot.
        if (!Double.isFinite(alpha) || !Double.isFinite(beta)) {
            throw new ValidationError(label, opName() + " needs finite alpha and beta but got " + alpha + " and "
                    + beta + ".");
        }
        return List.of(input);
    }
}
