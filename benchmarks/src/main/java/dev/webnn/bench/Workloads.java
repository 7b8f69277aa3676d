package dev.webnn.bench;

import java.util.function.Consumer;

/** The benchmark cases, each a network description. */
final class Workloads {
    private Workloads() {
    }

    record Workload(String name, String description, double flops, Consumer<Net<?>> build) {
    }

    static Workload of(String name) {
        return switch (name) {
            case "gemm512" -> gemm(512);
            case "gemm1024" -> gemm(1024);
            case "gemm2048" -> gemm(2048);
            case "conv3x3" -> new Workload(name, "conv2d 3x3, 56x56x64 -> 64, pad 1, bias", 2.0 * 56 * 56 * 64 * 64 * 9,
                    net -> single(net, 64, 56, 64, 3, 1, 1, 1));
            case "depthwise3x3" -> new Workload(name, "depthwise conv2d 3x3, 56x56x144, pad 1, bias",
                    2.0 * 56 * 56 * 144 * 9, net -> single(net, 144, 56, 144, 3, 1, 1, 144));
            case "conv1x1" -> new Workload(name, "conv2d 1x1, 56x56x64 -> 256, bias", 2.0 * 56 * 56 * 64 * 256,
                    net -> single(net, 64, 56, 256, 1, 1, 0, 1));
            case "mobilenetv2" -> new Workload(name, "MobileNetV2 1.0, 224x224, batch 1, fp32", 2 * 300e6,
                    Workloads::mobilenetV2);
            default -> throw new IllegalArgumentException("unknown workload " + name);
        };
    }

    private static Workload gemm(int n) {
        return new Workload("gemm" + n, "GEMM " + n + "x" + n + "x" + n + ", B constant", 2.0 * n * n * n, net -> {
            var x = input(net, n, n);
            output(net, dense(net, x, n, n, false), n, n);
        });
    }

    private static void single(Net<?> net, int inChannels, int size, int outChannels, int kernel, int stride, int pad,
                               int groups) {
        var x = input(net, 1, inChannels, size, size);
        var y = conv(net, x, inChannels, outChannels, kernel, stride, pad, groups, Net.Activation.NONE);
        int out = (size + 2 * pad - kernel) / stride + 1;
        output(net, y, 1, outChannels, out, out);
    }

    /**
     * MobileNetV2 (width 1.0) as exported for inference, batch normalization folded into the convolutions: a 3x3
     * stem, 17 inverted-residual blocks (1x1 expand, 3x3 depthwise, 1x1 project, relu6, residual adds), a 1x1 to
     * 1280 channels, global average pooling and a 1000-way dense layer.
     */
    private static void mobilenetV2(Net<?> net) {
        var x = input(net, 1, 3, 224, 224);
        x = conv(net, x, 3, 32, 3, 2, 1, 1, Net.Activation.RELU6);
        int channels = 32;
        int[][] settings = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2},
                {6, 320, 1, 1}};
        for (int[] s : settings) {
            for (int i = 0; i < s[2]; i++) {
                int stride = i == 0 ? s[3] : 1;
                x = invertedResidual(net, x, channels, s[1], stride, s[0]);
                channels = s[1];
            }
        }
        x = conv(net, x, channels, 1280, 1, 1, 0, 1, Net.Activation.RELU6);
        var pooled = pool(net, x);
        var flat = flatten(net, pooled, 1280);
        output(net, dense(net, flat, 1280, 1000, true), 1, 1000);
    }

    private static Object invertedResidual(Net<?> net, Object x, int in, int out, int stride, int expansion) {
        int hidden = in * expansion;
        Object y = x;
        if (expansion != 1) {
            y = conv(net, y, in, hidden, 1, 1, 0, 1, Net.Activation.RELU6);
        }
        y = conv(net, y, hidden, hidden, 3, stride, 1, hidden, Net.Activation.RELU6);
        y = conv(net, y, hidden, out, 1, 1, 0, 1, Net.Activation.NONE);
        return stride == 1 && in == out ? add(net, x, y) : y;
    }

    // Unchecked bridges: a workload is written once against Net<?> and its values are passed back unchanged.

    @SuppressWarnings("unchecked")
    private static Object input(Net<?> net, long... shape) {
        return ((Net<Object>) net).input(shape);
    }

    @SuppressWarnings("unchecked")
    private static void output(Net<?> net, Object value, long... shape) {
        ((Net<Object>) net).output(value, shape);
    }

    @SuppressWarnings("unchecked")
    private static Object conv(Net<?> net, Object x, int in, int out, int kernel, int stride, int pad, int groups,
                               Net.Activation act) {
        return ((Net<Object>) net).conv(x, in, out, kernel, stride, pad, groups, act);
    }

    @SuppressWarnings("unchecked")
    private static Object add(Net<?> net, Object a, Object b) {
        return ((Net<Object>) net).add(a, b);
    }

    @SuppressWarnings("unchecked")
    private static Object pool(Net<?> net, Object x) {
        return ((Net<Object>) net).globalAveragePool(x);
    }

    @SuppressWarnings("unchecked")
    private static Object flatten(Net<?> net, Object x, int channels) {
        return ((Net<Object>) net).flatten(x, channels);
    }

    @SuppressWarnings("unchecked")
    private static Object dense(Net<?> net, Object x, int k, int n, boolean bias) {
        return ((Net<Object>) net).dense(x, k, n, bias);
    }
}
