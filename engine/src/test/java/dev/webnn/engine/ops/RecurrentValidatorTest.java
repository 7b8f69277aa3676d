package dev.webnn.engine.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webnn.engine.DataType;
import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The validators of gru, gruCell, lstm and lstmCell: output descriptors and each class of invalid input. */
class RecurrentValidatorTest {
    private static final String LABEL = "rnn-op";
    private static final int STEPS = 2;
    private static final int BATCH = 3;
    private static final int INPUT = 4;
    private static final int HIDDEN = 5;
    private static final long MAX_UNSIGNED_LONG = 0xFFFF_FFFFL;

    private static OperandDescriptor f32(long... shape) {
        return OperandDescriptor.of(DataType.FLOAT32, shape);
    }

    private static OperandDescriptor f16(long... shape) {
        return OperandDescriptor.of(DataType.FLOAT16, shape);
    }

    private static OperandDescriptor of(DataType type, long... shape) {
        return OperandDescriptor.of(type, shape);
    }

    private static List<OperandDescriptor> slots(OperandDescriptor... descriptors) {
        return new ArrayList<>(Arrays.asList(descriptors));
    }

    private static List<OperandDescriptor> with(List<OperandDescriptor> base, int slot, OperandDescriptor d) {
        List<OperandDescriptor> copy = new ArrayList<>(base);
        copy.set(slot, d);
        return copy;
    }

