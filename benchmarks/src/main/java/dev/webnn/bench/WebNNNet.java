package dev.webnn.bench;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.ops.Clamp;
import dev.webnn.engine.ops.Conv2d;
import dev.webnn.engine.ops.ElementwiseBinary;
import dev.webnn.engine.ops.ElementwiseUnary;
import dev.webnn.engine.ops.Gemm;
import dev.webnn.engine.ops.InputLayout;
import dev.webnn.engine.ops.Pool2d;
import dev.webnn.engine.ops.Reshape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A network built through the engine's Java API, as a WebNN user would write it (NCHW, OIHW). */
final class WebNNNet extends Net<Operand> {
    final GraphBuilder builder;
    final Map<String, Operand> outputs = new LinkedHashMap<>();
    OperandDescriptor inputDescriptor;
    OperandDescriptor outputDescriptor;

    WebNNNet(GraphBuilder builder) {
        this.builder = builder;
    }

    private Operand constant(float[] values, long... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return builder.constant(OperandDescriptor.of(DataType.FLOAT32, shape), bytes);
    }

    private Operand op(dev.webnn.engine.ops.Op op, Operand... inputs) {
        return builder.addOperation(op, Arrays.asList(inputs), "").get(0);
    }

    @Override
    Operand input(long... shape) {
        inputDescriptor = OperandDescriptor.of(DataType.FLOAT32, shape);
        return builder.input("input", inputDescriptor);
    }

    @Override
    void output(Operand value, long... shape) {
        outputDescriptor = OperandDescriptor.of(DataType.FLOAT32, shape);
        outputs.put("output", value);
    }

    @Override
    Operand conv(Operand x, int in, int out, int kernel, int stride, int pad, int groups, Activation act) {
        int perGroup = in / groups;
        Operand filter = constant(weights(out * perGroup * kernel * kernel, fanInScale(perGroup * kernel * kernel)),
                out, perGroup, kernel, kernel);
        Operand bias = constant(weights(out, 0.1), out);
        long p = pad;
        long s = stride;
        Conv2d conv = new Conv2d(List.of(p, p, p, p), List.of(s, s), null, groups, InputLayout.NCHW,
                Conv2d.FilterLayout.OIHW);
        Operand y = op(conv, x, filter, bias);
        return switch (act) {
            case NONE -> y;
            case RELU -> op(new ElementwiseUnary(ElementwiseUnary.Kind.RELU), y);
            case RELU6 -> op(new Clamp(0.0, 6.0), y);
        };
    }

    @Override
    Operand add(Operand a, Operand b) {
        return op(new ElementwiseBinary(ElementwiseBinary.Kind.ADD), a, b);
    }

    @Override
    Operand globalAveragePool(Operand x) {
        return op(Pool2d.defaults(Pool2d.Kind.AVERAGE_POOL2D), x);
    }

    @Override
    Operand flatten(Operand x, int channels) {
        return op(new Reshape(new long[] {1, channels}), x);
    }

    @Override
    Operand dense(Operand x, int k, int n, boolean bias) {
        Operand b = constant(weights(k * n, fanInScale(k)), k, n);
        Operand c = bias ? constant(weights(n, 0.1), n) : null;
        return builder.addOperation(Gemm.defaults(), Arrays.asList(x, b, c), "").get(0);
    }
}
