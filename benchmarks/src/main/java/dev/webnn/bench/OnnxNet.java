package dev.webnn.bench;

import java.util.ArrayList;
import java.util.List;

/** The same description as an ONNX model (Conv, Clip, Add, GlobalAveragePool, Flatten, Gemm). */
final class OnnxNet extends Net<String> {
    final OnnxWriter writer = new OnnxWriter();
    private String zero;
    private String six;

    @Override
    String input(long... shape) {
        writer.input("input", shape);
        return "input";
    }

    @Override
    void output(String value, long... shape) {
        // ONNX names the output after its producer; an Identity gives it the name callers use.
        String out = writer.node("Identity", List.of(value));
        writer.output(out, shape);
        outputName = out;
    }

    String outputName;

    @Override
    String conv(String x, int in, int out, int kernel, int stride, int pad, int groups, Activation act) {
        int perGroup = in / groups;
        String filter = writer.initializer(weights(out * perGroup * kernel * kernel,
                fanInScale(perGroup * kernel * kernel)), out, perGroup, kernel, kernel);
        String bias = writer.initializer(weights(out, 0.1), out);
        String y = writer.node("Conv", List.of(x, filter, bias), "kernel_shape", new long[] {kernel, kernel},
                "strides", new long[] {stride, stride}, "pads", new long[] {pad, pad, pad, pad}, "group", (long) groups);
        return switch (act) {
            case NONE -> y;
            case RELU -> writer.node("Relu", List.of(y));
            case RELU6 -> {
                if (zero == null) {
                    zero = writer.initializer(new float[] {0f});
                    six = writer.initializer(new float[] {6f});
                }
                yield writer.node("Clip", List.of(y, zero, six));
            }
        };
    }

    @Override
    String add(String a, String b) {
        return writer.node("Add", List.of(a, b));
    }

    @Override
    String globalAveragePool(String x) {
        return writer.node("GlobalAveragePool", List.of(x));
    }

    @Override
    String flatten(String x, int channels) {
        return writer.node("Flatten", List.of(x), "axis", 1L);
    }

    @Override
    String dense(String x, int k, int n, boolean bias) {
        List<String> in = new ArrayList<>(List.of(x, writer.initializer(weights(k * n, fanInScale(k)), k, n)));
        if (bias) {
            in.add(writer.initializer(weights(n, 0.1), n));
        }
        return writer.node("Gemm", in);
    }
}
