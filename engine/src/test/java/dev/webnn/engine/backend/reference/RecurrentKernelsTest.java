package dev.webnn.engine.backend.reference;

import static dev.webnn.engine.Bytes.f16;
import static dev.webnn.engine.Bytes.f32;
import static dev.webnn.engine.Bytes.readF16;
import static dev.webnn.engine.Bytes.readF32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.ops.Gru;
import dev.webnn.engine.ops.GruCell;
import dev.webnn.engine.ops.Lstm;
import dev.webnn.engine.ops.LstmCell;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.ops.RecurrentActivation;
import dev.webnn.engine.ops.RecurrentDirection;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * gru, gruCell, lstm and lstmCell on the reference backend, against values worked out by hand. Most cases use relu
 * activations and weights chosen so every intermediate is a short binary fraction, so the expected values are exact.
 */
class RecurrentKernelsTest {
    private static final List<RecurrentActivation> RELU2 = List.of(RecurrentActivation.RELU, RecurrentActivation.RELU);
    private static final List<RecurrentActivation> RELU3 =
            List.of(RecurrentActivation.RELU, RecurrentActivation.RELU, RecurrentActivation.RELU);

    private final GraphBuilder builder = new GraphBuilder(1 << 20);

    private Operand f32c(long[] shape, float... values) {
        return builder.constant(OperandDescriptor.of(DataType.FLOAT32, shape), f32(values));
    }

    private Operand f16c(long[] shape, float... values) {
        return builder.constant(OperandDescriptor.of(DataType.FLOAT16, shape), f16(values));
    }

    private static long[] shape(long... dims) {
        return dims;
    }

