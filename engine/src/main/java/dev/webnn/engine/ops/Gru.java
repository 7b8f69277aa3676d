package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.List;
import java.util.Objects;

/**
 * A Gated Recurrent Unit network over {@code steps} time steps.
 *
 * <p>Operand slots: input, weight, recurrentWeight, then the options bias, recurrentBias and initialHiddenState
 * (null when absent). Outputs: the last hidden state [numDirections, batchSize, hiddenSize], and with
 * {@code returnSequence} every step's hidden state [steps, numDirections, batchSize, hiddenSize].
 *
 * @param activations as given by the caller (the spec requires two); null means the default sigmoid, tanh
 */
public record Gru(long steps, long hiddenSize, boolean resetAfter, boolean returnSequence,
                  RecurrentDirection direction, Layout layout, List<RecurrentActivation> activations) implements Op {
    /** MLGruWeightLayout: the order of the update (z), reset (r) and new (n) gates along the 3 * hiddenSize axis. */
    public enum Layout implements WebIdlEnum {
        ZRN(0, 1, 2),
        RZN(1, 0, 2);

        private final int update;
        private final int reset;
        private final int newGate;

        Layout(int update, int reset, int newGate) {
            this.update = update;
            this.reset = reset;
            this.newGate = newGate;
        }

        /** The gate block (0, 1 or 2) of the update gate z. */
        public int update() {
            return update;
        }

        /** The gate block of the reset gate r. */
        public int reset() {
            return reset;
        }

        /** The gate block of the new gate n. */
        public int newGate() {
            return newGate;
        }

        public static Layout fromWebnnName(String name) {
            return WebIdlEnum.fromWebnnName(Layout.class, name);
        }
    }

    static final String[] OPERANDS = {"input", "weight", "recurrentWeight", "bias", "recurrentBias",
        "initialHiddenState"};

    public Gru {
        RecurrentChecks.requireUnsignedLong("steps", steps);
        RecurrentChecks.requireUnsignedLong("hiddenSize", hiddenSize);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(layout, "layout");
        activations = RecurrentChecks.activationsOrDefault(activations,
                RecurrentActivation.SIGMOID, RecurrentActivation.TANH);
    }

    /** gru with the spec's default options. */
    public Gru(long steps, long hiddenSize) {
        this(steps, hiddenSize, true, false, RecurrentDirection.FORWARD, Layout.ZRN, null);
    }

    @Override
    public String opName() {
        return "gru";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-gru
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, 3, OPERANDS);
        RecurrentChecks.requireFloatTypes(label, this, inputs, "input", "weight", "recurrentWeight");
        RecurrentChecks.requireRanks(label, this, inputs, 3, "input", "weight", "recurrentWeight");
        OperandDescriptor input = inputs.get(0);
        if (input.dim(0) != steps) {
            throw new ValidationError(label, "gru needs input.shape[0] to equal steps (" + steps + ") but it is "
                    + input.dim(0) + ".");
        }
        DataType type = input.dataType();
        long batchSize = input.dim(1);
        long inputSize = input.dim(2);
        long numDirections = direction.numDirections();
        long gates = 3 * hiddenSize;
        RecurrentChecks.requireShape(label, this, "weight", inputs.get(1), numDirections, gates, inputSize);
        RecurrentChecks.requireShape(label, this, "recurrentWeight", inputs.get(2), numDirections, gates, hiddenSize);
        RecurrentChecks.requireHiddenSizeTimes(label, this, hiddenSize, 6);
        RecurrentChecks.requireOptional(label, this, "bias", inputs.get(3), type, numDirections, gates);
        RecurrentChecks.requireOptional(label, this, "recurrentBias", inputs.get(4), type, numDirections, gates);
        RecurrentChecks.requireOptional(label, this, "initialHiddenState", inputs.get(5), type,
                numDirections, batchSize, hiddenSize);
        RecurrentChecks.requireActivationCount(label, this, activations, 2);
        OperandDescriptor last = OperandDescriptor.checked(label, type,
                new long[] {numDirections, batchSize, hiddenSize});
        if (!returnSequence) {
            return List.of(last);
        }
        return List.of(last, OperandDescriptor.checked(label, type,
                new long[] {steps, numDirections, batchSize, hiddenSize}));
    }
}
