package dev.webnn.engine.backend.opencl;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.ops.Clamp;
import dev.webnn.engine.ops.Conv2d;
import dev.webnn.engine.ops.ElementwiseBinary;
import dev.webnn.engine.ops.Gemm;
import dev.webnn.engine.ops.InputLayout;
import dev.webnn.engine.ops.Pool2d;
import dev.webnn.engine.ops.Reshape;
import dev.webnn.engine.ops.Softmax;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * MobileNetV2 (1.0, 224x224, NCHW, float32) with batch normalization folded into the convolutions, as the WebNN
 * samples build it: the shapes and ops of the real network, with seeded random weights (He-scaled, so activations
 * stay in range). For benchmarks; the values mean nothing.
 */
final class MobileNetV2Graph {
    /** Expansion t, output channels c, repeats n, first stride s. */
    private static final int[][] BLOCKS = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1},
            {6, 160, 3, 2}, {6, 320, 1, 1}};

    private final GraphBuilder builder = new GraphBuilder(Long.MAX_VALUE);
    private final Random random = new Random(42);

    private MobileNetV2Graph() {
    }

    static Graph build(int batch) {
        return new MobileNetV2Graph().network(batch);
    }

    private Graph network(int batch) {
        Operand x = builder.input("input", OperandDescriptor.of(DataType.FLOAT32, batch, 3, 224, 224));
        x = conv(x, 3, 32, 3, 2, 1, true);
        int channels = 32;
        for (int[] block : BLOCKS) {
            for (int i = 0; i < block[2]; i++) {
                x = invertedResidual(x, channels, block[1], i == 0 ? block[3] : 1, block[0]);
                channels = block[1];
            }
        }
        x = conv(x, channels, 1280, 1, 1, 1, true);
        x = op(Pool2d.defaults(Pool2d.Kind.AVERAGE_POOL2D), x);
        x = op(new Reshape(new long[] {batch, 1280}), x);
        Operand logits = builder.addOperation(new Gemm(1, 1, false, false),
                Arrays.asList(x, weights(0.05, 1280, 1000), weights(0.01, 1000)), "").getFirst();
        return builder.build(Map.of("output", op(new Softmax(1), logits)));
    }

    private Operand invertedResidual(Operand x, int in, int out, int stride, int expansion) {
        Operand y = x;
        int hidden = in * expansion;
        if (expansion != 1) {
            y = conv(y, in, hidden, 1, 1, 1, true);
        }
        y = conv(y, hidden, hidden, 3, stride, hidden, true);
        y = conv(y, hidden, out, 1, 1, 1, false);
        if (stride == 1 && in == out) {
            y = builder.addOperation(new ElementwiseBinary(ElementwiseBinary.Kind.ADD), List.of(x, y), "").getFirst();
        }
        return y;
    }

    /** A convolution with bias, "same" padding, and relu6 when asked. */
    private Operand conv(Operand x, int in, int out, int kernel, int stride, int groups, boolean relu6) {
        long pad = kernel / 2;
        Conv2d conv = new Conv2d(List.of(pad, pad, pad, pad), List.of((long) stride, (long) stride), null, groups,
                InputLayout.NCHW, Conv2d.FilterLayout.OIHW);
        double scale = Math.sqrt(2.0 / (kernel * kernel * (in / groups)));
        Operand y = builder.addOperation(conv, Arrays.asList(x, weights(scale, out, in / groups, kernel, kernel),
                weights(0.01, out)), "").getFirst();
        return relu6 ? op(new Clamp(0.0, 6.0), y) : y;
    }

    private Operand op(dev.webnn.engine.ops.Op op, Operand input) {
        return builder.addOperation(op, List.of(input), "").getFirst();
    }

    private Operand weights(double scale, long... shape) {
        OperandDescriptor d = OperandDescriptor.of(DataType.FLOAT32, shape);
        double[] values = new double[(int) d.elementCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = scale * (2 * random.nextDouble() - 1) * Math.sqrt(3);
        }
        return builder.constant(d, TensorData.ofFloats(d, values).toBytes());
    }
}
