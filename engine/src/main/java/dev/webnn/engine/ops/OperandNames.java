package dev.webnn.engine.ops;

import java.util.Collections;
import java.util.List;

/**
 * The names the spec's MLOpSupportLimits dictionaries give an op's operands, so support limits can be applied
 * to the positional inputs and the outputs the validators see. The switch is exhaustive over {@link Op}: a new
 * op record does not compile until its operands are named here.
 */
public final class OperandNames {
    private static final List<String> INPUT = List.of("input");
    private static final List<String> A_B = List.of("a", "b");
    private static final List<String> INPUT_INDICES = List.of("input", "indices");
    private static final List<String> INPUT_INDICES_UPDATES = List.of("input", "indices", "updates");
    private static final List<String> INPUT_SCALE_ZERO_POINT = List.of("input", "scale", "zeroPoint");
    private static final List<String> INPUT_FILTER_BIAS = List.of("input", "filter", "bias");
    private static final List<String> INPUT_SCALE_BIAS = List.of("input", "scale", "bias");

    private OperandNames() {
    }

    /** The name of the positional input at {@code position}, as the op's support limits spell it. */
    public static String input(Op op, int position) {
        List<String> names = switch (op) {
            case ElementwiseBinary b -> A_B;
            case ElementwiseLogical l -> A_B;
            case Matmul m -> A_B;
            case Gemm g -> List.of("a", "b", "c");
            case Prelu p -> List.of("input", "slope");
            case Where w -> List.of("condition", "trueValue", "falseValue");
            case QuantizeLinear q -> INPUT_SCALE_ZERO_POINT;
            case DequantizeLinear d -> INPUT_SCALE_ZERO_POINT;
            case Conv2d c -> INPUT_FILTER_BIAS;
            case ConvTranspose2d c -> INPUT_FILTER_BIAS;
            case Gather g -> INPUT_INDICES;
            case GatherElements g -> INPUT_INDICES;
            case GatherND g -> INPUT_INDICES;
            case ScatterElements s -> INPUT_INDICES_UPDATES;
            case ScatterND s -> INPUT_INDICES_UPDATES;
            case BatchNormalization b -> List.of("input", "mean", "variance", "scale", "bias");
            case InstanceNormalization n -> INPUT_SCALE_BIAS;
            case LayerNormalization n -> INPUT_SCALE_BIAS;
            case Gru g -> List.of(Gru.OPERANDS);
            case GruCell g -> List.of(GruCell.OPERANDS);
            case Lstm l -> List.of(Lstm.OPERANDS);
            case LstmCell l -> List.of(LstmCell.OPERANDS);
            case Concat c -> Collections.nCopies(position + 1, "inputs");
            case ElementwiseUnary u -> INPUT;
            case Reshape r -> INPUT;
            case Cast c -> INPUT;
            case ScalarActivation s -> INPUT;
            case Clamp c -> INPUT;
            case Pool2d p -> INPUT;
            case Resample2d r -> INPUT;
            case Expand e -> INPUT;
            case Pad p -> INPUT;
            case Slice s -> INPUT;
            case Split s -> INPUT;
            case Transpose t -> INPUT;
            case Tile t -> INPUT;
            case Reverse r -> INPUT;
            case Triangular t -> INPUT;
            case Reduce r -> INPUT;
            case ArgMinMax a -> INPUT;
            case CumulativeSum c -> INPUT;
            case Softmax s -> INPUT;
        };
        // The validators reject other arities before the limits are applied.
        return position < names.size() ? names.get(position) : "input" + position;
    }

    /**
     * The name of output {@code index}: split's are all "outputs", the recurrent ops with several outputs number
     * them ("output0", "output1", ...), every other op has one "output".
     */
    public static String output(Op op, int index) {
        return switch (op) {
            case Split s -> "outputs";
            case Gru g -> "output" + index;
            case Lstm l -> "output" + index;
            case LstmCell l -> "output" + index;
            default -> "output";
        };
    }
}
