package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.List;
import java.util.Objects;

/**
 * A Long Short-Term Memory network over {@code steps} time steps.
 *
 * <p>Operand slots: input, weight, recurrentWeight, then the options bias, recurrentBias, peepholeWeight,
 * initialHiddenState and initialCellState (null when absent). Outputs: the last hidden state and the last cell
 * state, both [numDirections, batchSize, hiddenSize], and with {@code returnSequence} every step's hidden state
 * [steps, numDirections, batchSize, hiddenSize].
 *
 * @param activations as given by the caller (the spec requires three); null means the default sigmoid, tanh, tanh
 */
public record Lstm(long steps, long hiddenSize, boolean returnSequence, RecurrentDirection direction, Layout layout,
                   List<RecurrentActivation> activations) implements Op {
    /**
     * MLLstmWeightLayout: the order of the input (i), output (o), forget (f) and cell (g) gates along the
     * 4 * hiddenSize axis. The peephole weight is always packed i, o, f, whatever the layout.
     */
    public enum Layout implements WebIdlEnum {
        IOFG(0, 1, 2, 3),
        IFGO(0, 3, 1, 2);

        private final int input;
        private final int output;
        private final int forget;
        private final int cell;

        Layout(int input, int output, int forget, int cell) {
            this.input = input;
            this.output = output;
            this.forget = forget;
            this.cell = cell;
        }

        /** The gate block (0 to 3) of the input gate i. */
        public int input() {
            return input;
        }

        /** The gate block of the output gate o. */
        public int output() {
            return output;
        }

        /** The gate block of the forget gate f. */
        public int forget() {
            return forget;
        }

        /** The gate block of the cell gate g. */
        public int cell() {
            return cell;
        }

        public static Layout fromWebnnName(String name) {
            return WebIdlEnum.fromWebnnName(Layout.class, name);
        }
    }

    static final String[] OPERANDS = {"input", "weight", "recurrentWeight", "bias", "recurrentBias", "peepholeWeight",
        "initialHiddenState", "initialCellState"};

    public Lstm {
        RecurrentChecks.requireUnsignedLong("steps", steps);
        RecurrentChecks.requireUnsignedLong("hiddenSize", hiddenSize);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(layout, "layout");
        activations = RecurrentChecks.activationsOrDefault(activations,
                RecurrentActivation.SIGMOID, RecurrentActivation.TANH, RecurrentActivation.TANH);
    }

    /** lstm with the spec's default options. */
    public Lstm(long steps, long hiddenSize) {
        this(steps, hiddenSize, false, RecurrentDirection.FORWARD, Layout.IOFG, null);
    }

    @Override
    public String opName() {
        return "lstm";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-lstm
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, 3, OPERANDS);
        long numDirections = direction.numDirections();
        RecurrentChecks.requireFloatTypes(label, this, inputs, "input", "weight", "recurrentWeight");
        RecurrentChecks.requireRanks(label, this, inputs, 3, "input", "weight", "recurrentWeight");
        if (steps == 0) {
            throw new ValidationError(label, "lstm needs steps greater than 0.");
        }
        OperandDescriptor input = inputs.get(0);
        if (input.dim(0) != steps) {
            throw new ValidationError(label, "lstm needs input.shape[0] to equal steps (" + steps + ") but it is "
                    + input.dim(0) + ".");
        }
        DataType type = input.dataType();
        long batchSize = input.dim(1);
        long inputSize = input.dim(2);
        long gates = 4 * hiddenSize;
        RecurrentChecks.requireShape(label, this, "weight", inputs.get(1), numDirections, gates, inputSize);
        RecurrentChecks.requireShape(label, this, "recurrentWeight", inputs.get(2), numDirections, gates, hiddenSize);
        RecurrentChecks.requireHiddenSizeTimes(label, this, hiddenSize, 8);
        RecurrentChecks.requireOptional(label, this, "bias", inputs.get(3), type, numDirections, gates);
        RecurrentChecks.requireOptional(label, this, "recurrentBias", inputs.get(4), type, numDirections, gates);
        RecurrentChecks.requireOptional(label, this, "peepholeWeight", inputs.get(5), type,
                numDirections, 3 * hiddenSize);
        RecurrentChecks.requireOptional(label, this, "initialHiddenState", inputs.get(6), type,
                numDirections, batchSize, hiddenSize);
        RecurrentChecks.requireOptional(label, this, "initialCellState", inputs.get(7), type,
                numDirections, batchSize, hiddenSize);
        RecurrentChecks.requireActivationCount(label, this, activations, 3);
        OperandDescriptor state = OperandDescriptor.checked(label, type,
                new long[] {numDirections, batchSize, hiddenSize});
        if (!returnSequence) {
            return List.of(state, state);
        }
        return List.of(state, state, OperandDescriptor.checked(label, type,
                new long[] {steps, numDirections, batchSize, hiddenSize}));
    }
}
