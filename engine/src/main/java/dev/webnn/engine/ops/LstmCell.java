package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import java.util.List;
import java.util.Objects;

/**
 * One time step of a Long Short-Term Memory network.
 *
 * <p>Operand slots: input, weight, recurrentWeight, hiddenState, cellState, then the options bias, recurrentBias
 * and peepholeWeight (null when absent). Outputs: the new hidden state and the new cell state, both
 * [batchSize, hiddenSize].
 *
 * @param activations as given by the caller (the spec requires three); null means the default sigmoid, tanh, tanh
 */
public record LstmCell(long hiddenSize, Lstm.Layout layout, List<RecurrentActivation> activations) implements Op {
    static final String[] OPERANDS = {"input", "weight", "recurrentWeight", "hiddenState", "cellState", "bias",
        "recurrentBias", "peepholeWeight"};

    public LstmCell {
        RecurrentChecks.requireUnsignedLong("hiddenSize", hiddenSize);
        Objects.requireNonNull(layout, "layout");
        activations = RecurrentChecks.activationsOrDefault(activations,
                RecurrentActivation.SIGMOID, RecurrentActivation.TANH, RecurrentActivation.TANH);
    }

    /** lstmCell with the spec's default options. */
    public LstmCell(long hiddenSize) {
        this(hiddenSize, Lstm.Layout.IOFG, null);
    }

    @Override
    public String opName() {
        return "lstmCell";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-lstmcell
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, 5, OPERANDS);
        RecurrentChecks.requireFloatTypes(label, this, inputs,
                "input", "weight", "recurrentWeight", "hiddenState", "cellState");
        RecurrentChecks.requireRanks(label, this, inputs, 2,
                "input", "weight", "recurrentWeight", "hiddenState", "cellState");
        OperandDescriptor input = inputs.get(0);
        DataType type = input.dataType();
        long batchSize = input.dim(0);
        long inputSize = input.dim(1);
        long gates = 4 * hiddenSize;
        RecurrentChecks.requireShape(label, this, "weight", inputs.get(1), gates, inputSize);
        RecurrentChecks.requireShape(label, this, "recurrentWeight", inputs.get(2), gates, hiddenSize);
        RecurrentChecks.requireShape(label, this, "hiddenState", inputs.get(3), batchSize, hiddenSize);
        RecurrentChecks.requireShape(label, this, "cellState", inputs.get(4), batchSize, hiddenSize);
        RecurrentChecks.requireHiddenSizeTimes(label, this, hiddenSize, 8);
        RecurrentChecks.requireOptional(label, this, "bias", inputs.get(5), type, gates);
        RecurrentChecks.requireOptional(label, this, "recurrentBias", inputs.get(6), type, gates);
        RecurrentChecks.requireOptional(label, this, "peepholeWeight", inputs.get(7), type, 3 * hiddenSize);
        RecurrentChecks.requireActivationCount(label, this, activations, 3);
        OperandDescriptor state = OperandDescriptor.checked(label, type, new long[] {batchSize, hiddenSize});
        return List.of(state, state);
    }
}