    private static void assertTypeError(Executable call, String messagePart) {
        ValidationError e = assertThrows(ValidationError.class, call);
        assertEquals(ErrorKind.TYPE, e.kind());
        assertTrue(e.getMessage().contains("[" + LABEL + "]"), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    // ---- gru ----

    private static List<OperandDescriptor> gruSlots(int dirs) {
        return slots(f32(STEPS, BATCH, INPUT), f32(dirs, 3 * HIDDEN, INPUT), f32(dirs, 3 * HIDDEN, HIDDEN),
                null, null, null);
    }

    private static Gru gru(RecurrentDirection direction, boolean returnSequence, List<RecurrentActivation> activations) {
        return new Gru(STEPS, HIDDEN, true, returnSequence, direction, Gru.Layout.ZRN, activations);
    }

    @Test
    void gruDefaultsGiveTheLastHiddenStateOnly() {
        assertEquals(List.of(f32(1, BATCH, HIDDEN)), new Gru(STEPS, HIDDEN).validate(LABEL, gruSlots(1)));
    }

    @Test
    void gruWithAllOptionsInBothDirectionsAlsoReturnsTheSequence() {
        List<OperandDescriptor> in = slots(f16(STEPS, BATCH, INPUT), f16(2, 3 * HIDDEN, INPUT),
                f16(2, 3 * HIDDEN, HIDDEN), f16(2, 3 * HIDDEN), f16(2, 3 * HIDDEN), f16(2, BATCH, HIDDEN));
        Gru op = new Gru(STEPS, HIDDEN, false, true, RecurrentDirection.BOTH, Gru.Layout.RZN,
                List.of(RecurrentActivation.SIGMOID, RecurrentActivation.RELU));
        assertEquals(List.of(f16(2, BATCH, HIDDEN), f16(STEPS, 2, BATCH, HIDDEN)), op.validate(LABEL, in));
    }

    @Test
    void gruRejectsNonFloatAndMixedTypes() {
        List<OperandDescriptor> ints = slots(of(DataType.UINT32, STEPS, BATCH, INPUT),
                of(DataType.UINT32, 1, 3 * HIDDEN, INPUT), of(DataType.UINT32, 1, 3 * HIDDEN, HIDDEN), null, null, null);
        assertTypeError(() -> new Gru(STEPS, HIDDEN).validate(LABEL, ints), "uint32");
        assertTypeError(() -> new Gru(STEPS, HIDDEN).validate(LABEL,
                with(gruSlots(1), 2, f16(1, 3 * HIDDEN, HIDDEN))), "recurrentWeight");
    }

    @Test
    void gruRejectsWrongRanksStepsAndWeightShapes() {
        Gru op = new Gru(STEPS, HIDDEN);
        assertTypeError(() -> op.validate(LABEL, with(gruSlots(1), 0, f32(STEPS, BATCH))), "rank 3");
        assertTypeError(() -> op.validate(LABEL, with(gruSlots(1), 2, f32(1, 3 * HIDDEN))), "rank 3");
        assertTypeError(() -> op.validate(LABEL, with(gruSlots(1), 0, f32(1000, BATCH, INPUT))), "steps");
        assertTypeError(() -> new Gru(0, HIDDEN).validate(LABEL, gruSlots(1)), "steps");
        assertTypeError(() -> op.validate(LABEL, with(gruSlots(1), 1, f32(1, 4 * HIDDEN, INPUT))), "'weight'");
        assertTypeError(() -> op.validate(LABEL, with(gruSlots(1), 2, f32(1, 3 * HIDDEN, INPUT))),
                "'recurrentWeight'");
        // direction both needs two directions of weights
        assertTypeError(() -> gru(RecurrentDirection.BOTH, false, null).validate(LABEL, gruSlots(1)), "'weight'");
    }

    @Test
    void gruRejectsZeroAndTooLargeHiddenSizes() {
        assertTypeError(() -> new Gru(STEPS, 0).validate(LABEL, gruSlots(1)), "'weight'");
        // The weight shapes may match, but hiddenSize * 6 must still be a valid dimension.
        long big = MAX_UNSIGNED_LONG / 6 + 1;
        List<OperandDescriptor> in = slots(f32(STEPS, 1, 1), f32(1, 3 * big, 1), f32(1, 3 * big, big), null, null,
                null);
        assertTypeError(() -> new Gru(STEPS, big).validate(LABEL, in), "hiddenSize * 6");
        assertTypeError(() -> new Gru(STEPS, MAX_UNSIGNED_LONG).validate(LABEL, gruSlots(1)), "'weight'");
    }

    @Test
    void gruRejectsBadOptionOperands() {
        Gru op = new Gru(STEPS, HIDDEN);
        assertTypeError(() -> op.validate(LABEL, with(gruSlots(1), 3, f32(1))), "'bias'");
        assertTypeError(() -> op.validate(LABEL, with(gruSlots(1), 3, f32(1, HIDDEN))), "'bias'");
        assertTypeError(() -> op.validate(LABEL, with(gruSlots(1), 4, f32(1, 4 * HIDDEN))), "'recurrentBias'");
        assertTypeError(() -> op.validate(LABEL, with(gruSlots(1), 4, f16(1, 3 * HIDDEN))), "float16");
        assertTypeError(() -> op.validate(LABEL, with(gruSlots(1), 5, f32(1, BATCH))), "'initialHiddenState'");
        assertTypeError(() -> op.validate(LABEL, with(gruSlots(1), 5, f32(1, BATCH, 3 * HIDDEN))),
                "'initialHiddenState'");
        assertTypeError(() -> op.validate(LABEL, with(gruSlots(1), 5, of(DataType.UINT64, 1, BATCH, HIDDEN))),
                "uint64");
    }

    @Test
    void gruNeedsExactlyTwoActivations() {
        List<RecurrentActivation> three =
                List.of(RecurrentActivation.SIGMOID, RecurrentActivation.TANH, RecurrentActivation.RELU);
        assertTypeError(() -> gru(RecurrentDirection.FORWARD, false, three).validate(LABEL, gruSlots(1)),
                "2 activations");
        assertEquals(List.of(RecurrentActivation.SIGMOID, RecurrentActivation.TANH),
                new Gru(STEPS, HIDDEN).activations());
    }

    @Test
    void gruRequiresItsThreeOperandsAndAllSlots() {
        assertTypeError(() -> new Gru(STEPS, HIDDEN).validate(LABEL, with(gruSlots(1), 1, null)), "'weight'");
        assertTypeError(() -> new Gru(STEPS, HIDDEN).validate(LABEL, gruSlots(1).subList(0, 3)), "slot");
    }

    // ---- gruCell ----

    private static List<OperandDescriptor> gruCellSlots() {
        return slots(f32(BATCH, INPUT), f32(3 * HIDDEN, INPUT), f32(3 * HIDDEN, HIDDEN), f32(BATCH, HIDDEN),
                null, null);
    }

    @Test
    void gruCellGivesTheNewHiddenState() {
        List<OperandDescriptor> in = with(with(gruCellSlots(), 4, f32(3 * HIDDEN)), 5, f32(3 * HIDDEN));
        assertEquals(List.of(f32(BATCH, HIDDEN)), new GruCell(HIDDEN).validate(LABEL, in));
    }

    @Test
    void gruCellRejectsBadOperands() {
        GruCell op = new GruCell(HIDDEN);
        assertTypeError(() -> new GruCell(0).validate(LABEL, gruCellSlots()), "'weight'");
        assertTypeError(() -> new GruCell(MAX_UNSIGNED_LONG).validate(LABEL, gruCellSlots()), "'weight'");
        assertTypeError(() -> op.validate(LABEL, with(gruCellSlots(), 0, f32(BATCH))), "rank 2");
        // batchSize comes from the input, so a wrong input.shape[0] shows up as a hiddenState mismatch
        assertTypeError(() -> op.validate(LABEL, with(gruCellSlots(), 0, f32(INPUT, INPUT))), "'hiddenState'");
        assertTypeError(() -> op.validate(LABEL, with(gruCellSlots(), 0, f32(BATCH, 1))), "'weight'");
        assertTypeError(() -> op.validate(LABEL, with(gruCellSlots(), 1, of(DataType.INT8, 3 * HIDDEN, INPUT))),
                "int8");
        assertTypeError(() -> op.validate(LABEL, with(gruCellSlots(), 2, f32(4 * HIDDEN, INPUT))),
                "'recurrentWeight'");
        assertTypeError(() -> op.validate(LABEL, with(gruCellSlots(), 3, f32(BATCH, 3 * HIDDEN))), "'hiddenState'");
        assertTypeError(() -> op.validate(LABEL, with(gruCellSlots(), 4, of(DataType.UINT8, 3 * HIDDEN))), "uint8");
        assertTypeError(() -> op.validate(LABEL, with(gruCellSlots(), 4, f32(BATCH, 3 * HIDDEN))), "'bias'");
        assertTypeError(() -> op.validate(LABEL, with(gruCellSlots(), 5, f32(2 * HIDDEN))), "'recurrentBias'");
        assertTypeError(() -> new GruCell(HIDDEN, true, Gru.Layout.ZRN, List.of(RecurrentActivation.RELU))
                .validate(LABEL, gruCellSlots()), "2 activations");
        assertTypeError(() -> op.validate(LABEL, with(gruCellSlots(), 3, null)), "'hiddenState'");
    }

    // ---- lstm ----

    private static List<OperandDescriptor> lstmSlots(int dirs) {
        return slots(f32(STEPS, BATCH, INPUT), f32(dirs, 4 * HIDDEN, INPUT), f32(dirs, 4 * HIDDEN, HIDDEN),
                null, null, null, null, null);
    }

    @Test
    void lstmGivesHiddenAndCellStatesAndOptionallyTheSequence() {
        OperandDescriptor state = f32(1, BATCH, HIDDEN);
        assertEquals(List.of(state, state), new Lstm(STEPS, HIDDEN).validate(LABEL, lstmSlots(1)));
        List<OperandDescriptor> all = slots(f32(STEPS, BATCH, INPUT), f32(2, 4 * HIDDEN, INPUT),
                f32(2, 4 * HIDDEN, HIDDEN), f32(2, 4 * HIDDEN), f32(2, 4 * HIDDEN), f32(2, 3 * HIDDEN),
                f32(2, BATCH, HIDDEN), f32(2, BATCH, HIDDEN));
        Lstm op = new Lstm(STEPS, HIDDEN, true, RecurrentDirection.BOTH, Lstm.Layout.IFGO,
                List.of(RecurrentActivation.SIGMOID, RecurrentActivation.RELU, RecurrentActivation.TANH));
        OperandDescriptor both = f32(2, BATCH, HIDDEN);
        assertEquals(List.of(both, both, f32(STEPS, 2, BATCH, HIDDEN)), op.validate(LABEL, all));
    }

    @Test
    void lstmRejectsBadArguments() {
        Lstm op = new Lstm(STEPS, HIDDEN);
        assertTypeError(() -> new Lstm(0, HIDDEN).validate(LABEL, lstmSlots(1)), "steps greater than 0");
        assertTypeError(() -> op.validate(LABEL, with(lstmSlots(1), 0, f32(1000, BATCH, INPUT))), "steps");
        assertTypeError(() -> op.validate(LABEL, with(lstmSlots(1), 0, f32(STEPS, BATCH))), "rank 3");
        assertTypeError(() -> new Lstm(STEPS, 0).validate(LABEL, lstmSlots(1)), "'weight'");
        assertTypeError(() -> new Lstm(STEPS, MAX_UNSIGNED_LONG).validate(LABEL, lstmSlots(1)), "'weight'");
        long big = MAX_UNSIGNED_LONG / 8 + 1;
        List<OperandDescriptor> huge = slots(f32(STEPS, 1, 1), f32(1, 4 * big, 1), f32(1, 4 * big, big), null, null,
                null, null, null);
        assertTypeError(() -> new Lstm(STEPS, big).validate(LABEL, huge), "hiddenSize * 8");
        assertTypeError(() -> op.validate(LABEL, with(lstmSlots(1), 1, f32(1, 4 * HIDDEN, 1000))), "'weight'");
        assertTypeError(() -> op.validate(LABEL, with(lstmSlots(1), 2, f32(1, 4 * HIDDEN))), "rank 3");
        assertTypeError(() -> op.validate(LABEL, with(lstmSlots(1), 3, f32(1))), "'bias'");
        assertTypeError(() -> op.validate(LABEL, with(lstmSlots(1), 4, f32(1, 1000))), "'recurrentBias'");
        assertTypeError(() -> op.validate(LABEL, with(lstmSlots(1), 5, f16(1, 3 * HIDDEN))), "'peepholeWeight'");
        assertTypeError(() -> op.validate(LABEL, with(lstmSlots(1), 5, f32(1, 4 * HIDDEN))), "'peepholeWeight'");
        assertTypeError(() -> op.validate(LABEL, with(lstmSlots(1), 6, of(DataType.UINT64, 1, BATCH, HIDDEN))),
                "'initialHiddenState'");
        assertTypeError(() -> op.validate(LABEL, with(lstmSlots(1), 7, f32(1, BATCH, 1000))), "'initialCellState'");
        assertTypeError(() -> new Lstm(STEPS, HIDDEN, false, RecurrentDirection.FORWARD, Lstm.Layout.IOFG,
                List.of(RecurrentActivation.SIGMOID, RecurrentActivation.TANH)).validate(LABEL, lstmSlots(1)),
                "3 activations");
        assertTypeError(() -> op.validate(LABEL, with(lstmSlots(1), 0, f16(STEPS, BATCH, INPUT))), "float16");
    }

    // ---- lstmCell ----

    private static List<OperandDescriptor> lstmCellSlots() {
        return slots(f16(BATCH, INPUT), f16(4 * HIDDEN, INPUT), f16(4 * HIDDEN, HIDDEN), f16(BATCH, HIDDEN),
                f16(BATCH, HIDDEN), null, null, null);
    }

    @Test
    void lstmCellGivesHiddenAndCellStates() {
        List<OperandDescriptor> in = with(with(with(lstmCellSlots(), 5, f16(4 * HIDDEN)), 6, f16(4 * HIDDEN)), 7,
                f16(3 * HIDDEN));
        OperandDescriptor state = f16(BATCH, HIDDEN);
        assertEquals(List.of(state, state), new LstmCell(HIDDEN).validate(LABEL, in));
    }

    @Test
    void lstmCellRejectsBadOperands() {
        LstmCell op = new LstmCell(HIDDEN);
        assertTypeError(() -> new LstmCell(0).validate(LABEL, lstmCellSlots()), "'weight'");
        assertTypeError(() -> op.validate(LABEL, with(lstmCellSlots(), 0, f16(BATCH))), "rank 2");
        assertTypeError(() -> op.validate(LABEL, with(lstmCellSlots(), 0, f16(BATCH, 1000))), "'weight'");
        assertTypeError(() -> op.validate(LABEL, with(lstmCellSlots(), 1, f32(4 * HIDDEN, INPUT))), "'weight'");
        assertTypeError(() -> op.validate(LABEL, with(lstmCellSlots(), 2, f16(4 * HIDDEN, 1000))),
                "'recurrentWeight'");
        assertTypeError(() -> op.validate(LABEL, with(lstmCellSlots(), 3, f16(BATCH, 1000))), "'hiddenState'");
        assertTypeError(() -> op.validate(LABEL, with(lstmCellSlots(), 4, of(DataType.INT32, BATCH, HIDDEN))),
                "'cellState'");
        assertTypeError(() -> op.validate(LABEL, with(lstmCellSlots(), 4, f16(BATCH, 1000))), "'cellState'");
        assertTypeError(() -> op.validate(LABEL, with(lstmCellSlots(), 5, f16(4 * HIDDEN, 1000))), "'bias'");
        assertTypeError(() -> op.validate(LABEL, with(lstmCellSlots(), 6, of(DataType.UINT8, 4 * HIDDEN))),
                "'recurrentBias'");
        assertTypeError(() -> op.validate(LABEL, with(lstmCellSlots(), 7, f16())), "'peepholeWeight'");
        assertTypeError(() -> new LstmCell(HIDDEN, Lstm.Layout.IOFG, List.of()).validate(LABEL, lstmCellSlots()),
                "3 activations");
        assertTypeError(() -> op.validate(LABEL, with(lstmCellSlots(), 4, null)), "'cellState'");
    }
}
