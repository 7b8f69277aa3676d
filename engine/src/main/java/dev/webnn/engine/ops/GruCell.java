package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import java.util.List;
import java.util.Objects;

/**
 * One time step of a Gated Recurrent Unit.
 *
 * <p>Operand slots: input, weight, recurrentWeight, hiddenState, then the options bias and recurrentBias (null
 * when absent). Output: the new hidden state [batchSize, hiddenSize].
 *
 * @param activations as given by the caller (the spec requires two); null means the default sigmoid, tanh
 */
public record GruCell(long hiddenSize, boolean resetAfter, Gru.Layout layout, List<RecurrentActivation> activations)
        implements Op {
    static final String[] OPERANDS = {"input", "weight", "recurrentWeight", "hiddenState", "bias", "recurrentBias"};

    public GruCell {
        RecurrentChecks.requireUnsignedLong("hiddenSize", hiddenSize);
        Objects.requireNonNull(layout, "layout");
        activations = RecurrentChecks.activationsOrDefault(activations,
                RecurrentActivation.SIGMOID, RecurrentActivation.TANH);
    }

    /** gruCell with the spec's default options. */
    public GruCell(long hiddenSize) {
        this(hiddenSize, true, Gru.Layout.ZRN, null);
    }

    @Override
    public String opName() {
        return "gruCell";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-grucell
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, 4, OPERANDS);
        RecurrentChecks.requireFloatTypes(label, this, inputs, "input", "weight", "recurrentWeight", "hiddenState");
        RecurrentChecks.requireRanks(label, this, inputs, 2, "input", "weight", "recurrentWeight", "hiddenState");
        OperandDescriptor input = inputs.get(0);
        DataType type = input.dataType();
        long batchSize = input.dim(0);
        long inputSize = input.dim(1);
        long gates = 3 * hiddenSize;
        RecurrentChecks.requireShape(label, this, "weight", inputs.get(1), gates, inputSize);
        RecurrentChecks.requireShape(label, this, "recurrentWeight", inputs.get(2), gates, hiddenSize);
        RecurrentChecks.requireShape(label, this, "hiddenState", inputs.get(3), batchSize, hiddenSize);
        RecurrentChecks.requireHiddenSizeTimes(label, this, hiddenSize, 6);
        RecurrentChecks.requireOptional(label, this, "bias", inputs.get(4), type, gates);
        RecurrentChecks.requireOptional(label, this, "recurrentBias", inputs.get(5), type, gates);
        RecurrentChecks.requireActivationCount(label, this, activations, 2);
        return List.of(OperandDescriptor.checked(label, type, new long[] {batchSize, hiddenSize}));
    }
}
