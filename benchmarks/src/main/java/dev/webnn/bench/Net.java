package dev.webnn.bench;

import java.util.Random;

/**
 * A network described once and emitted to either engine: WebNN through the engine's Java API, or an ONNX model.
 * Weights come from a seeded generator in call order, so both emissions of one description hold the same numbers.
 */
abstract class Net<T> {
    enum Activation { NONE, RELU, RELU6 }

    private final Random weights = new Random(2024);

    abstract T input(long... shape);

    abstract void output(T value, long... shape);

    /** NCHW conv2d with an OIHW constant filter and a bias, then the activation. */
    abstract T conv(T x, int inChannels, int outChannels, int kernel, int stride, int pad, int groups, Activation act);

    abstract T add(T a, T b);

    /** [1, C, H, W] to [1, C, 1, 1]. */
    abstract T globalAveragePool(T x);

    /** [1, C, 1, 1] to [1, C]. */
    abstract T flatten(T x, int channels);

    /** x[m, k] times a constant [k, n], plus a constant bias [n] when asked. */
    abstract T dense(T x, int k, int n, boolean bias);

    /** Values in [-scale, scale), in the order of the calls. */
    float[] weights(int count, double scale) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) ((weights.nextDouble() * 2 - 1) * scale);
        }
        return values;
    }

    /** He-style scale so activations neither vanish nor blow up through a deep network. */
    static double fanInScale(int fanIn) {
        return Math.sqrt(3.0 / fanIn);
    }
}
