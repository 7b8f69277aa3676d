package dev.webnn.engine.backend.reference;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.backend.TensorLimits;
import dev.webnn.engine.ops.Gru;
import dev.webnn.engine.ops.GruCell;
import dev.webnn.engine.ops.Lstm;
import dev.webnn.engine.ops.LstmCell;
import dev.webnn.engine.ops.RecurrentActivation;
import dev.webnn.engine.ops.RecurrentDirection;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reference kernels of the recurrent ops: gru, gruCell, lstm, lstmCell.
 *
 * <p>Everything is computed in double: the states carried from one time step to the next are never rounded, and
 * each output is rounded once to its data type when it is stored. gru and lstm run the same cell code as gruCell
 * and lstmCell, step by step, as the spec's emulations do.
 */
final class RecurrentKernels {
    private static final Set<DataType> FLOATS = Set.of(DataType.FLOAT32, DataType.FLOAT16);

    private RecurrentKernels() {
    }

    static void register(KernelTable table) {
        table.kernel(Gru.class, RecurrentKernels::gru);
        table.kernel(GruCell.class, RecurrentKernels::gruCell);
        table.kernel(Lstm.class, RecurrentKernels::lstm);
        table.kernel(LstmCell.class, RecurrentKernels::lstmCell);

        TensorLimits rank1 = new TensorLimits(FLOATS, 1, 1);
        TensorLimits rank2 = new TensorLimits(FLOATS, 2, 2);
        TensorLimits rank3 = new TensorLimits(FLOATS, 3, 3);
        TensorLimits rank4 = new TensorLimits(FLOATS, 4, 4);
        table.limits("gru", "input", rank3, "weight", rank3, "recurrentWeight", rank3, "bias", rank2,
                "recurrentBias", rank2, "initialHiddenState", rank3, "output0", rank3, "output1", rank4);
        table.limits("gruCell", "input", rank2, "weight", rank2, "recurrentWeight", rank2, "hiddenState", rank2,
                "bias", rank1, "recurrentBias", rank1, "output", rank2);
        table.limits("lstm", "input", rank3, "weight", rank3, "recurrentWeight", rank3, "bias", rank2,
                "recurrentBias", rank2, "peepholeWeight", rank2, "initialHiddenState", rank3,
                "initialCellState", rank3, "output0", rank3, "output1", rank3, "output2", rank4);
        table.limits("lstmCell", "input", rank2, "weight", rank2, "recurrentWeight", rank2, "hiddenState", rank2,
                "cellState", rank2, "bias", rank1, "recurrentBias", rank1, "peepholeWeight", rank1,
                "output0", rank2, "output1", rank2);
    }

    // ---- the cells ----

    /** The sizes of one cell computation. */
    private record Dims(int batch, int inputSize, int hidden) {
    }

    /** One direction's weights: weight [gates * H, inputSize], recurrentWeight [gates * H, H], biases or null. */
    private record Weights(double[] weight, double[] recurrentWeight, double[] bias, double[] recurrentBias,
                           double[] peephole) {
    }

