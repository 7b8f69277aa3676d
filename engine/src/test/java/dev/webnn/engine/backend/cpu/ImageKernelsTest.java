package dev.webnn.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The NHWC depthwise kernel directly: its vector paths against its scalar twin, and taps over the padding; the
 * transpose that reorders NCHW and NHWC.
 */
class ImageKernelsTest {
    @AfterEach
    void vectorsBackOn() {
        Vectors.setEnabled(true);
    }

    /**
     * The vector kernels accumulate each output in the scalar twin's tap order, so both give the same bits: strides
     * 1 and 2 past a block of pixels, dilation, padding that leaves top rows one filter row, a 5x5 filter, a row with
     * no pixel whose window lies inside, channels with a scalar tail.
     */
    @Test
    void depthwiseVectorsMatchTheScalarTwinExactly() {
        int[][] geometries = {
            // inHeight, inWidth, channels, kernel, stride, dilation, padTop, padBottom, padLeft, padRight
            {6, 40, 37, 3, 1, 1, 1, 1, 1, 1},
            // Two rows at a time: an odd row count (the last pair spans two images) and an odd inside width.
            {7, 41, 24, 3, 1, 1, 1, 1, 1, 1},
            {7, 79, 48, 3, 2, 1, 1, 1, 1, 1},
            {5, 77, 37, 3, 2, 1, 2, 0, 0, 1},
            {9, 41, 20, 3, 2, 2, 2, 1, 2, 1},
            {7, 9, 33, 5, 1, 1, 2, 2, 2, 2},
            {4, 2, 17, 3, 1, 1, 3, 3, 1, 1},
        };
        Random random = new Random(6);
        for (int[] s : geometries) {
            int span = (s[3] - 1) * s[5] + 1;
            int outHeight = (s[0] + s[6] + s[7] - span) / s[4] + 1;
            int outWidth = (s[1] + s[8] + s[9] - span) / s[4] + 1;
            var g = new ImageKernels.Geometry(2, s[0], s[1], s[2], outHeight, outWidth, s[2], s[3], s[3], s[4], s[4],
                    s[5], s[5], s[6], s[8]);
            float[] x = randoms(random, 2 * s[0] * s[1] * s[2]);
            float[] w = randoms(random, s[3] * s[3] * s[2]);
            float[] bias = randoms(random, s[2]);
            float[] vector = new float[2 * outHeight * outWidth * s[2]];
            float[] scalar = new float[vector.length];
            ImageKernels.depthwise(x, w, bias, vector, g, new Pointwise.Bounds(-0.5f, 0.75f), new Pointwise.Stage[0]);
            Vectors.setEnabled(false);
            ImageKernels.depthwise(x, w, bias, scalar, g, new Pointwise.Bounds(-0.5f, 0.75f), new Pointwise.Stage[0]);
            Vectors.setEnabled(true);
            assertArrayEquals(scalar, vector, () -> "geometry " + Arrays.toString(s));
        }
    }

    /**
     * Every element lands at its transposed place, with vectors (16 x 16 register blocks, gathered leftover columns,
     * scalar leftover rows, three rows interleaved) and without: rows and columns that are whole blocks, whole tiles of
     * 32, and neither, from and to offsets inside wider rows or packed. Elements of y outside the target stay
     * untouched.
     */
    @Test
    void transposeMovesEveryElementToItsTransposedPlace() {
        int[][] shapes = {{16, 16}, {64, 56}, {132, 64}, {37, 45}, {5, 70}, {70, 5}, {1, 1}, {3, 50}, {3, 15}};
        for (boolean vectors : new boolean[] {true, false}) {
            for (int[] shape : shapes) {
                for (boolean packed : new boolean[] {true, false}) {
                    int rows = shape[0];
                    int columns = shape[1];
                    int xStride = columns + 3;
                    int yStride = packed ? rows : rows + 5;
                    int from = 2;
                    int to = 7;
                    float[] x = new float[from + rows * xStride];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = i;
                    }
                    float[] y = new float[to + columns * yStride];
                    Arrays.fill(y, -1f);
                    ImageKernels.transpose(x, from, xStride, y, to, yStride, rows, columns, vectors);
                    for (int i = 0; i < y.length; i++) {
                        int col = (i - to) / yStride;
                        int r = (i - to) % yStride;
                        boolean target = i >= to && r < rows;
                        float expected = target ? from + r * xStride + col : -1f;
                        int at = i;
                        assertEquals(expected, y[i], () -> rows + "x" + columns + " vectors " + vectors + " y stride "
                                + yStride + " at " + at);
                    }
                }
            }
        }
    }

    /**
     * Taps over the padding are skipped, not multiplied by zero, so a NaN or infinite weight there adds nothing: ones
     * in, a 7x7 image padded by 1, NaN in filter row 0 (then infinity in filter column 2). A top corner sums its four
     * inside taps and a top edge pixel its six, while pixels whose filter row 0 lies inside are NaN; likewise for
     * the right edge.
     */
    @Test
    void depthwiseSkipsTapsOverThePadding() {
        int channels = 18;
        int size = 7;
        var g = new ImageKernels.Geometry(1, size, size, channels, size, size, channels, 3, 3, 1, 1, 1, 1, 1, 1);
        float[] x = new float[size * size * channels];
        Arrays.fill(x, 1f);
        for (boolean vectors : new boolean[] {true, false}) {
            Vectors.setEnabled(vectors);
            float[] w = new float[9 * channels];
            Arrays.fill(w, 1f);
            Arrays.fill(w, 0, 3 * channels, Float.NaN);
            float[] y = depthwise(x, w, g);
            for (int c = 0; c < channels; c++) {
                String where = "channel " + c + ", vectors " + vectors;
                assertEquals(4f, y[at(0, 0, c, size, channels)], where);
                assertEquals(6f, y[at(0, 3, c, size, channels)], where);
                assertEquals(4f, y[at(0, 6, c, size, channels)], where);
                assertEquals(Float.NaN, y[at(3, 3, c, size, channels)], where);
                assertEquals(Float.NaN, y[at(6, 3, c, size, channels)], where);
            }
            Arrays.fill(w, 1f);
            for (int tap : new int[] {2, 5, 8}) {
                Arrays.fill(w, tap * channels, (tap + 1) * channels, Float.POSITIVE_INFINITY);
            }
            y = depthwise(x, w, g);
            for (int c = 0; c < channels; c++) {
                String where = "channel " + c + ", vectors " + vectors;
                assertEquals(6f, y[at(3, 6, c, size, channels)], where);
                assertEquals(4f, y[at(6, 6, c, size, channels)], where);
                assertEquals(Float.POSITIVE_INFINITY, y[at(3, 0, c, size, channels)], where);
                assertEquals(Float.POSITIVE_INFINITY, y[at(3, 4, c, size, channels)], where);
            }
        }
    }

    private static float[] depthwise(float[] x, float[] w, ImageKernels.Geometry g) {
        float[] y = new float[g.outHeight() * g.outWidth() * g.outChannels()];
        ImageKernels.depthwise(x, w, null, y, g, null, new Pointwise.Stage[0]);
        return y;
    }

    private static int at(int row, int column, int channel, int width, int channels) {
        return (row * width + column) * channels + channel;
    }

    private static float[] randoms(Random random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }
}