    /** Adds the op, builds a graph of all its outputs and runs it; one buffer per output. */
    private List<ByteBuffer> run(Op op, Operand... operands) {
        List<Operand> outputs = builder.addOperation(op, Arrays.asList(operands), "rnn");
        Map<String, Operand> named = new LinkedHashMap<>();
        Map<String, ByteBuffer> buffers = new LinkedHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            named.put("out" + i, outputs.get(i));
            buffers.put("out" + i, ByteBuffer.allocate((int) outputs.get(i).descriptor().byteLength())
                    .order(ByteOrder.LITTLE_ENDIAN));
        }
        Graph graph = builder.build(named);
        new ReferenceBackend().compile(graph).execute(Map.of(), buffers);
        return new ArrayList<>(buffers.values());
    }

    // ---- gruCell: hidden 1, input 1, batch 1; x = 2, h = 1 ----

    /**
     * zrn weights W = [z 0.25, r 1, n 2], R = [0, 0.5, 1], bias n 0.5, recurrentBias n 1, relu: z = 0.5,
     * r = 2 + 0.5 = 2.5.
     */
    private List<ByteBuffer> gruCellRelu(boolean resetAfter, Gru.Layout layout, float[] w, float[] r) {
        return run(new GruCell(1, resetAfter, layout, RELU2), f32c(shape(1, 1), 2), f32c(shape(3, 1), w),
                f32c(shape(3, 1), r), f32c(shape(1, 1), 1), f32c(shape(3), 0, 0, 0.5f), f32c(shape(3), 0, 0, 1));
    }

    @Test
    void gruCellResetAfterAppliesTheResetGateToTheRecurrentProduct() {
        // n = relu(2 * 2 + 0.5 + r * (1 * 1 + 1)) = 9.5; h' = z * h + (1 - z) * n = 0.5 + 4.75
        List<ByteBuffer> out = gruCellRelu(true, Gru.Layout.ZRN, new float[] {0.25f, 1, 2}, new float[] {0, 0.5f, 1});
        assertArrayEquals(new float[] {5.25f}, readF32(out.get(0)));
    }

    @Test
    void gruCellResetBeforeAppliesTheResetGateToTheState() {
        // n = relu(2 * 2 + 1 * (r * h) + 0.5 + 1) = 8; h' = 0.5 + 0.5 * 8
        List<ByteBuffer> out = gruCellRelu(false, Gru.Layout.ZRN, new float[] {0.25f, 1, 2}, new float[] {0, 0.5f, 1});
        assertArrayEquals(new float[] {4.5f}, readF32(out.get(0)));
    }

    @Test
    void gruCellRznLayoutReadsTheResetGateFirst() {
        float[] w = {1, 0.25f, 2};
        float[] r = {0.5f, 0, 1};
        assertArrayEquals(new float[] {5.25f}, readF32(gruCellRelu(true, Gru.Layout.RZN, w, r).get(0)));
        // The same data read as zrn: z = 2.5, r = 0.5, n = relu(4 + 0.5 + 0.5 * 2) = 5.5; h' = 2.5 - 1.5 * 5.5
        assertArrayEquals(new float[] {-5.75f}, readF32(new RecurrentKernelsTest().gruCellRelu(true, Gru.Layout.ZRN,
                w, r).get(0)));
    }

    @Test
    void gruCellDefaultsAreSigmoidAndTanhWithoutBiases() {
        // Zero weights: z = sigmoid(0) = 0.5, n = tanh(0) = 0; h' = 0.5 * h for every batch row and unit.
        List<ByteBuffer> out = run(new GruCell(2), f32c(shape(2, 1), 7, -7), f32c(shape(6, 1), new float[6]),
                f32c(shape(6, 2), new float[12]), f32c(shape(2, 2), 2, -4, 1, 3), null, null);
        assertArrayEquals(new float[] {1, -2, 0.5f, 1.5f}, readF32(out.get(0)));
    }

    @Test
    void gruCellSigmoidAndTanhWithBias() {
        // z = r = sigmoid(0) = 0.5, n = tanh(1): h' = 0.5 * 0.5 + 0.5 * tanh(1)
        List<ByteBuffer> out = run(new GruCell(1), f32c(shape(1, 1), 3), f32c(shape(3, 1), 0, 0, 0),
                f32c(shape(3, 1), 0, 0, 0), f32c(shape(1, 1), 0.5f), f32c(shape(3), 0, 0, 1), null);
        assertArrayEquals(new float[] {(float) (0.25 + 0.5 * Math.tanh(1))}, readF32(out.get(0)));
    }

    // ---- lstmCell: hidden 1, input 1, batch 1; x = 2, h = 1, c = 4; relu ----

    /** Recurrent weight 1 for the cell gate g only, wherever the layout puts it. */
    private List<ByteBuffer> lstmCellRelu(Lstm.Layout layout, float[] w, Operand bias, Operand recurrentBias,
                                          Operand peephole) {
        float[] r = layout == Lstm.Layout.IOFG ? new float[] {0, 0, 0, 1} : new float[] {0, 0, 1, 0};
        return run(new LstmCell(1, layout, RELU3), f32c(shape(1, 1), 2), f32c(shape(4, 1), w),
                f32c(shape(4, 1), r), f32c(shape(1, 1), 1), f32c(shape(1, 1), 4), bias, recurrentBias, peephole);
    }

    @Test
    void lstmCellIofg() {
        // i = 2, o = 0.5, f = 0.5, g = relu(2 * 2 + 1 * 1) = 5; c' = 0.5 * 4 + 2 * 5 = 12; h' = 0.5 * 12
        List<ByteBuffer> out = lstmCellRelu(Lstm.Layout.IOFG, new float[] {1, 0.25f, 0.25f, 2}, null, null, null);
        assertArrayEquals(new float[] {6}, readF32(out.get(0)));
        assertArrayEquals(new float[] {12}, readF32(out.get(1)));
    }

    @Test
    void lstmCellIfgoReadsTheSameGatesInItsOrder() {
        List<ByteBuffer> out = lstmCellRelu(Lstm.Layout.IFGO, new float[] {1, 0.25f, 2, 0.25f}, null, null, null);
        assertArrayEquals(new float[] {6}, readF32(out.get(0)));
        assertArrayEquals(new float[] {12}, readF32(out.get(1)));
    }

    @Test
    void lstmCellAddsBothBiases() {
        // i = 2 + 0.5 + 0.5 = 3; c' = 2 + 3 * 5 = 17; h' = 8.5
        List<ByteBuffer> out = lstmCellRelu(Lstm.Layout.IOFG, new float[] {1, 0.25f, 0.25f, 2},
                f32c(shape(4), 0.5f, 0, 0, 0), f32c(shape(4), 0.5f, 0, 0, 0), null);
        assertArrayEquals(new float[] {8.5f}, readF32(out.get(0)));
        assertArrayEquals(new float[] {17}, readF32(out.get(1)));
    }

    @Test
    void lstmCellPeepholesAreIofOrderedAndSeeTheIncomingCellState() {
        // peephole [i 0.5, o 0.25, f -0.125] times c = 4: i = 2 + 2 = 4, o = 0.5 + 1 = 1.5, f = 0.5 - 0.5 = 0;
        // c' = 0 + 4 * 5 = 20; h' = 1.5 * 20 (with the new cell state the output gate would be 5.5)
        List<ByteBuffer> out = lstmCellRelu(Lstm.Layout.IOFG, new float[] {1, 0.25f, 0.25f, 2}, null, null,
                f32c(shape(3), 0.5f, 0.25f, -0.125f));
        assertArrayEquals(new float[] {30}, readF32(out.get(0)));
        assertArrayEquals(new float[] {20}, readF32(out.get(1)));
    }

    @Test
    void lstmCellDefaultActivationsInFloat16() {
        // Zero weights: i = o = f = 0.5, g = tanh(0) = 0; c' = 0.5 * c, h' = 0.5 * tanh(c'); rounded once to float16.
        List<ByteBuffer> out = run(new LstmCell(1), f16c(shape(2, 1), 1, 2), f16c(shape(4, 1), 0, 0, 0, 0),
                f16c(shape(4, 1), 0, 0, 0, 0), f16c(shape(2, 1), 5, 6), f16c(shape(2, 1), 2, -3), null, null, null);
        float[] expectedH = {toF16(0.5 * Math.tanh(1)), toF16(0.5 * Math.tanh(-1.5))};
        assertArrayEquals(expectedH, readF16(out.get(0)));
        assertArrayEquals(new float[] {1, -1.5f}, readF16(out.get(1)));
    }

    private static float toF16(double v) {
        return Float.float16ToFloat(Float.floatToFloat16((float) v));
    }

    // ---- gru over time: hidden 1, input 1, batch 1, x = [2, 6], relu ----

    @Test
    void gruForwardCarriesTheStateAndReturnsTheSequence() {
        // W = [z 0, r 0, n 1], R = 0, bias z 0.5: z = 0.5, n = relu(x), h' = 0.5 h + 0.5 x: h = 1, then 3.5
        List<ByteBuffer> out = run(new Gru(2, 1, true, true, RecurrentDirection.FORWARD, Gru.Layout.ZRN, RELU2),
                f32c(shape(2, 1, 1), 2, 6), f32c(shape(1, 3, 1), 0, 0, 1), f32c(shape(1, 3, 1), 0, 0, 0),
                f32c(shape(1, 3), 0.5f, 0, 0), null, null);
        assertEquals(2, out.size());
        assertArrayEquals(new float[] {3.5f}, readF32(out.get(0)));
        assertArrayEquals(new float[] {1, 3.5f}, readF32(out.get(1)));
    }

    @Test
    void gruBackwardStoresEachStateAtItsOwnTimeStep() {
        // From t = 1: h = 3, then at t = 0: h = 1.5 + 1 = 2.5
        List<ByteBuffer> out = run(new Gru(2, 1, true, true, RecurrentDirection.BACKWARD, Gru.Layout.ZRN, RELU2),
                f32c(shape(2, 1, 1), 2, 6), f32c(shape(1, 3, 1), 0, 0, 1), f32c(shape(1, 3, 1), 0, 0, 0),
                f32c(shape(1, 3), 0.5f, 0, 0), null, null);
        assertArrayEquals(new float[] {2.5f}, readF32(out.get(0)));
        assertArrayEquals(new float[] {2.5f, 3}, readF32(out.get(1)));
    }

    @Test
    void gruBothDirectionsUseTheirOwnWeightsAndInitialStates() {
        // dir 0 forward, z = 0.5, h0 = 2: 0.5 * 2 + 0.5 * 2 = 2, then 1 + 3 = 4.
        // dir 1 backward, z = 0.25, h0 = 4: 0.25 * 4 + 0.75 * 6 = 5.5 at t = 1, then 1.375 + 1.5 = 2.875 at t = 0.
        List<ByteBuffer> out = run(new Gru(2, 1, true, true, RecurrentDirection.BOTH, Gru.Layout.ZRN, RELU2),
                f32c(shape(2, 1, 1), 2, 6), f32c(shape(2, 3, 1), 0, 0, 1, 0, 0, 1),
                f32c(shape(2, 3, 1), new float[6]), f32c(shape(2, 3), 0.5f, 0, 0, 0.25f, 0, 0), null,
                f32c(shape(2, 1, 1), 2, 4));
        assertArrayEquals(new float[] {4, 2.875f}, readF32(out.get(0)));
        assertArrayEquals(new float[] {2, 2.875f, 4, 5.5f}, readF32(out.get(1)));
    }

    @Test
    void gruWithoutReturnSequenceHasOneOutput() {
        List<ByteBuffer> out = run(new Gru(2, 1, true, false, RecurrentDirection.FORWARD, Gru.Layout.ZRN, RELU2),
                f32c(shape(2, 1, 1), 2, 6), f32c(shape(1, 3, 1), 0, 0, 1), f32c(shape(1, 3, 1), 0, 0, 0),
                f32c(shape(1, 3), 0.5f, 0, 0), null, null);
        assertEquals(1, out.size());
        assertArrayEquals(new float[] {3.5f}, readF32(out.get(0)));
    }

    // ---- lstm over time: hidden 1, input 1, batch 1, x = [2, 6], relu ----

    /** bias i 1, o 0.5, f 0.5 (iofg), W g 1, R g 1: c' = 0.5 c + relu(x + h), h' = 0.5 c'. */
    private List<ByteBuffer> lstmRelu(RecurrentDirection direction, Operand initialHidden, Operand initialCell) {
        int dirs = direction.numDirections();
        float[] w = new float[4 * dirs];
        float[] bias = new float[4 * dirs];
        for (int d = 0; d < dirs; d++) {
            w[4 * d + 3] = 1;
            bias[4 * d] = 1;
            bias[4 * d + 1] = 0.5f;
            bias[4 * d + 2] = 0.5f;
        }
        return run(new Lstm(2, 1, true, direction, Lstm.Layout.IOFG, RELU3), f32c(shape(2, 1, 1), 2, 6),
                f32c(shape(dirs, 4, 1), w), f32c(shape(dirs, 4, 1), w), f32c(shape(dirs, 4), bias), null, null,
                initialHidden, initialCell);
    }

    @Test
    void lstmForwardCarriesHiddenAndCellStates() {
        // t0: c = 0 + 2 = 2, h = 1; t1: c = 1 + relu(6 + 1) = 8, h = 4
        List<ByteBuffer> out = lstmRelu(RecurrentDirection.FORWARD, null, null);
        assertEquals(3, out.size());
        assertArrayEquals(new float[] {4}, readF32(out.get(0)));
        assertArrayEquals(new float[] {8}, readF32(out.get(1)));
        assertArrayEquals(new float[] {1, 4}, readF32(out.get(2)));
    }

    @Test
    void lstmBackwardStartsAtTheLastStep() {
        // t1: c = 6, h = 3; t0: c = 3 + relu(2 + 3) = 8, h = 4
        List<ByteBuffer> out = lstmRelu(RecurrentDirection.BACKWARD, null, null);
        assertArrayEquals(new float[] {4}, readF32(out.get(0)));
        assertArrayEquals(new float[] {8}, readF32(out.get(1)));
        assertArrayEquals(new float[] {4, 3}, readF32(out.get(2)));
    }

    @Test
    void lstmBothDirectionsWithInitialStates() {
        // dir 0 forward from h 1, c 2: t0: c = 1 + relu(2 + 1) = 4, h = 2; t1: c = 2 + relu(6 + 2) = 10, h = 5.
        // dir 1 backward from h 2, c 4: t1: c = 2 + relu(6 + 2) = 10, h = 5; t0: c = 5 + relu(2 + 5) = 12, h = 6.
        List<ByteBuffer> out = lstmRelu(RecurrentDirection.BOTH, f32c(shape(2, 1, 1), 1, 2), f32c(shape(2, 1, 1), 2, 4));
        assertArrayEquals(new float[] {5, 6}, readF32(out.get(0)));
        assertArrayEquals(new float[] {10, 12}, readF32(out.get(1)));
        assertArrayEquals(new float[] {2, 6, 5, 5}, readF32(out.get(2)));
    }

    @Test
    void recurrentLimitsAreFloatOnlyWithExactRanks() {
        var limits = new ReferenceBackend().opSupportLimits().ops();
        assertEquals(List.of("input", "weight", "recurrentWeight", "bias", "recurrentBias", "initialHiddenState",
                "output0", "output1"), List.copyOf(limits.get("gru").keySet()));
        assertEquals(List.of("input", "weight", "recurrentWeight", "hiddenState", "bias", "recurrentBias", "output"),
                List.copyOf(limits.get("gruCell").keySet()));
        assertEquals(List.of("input", "weight", "recurrentWeight", "bias", "recurrentBias", "peepholeWeight",
                "initialHiddenState", "initialCellState", "output0", "output1", "output2"),
                List.copyOf(limits.get("lstm").keySet()));
        assertEquals(List.of("input", "weight", "recurrentWeight", "hiddenState", "cellState", "bias",
                "recurrentBias", "peepholeWeight", "output0", "output1"), List.copyOf(limits.get("lstmCell").keySet()));
        var gruInput = limits.get("gru").get("input");
        assertEquals(java.util.Set.of(DataType.FLOAT32, DataType.FLOAT16), gruInput.dataTypes());
        assertEquals(3, gruInput.minRank());
        assertEquals(3, gruInput.maxRank());
        assertEquals(4, limits.get("lstm").get("output2").minRank());
        assertEquals(1, limits.get("lstmCell").get("peepholeWeight").maxRank());
    }
}