    private static double activate(RecurrentActivation activation, double x) {
        return switch (activation) {
            case RELU -> Math.max(0, x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case TANH -> Math.tanh(x);
        };
    }

    /** Row {@code row} of the matrix [rows, n] dotted with row {@code b} of the matrix [batch, n]. */
    private static double dot(double[] matrix, int row, double[] vectors, int b, int n) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += vectors[b * n + k] * matrix[row * n + k];
        }
        return sum;
    }

    private static double at(double[] vector, int i) {
        return vector == null ? 0 : vector[i];
    }

    /**
     * One GRU step: x [batch, inputSize] and h [batch, H] give the new h.
     * https://www.w3.org/TR/webnn/#api-mlgraphbuilder-grucell (the emulation's formulas, any layout and activations)
     */
    private static double[] gruStep(double[] x, double[] h, Weights w, Dims d, boolean resetAfter, Gru.Layout layout,
                                    List<RecurrentActivation> activations) {
        int hidden = d.hidden();
        RecurrentActivation gate = activations.get(0);
        RecurrentActivation candidate = activations.get(1);
        double[] next = new double[d.batch() * hidden];
        double[] z = new double[hidden];
        double[] r = new double[hidden];
        for (int b = 0; b < d.batch(); b++) {
            for (int j = 0; j < hidden; j++) {
                int zRow = layout.update() * hidden + j;
                int rRow = layout.reset() * hidden + j;
                z[j] = activate(gate, at(w.bias(), zRow) + at(w.recurrentBias(), zRow)
                        + dot(w.weight(), zRow, x, b, d.inputSize()) + dot(w.recurrentWeight(), zRow, h, b, hidden));
                r[j] = activate(gate, at(w.bias(), rRow) + at(w.recurrentBias(), rRow)
                        + dot(w.weight(), rRow, x, b, d.inputSize()) + dot(w.recurrentWeight(), rRow, h, b, hidden));
            }
            for (int j = 0; j < hidden; j++) {
                int nRow = layout.newGate() * hidden + j;
                double fromInput = at(w.bias(), nRow) + dot(w.weight(), nRow, x, b, d.inputSize());
                double n;
                if (resetAfter) {
                    double fromState = at(w.recurrentBias(), nRow) + dot(w.recurrentWeight(), nRow, h, b, hidden);
                    n = activate(candidate, fromInput + r[j] * fromState);
                } else {
                    double fromResetState = 0;
                    for (int k = 0; k < hidden; k++) {
                        fromResetState += r[k] * h[b * hidden + k] * w.recurrentWeight()[nRow * hidden + k];
                    }
                    n = activate(candidate, fromInput + at(w.recurrentBias(), nRow) + fromResetState);
                }
                double previous = h[b * hidden + j];
                next[b * hidden + j] = z[j] * previous + (1 - z[j]) * n;
            }
        }
        return next;
    }

    /**
     * One LSTM step: x [batch, inputSize], h and c [batch, H] give the new {h, c}. The peepholes of all three gates
     * look at the incoming cell state c.
     * https://www.w3.org/TR/webnn/#api-mlgraphbuilder-lstmcell (the emulation's formulas, any layout and activations)
     */
    private static double[][] lstmStep(double[] x, double[] h, double[] c, Weights w, Dims d, Lstm.Layout layout,
                                       List<RecurrentActivation> activations) {
        int hidden = d.hidden();
        RecurrentActivation gate = activations.get(0);
        RecurrentActivation candidate = activations.get(1);
        RecurrentActivation output = activations.get(2);
        double[] nextH = new double[d.batch() * hidden];
        double[] nextC = new double[d.batch() * hidden];
        for (int b = 0; b < d.batch(); b++) {
            for (int j = 0; j < hidden; j++) {
                double cell = c[b * hidden + j];
                double i = activate(gate, preActivation(x, h, w, d, b, layout.input() * hidden + j)
                        + cell * at(w.peephole(), j));
                double f = activate(gate, preActivation(x, h, w, d, b, layout.forget() * hidden + j)
                        + cell * at(w.peephole(), 2 * hidden + j));
                double g = activate(candidate, preActivation(x, h, w, d, b, layout.cell() * hidden + j));
                double o = activate(gate, preActivation(x, h, w, d, b, layout.output() * hidden + j)
                        + cell * at(w.peephole(), hidden + j));
                double newCell = f * cell + i * g;
                nextC[b * hidden + j] = newCell;
                nextH[b * hidden + j] = o * activate(output, newCell);
            }
        }
        return new double[][] {nextH, nextC};
    }

    /** bias + recurrentBias + x·weight[row] + h·recurrentWeight[row] for batch row b. */
    private static double preActivation(double[] x, double[] h, Weights w, Dims d, int b, int row) {
        return at(w.bias(), row) + at(w.recurrentBias(), row)
                + dot(w.weight(), row, x, b, d.inputSize()) + dot(w.recurrentWeight(), row, h, b, d.hidden());
    }

    // ---- the ops ----

    private static double[] floatsOrNull(TensorData t) {
        return t == null ? null : t.floats();
    }

    /** Slice {@code index} of a tensor whose leading dimension is split into equal slices of {@code size}. */
    private static double[] slice(double[] values, int index, int size) {
        return values == null ? null : Arrays.copyOfRange(values, index * size, (index + 1) * size);
    }

    private static List<TensorData> gruCell(GruCell op, List<TensorData> in, List<OperandDescriptor> out) {
        long[] inputShape = in.get(0).descriptor().shape();
        Dims d = new Dims((int) inputShape[0], (int) inputShape[1], (int) op.hiddenSize());
        Weights w = new Weights(in.get(1).floats(), in.get(2).floats(), floatsOrNull(in.get(4)),
                floatsOrNull(in.get(5)), null);
        double[] h = gruStep(in.get(0).floats(), in.get(3).floats(), w, d, op.resetAfter(), op.layout(),
                op.activations());
        return List.of(TensorData.ofFloats(out.get(0), h));
    }

    private static List<TensorData> lstmCell(LstmCell op, List<TensorData> in, List<OperandDescriptor> out) {
        long[] inputShape = in.get(0).descriptor().shape();
        Dims d = new Dims((int) inputShape[0], (int) inputShape[1], (int) op.hiddenSize());
        Weights w = new Weights(in.get(1).floats(), in.get(2).floats(), floatsOrNull(in.get(5)),
                floatsOrNull(in.get(6)), floatsOrNull(in.get(7)));
        double[][] hc = lstmStep(in.get(0).floats(), in.get(3).floats(), in.get(4).floats(), w, d, op.layout(),
                op.activations());
        return List.of(TensorData.ofFloats(out.get(0), hc[0]), TensorData.ofFloats(out.get(1), hc[1]));
    }

    /** What gru and lstm share: the walk over directions and time steps, and where each state lands. */
    private interface Step {
        /** Advances {h} or {h, c} by one step, given the input x of that time step and the direction's weights. */
        double[][] apply(double[] x, double[][] state, Weights weights);
    }

    /**
     * Runs {@code step} over every direction and time step. Returns the last state of each direction, one array per
     * state part laid out [numDirections, batch, H], followed by the sequence of hidden states [steps,
     * numDirections, batch, H] (null unless {@code returnSequence}). Backward directions walk from the last step to
     * the first and store each hidden state at the index of its own time step.
     */
    private static double[][] sequence(double[] input, int steps, RecurrentDirection direction, Dims d,
                                       boolean returnSequence, int gates, double[] weight, double[] recurrentWeight,
                                       double[] bias, double[] recurrentBias, double[] peephole,
                                       double[][] initialStates, Step step) {
        int numDirections = direction.numDirections();
        int stateSize = d.batch() * d.hidden();
        int stepSize = d.batch() * d.inputSize();
        int parts = initialStates.length;
        double[][] result = new double[parts + 1][];
        for (int p = 0; p < parts; p++) {
            result[p] = new double[numDirections * stateSize];
        }
        double[] sequence = returnSequence ? new double[steps * numDirections * stateSize] : null;
        for (int dir = 0; dir < numDirections; dir++) {
            boolean backward = direction == RecurrentDirection.BACKWARD || dir == 1;
            Weights w = new Weights(slice(weight, dir, gates * d.hidden() * d.inputSize()),
                    slice(recurrentWeight, dir, gates * d.hidden() * d.hidden()),
                    slice(bias, dir, gates * d.hidden()), slice(recurrentBias, dir, gates * d.hidden()),
                    slice(peephole, dir, 3 * d.hidden()));
            double[][] state = new double[parts][];
            for (int p = 0; p < parts; p++) {
                state[p] = initialStates[p] == null ? new double[stateSize] : slice(initialStates[p], dir, stateSize);
            }
            for (int s = 0; s < steps; s++) {
                int t = backward ? steps - 1 - s : s;
                state = step.apply(slice(input, t, stepSize), state, w);
                if (sequence != null) {
                    System.arraycopy(state[0], 0, sequence, (t * numDirections + dir) * stateSize, stateSize);
                }
            }
            for (int p = 0; p < parts; p++) {
                System.arraycopy(state[p], 0, result[p], dir * stateSize, stateSize);
            }
        }
        result[parts] = sequence;
        return result;
    }

    private static List<TensorData> gru(Gru op, List<TensorData> in, List<OperandDescriptor> out) {
        long[] inputShape = in.get(0).descriptor().shape();
        Dims d = new Dims((int) inputShape[1], (int) inputShape[2], (int) op.hiddenSize());
        double[][] result = sequence(in.get(0).floats(), (int) op.steps(), op.direction(), d, op.returnSequence(), 3,
                in.get(1).floats(), in.get(2).floats(), floatsOrNull(in.get(3)), floatsOrNull(in.get(4)), null,
                new double[][] {floatsOrNull(in.get(5))},
                (x, state, w) -> new double[][] {
                    gruStep(x, state[0], w, d, op.resetAfter(), op.layout(), op.activations())});
        TensorData last = TensorData.ofFloats(out.get(0), result[0]);
        return op.returnSequence() ? List.of(last, TensorData.ofFloats(out.get(1), result[1])) : List.of(last);
    }

    private static List<TensorData> lstm(Lstm op, List<TensorData> in, List<OperandDescriptor> out) {
        long[] inputShape = in.get(0).descriptor().shape();
        Dims d = new Dims((int) inputShape[1], (int) inputShape[2], (int) op.hiddenSize());
        double[][] result = sequence(in.get(0).floats(), (int) op.steps(), op.direction(), d, op.returnSequence(), 4,
                in.get(1).floats(), in.get(2).floats(), floatsOrNull(in.get(3)), floatsOrNull(in.get(4)),
                floatsOrNull(in.get(5)), new double[][] {floatsOrNull(in.get(6)), floatsOrNull(in.get(7))},
                (x, state, w) -> lstmStep(x, state[0], state[1], w, d, op.layout(), op.activations()));
        TensorData hidden = TensorData.ofFloats(out.get(0), result[0]);
        TensorData cell = TensorData.ofFloats(out.get(1), result[1]);
        return op.returnSequence()
                ? List.of(hidden, cell, TensorData.ofFloats(out.get(2), result[2]))
                : List.of(hidden, cell);
    }
}
