package dev.webnn.engine.ops;

import dev.webnn.engine.OperandDescriptor;
import java.util.List;

/** One WebNN operation concept with its pure validator. */
public sealed interface Op permits ElementwiseBinary, ElementwiseUnary, Reshape, Matmul, Cast,
        ElementwiseLogical, ScalarActivation, Clamp, Prelu, Where, QuantizeLinear, DequantizeLinear,
        Gemm, Conv2d, ConvTranspose2d, Pool2d, Resample2d,
        Concat, Expand, Pad, Slice, Split, Transpose, Tile, Reverse, Triangular,
        Gather, GatherElements, GatherND, ScatterElements, ScatterND,
        Gru, GruCell, Lstm, LstmCell,
        Reduce, ArgMinMax, CumulativeSum, Softmax, BatchNormalization, InstanceNormalization, LayerNormalization {
    /** The WebNN MLGraphBuilder method name, e.g. "add". */
    String opName();

    /**
     * Runs the spec's validation algorithm for this op.
     *
     * @param inputs positional input descriptors; null marks an absent optional operand
     * @return the output descriptors
     * @throws dev.webnn.engine.ValidationError when the inputs are invalid for this op
     */
    List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs);
}
