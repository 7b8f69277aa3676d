package dev.webnn.engine.backend.cpu;

import dev.webnn.engine.ops.Conv2d;
import dev.webnn.engine.ops.Pool2d;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * conv2d and pooling on NHWC storage. conv2d is a GEMM: output pixels by (kernel row, kernel column, input
 * channel) times the packed filter. A 1x1 unit-stride conv2d reads its input as the A matrix in place; a wider
 * filter reads each tap's input rows in place too (from a zero-padded copy when it pads), and only one with few
 * input channels gathers A block by block (im2col per block, never a whole im2col buffer). Depthwise conv2d and
 * the pools run along the channels, a vector of channels at a time.
 */
final class ImageKernels {
    private ImageKernels() {
    }

    /** A window op's geometry in NHWC terms. */
    record Geometry(int batches, int inHeight, int inWidth, int inChannels, int outHeight, int outWidth,
                    int outChannels, int kernelHeight, int kernelWidth, int strideY, int strideX, int dilationY,
                    int dilationX, int padTop, int padLeft) {
        static Geometry of(Conv2d.Geometry g) {
            return new Geometry((int) g.batches(), (int) g.inputHeight(), (int) g.inputWidth(),
                    (int) g.inputChannels(), (int) g.outputHeight(), (int) g.outputWidth(), (int) g.outputChannels(),
                    (int) g.filterHeight(), (int) g.filterWidth(), (int) g.strides()[0], (int) g.strides()[1],
                    (int) g.dilations()[0], (int) g.dilations()[1], (int) g.padding()[0], (int) g.padding()[2]);
        }

        /** A pool's geometry from its storage shapes, [N, H, W, C] both. */
        static Geometry of(Pool2d.Geometry g, long[] inNhwc, long[] outNhwc) {
            return new Geometry((int) inNhwc[0], (int) inNhwc[1], (int) inNhwc[2], (int) inNhwc[3],
                    (int) outNhwc[1], (int) outNhwc[2], (int) inNhwc[3], (int) g.window()[0], (int) g.window()[1],
                    (int) g.strides()[0], (int) g.strides()[1], (int) g.dilations()[0], (int) g.dilations()[1],
                    (int) g.padding()[0], (int) g.padding()[2]);
        }

        boolean isPointwise() {
            return kernelHeight == 1 && kernelWidth == 1 && strideY == 1 && strideX == 1 && padTop == 0
                    && padLeft == 0 && outHeight == inHeight && outWidth == inWidth;
        }

        int gemmRows() {
            return batches * outHeight * outWidth;
        }

        int gemmDepth() {
            return kernelHeight * kernelWidth * inChannels;
        }
    }

    /**
     * Whether conv2d reads each filter tap's input rows in place (from a zero-padded copy when it pads), so each K
     * block lies within one tap; with few input channels a block would be too short, and A is gathered instead.
     */
    static boolean readsTapsInPlace(Geometry g) {
        return !g.isPointwise() && g.inChannels() >= 16;
    }

    /** The filter as B[(kh, kw, ic)][oc]; element (oc, ic, kh, kw) sits where the layout puts it. */
    static GemmKernel.PackedB packFilter(float[] w, long[] filterShape, Conv2d.FilterLayout layout, Geometry g) {
        int segment = readsTapsInPlace(g) ? g.inChannels() : Math.max(1, g.gemmDepth());
        return GemmKernel.PackedB.pack(tapMatrix(w, filterShape, layout, g), 0, g.gemmDepth(), g.outChannels(),
                g.outChannels(), 1, segment, g.gemmRows());
    }

    /** The filter as a row-major matrix [(kh, kw, ic)][oc]: per tap and input channel, a row of output channels. */
    static float[] tapMatrix(float[] w, long[] filterShape, Conv2d.FilterLayout layout, Geometry g) {
        int[] strides = FilterIndex.strides(filterShape, layout);
        float[] b = new float[g.gemmDepth() * g.outChannels()];
        int k = 0;
        for (int kh = 0; kh < g.kernelHeight(); kh++) {
            for (int kw = 0; kw < g.kernelWidth(); kw++) {
                for (int ic = 0; ic < g.inChannels(); ic++, k++) {
                    for (int oc = 0; oc < g.outChannels(); oc++) {
                        b[k * g.outChannels() + oc] = w[oc * strides[0] + ic * strides[1] + kh * strides[2] + kw * strides[3]];
                    }
                }
            }
        }
        return b;
    }

    /**
     * The filter for {@link #convFewChannels}: the tap matrix two blocks of output channels (vectors) at a time, as
     * the few-channel tiles take them, element (k, oc) at (oc / 2L) * depth * 2L + k * 2L + oc % 2L for L lanes (a
     * last lone block padded with zeros). A tile's weights then step through the taps by a constant from one base:
     * read at k * outChannels + oc, the tiles multiplied in every step (outChannels is not known to the JIT) and kept
     * the weights' bounds checks in the loop; the stem ran in 0.460-0.464 ms against 0.417-0.419 (224x224x3 to 32
     * channels, one thread).
     */
    static float[] fewChannelsTaps(float[] w, long[] filterShape, Conv2d.FilterLayout layout, Geometry g) {
        float[] matrix = tapMatrix(w, filterShape, layout, g);
        int depth = g.gemmDepth();
        int channels = g.outChannels();
        float[] pairs = new float[(channels + FEW_CHANNELS_GROUP - 1) / FEW_CHANNELS_GROUP * depth * FEW_CHANNELS_GROUP];
        for (int k = 0; k < depth; k++) {
            for (int oc = 0; oc < channels; oc++) {
                pairs[fewChannelsTap(oc, depth) + k * FEW_CHANNELS_GROUP] = matrix[k * channels + oc];
            }
        }
        return pairs;
    }

    /** Output channels whose weights lie together in {@link #fewChannelsTaps}: two vectors. */
    private static final int FEW_CHANNELS_GROUP = 2 * Vectors.LANES;

    /** Where output channel oc's weight for the first tap lies in {@link #fewChannelsTaps}; the next are a group on. */
    private static int fewChannelsTap(int oc, int depth) {
        return oc / FEW_CHANNELS_GROUP * depth * FEW_CHANNELS_GROUP + oc % FEW_CHANNELS_GROUP;
    }

    /**
     * Whether {@link #convFewChannels} runs a one-group conv2d: a spatial filter over few input channels (an image
     * model's stem), where the GEMM would gather an im2col block only a few dozen deep per output pixel.
     */
    static boolean convsFewChannels(Geometry g) {
        return !g.isPointwise() && !readsTapsInPlace(g) && g.outChannels() % Vectors.LANES == 0
                && g.gemmDepth() <= 256;
    }

    /**
     * Where input element (batch, y, x, channel) lies: batch * image + y * row + x * pixel + channel * channel, for
     * an NHWC or an NCHW input alike.
     */
    record InputStrides(int image, int row, int pixel, int channel) {
        static InputStrides of(Geometry g, boolean nchw) {
            int plane = g.inHeight() * g.inWidth();
            return nchw ? new InputStrides(g.inChannels() * plane, g.inWidth(), 1, plane)
                    : new InputStrides(g.inChannels() * plane, g.inWidth() * g.inChannels(), g.inChannels(), 1);
        }

        int at(int batch, int y, int x) {
            return batch * image + y * row + x * pixel;
        }
    }

    /**
     * One-group conv2d with few input channels, directly on its NHWC or NCHW input (the network's image, read
     * without a reorder step): per block of output channels (a vector), four output pixels at a time, each input
     * value broadcast against its tap's weight vector, starting from the bias; the clamp as results are stored, then
     * the stages per row. Output is NHWC. Taps outside the input are skipped, never multiplied by a padded zero, so
     * infinite or NaN weights there add nothing, as in the reference.
     */
    static void convFewChannels(float[] x, boolean nchwInput, float[] taps, float[] bias, float[] out, Geometry g,
                                Pointwise.Bounds clamp, Pointwise.Stage[] stages) {
        InputStrides in = InputStrides.of(g, nchwInput);
        int channels = g.outChannels();
        float min = clamp == null ? Float.NEGATIVE_INFINITY : clamp.min();
        float max = clamp == null ? Float.POSITIVE_INFINITY : clamp.max();
        // Output columns [from, to] have every filter column inside the input.
        int[] inside = insideColumns(g);
        int from = inside[0];
        int to = inside[1];
        int[] offsets = new int[g.gemmDepth()];
        for (int kh = 0, t = 0; kh < g.kernelHeight(); kh++) {
            for (int kw = 0; kw < g.kernelWidth(); kw++) {
                for (int c = 0; c < g.inChannels(); c++, t++) {
                    offsets[t] = kh * g.dilationY() * in.row() + kw * g.dilationX() * in.pixel() + c * in.channel();
                }
            }
        }
        CpuThreads.forEach(g.batches() * g.outHeight(), row -> {
            int batch = row / g.outHeight();
            int iy0 = row % g.outHeight() * g.strideY() - g.padTop();
            int rowStart = row * g.outWidth() * channels;
            // The taps of the filter rows inside the input, a run of offsets (taps go by filter row first).
            int rowFrom = firstTapInside(iy0, g.dilationY());
            int rowTo = Math.max(rowFrom, tapsInside(iy0, g.dilationY(), g.inHeight(), g.kernelHeight()));
            boolean rowsInside = rowFrom == 0 && rowTo == g.kernelHeight();
            int tapsPerRow = g.kernelWidth() * g.inChannels();
            int cb = 0;
            // Two blocks of output channels at a time where there are two: eight pixels by two vectors share each
            // input broadcast and weight load (sixteen accumulators), 16 FMAs per 10 loads against 4 per 5 for one
            // block (four pixels by two, 8 per 6, ran MobileNetV2's stem in 0.557 ms against 0.414). Eight cover a run
            // of eight or more inside columns, the last eight overlapping the ones before (stored twice, the same
            // values); the taps of filter rows outside the input are left out, so that a padded row takes them too.
            // Narrower runs go a block at a time.
            // AVX2's 16 registers take six pixels by two vectors (twelve accumulators, the most that fit beside
            // the two weight vectors and a broadcast): at sixteen C2 spilled, and the stem ran in 1.22 ms against ONNX
            // Runtime's 0.5; at eight it ran in 0.519 ms, at ten 0.482, at twelve 0.470 (0.272, 0.243 on 2 threads).
            int pixels = Vectors.WIDE_REGISTER_FILE ? 8 : 6;
            for (; cb + 2 * Vectors.LANES <= channels; cb += 2 * Vectors.LANES) {
                int ox = Math.min(from, g.outWidth());
                if (to - from >= pixels - 1) {
                    for (; ox <= to; ox += pixels) {
                        int first = Math.min(ox, to + 1 - pixels);
                        if (pixels == 8) {
                            fewChannelsOctetPair(x, in, taps, bias, out, g, offsets, rowFrom * tapsPerRow,
                                    rowTo * tapsPerRow, batch, iy0, first, rowStart, cb, min, max);
                        } else {
                            fewChannelsSextetPair(x, in, taps, bias, out, g, offsets, rowFrom * tapsPerRow,
                                    rowTo * tapsPerRow, batch, iy0, first, rowStart, cb, min, max);
                        }
                    }
                    ox = to + 1;
                }
                for (int block = cb; block < cb + 2 * Vectors.LANES; block += Vectors.LANES) {
                    fewChannelsRowPart(x, in, taps, bias, out, g, offsets, batch, iy0, rowStart, block, min, max,
                            rowsInside, from, to, ox);
                }
            }
            for (; cb < channels; cb += Vectors.LANES) {
                fewChannelsRowPart(x, in, taps, bias, out, g, offsets, batch, iy0, rowStart, cb, min, max,
                        rowsInside, from, to, 0);
            }
            Pointwise.apply(stages, out, rowStart, rowStart + g.outWidth() * channels, Vectors.enabled());
        });
    }

    /**
     * One block of output channels along a row, except the output pixels from {@code from} up to {@code done}, which
     * the eight-pixel tile already wrote (done is at most from when it did not run): four pixels at a time where every
     * filter column lies inside the input, one at a time elsewhere.
     */
    private static void fewChannelsRowPart(float[] x, InputStrides in, float[] taps, float[] bias, float[] out,
                                           Geometry g, int[] offsets, int batch, int iy0, int rowStart, int cb,
                                           float min, float max, boolean rowsInside, int from, int to, int done) {
        int ox = 0;
        if (rowsInside || done > from) {
            for (; ox < from; ox++) {
                fewChannelsPixel(x, in, taps, bias, out, g, batch, iy0, ox, rowStart, cb, min, max);
            }
            ox = Math.max(ox, done);
        }
        if (rowsInside) {
            for (; ox + 3 <= to; ox += 4) {
                fewChannelsQuad(x, in, taps, bias, out, g, offsets, batch, iy0, ox, rowStart, cb, min, max);
            }
        }
        for (; ox < g.outWidth(); ox++) {
            fewChannelsPixel(x, in, taps, bias, out, g, batch, iy0, ox, rowStart, cb, min, max);
        }
    }

    /**
     * Eight adjacent output pixels whose filter columns all lie inside the input, for two blocks of output channels,
     * over taps [tapFrom, tapTo) (the filter rows inside it): sixteen accumulators.
     */
    private static void fewChannelsOctetPair(float[] x, InputStrides in, float[] taps, float[] bias, float[] out,
                                             Geometry g, int[] offsets, int tapFrom, int tapTo, int batch, int iy0,
                                             int ox, int rowStart, int cb, float min, float max) {
        int oc = g.outChannels();
        int weights = fewChannelsTap(cb, g.gemmDepth());
        int step = g.strideX() * in.pixel();
        int base = in.at(batch, iy0, ox * g.strideX() - g.padLeft());
        FloatVector a0 = initial(bias, cb);
        FloatVector b0 = initial(bias, cb + Vectors.LANES);
        FloatVector a1 = a0;
        FloatVector b1 = b0;
        FloatVector a2 = a0;
        FloatVector b2 = b0;
        FloatVector a3 = a0;
        FloatVector b3 = b0;
        FloatVector a4 = a0;
        FloatVector b4 = b0;
        FloatVector a5 = a0;
        FloatVector b5 = b0;
        FloatVector a6 = a0;
        FloatVector b6 = b0;
        FloatVector a7 = a0;
        FloatVector b7 = b0;
        for (int t = tapFrom; t < tapTo; t++) {
            FloatVector w0 = FloatVector.fromArray(Vectors.F, taps, weights + t * FEW_CHANNELS_GROUP);
            FloatVector w1 = FloatVector.fromArray(Vectors.F, taps, weights + t * FEW_CHANNELS_GROUP + Vectors.LANES);
            int p = base + offsets[t];
            FloatVector v = FloatVector.broadcast(Vectors.F, x[p]);
            a0 = v.fma(w0, a0);
            b0 = v.fma(w1, b0);
            v = FloatVector.broadcast(Vectors.F, x[p + step]);
            a1 = v.fma(w0, a1);
            b1 = v.fma(w1, b1);
            v = FloatVector.broadcast(Vectors.F, x[p + 2 * step]);
            a2 = v.fma(w0, a2);
            b2 = v.fma(w1, b2);
            v = FloatVector.broadcast(Vectors.F, x[p + 3 * step]);
            a3 = v.fma(w0, a3);
            b3 = v.fma(w1, b3);
            v = FloatVector.broadcast(Vectors.F, x[p + 4 * step]);
            a4 = v.fma(w0, a4);
            b4 = v.fma(w1, b4);
            v = FloatVector.broadcast(Vectors.F, x[p + 5 * step]);
            a5 = v.fma(w0, a5);
            b5 = v.fma(w1, b5);
            v = FloatVector.broadcast(Vectors.F, x[p + 6 * step]);
            a6 = v.fma(w0, a6);
            b6 = v.fma(w1, b6);
            v = FloatVector.broadcast(Vectors.F, x[p + 7 * step]);
            a7 = v.fma(w0, a7);
            b7 = v.fma(w1, b7);
        }
        FloatVector lo = FloatVector.broadcast(Vectors.F, min);
        FloatVector hi = FloatVector.broadcast(Vectors.F, max);
        // Pointwise.clamped written out: the JIT declined to inline that call here and boxed every accumulator.
        int at = rowStart + ox * oc + cb;
        int second = at + Vectors.LANES;
        a0 = a0.blend(lo, a0.compare(VectorOperators.LT, lo));
        a0 = a0.blend(hi, a0.compare(VectorOperators.GT, hi));
        a0.intoArray(out, at);
        b0 = b0.blend(lo, b0.compare(VectorOperators.LT, lo));
        b0 = b0.blend(hi, b0.compare(VectorOperators.GT, hi));
        b0.intoArray(out, second);
        a1 = a1.blend(lo, a1.compare(VectorOperators.LT, lo));
        a1 = a1.blend(hi, a1.compare(VectorOperators.GT, hi));
        a1.intoArray(out, at + oc);
        b1 = b1.blend(lo, b1.compare(VectorOperators.LT, lo));
        b1 = b1.blend(hi, b1.compare(VectorOperators.GT, hi));
        b1.intoArray(out, second + oc);
        a2 = a2.blend(lo, a2.compare(VectorOperators.LT, lo));
        a2 = a2.blend(hi, a2.compare(VectorOperators.GT, hi));
        a2.intoArray(out, at + 2 * oc);
        b2 = b2.blend(lo, b2.compare(VectorOperators.LT, lo));
        b2 = b2.blend(hi, b2.compare(VectorOperators.GT, hi));
        b2.intoArray(out, second + 2 * oc);
        a3 = a3.blend(lo, a3.compare(VectorOperators.LT, lo));
        a3 = a3.blend(hi, a3.compare(VectorOperators.GT, hi));
        a3.intoArray(out, at + 3 * oc);
        b3 = b3.blend(lo, b3.compare(VectorOperators.LT, lo));
        b3 = b3.blend(hi, b3.compare(VectorOperators.GT, hi));
        b3.intoArray(out, second + 3 * oc);
        a4 = a4.blend(lo, a4.compare(VectorOperators.LT, lo));
        a4 = a4.blend(hi, a4.compare(VectorOperators.GT, hi));
        a4.intoArray(out, at + 4 * oc);
        b4 = b4.blend(lo, b4.compare(VectorOperators.LT, lo));
        b4 = b4.blend(hi, b4.compare(VectorOperators.GT, hi));
        b4.intoArray(out, second + 4 * oc);
        a5 = a5.blend(lo, a5.compare(VectorOperators.LT, lo));
        a5 = a5.blend(hi, a5.compare(VectorOperators.GT, hi));
        a5.intoArray(out, at + 5 * oc);
        b5 = b5.blend(lo, b5.compare(VectorOperators.LT, lo));
        b5 = b5.blend(hi, b5.compare(VectorOperators.GT, hi));
        b5.intoArray(out, second + 5 * oc);
        a6 = a6.blend(lo, a6.compare(VectorOperators.LT, lo));
        a6 = a6.blend(hi, a6.compare(VectorOperators.GT, hi));
        a6.intoArray(out, at + 6 * oc);
        b6 = b6.blend(lo, b6.compare(VectorOperators.LT, lo));
        b6 = b6.blend(hi, b6.compare(VectorOperators.GT, hi));
        b6.intoArray(out, second + 6 * oc);
        a7 = a7.blend(lo, a7.compare(VectorOperators.LT, lo));
        a7 = a7.blend(hi, a7.compare(VectorOperators.GT, hi));
        a7.intoArray(out, at + 7 * oc);
        b7 = b7.blend(lo, b7.compare(VectorOperators.LT, lo));
        b7 = b7.blend(hi, b7.compare(VectorOperators.GT, hi));
        b7.intoArray(out, second + 7 * oc);
    }

    /**
     * Six adjacent output pixels whose filter columns all lie inside the input, for two blocks of output channels,
     * over taps [tapFrom, tapTo): the eight-pixel tile's work for a 16-register file, twelve accumulators.
     */
    private static void fewChannelsSextetPair(float[] x, InputStrides in, float[] taps, float[] bias, float[] out,
                                              Geometry g, int[] offsets, int tapFrom, int tapTo, int batch, int iy0,
                                              int ox, int rowStart, int cb, float min, float max) {
        int oc = g.outChannels();
        int weights = fewChannelsTap(cb, g.gemmDepth());
        int step = g.strideX() * in.pixel();
        int base = in.at(batch, iy0, ox * g.strideX() - g.padLeft());
        FloatVector a0 = initial(bias, cb);
        FloatVector b0 = initial(bias, cb + Vectors.LANES);
        FloatVector a1 = a0;
        FloatVector b1 = b0;
        FloatVector a2 = a0;
        FloatVector b2 = b0;
        FloatVector a3 = a0;
        FloatVector b3 = b0;
        FloatVector a4 = a0;
        FloatVector b4 = b0;
        FloatVector a5 = a0;
        FloatVector b5 = b0;
        for (int t = tapFrom; t < tapTo; t++) {
            FloatVector w0 = FloatVector.fromArray(Vectors.F, taps, weights + t * FEW_CHANNELS_GROUP);
            FloatVector w1 = FloatVector.fromArray(Vectors.F, taps, weights + t * FEW_CHANNELS_GROUP + Vectors.LANES);
            int p = base + offsets[t];
            FloatVector v = FloatVector.broadcast(Vectors.F, x[p]);
            a0 = v.fma(w0, a0);
            b0 = v.fma(w1, b0);
            v = FloatVector.broadcast(Vectors.F, x[p + step]);
            a1 = v.fma(w0, a1);
            b1 = v.fma(w1, b1);
            v = FloatVector.broadcast(Vectors.F, x[p + 2 * step]);
            a2 = v.fma(w0, a2);
            b2 = v.fma(w1, b2);
            v = FloatVector.broadcast(Vectors.F, x[p + 3 * step]);
            a3 = v.fma(w0, a3);
            b3 = v.fma(w1, b3);
            v = FloatVector.broadcast(Vectors.F, x[p + 4 * step]);
            a4 = v.fma(w0, a4);
            b4 = v.fma(w1, b4);
            v = FloatVector.broadcast(Vectors.F, x[p + 5 * step]);
            a5 = v.fma(w0, a5);
            b5 = v.fma(w1, b5);
        }
        FloatVector lo = FloatVector.broadcast(Vectors.F, min);
        FloatVector hi = FloatVector.broadcast(Vectors.F, max);
        int at = rowStart + ox * oc + cb;
        int second = at + Vectors.LANES;
        // Pointwise.clamped written out, as in the eight-pixel tile.
        a0 = a0.blend(lo, a0.compare(VectorOperators.LT, lo));
        a0 = a0.blend(hi, a0.compare(VectorOperators.GT, hi));
        a0.intoArray(out, at);
        b0 = b0.blend(lo, b0.compare(VectorOperators.LT, lo));
        b0 = b0.blend(hi, b0.compare(VectorOperators.GT, hi));
        b0.intoArray(out, second);
        a1 = a1.blend(lo, a1.compare(VectorOperators.LT, lo));
        a1 = a1.blend(hi, a1.compare(VectorOperators.GT, hi));
        a1.intoArray(out, at + oc);
        b1 = b1.blend(lo, b1.compare(VectorOperators.LT, lo));
        b1 = b1.blend(hi, b1.compare(VectorOperators.GT, hi));
        b1.intoArray(out, second + oc);
        a2 = a2.blend(lo, a2.compare(VectorOperators.LT, lo));
        a2 = a2.blend(hi, a2.compare(VectorOperators.GT, hi));
        a2.intoArray(out, at + 2 * oc);
        b2 = b2.blend(lo, b2.compare(VectorOperators.LT, lo));
        b2 = b2.blend(hi, b2.compare(VectorOperators.GT, hi));
        b2.intoArray(out, second + 2 * oc);
        a3 = a3.blend(lo, a3.compare(VectorOperators.LT, lo));
        a3 = a3.blend(hi, a3.compare(VectorOperators.GT, hi));
        a3.intoArray(out, at + 3 * oc);
        b3 = b3.blend(lo, b3.compare(VectorOperators.LT, lo));
        b3 = b3.blend(hi, b3.compare(VectorOperators.GT, hi));
        b3.intoArray(out, second + 3 * oc);
        a4 = a4.blend(lo, a4.compare(VectorOperators.LT, lo));
        a4 = a4.blend(hi, a4.compare(VectorOperators.GT, hi));
        a4.intoArray(out, at + 4 * oc);
        b4 = b4.blend(lo, b4.compare(VectorOperators.LT, lo));
        b4 = b4.blend(hi, b4.compare(VectorOperators.GT, hi));
        b4.intoArray(out, second + 4 * oc);
        a5 = a5.blend(lo, a5.compare(VectorOperators.LT, lo));
        a5 = a5.blend(hi, a5.compare(VectorOperators.GT, hi));
        a5.intoArray(out, at + 5 * oc);
        b5 = b5.blend(lo, b5.compare(VectorOperators.LT, lo));
        b5 = b5.blend(hi, b5.compare(VectorOperators.GT, hi));
        b5.intoArray(out, second + 5 * oc);
    }

    private static void fewChannelsQuad(float[] x, InputStrides in, float[] taps, float[] bias, float[] out,
                                        Geometry g, int[] offsets, int batch, int iy0, int ox, int rowStart, int cb,
                                        float min, float max) {
        FloatVector initial = initial(bias, cb);
        FloatVector lo = FloatVector.broadcast(Vectors.F, min);
        FloatVector hi = FloatVector.broadcast(Vectors.F, max);
        int oc = g.outChannels();
        int step = g.strideX() * in.pixel();
        int base = in.at(batch, iy0, ox * g.strideX() - g.padLeft());
        FloatVector a0 = initial;
        FloatVector a1 = initial;
        FloatVector a2 = initial;
        FloatVector a3 = initial;
        int weights = fewChannelsTap(cb, g.gemmDepth());
        for (int t = 0; t < offsets.length; t++) {
            FloatVector wv = FloatVector.fromArray(Vectors.F, taps, weights + t * FEW_CHANNELS_GROUP);
            int p = base + offsets[t];
            a0 = FloatVector.broadcast(Vectors.F, x[p]).fma(wv, a0);
            a1 = FloatVector.broadcast(Vectors.F, x[p + step]).fma(wv, a1);
            a2 = FloatVector.broadcast(Vectors.F, x[p + 2 * step]).fma(wv, a2);
            a3 = FloatVector.broadcast(Vectors.F, x[p + 3 * step]).fma(wv, a3);
        }
        int at = rowStart + ox * oc + cb;
        Pointwise.clamped(a0, lo, hi).intoArray(out, at);
        Pointwise.clamped(a1, lo, hi).intoArray(out, at + oc);
        Pointwise.clamped(a2, lo, hi).intoArray(out, at + 2 * oc);
        Pointwise.clamped(a3, lo, hi).intoArray(out, at + 3 * oc);
    }

    /** One output pixel for one block of output channels, skipping the taps outside the input. */
    private static void fewChannelsPixel(float[] x, InputStrides in, float[] taps, float[] bias, float[] out,
                                         Geometry g, int batch, int iy0, int ox, int rowStart, int cb, float min,
                                         float max) {
        int ic = g.inChannels();
        int oc = g.outChannels();
        int weights = fewChannelsTap(cb, g.gemmDepth());
        FloatVector acc = initial(bias, cb);
        for (int kh = 0; kh < g.kernelHeight(); kh++) {
            int iy = iy0 + kh * g.dilationY();
            for (int kw = 0; iy >= 0 && iy < g.inHeight() && kw < g.kernelWidth(); kw++) {
                int ix = ox * g.strideX() - g.padLeft() + kw * g.dilationX();
                if (ix < 0 || ix >= g.inWidth()) {
                    continue;
                }
                int p = in.at(batch, iy, ix);
                int k = weights + (kh * g.kernelWidth() + kw) * ic * FEW_CHANNELS_GROUP;
                for (int c = 0; c < ic; c++, k += FEW_CHANNELS_GROUP, p += in.channel()) {
                    acc = FloatVector.broadcast(Vectors.F, x[p]).fma(FloatVector.fromArray(Vectors.F, taps, k), acc);
                }
            }
        }
        Pointwise.clamped(acc, FloatVector.broadcast(Vectors.F, min), FloatVector.broadcast(Vectors.F, max))
                .intoArray(out, rowStart + ox * oc + cb);
    }

    /** A depthwise filter as [kh][kw][c]. */
    static float[] packDepthwise(float[] w, long[] filterShape, Conv2d.FilterLayout layout, Geometry g) {
        int[] strides = FilterIndex.strides(filterShape, layout);
        int channels = g.outChannels();
        float[] packed = new float[g.kernelHeight() * g.kernelWidth() * channels];
        for (int kh = 0; kh < g.kernelHeight(); kh++) {
            for (int kw = 0; kw < g.kernelWidth(); kw++) {
                for (int c = 0; c < channels; c++) {
                    packed[(kh * g.kernelWidth() + kw) * channels + c] = w[c * strides[0] + kh * strides[2] + kw * strides[3]];
                }
            }
        }
        return packed;
    }

    /** A depthwise filter as [c][kh][kw], one channel's taps together, for {@link #depthwiseNchw}. */
    static float[] packDepthwisePlanes(float[] w, long[] filterShape, Conv2d.FilterLayout layout, Geometry g) {
        int[] strides = FilterIndex.strides(filterShape, layout);
        int taps = g.kernelHeight() * g.kernelWidth();
        float[] packed = new float[g.outChannels() * taps];
        for (int c = 0; c < g.outChannels(); c++) {
            for (int kh = 0; kh < g.kernelHeight(); kh++) {
                for (int kw = 0; kw < g.kernelWidth(); kw++) {
                    packed[c * taps + kh * g.kernelWidth() + kw] = w[c * strides[0] + kh * strides[2] + kw * strides[3]];
                }
            }
        }
        return packed;
    }

    /**
     * Depthwise conv2d on NCHW storage, so a depthwise op between row-major neighbours needs no reorder: each
     * channel's plane is convolved on its own, then the bias, the clamp as results are stored, and the stages. At
     * unit stride along rows, with rows at least a vector wide, the plane is first copied into a zero-padded one, so
     * every output row is a run of vectors of adjacent pixels with every tap inside; otherwise (and with vectors off)
     * each pixel skips the taps outside the input.
     */
    static void depthwiseNchw(float[] x, float[] w, float[] bias, float[] out, Geometry g, Pointwise.Bounds clamp,
                              Pointwise.Stage[] stages) {
        boolean vectors = Vectors.enabled();
        int channels = g.outChannels();
        int taps = g.kernelHeight() * g.kernelWidth();
        int inPlane = g.inHeight() * g.inWidth();
        int outPlane = g.outHeight() * g.outWidth();
        Pointwise.Bounds bounds = clamp != null ? clamp
                : new Pointwise.Bounds(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
        boolean vectorRows = vectors && g.strideX() == 1 && g.outWidth() >= Vectors.LANES;
        boolean rowPairs = vectorRows && g.kernelHeight() == 3 && g.kernelWidth() == 3 && g.strideY() == 1
                && g.dilationY() == 1 && g.dilationX() == 1;
        int paddedHeight = Math.max(g.padTop() + g.inHeight(),
                (g.outHeight() - 1) * g.strideY() + (g.kernelHeight() - 1) * g.dilationY() + 1);
        int paddedWidth = Math.max(g.padLeft() + g.inWidth(), g.outWidth() + (g.kernelWidth() - 1) * g.dilationX());
        CpuThreads.forEach(g.batches() * channels, plane -> {
            int c = plane % channels;
            float initial = bias == null ? 0 : bias[c];
            if (vectorRows) {
                float[] padded = PADDED_PLANE.get().zeroed(paddedHeight * paddedWidth, paddedWidth,
                        g.padTop() * paddedWidth + g.padLeft(), g.inHeight(), g.inWidth());
                for (int y = 0; y < g.inHeight(); y++) {
                    System.arraycopy(x, plane * inPlane + y * g.inWidth(), padded,
                            (y + g.padTop()) * paddedWidth + g.padLeft(), g.inWidth());
                }
                int oy = 0;
                if (rowPairs) {
                    for (; oy + 1 < g.outHeight(); oy += 2) {
                        int rowStart = plane * outPlane + oy * g.outWidth();
                        depthwiseNchw3x3RowPair(padded, w, out, g.outWidth(), oy * paddedWidth, paddedWidth, c * taps,
                                rowStart, initial, bounds.min(), bounds.max());
                        Pointwise.apply(stages, out, rowStart, rowStart + 2 * g.outWidth(), vectors);
                    }
                }
                for (; oy < g.outHeight(); oy++) {
                    int rowStart = plane * outPlane + oy * g.outWidth();
                    depthwiseNchwRow(padded, w, out, g, oy * g.strideY() * paddedWidth, paddedWidth, c * taps,
                            rowStart, initial, bounds.min(), bounds.max());
                    Pointwise.apply(stages, out, rowStart, rowStart + g.outWidth(), vectors);
                }
                return;
            }
            for (int oy = 0; oy < g.outHeight(); oy++) {
                int rowStart = plane * outPlane + oy * g.outWidth();
                for (int ox = 0; ox < g.outWidth(); ox++) {
                    float acc = initial;
                    for (int kh = 0; kh < g.kernelHeight(); kh++) {
                        int iy = oy * g.strideY() - g.padTop() + kh * g.dilationY();
                        for (int kw = 0; iy >= 0 && iy < g.inHeight() && kw < g.kernelWidth(); kw++) {
                            int ix = ox * g.strideX() - g.padLeft() + kw * g.dilationX();
                            if (ix >= 0 && ix < g.inWidth()) {
                                acc = Math.fma(x[plane * inPlane + iy * g.inWidth() + ix],
                                        w[c * taps + kh * g.kernelWidth() + kw], acc);
                            }
                        }
                    }
                    out[rowStart + ox] = bounds.apply(acc);
                }
                Pointwise.apply(stages, out, rowStart, rowStart + g.outWidth(), vectors);
            }
        });
    }

    private static final ThreadLocal<PaddedPlane> PADDED_PLANE = ThreadLocal.withInitial(PaddedPlane::new);

    /**
     * A thread's buffer for zero-padded copies of planes. Copies of one shape write the same interior, so its border
     * stays zero from one plane to the next and is cleared only when the shape changes.
     */
    private static final class PaddedPlane {
        private float[] data = new float[0];
        /** The shape the buffer's border was left zero for: {length, width, interior start, rows, row length}. */
        private int[] shape = new int[0];

        float[] zeroed(int length, int width, int interiorStart, int interiorRows, int interiorWidth) {
            int[] wanted = {length, width, interiorStart, interiorRows, interiorWidth};
            if (data.length < length) {
                data = new float[length];
            } else if (!java.util.Arrays.equals(shape, wanted)) {
                java.util.Arrays.fill(data, 0, length, 0f);
            }
            shape = wanted;
            return data;
        }
    }

    /**
     * One output row of a channel's plane from its zero-padded copy, whose window rows start at {@code top}: four
     * vectors of adjacent pixels at a time for four independent accumulators; the last vector may overlap the one
     * before it and write the same values again. Kept a method of its own so the JIT inlines every vector operation.
     */
    private static void depthwiseNchwRow(float[] padded, float[] w, float[] out, Geometry g, int top, int paddedWidth,
                                         int tap0, int rowStart, float initial, float min, float max) {
        FloatVector bias = FloatVector.broadcast(Vectors.F, initial);
        FloatVector lo = FloatVector.broadcast(Vectors.F, min);
        FloatVector hi = FloatVector.broadcast(Vectors.F, max);
        int lanes = Vectors.LANES;
        int end = g.outWidth() - lanes;
        int dx = g.dilationX();
        for (int start = 0; start < g.outWidth(); start += 4 * lanes) {
            int at0 = Math.min(start, end);
            int at1 = Math.min(start + lanes, end);
            int at2 = Math.min(start + 2 * lanes, end);
            int at3 = Math.min(start + 3 * lanes, end);
            FloatVector a0 = bias;
            FloatVector a1 = bias;
            FloatVector a2 = bias;
            FloatVector a3 = bias;
            // Odd filter columns into a second set of sums, added in at the end: four chains of nine dependent FMAs
            // kept the FMA units half idle (a 3x3 over 56x56x144 took 0.57 ms on AVX2).
            FloatVector b0 = FloatVector.zero(Vectors.F);
            FloatVector b1 = b0;
            FloatVector b2 = b0;
            FloatVector b3 = b0;
            for (int kh = 0, row = top; kh < g.kernelHeight(); kh++, row += g.dilationY() * paddedWidth) {
                int tap = tap0 + kh * g.kernelWidth();
                int kw = 0;
                int at = row;
                for (; kw + 1 < g.kernelWidth(); kw += 2, at += 2 * dx) {
                    FloatVector k = FloatVector.broadcast(Vectors.F, w[tap + kw]);
                    a0 = FloatVector.fromArray(Vectors.F, padded, at + at0).fma(k, a0);
                    a1 = FloatVector.fromArray(Vectors.F, padded, at + at1).fma(k, a1);
                    a2 = FloatVector.fromArray(Vectors.F, padded, at + at2).fma(k, a2);
                    a3 = FloatVector.fromArray(Vectors.F, padded, at + at3).fma(k, a3);
                    k = FloatVector.broadcast(Vectors.F, w[tap + kw + 1]);
                    b0 = FloatVector.fromArray(Vectors.F, padded, at + dx + at0).fma(k, b0);
                    b1 = FloatVector.fromArray(Vectors.F, padded, at + dx + at1).fma(k, b1);
                    b2 = FloatVector.fromArray(Vectors.F, padded, at + dx + at2).fma(k, b2);
                    b3 = FloatVector.fromArray(Vectors.F, padded, at + dx + at3).fma(k, b3);
                }
                if (kw < g.kernelWidth()) {
                    FloatVector k = FloatVector.broadcast(Vectors.F, w[tap + kw]);
                    a0 = FloatVector.fromArray(Vectors.F, padded, at + at0).fma(k, a0);
                    a1 = FloatVector.fromArray(Vectors.F, padded, at + at1).fma(k, a1);
                    a2 = FloatVector.fromArray(Vectors.F, padded, at + at2).fma(k, a2);
                    a3 = FloatVector.fromArray(Vectors.F, padded, at + at3).fma(k, a3);
                }
            }
            a0 = a0.add(b0);
            a1 = a1.add(b1);
            a2 = a2.add(b2);
            a3 = a3.add(b3);
            // Stored last to first: a position clamped to the end repeats one before it, with the same value.
            Pointwise.clamped(a3, lo, hi).intoArray(out, rowStart + at3);
            Pointwise.clamped(a2, lo, hi).intoArray(out, rowStart + at2);
            Pointwise.clamped(a1, lo, hi).intoArray(out, rowStart + at1);
            Pointwise.clamped(a0, lo, hi).intoArray(out, rowStart + at0);
        }
    }

    /**
     * Two output rows of a 3x3, unit-stride, undilated depthwise conv2d from a channel's zero-padded plane, one vector
     * of pixels at a time: the middle two of the four input rows feed both output rows, so each loaded vector serves
     * up to two FMAs, and the nine taps stay in registers (two accumulators, nine taps, one input: 12 of AVX2's 16).
     * On AVX2, 56x56x144 took 0.25 ms so against 0.52 a row at a time with taps loaded per row
     * ({@link #depthwiseNchwRow}); 1.0x ONNX Runtime would be 0.32. The clamp is skipped when there is none (0.28 ms
     * with it). The last vector may overlap the one before it and write the same values again.
     */
    private static void depthwiseNchw3x3RowPair(float[] padded, float[] w, float[] out, int outWidth, int top,
                                                int paddedWidth, int tap0, int rowStart, float initial, float min,
                                                float max) {
        FloatVector k0 = FloatVector.broadcast(Vectors.F, w[tap0]);
        FloatVector k1 = FloatVector.broadcast(Vectors.F, w[tap0 + 1]);
        FloatVector k2 = FloatVector.broadcast(Vectors.F, w[tap0 + 2]);
        FloatVector k3 = FloatVector.broadcast(Vectors.F, w[tap0 + 3]);
        FloatVector k4 = FloatVector.broadcast(Vectors.F, w[tap0 + 4]);
        FloatVector k5 = FloatVector.broadcast(Vectors.F, w[tap0 + 5]);
        FloatVector k6 = FloatVector.broadcast(Vectors.F, w[tap0 + 6]);
        FloatVector k7 = FloatVector.broadcast(Vectors.F, w[tap0 + 7]);
        FloatVector k8 = FloatVector.broadcast(Vectors.F, w[tap0 + 8]);
        FloatVector bias = FloatVector.broadcast(Vectors.F, initial);
        FloatVector lo = FloatVector.broadcast(Vectors.F, min);
        FloatVector hi = FloatVector.broadcast(Vectors.F, max);
        boolean clamps = min != Float.NEGATIVE_INFINITY || max != Float.POSITIVE_INFINITY;
        int end = outWidth - Vectors.LANES;
        int r0 = top;
        int r1 = r0 + paddedWidth;
        int r2 = r1 + paddedWidth;
        int r3 = r2 + paddedWidth;
        for (int start = 0; start < outWidth; start += Vectors.LANES) {
            int at = Math.min(start, end);
            FloatVector upper = bias;
            FloatVector lower = bias;
            FloatVector v = FloatVector.fromArray(Vectors.F, padded, r0 + at);
            upper = v.fma(k0, upper);
            v = FloatVector.fromArray(Vectors.F, padded, r0 + at + 1);
            upper = v.fma(k1, upper);
            v = FloatVector.fromArray(Vectors.F, padded, r0 + at + 2);
            upper = v.fma(k2, upper);
            v = FloatVector.fromArray(Vectors.F, padded, r1 + at);
            upper = v.fma(k3, upper);
            lower = v.fma(k0, lower);
            v = FloatVector.fromArray(Vectors.F, padded, r1 + at + 1);
            upper = v.fma(k4, upper);
            lower = v.fma(k1, lower);
            v = FloatVector.fromArray(Vectors.F, padded, r1 + at + 2);
            upper = v.fma(k5, upper);
            lower = v.fma(k2, lower);
            v = FloatVector.fromArray(Vectors.F, padded, r2 + at);
            upper = v.fma(k6, upper);
            lower = v.fma(k3, lower);
            v = FloatVector.fromArray(Vectors.F, padded, r2 + at + 1);
            upper = v.fma(k7, upper);
            lower = v.fma(k4, lower);
            v = FloatVector.fromArray(Vectors.F, padded, r2 + at + 2);
            upper = v.fma(k8, upper);
            lower = v.fma(k5, lower);
            v = FloatVector.fromArray(Vectors.F, padded, r3 + at);
            lower = v.fma(k6, lower);
            v = FloatVector.fromArray(Vectors.F, padded, r3 + at + 1);
            lower = v.fma(k7, lower);
            v = FloatVector.fromArray(Vectors.F, padded, r3 + at + 2);
            lower = v.fma(k8, lower);
            if (clamps) {
                upper = Pointwise.clamped(upper, lo, hi);
                lower = Pointwise.clamped(lower, lo, hi);
            }
            upper.intoArray(out, rowStart + at);
            lower.intoArray(out, rowStart + outWidth + at);
        }
    }

    /** Where (oc, ic, kh, kw) of a filter lies in its row-major storage. */
    static final class FilterIndex {
        static int[] strides(long[] shape, Conv2d.FilterLayout layout) {
            int[] axes = layout.oihwAxes();
            int[] rowMajor = new int[4];
            int stride = 1;
            for (int d = 3; d >= 0; d--) {
                rowMajor[d] = stride;
                stride *= (int) shape[d];
            }
            return new int[] {rowMajor[axes[0]], rowMajor[axes[1]], rowMajor[axes[2]], rowMajor[axes[3]]};
        }
    }

    /**
     * conv2d as a GEMM into out (NHWC), from an NHWC input or, when it copies the input padded anyway, an NCHW one
     * ({@code nchwInput}). A null out stages the GEMM's output, for an epilogue that stores it elsewhere
     * ({@link #storingNchw}). {@code scratch} holds a reusable buffer for the zero-padded input copy between runs of
     * one step (of one geometry).
     */
    static void conv(float[] x, boolean nchwInput, GemmKernel.PackedB filter, float[] bias, float[] out, Geometry g,
                     Pointwise.Bounds clamp, GemmKernel.Epilogue epilogue, float[][] scratch) {
        if (nchwInput && !copiesPaddedInput(g)) {
            throw new IllegalStateException("an NCHW input reaches only a conv2d that copies it padded");
        }
        GemmKernel.ASource a;
        if (g.isPointwise()) {
            a = GemmKernel.rowMajor(x, 0, g.inChannels());
        } else if (readsTapsInPlace(g)) {
            a = taps(x, nchwInput, g, scratch);
        } else {
            a = GemmKernel.gathered(im2col(x, g));
        }
        GemmKernel.multiply(g.gemmRows(), g.outChannels(), g.gemmDepth(), a, filter, out, 0, g.outChannels(), bias,
                clamp, epilogue);
    }

    /**
     * Whether some window reaches past the input's edges, where the GEMM forms multiply the filter by zeros that
     * a zero-padded copy or im2col supplies.
     */
    static boolean readsPadding(Geometry g) {
        return g.padTop() > 0 || g.padLeft() > 0
                || (g.outHeight() - 1) * g.strideY() + (g.kernelHeight() - 1) * g.dilationY() + 1 > g.padTop() + g.inHeight()
                || (g.outWidth() - 1) * g.strideX() + (g.kernelWidth() - 1) * g.dilationX() + 1 > g.padLeft() + g.inWidth();
    }

    /**
     * One-group conv2d that skips the taps outside the input, as the reference does: a padded zero times an infinite
     * or NaN filter tap would make NaN in the GEMM forms. Only for filters with such values, so speed does not matter.
     */
    static void convSkippingPadding(float[] x, float[] w, long[] filterShape, Conv2d.FilterLayout layout, float[] bias,
                                    float[] out, Geometry g, GemmKernel.Epilogue epilogue) {
        int[] strides = FilterIndex.strides(filterShape, layout);
        int oc = g.outChannels();
        for (int b = 0; b < g.batches(); b++) {
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++) {
                    int at = ((b * g.outHeight() + oy) * g.outWidth() + ox) * oc;
                    for (int o = 0; o < oc; o++) {
                        double sum = bias == null ? 0 : bias[o];
                        for (int kh = 0; kh < g.kernelHeight(); kh++) {
                            int iy = oy * g.strideY() - g.padTop() + kh * g.dilationY();
                            for (int kw = 0; iy >= 0 && iy < g.inHeight() && kw < g.kernelWidth(); kw++) {
                                int ix = ox * g.strideX() - g.padLeft() + kw * g.dilationX();
                                if (ix < 0 || ix >= g.inWidth()) {
                                    continue;
                                }
                                int pixel = ((b * g.inHeight() + iy) * g.inWidth() + ix) * g.inChannels();
                                for (int ic = 0; ic < g.inChannels(); ic++) {
                                    sum += (double) x[pixel + ic]
                                            * w[o * strides[0] + ic * strides[1] + kh * strides[2] + kw * strides[3]];
                                }
                            }
                        }
                        out[at + o] = (float) sum;
                    }
                }
            }
        }
        if (epilogue != null) {
            epilogue.apply(out, 0, oc, 0, g.gemmRows(), 0, oc);
        }
    }

    /** Whether every value is finite: the sum of value - value over them is NaN exactly when one is not. */
    static boolean allFinite(float[] values) {
        int i = 0;
        if (Vectors.enabled()) {
            FloatVector zeroOrNaN = FloatVector.zero(Vectors.F);
            for (int end = Vectors.loopBound(values.length); i < end; i += Vectors.LANES) {
                FloatVector v = FloatVector.fromArray(Vectors.F, values, i);
                zeroOrNaN = zeroOrNaN.add(v.sub(v));
            }
            if (Float.isNaN(zeroOrNaN.reduceLanes(VectorOperators.ADD))) {
                return false;
            }
        }
        for (; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }

    static int paddedHeight(Geometry g) {
        return Math.max(g.padTop() + g.inHeight(),
                (g.outHeight() - 1) * g.strideY() + (g.kernelHeight() - 1) * g.dilationY() + 1);
    }

    static int paddedWidth(Geometry g) {
        return Math.max(g.padLeft() + g.inWidth(),
                (g.outWidth() - 1) * g.strideX() + (g.kernelWidth() - 1) * g.dilationX() + 1);
    }

    /** Whether conv2d reads its taps from a zero-padded copy of the input (which can reorder an NCHW input too). */
    static boolean copiesPaddedInput(Geometry g) {
        return readsTapsInPlace(g) && (paddedHeight(g) != g.inHeight() || paddedWidth(g) != g.inWidth()
                || g.padTop() != 0 || g.padLeft() != 0);
    }

    /**
     * The NHWC input a conv2d reads its taps from, [batches][paddedHeight][paddedWidth][inChannels]: x itself, or
     * (when it pads) a zero-padded copy of it in {@code scratch}, made from NHWC or NCHW.
     */
    private static float[] paddedInput(float[] x, boolean nchwInput, Geometry g, float[][] scratch) {
        int channels = g.inChannels();
        int paddedHeight = paddedHeight(g);
        int paddedWidth = paddedWidth(g);
        float[] source = x;
        if (copiesPaddedInput(g)) {
            int size = g.batches() * paddedHeight * paddedWidth * channels;
            // The buffer serves one step, so one geometry: each run overwrites the same interior, and the border
            // stays as allocated, zero.
            if (scratch[0] == null || scratch[0].length != size) {
                scratch[0] = new float[size];
            }
            source = scratch[0];
            boolean vectors = Vectors.enabled();
            float[] padded = source;
            // Row by row over the threads: serial, this copy was a sixth of a 56x56x64 conv's time on two threads.
            CpuThreads.forEach(g.batches() * g.inHeight(), row -> {
                int b = row / g.inHeight();
                int y = row % g.inHeight();
                copyInputRow(x, nchwInput, g, b, y, padded,
                        ((b * paddedHeight + y + g.padTop()) * paddedWidth + g.padLeft()) * channels, vectors);
            });
        }
        return source;
    }

    /** Input row y of image b as NHWC pixels into dst from {@code to}: copied, or reordered from NCHW. */
    static void copyInputRow(float[] x, boolean nchwInput, Geometry g, int b, int y, float[] dst, int to,
                             boolean vectors) {
        int channels = g.inChannels();
        int plane = g.inHeight() * g.inWidth();
        if (nchwInput) {
            // Row y of every channel plane, [C][W], to the row's pixels, [W][C].
            transpose(x, b * channels * plane + y * g.inWidth(), plane, dst, to, channels, channels, g.inWidth(),
                    vectors);
        } else {
            System.arraycopy(x, (b * plane + y * g.inWidth()) * channels, dst, to, g.inWidth() * channels);
        }
    }

    /**
     * Rows of A at one filter tap: input pixels read in place from the input, or from a zero-padded NHWC copy of it
     * (made from NHWC or NCHW).
     */
    private static GemmKernel.ASource taps(float[] x, boolean nchwInput, Geometry g, float[][] scratch) {
        int channels = g.inChannels();
        int paddedHeight = paddedHeight(g);
        int paddedWidth = paddedWidth(g);
        float[] rows = paddedInput(x, nchwInput, g, scratch);
        int pixels = g.outHeight() * g.outWidth();
        int[] tapShifts = new int[g.kernelHeight() * g.kernelWidth()];
        for (int tap = 0; tap < tapShifts.length; tap++) {
            tapShifts[tap] = (tap / g.kernelWidth() * g.dilationY() * paddedWidth
                    + tap % g.kernelWidth() * g.dilationX()) * channels;
        }
        int rowStep = g.strideY() * paddedWidth * channels;
        int pixelStep = g.strideX() * channels;
        int imageStep = paddedHeight * paddedWidth * channels;
        return GemmKernel.shifted((row0, count, k0, kc, offsets) -> {
            int batch = row0 / pixels;
            int oy = row0 % pixels / g.outWidth();
            int ox = row0 % g.outWidth();
            // Stepped from one output pixel to the next: the offset at the start of its row, plus ox pixel steps.
            int rowStart = batch * imageStep + oy * rowStep + tapShifts[k0 / channels] + k0 % channels;
            for (int i = 0; i < count; i++) {
                offsets[i] = rowStart + ox * pixelStep;
                if (++ox == g.outWidth()) {
                    ox = 0;
                    rowStart += rowStep;
                    if (++oy == g.outHeight()) {
                        oy = 0;
                        batch++;
                        rowStart += imageStep - g.outHeight() * rowStep;
                    }
                }
            }
            return rows;
        }, tapShifts);
    }

    /** The side of the square tiles {@link #transpose} works in. */
    private static final int TRANSPOSE_TILE = 32;

    /**
     * Transposes a rows x columns matrix (row r at x[from + r * xRowStride], contiguous) into y: element (r, col) to
     * y[to + col * yRowStride + r]. In square tiles, so reads and writes both stay in cache. With vectors, 16 x 16
     * blocks go through registers ({@link RegisterTranspose}); the columns left over, a vector of rows at a time, are
     * one gather each, stored as one run of y's row. Three rows into packed columns (an image's channels) interleave
     * in registers too.
     */
    static void transpose(float[] x, int from, int xRowStride, float[] y, int to, int yRowStride, int rows,
                          int columns, boolean vectors) {
        if (vectors && RegisterTranspose.AVAILABLE && rows == 3 && yRowStride == 3) {
            int whole = columns - columns % RegisterTranspose.SIDE;
            RegisterTranspose.interleave3(x, from, xRowStride, y, to, whole);
            for (int col = whole; col < columns; col++) {
                for (int r = 0; r < 3; r++) {
                    y[to + col * 3 + r] = x[from + r * xRowStride + col];
                }
            }
            return;
        }
        int[] rowsApart = null;
        if (vectors && rows >= Vectors.LANES) {
            rowsApart = new int[Vectors.LANES];
            for (int i = 0; i < rowsApart.length; i++) {
                rowsApart[i] = i * xRowStride;
            }
        }
        for (int r0 = 0; r0 < rows; r0 += TRANSPOSE_TILE) {
            int r1 = Math.min(rows, r0 + TRANSPOSE_TILE);
            for (int c0 = 0; c0 < columns; c0 += TRANSPOSE_TILE) {
                int c1 = Math.min(columns, c0 + TRANSPOSE_TILE);
                int r = r0;
                if (rowsApart != null) {
                    for (; r + Vectors.LANES <= r1; r += Vectors.LANES) {
                        int col = c0;
                        if (RegisterTranspose.AVAILABLE) {
                            for (; col + RegisterTranspose.SIDE <= c1; col += RegisterTranspose.SIDE) {
                                RegisterTranspose.block(x, from + r * xRowStride + col, xRowStride, y,
                                        to + col * yRowStride + r, yRowStride);
                            }
                        }
                        for (; col < c1; col++) {
                            FloatVector.fromArray(Vectors.F, x, from + r * xRowStride + col, rowsApart, 0)
                                    .intoArray(y, to + col * yRowStride + r);
                        }
                    }
                }
                // Fewer rows than a vector: column by column, so each writes its few values side by side.
                for (int col = c0; r < r1 && col < c1; col++) {
                    for (int rr = r; rr < r1; rr++) {
                        y[to + col * yRowStride + rr] = x[from + rr * xRowStride + col];
                    }
                }
            }
        }
    }

    /**
     * Each of so many images, a rows x columns matrix, transposed into a new array: NCHW to NHWC or back, for the
     * rare paths that read or write only NHWC.
     */
    static float[] transposeImages(float[] x, int images, int rows, int columns) {
        int image = rows * columns;
        float[] y = new float[images * image];
        for (int b = 0; b < images; b++) {
            transpose(x, b * image, columns, y, b * image, rows, rows, columns, Vectors.enabled());
        }
        return y;
    }

    /**
     * The GEMM epilogue of a conv2d that stores NCHW: the stages (when any) on each finished NHWC tile, then the tile
     * reordered into out while it is still in cache.
     */
    static GemmKernel.Epilogue storingNchw(GemmKernel.Epilogue stages, float[] out, Geometry g) {
        int pixels = g.outHeight() * g.outWidth();
        int image = pixels * g.outChannels();
        return (c, offset, ldc, row0, rows, col0, cols) -> {
            if (stages != null) {
                stages.apply(c, offset, ldc, row0, rows, col0, cols);
            }
            boolean vectors = Vectors.enabled();
            for (int m = row0; m < row0 + rows; ) {
                int batch = m / pixels;
                int pixel = m - batch * pixels;
                int run = Math.min(row0 + rows - m, pixels - pixel);
                transpose(c, offset + m * ldc + col0, ldc, out, batch * image + col0 * pixels + pixel, pixels, run,
                        cols, vectors);
                m += run;
            }
        };
    }

    /**
     * Gathers rows (output pixels) by columns (kh, kw, ic) of the virtual im2col matrix, row-major. The K block
     * splits into the same runs of channels (one per tap) for every row, so they are worked out once per block.
     */
    private static GemmKernel.Gather im2col(float[] x, Geometry g) {
        int pixels = g.outHeight() * g.outWidth();
        int channels = g.inChannels();
        return (row0, rows, k0, kc, dst) -> {
            int runs = 0;
            int[] runStart = new int[kc];
            int[] runLength = new int[kc];
            int[] runChannel = new int[kc];
            int[] runDy = new int[kc];
            int[] runDx = new int[kc];
            for (int p = 0, k = k0; p < kc; runs++) {
                int tap = k / channels;
                runStart[runs] = p;
                runChannel[runs] = k % channels;
                runLength[runs] = Math.min(channels - runChannel[runs], kc - p);
                runDy[runs] = tap / g.kernelWidth() * g.dilationY() - g.padTop();
                runDx[runs] = tap % g.kernelWidth() * g.dilationX() - g.padLeft();
                p += runLength[runs];
                k += runLength[runs];
            }
            for (int i = 0; i < rows; i++) {
                int m = row0 + i;
                int batch = m / pixels;
                int pixel = m - batch * pixels;
                int oy = pixel / g.outWidth();
                int ox = pixel - oy * g.outWidth();
                int y0 = oy * g.strideY();
                int x0 = ox * g.strideX();
                int imageBase = batch * g.inHeight();
                for (int r = 0; r < runs; r++) {
                    int iy = y0 + runDy[r];
                    int ix = x0 + runDx[r];
                    int to = i * kc + runStart[r];
                    int length = runLength[r];
                    // Runs are a few channels long here: plain loops beat arraycopy's call.
                    if (iy >= 0 && iy < g.inHeight() && ix >= 0 && ix < g.inWidth()) {
                        int from = ((imageBase + iy) * g.inWidth() + ix) * channels + runChannel[r];
                        for (int q = 0; q < length; q++) {
                            dst[to + q] = x[from + q];
                        }
                    } else {
                        for (int q = 0; q < length; q++) {
                            dst[to + q] = 0f;
                        }
                    }
                }
            }
        };
    }

    /**
     * Depthwise conv2d (groups = input channels = output channels), then bias, the clamp (when given, applied as
     * each result is stored) and the other fused stages, a row of output pixels at a time. A 3x3 filter's pixels
     * whose window columns lie inside the input take a fast path: at unit stride, each block of channels (a vector)
     * sweeps blocks of pixels four at a time, sharing input columns and reading only the filter rows inside the
     * input; at other strides, each pixel whose whole window is inside runs its channel blocks with straight-line
     * taps. The rest (the edges, and every pixel of other filter sizes) take only the taps inside the input, one
     * pixel across all its channel blocks at a time.
     */
    static void depthwise(float[] x, float[] w, float[] bias, float[] out, Geometry g, Pointwise.Bounds clamp,
                          Pointwise.Stage[] stages) {
        depthwiseRows(x, w, bias, out, g, clamp, stages, 0, g.batches() * g.outHeight());
    }

    /**
     * Output rows [firstRow, lastRow) of {@link #depthwise} (rows of all images in turn), stored from out's start:
     * a band of rows read from the input where it lies.
     */
    static void depthwiseRows(float[] x, float[] w, float[] bias, float[] out, Geometry g, Pointwise.Bounds clamp,
                              Pointwise.Stage[] stages, int firstRow, int lastRow) {
        boolean vectors = Vectors.enabled();
        Pointwise.Bounds bounds = clamp != null ? clamp
                : new Pointwise.Bounds(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
        boolean is3x3 = g.kernelHeight() == 3 && g.kernelWidth() == 3;
        int[] inside = is3x3 ? insideColumns(g) : new int[] {g.outWidth(), g.outWidth() - 1};
        boolean pairs = vectors && is3x3 && inside[0] <= inside[1] && g.strideX() == 1 && g.strideY() == 1
                && g.dilationX() == 1 && g.dilationY() == 1;
        int rows = lastRow - firstRow;
        int outRowFloats = g.outWidth() * g.outChannels();
        CpuThreads.forEach(pairs ? (rows + 1) / 2 : rows, task -> {
            if (!pairs) {
                depthwiseRow(x, w, bias, out, g, bounds, inside, firstRow + task, task * outRowFloats, vectors);
                Pointwise.apply(stages, out, task * outRowFloats, (task + 1) * outRowFloats, vectors);
                return;
            }
            int row = firstRow + 2 * task;
            int rowStart = 2 * task * outRowFloats;
            int oy = row % g.outHeight();
            int iy0 = oy - g.padTop();
            boolean paired = row + 1 < lastRow && oy + 1 < g.outHeight() && iy0 >= 0 && iy0 + 3 < g.inHeight();
            if (paired) {
                depthwiseRowPair(x, w, bias, out, g, bounds, inside, row, rowStart);
            } else {
                depthwiseRow(x, w, bias, out, g, bounds, inside, row, rowStart, true);
                if (row + 1 < lastRow) {
                    depthwiseRow(x, w, bias, out, g, bounds, inside, row + 1, rowStart + outRowFloats, true);
                }
            }
            int rowEnd = Math.min(lastRow, row + 2);
            Pointwise.apply(stages, out, rowStart, rowStart + (rowEnd - row) * outRowFloats, vectors);
        });
    }

    /** Output row {@code row} of {@link #depthwiseRows} (of all images in turn), stored from {@code rowStart}. */
    private static void depthwiseRow(float[] x, float[] w, float[] bias, float[] out, Geometry g,
                                     Pointwise.Bounds bounds, int[] inside, int row, int rowStart, boolean vectors) {
        float min = bounds.min();
        float max = bounds.max();
        int channels = g.outChannels();
        int first = inside[0];
        int last = inside[1];
        int rowStep = g.dilationY() * g.inWidth() * channels;
        int batch = row / g.outHeight();
        int oy = row % g.outHeight();
        int iy0 = oy * g.strideY() - g.padTop();
        int c = 0;
        if (vectors) {
            int bound = Vectors.loopBound(channels);
            int khFrom = firstTapInside(iy0, g.dilationY());
            int khTo = tapsInside(iy0, g.dilationY(), g.inHeight(), g.kernelHeight());
            int inputRow = (batch * g.inHeight() + iy0) * g.inWidth();
            int at = (inputRow + first * g.strideX() - g.padLeft()) * channels;
            if (first <= last && g.strideX() == 1 && g.dilationX() == 1) {
                depthwiseRow3x3Unit(x, w, bias, out, channels, rowStep, at, rowStart + first * channels,
                        last + 1 - first, bound, khFrom, khTo, min, max);
            } else if (first <= last && khFrom == 0 && khTo == 3) {
                int ox = first;
                if (g.strideX() == 2 && g.dilationX() == 1) {
                    int quads = (last + 1 - first) / 4 * 4;
                    depthwiseRow3x3Stride2(x, w, bias, out, channels, rowStep, at, rowStart + first * channels,
                            quads, bound, min, max);
                    ox += quads;
                    at += quads * 2 * channels;
                }
                for (; ox <= last; ox++, at += g.strideX() * channels) {
                    depthwisePixel3x3(x, w, bias, out, channels, rowStep, g.dilationX() * channels, at,
                            rowStart + ox * channels, bound, min, max);
                }
            } else {
                for (int ox = first; ox <= last; ox++) {
                    depthwiseEdgePixel(x, w, bias, out, g, inputRow, khFrom, khTo, ox, rowStart, bound, min, max);
                }
            }
            for (int ox = 0; ox < Math.min(first, g.outWidth()); ox++) {
                depthwiseEdgePixel(x, w, bias, out, g, inputRow, khFrom, khTo, ox, rowStart, bound, min, max);
            }
            for (int ox = Math.max(first, last + 1); ox < g.outWidth(); ox++) {
                depthwiseEdgePixel(x, w, bias, out, g, inputRow, khFrom, khTo, ox, rowStart, bound, min, max);
            }
            c = bound;
        }
        depthwiseRowScalar(x, w, bias, out, g, bounds, row, rowStart, c);
    }

    /** Channels [c0, channels) of output row {@code row} of {@link #depthwiseRows}, one tap at a time. */
    private static void depthwiseRowScalar(float[] x, float[] w, float[] bias, float[] out, Geometry g,
                                           Pointwise.Bounds bounds, int row, int rowStart, int c0) {
        int channels = g.outChannels();
        int batch = row / g.outHeight();
        int iy0 = row % g.outHeight() * g.strideY() - g.padTop();
        for (int c = c0; c < channels; c++) {
            for (int ox = 0; ox < g.outWidth(); ox++) {
                float acc = bias == null ? 0 : bias[c];
                for (int kh = 0; kh < g.kernelHeight(); kh++) {
                    int iy = iy0 + kh * g.dilationY();
                    if (iy < 0 || iy >= g.inHeight()) {
                        continue;
                    }
                    for (int kw = 0; kw < g.kernelWidth(); kw++) {
                        int ix = ox * g.strideX() - g.padLeft() + kw * g.dilationX();
                        if (ix < 0 || ix >= g.inWidth()) {
                            continue;
                        }
                        acc = Math.fma(x[((batch * g.inHeight() + iy) * g.inWidth() + ix) * channels + c],
                                w[(kh * g.kernelWidth() + kw) * channels + c], acc);
                    }
                }
                out[rowStart + ox * channels + c] = bounds.apply(acc);
            }
        }
    }

    /**
     * Output rows {@code row} and {@code row + 1} of a unit-stride, undilated 3x3 {@link #depthwiseRows}, both
     * windows inside the input vertically: the columns whose windows are inside horizontally two rows by two pixels
     * at a time ({@link #depthwiseRowPair3x3Unit}), the edge columns and the channels past the last whole vector as
     * {@link #depthwiseRow} takes them.
     */
    private static void depthwiseRowPair(float[] x, float[] w, float[] bias, float[] out, Geometry g,
                                         Pointwise.Bounds bounds, int[] inside, int row, int rowStart) {
        float min = bounds.min();
        float max = bounds.max();
        int channels = g.outChannels();
        int first = inside[0];
        int last = inside[1];
        int rowStep = g.inWidth() * channels;
        int outRowFloats = g.outWidth() * channels;
        int batch = row / g.outHeight();
        int iy0 = row % g.outHeight() - g.padTop();
        int bound = Vectors.loopBound(channels);
        int inputRow = (batch * g.inHeight() + iy0) * g.inWidth();
        int at = (inputRow + first - g.padLeft()) * channels;
        int pixels = last + 1 - first;
        int even = pixels - pixels % 2;
        depthwiseRowPair3x3Unit(x, w, bias, out, channels, rowStep, outRowFloats, at, rowStart + first * channels,
                even, bound, min, max);
        for (int lower = 0; lower < 2; lower++) {
            int target = rowStart + lower * outRowFloats;
            int source = inputRow + lower * g.inWidth();
            if (even < pixels) {
                depthwiseRow3x3Unit(x, w, bias, out, channels, rowStep, at + lower * rowStep + even * channels,
                        target + (first + even) * channels, 1, bound, 0, 3, min, max);
            }
            for (int ox = 0; ox < Math.min(first, g.outWidth()); ox++) {
                depthwiseEdgePixel(x, w, bias, out, g, source, 0, 3, ox, target, bound, min, max);
            }
            for (int ox = Math.max(first, last + 1); ox < g.outWidth(); ox++) {
                depthwiseEdgePixel(x, w, bias, out, g, source, 0, 3, ox, target, bound, min, max);
            }
        }
        depthwiseRowScalar(x, w, bias, out, g, bounds, row, rowStart, bound);
        depthwiseRowScalar(x, w, bias, out, g, bounds, row + 1, rowStart + outRowFloats, bound);
    }

    private static final int DEPTHWISE_PIXELS = 16;

    /**
     * {first, last}: the output columns whose filter columns all lie inside the input; last < first when there are
     * none.
     */
    private static int[] insideColumns(Geometry g) {
        int first = Math.min(g.outWidth(), Math.ceilDiv(g.padLeft(), g.strideX()));
        int last = Math.min(g.outWidth() - 1,
                Math.floorDiv(g.inWidth() - 1 - (g.kernelWidth() - 1) * g.dilationX() + g.padLeft(), g.strideX()));
        return new int[] {first, last};
    }

    /** The first filter tap whose input index, {@code start + tap * dilation}, is not below 0. */
    private static int firstTapInside(int start, int dilation) {
        return start >= 0 ? 0 : Math.ceilDiv(-start, dilation);
    }

    /** One past the last of {@code taps} filter taps whose input index, {@code start + tap * dilation}, is in range. */
    private static int tapsInside(int start, int dilation, int size, int taps) {
        return Math.max(0, Math.min(taps, Math.floorDiv(size - 1 - start, dilation) + 1));
    }

    /**
     * {@code pixels} adjacent output pixels at unit stride and dilation, every channel block up to {@code bound},
     * filter rows [rowFrom, rowTo), the window's first input row and column from {@code start}, output to
     * {@code target}: four pixels at a time, which read six input columns per filter row instead of twelve, with four
     * independent accumulators. One call sweeps the whole row, since a call per channel block cost more than the
     * block's work; kept a method of its own so the JIT inlines every vector operation in it.
     */
    private static void depthwiseRow3x3Unit(float[] x, float[] w, float[] bias, float[] out, int channels, int rowStep,
                                            int start, int target, int pixels, int bound, int rowFrom, int rowTo,
                                            float min, float max) {
        FloatVector lo = FloatVector.broadcast(Vectors.F, min);
        FloatVector hi = FloatVector.broadcast(Vectors.F, max);
        // A block of output pixels across every channel block, so the input it reads stays in L1.
        for (int x0 = 0; x0 < pixels; x0 += DEPTHWISE_PIXELS) {
            int count = Math.min(pixels - x0, DEPTHWISE_PIXELS);
            for (int c = 0; c < bound; c += Vectors.LANES) {
                FloatVector initial = initial(bias, c);
                int at = start + x0 * channels + c;
                int to = target + x0 * channels + c;
                int i = 0;
                for (; i + 4 <= count; i += 4, at += 4 * channels, to += 4 * channels) {
                    FloatVector a0 = initial;
                    FloatVector a1 = initial;
                    FloatVector a2 = initial;
                    FloatVector a3 = initial;
                    for (int r = rowFrom; r < rowTo; r++) {
                        int tap = c + 3 * r * channels;
                        int p = at + r * rowStep;
                        FloatVector k0 = FloatVector.fromArray(Vectors.F, w, tap);
                        FloatVector k1 = FloatVector.fromArray(Vectors.F, w, tap + channels);
                        FloatVector k2 = FloatVector.fromArray(Vectors.F, w, tap + 2 * channels);
                        FloatVector v = FloatVector.fromArray(Vectors.F, x, p);
                        a0 = v.fma(k0, a0);
                        v = FloatVector.fromArray(Vectors.F, x, p + channels);
                        a0 = v.fma(k1, a0);
                        a1 = v.fma(k0, a1);
                        v = FloatVector.fromArray(Vectors.F, x, p + 2 * channels);
                        a0 = v.fma(k2, a0);
                        a1 = v.fma(k1, a1);
                        a2 = v.fma(k0, a2);
                        v = FloatVector.fromArray(Vectors.F, x, p + 3 * channels);
                        a1 = v.fma(k2, a1);
                        a2 = v.fma(k1, a2);
                        a3 = v.fma(k0, a3);
                        v = FloatVector.fromArray(Vectors.F, x, p + 4 * channels);
                        a2 = v.fma(k2, a2);
                        a3 = v.fma(k1, a3);
                        v = FloatVector.fromArray(Vectors.F, x, p + 5 * channels);
                        a3 = v.fma(k2, a3);
                    }
                    Pointwise.clamped(a0, lo, hi).intoArray(out, to);
                    Pointwise.clamped(a1, lo, hi).intoArray(out, to + channels);
                    Pointwise.clamped(a2, lo, hi).intoArray(out, to + 2 * channels);
                    Pointwise.clamped(a3, lo, hi).intoArray(out, to + 3 * channels);
                }
                for (; i < count; i++, at += channels, to += channels) {
                    FloatVector acc = window3x3(x, w, initial, channels, rowStep, channels, at, c, rowFrom, rowTo);
                    Pointwise.clamped(acc, lo, hi).intoArray(out, to);
                }
            }
        }
    }

    /**
     * Two output rows by two adjacent pixels at a time, unit stride and dilation, every window inside the input: the
     * nine taps of a channel block stay in registers across a block of pixels, and each of the sixteen input vectors
     * a step loads feeds up to four of its 36 FMAs (a row at a time, {@link #depthwiseRow3x3Unit}, loads 27 for 36).
     * Four accumulators, nine taps and an input are 14 of AVX2's 16 registers. {@code pixels} is even.
     */
    private static void depthwiseRowPair3x3Unit(float[] x, float[] w, float[] bias, float[] out, int channels,
                                                int rowStep, int outRowStep, int start, int target, int pixels,
                                                int bound, float min, float max) {
        FloatVector lo = FloatVector.broadcast(Vectors.F, min);
        FloatVector hi = FloatVector.broadcast(Vectors.F, max);
        boolean clamps = min != Float.NEGATIVE_INFINITY || max != Float.POSITIVE_INFINITY;
        for (int x0 = 0; x0 < pixels; x0 += DEPTHWISE_PIXELS) {
            int count = Math.min(pixels - x0, DEPTHWISE_PIXELS);
            for (int c = 0; c < bound; c += Vectors.LANES) {
                FloatVector k0 = FloatVector.fromArray(Vectors.F, w, c);
                FloatVector k1 = FloatVector.fromArray(Vectors.F, w, c + channels);
                FloatVector k2 = FloatVector.fromArray(Vectors.F, w, c + 2 * channels);
                FloatVector k3 = FloatVector.fromArray(Vectors.F, w, c + 3 * channels);
                FloatVector k4 = FloatVector.fromArray(Vectors.F, w, c + 4 * channels);
                FloatVector k5 = FloatVector.fromArray(Vectors.F, w, c + 5 * channels);
                FloatVector k6 = FloatVector.fromArray(Vectors.F, w, c + 6 * channels);
                FloatVector k7 = FloatVector.fromArray(Vectors.F, w, c + 7 * channels);
                FloatVector k8 = FloatVector.fromArray(Vectors.F, w, c + 8 * channels);
                int at = start + x0 * channels + c;
                int to = target + x0 * channels + c;
                for (int i = 0; i < count; i += 2, at += 2 * channels, to += 2 * channels) {
                    FloatVector u0 = initial(bias, c);
                    FloatVector u1 = u0;
                    FloatVector d0 = u0;
                    FloatVector d1 = u0;
                    int p = at;
                    FloatVector v = FloatVector.fromArray(Vectors.F, x, p);
                    u0 = v.fma(k0, u0);
                    v = FloatVector.fromArray(Vectors.F, x, p + channels);
                    u0 = v.fma(k1, u0);
                    u1 = v.fma(k0, u1);
                    v = FloatVector.fromArray(Vectors.F, x, p + 2 * channels);
                    u0 = v.fma(k2, u0);
                    u1 = v.fma(k1, u1);
                    v = FloatVector.fromArray(Vectors.F, x, p + 3 * channels);
                    u1 = v.fma(k2, u1);
                    p += rowStep;
                    v = FloatVector.fromArray(Vectors.F, x, p);
                    u0 = v.fma(k3, u0);
                    d0 = v.fma(k0, d0);
                    v = FloatVector.fromArray(Vectors.F, x, p + channels);
                    u0 = v.fma(k4, u0);
                    u1 = v.fma(k3, u1);
                    d0 = v.fma(k1, d0);
                    d1 = v.fma(k0, d1);
                    v = FloatVector.fromArray(Vectors.F, x, p + 2 * channels);
                    u0 = v.fma(k5, u0);
                    u1 = v.fma(k4, u1);
                    d0 = v.fma(k2, d0);
                    d1 = v.fma(k1, d1);
                    v = FloatVector.fromArray(Vectors.F, x, p + 3 * channels);
                    u1 = v.fma(k5, u1);
                    d1 = v.fma(k2, d1);
                    p += rowStep;
                    v = FloatVector.fromArray(Vectors.F, x, p);
                    u0 = v.fma(k6, u0);
                    d0 = v.fma(k3, d0);
                    v = FloatVector.fromArray(Vectors.F, x, p + channels);
                    u0 = v.fma(k7, u0);
                    u1 = v.fma(k6, u1);
                    d0 = v.fma(k4, d0);
                    d1 = v.fma(k3, d1);
                    v = FloatVector.fromArray(Vectors.F, x, p + 2 * channels);
                    u0 = v.fma(k8, u0);
                    u1 = v.fma(k7, u1);
                    d0 = v.fma(k5, d0);
                    d1 = v.fma(k4, d1);
                    v = FloatVector.fromArray(Vectors.F, x, p + 3 * channels);
                    u1 = v.fma(k8, u1);
                    d1 = v.fma(k5, d1);
                    p += rowStep;
                    v = FloatVector.fromArray(Vectors.F, x, p);
                    d0 = v.fma(k6, d0);
                    v = FloatVector.fromArray(Vectors.F, x, p + channels);
                    d0 = v.fma(k7, d0);
                    d1 = v.fma(k6, d1);
                    v = FloatVector.fromArray(Vectors.F, x, p + 2 * channels);
                    d0 = v.fma(k8, d0);
                    d1 = v.fma(k7, d1);
                    v = FloatVector.fromArray(Vectors.F, x, p + 3 * channels);
                    d1 = v.fma(k8, d1);
                    if (clamps) {
                        // Pointwise.clamped written out: past this kernel's size the JIT declined to inline that call
                        // and boxed every accumulator (MobileNetV2 ran at a third of its speed).
                        u0 = u0.blend(lo, u0.compare(VectorOperators.LT, lo));
                        u0 = u0.blend(hi, u0.compare(VectorOperators.GT, hi));
                        u1 = u1.blend(lo, u1.compare(VectorOperators.LT, lo));
                        u1 = u1.blend(hi, u1.compare(VectorOperators.GT, hi));
                        d0 = d0.blend(lo, d0.compare(VectorOperators.LT, lo));
                        d0 = d0.blend(hi, d0.compare(VectorOperators.GT, hi));
                        d1 = d1.blend(lo, d1.compare(VectorOperators.LT, lo));
                        d1 = d1.blend(hi, d1.compare(VectorOperators.GT, hi));
                    }
                    u0.intoArray(out, to);
                    u1.intoArray(out, to + channels);
                    d0.intoArray(out, to + outRowStep);
                    d1.intoArray(out, to + outRowStep + channels);
                }
            }
        }
    }

    /**
     * Four adjacent output pixels at a time along a row at stride 2 (any row dilation), every window inside the
     * input: the pixels' windows overlap by a column, so a filter row reads nine input columns for twelve FMAs, and
     * the nine taps of a channel block stay in registers across a block of pixels (one pixel at a time,
     * {@link #depthwisePixel3x3}, loads a tap and an input per FMA). Four accumulators, nine taps and an input are
     * 14 of AVX2's 16 registers. {@code pixels} is a multiple of four.
     */
    private static void depthwiseRow3x3Stride2(float[] x, float[] w, float[] bias, float[] out, int channels,
                                               int rowStep, int start, int target, int pixels, int bound, float min,
                                               float max) {
        FloatVector lo = FloatVector.broadcast(Vectors.F, min);
        FloatVector hi = FloatVector.broadcast(Vectors.F, max);
        boolean clamps = min != Float.NEGATIVE_INFINITY || max != Float.POSITIVE_INFINITY;
        for (int x0 = 0; x0 < pixels; x0 += DEPTHWISE_PIXELS) {
            int count = Math.min(pixels - x0, DEPTHWISE_PIXELS);
            for (int c = 0; c < bound; c += Vectors.LANES) {
                FloatVector k0 = FloatVector.fromArray(Vectors.F, w, c);
                FloatVector k1 = FloatVector.fromArray(Vectors.F, w, c + channels);
                FloatVector k2 = FloatVector.fromArray(Vectors.F, w, c + 2 * channels);
                FloatVector k3 = FloatVector.fromArray(Vectors.F, w, c + 3 * channels);
                FloatVector k4 = FloatVector.fromArray(Vectors.F, w, c + 4 * channels);
                FloatVector k5 = FloatVector.fromArray(Vectors.F, w, c + 5 * channels);
                FloatVector k6 = FloatVector.fromArray(Vectors.F, w, c + 6 * channels);
                FloatVector k7 = FloatVector.fromArray(Vectors.F, w, c + 7 * channels);
                FloatVector k8 = FloatVector.fromArray(Vectors.F, w, c + 8 * channels);
                int at = start + 2 * x0 * channels + c;
                int to = target + x0 * channels + c;
                for (int i = 0; i < count; i += 4, at += 8 * channels, to += 4 * channels) {
                    FloatVector a0 = initial(bias, c);
                    FloatVector a1 = a0;
                    FloatVector a2 = a0;
                    FloatVector a3 = a0;
                    int p = at;
                    FloatVector v = FloatVector.fromArray(Vectors.F, x, p);
                    a0 = v.fma(k0, a0);
                    v = FloatVector.fromArray(Vectors.F, x, p + channels);
                    a0 = v.fma(k1, a0);
                    v = FloatVector.fromArray(Vectors.F, x, p + 2 * channels);
                    a0 = v.fma(k2, a0);
                    a1 = v.fma(k0, a1);
                    v = FloatVector.fromArray(Vectors.F, x, p + 3 * channels);
                    a1 = v.fma(k1, a1);
                    v = FloatVector.fromArray(Vectors.F, x, p + 4 * channels);
                    a1 = v.fma(k2, a1);
                    a2 = v.fma(k0, a2);
                    v = FloatVector.fromArray(Vectors.F, x, p + 5 * channels);
                    a2 = v.fma(k1, a2);
                    v = FloatVector.fromArray(Vectors.F, x, p + 6 * channels);
                    a2 = v.fma(k2, a2);
                    a3 = v.fma(k0, a3);
                    v = FloatVector.fromArray(Vectors.F, x, p + 7 * channels);
                    a3 = v.fma(k1, a3);
                    v = FloatVector.fromArray(Vectors.F, x, p + 8 * channels);
                    a3 = v.fma(k2, a3);
                    p += rowStep;
                    v = FloatVector.fromArray(Vectors.F, x, p);
                    a0 = v.fma(k3, a0);
                    v = FloatVector.fromArray(Vectors.F, x, p + channels);
                    a0 = v.fma(k4, a0);
                    v = FloatVector.fromArray(Vectors.F, x, p + 2 * channels);
                    a0 = v.fma(k5, a0);
                    a1 = v.fma(k3, a1);
                    v = FloatVector.fromArray(Vectors.F, x, p + 3 * channels);
                    a1 = v.fma(k4, a1);
                    v = FloatVector.fromArray(Vectors.F, x, p + 4 * channels);
                    a1 = v.fma(k5, a1);
                    a2 = v.fma(k3, a2);
                    v = FloatVector.fromArray(Vectors.F, x, p + 5 * channels);
                    a2 = v.fma(k4, a2);
                    v = FloatVector.fromArray(Vectors.F, x, p + 6 * channels);
                    a2 = v.fma(k5, a2);
                    a3 = v.fma(k3, a3);
                    v = FloatVector.fromArray(Vectors.F, x, p + 7 * channels);
                    a3 = v.fma(k4, a3);
                    v = FloatVector.fromArray(Vectors.F, x, p + 8 * channels);
                    a3 = v.fma(k5, a3);
                    p += rowStep;
                    v = FloatVector.fromArray(Vectors.F, x, p);
                    a0 = v.fma(k6, a0);
                    v = FloatVector.fromArray(Vectors.F, x, p + channels);
                    a0 = v.fma(k7, a0);
                    v = FloatVector.fromArray(Vectors.F, x, p + 2 * channels);
                    a0 = v.fma(k8, a0);
                    a1 = v.fma(k6, a1);
                    v = FloatVector.fromArray(Vectors.F, x, p + 3 * channels);
                    a1 = v.fma(k7, a1);
                    v = FloatVector.fromArray(Vectors.F, x, p + 4 * channels);
                    a1 = v.fma(k8, a1);
                    a2 = v.fma(k6, a2);
                    v = FloatVector.fromArray(Vectors.F, x, p + 5 * channels);
                    a2 = v.fma(k7, a2);
                    v = FloatVector.fromArray(Vectors.F, x, p + 6 * channels);
                    a2 = v.fma(k8, a2);
                    a3 = v.fma(k6, a3);
                    v = FloatVector.fromArray(Vectors.F, x, p + 7 * channels);
                    a3 = v.fma(k7, a3);
                    v = FloatVector.fromArray(Vectors.F, x, p + 8 * channels);
                    a3 = v.fma(k8, a3);
                    if (clamps) {
                        // Written out, not Pointwise.clamped: see depthwiseRowPair3x3Unit.
                        a0 = a0.blend(lo, a0.compare(VectorOperators.LT, lo));
                        a0 = a0.blend(hi, a0.compare(VectorOperators.GT, hi));
                        a1 = a1.blend(lo, a1.compare(VectorOperators.LT, lo));
                        a1 = a1.blend(hi, a1.compare(VectorOperators.GT, hi));
                        a2 = a2.blend(lo, a2.compare(VectorOperators.LT, lo));
                        a2 = a2.blend(hi, a2.compare(VectorOperators.GT, hi));
                        a3 = a3.blend(lo, a3.compare(VectorOperators.LT, lo));
                        a3 = a3.blend(hi, a3.compare(VectorOperators.GT, hi));
                    }
                    a0.intoArray(out, to);
                    a1.intoArray(out, to + channels);
                    a2.intoArray(out, to + 2 * channels);
                    a3.intoArray(out, to + 3 * channels);
                }
            }
        }
    }

    /**
     * One output pixel whose whole 3x3 window lies inside the input (any stride and dilation), every channel block up
     * to {@code bound}, the window's first input row and column from {@code at}, output to {@code to}. The channel
     * loop is innermost, so the nine input rows and the filter stream through memory in order and every index is
     * the loop variable plus an invariant, which lets C2 drop the bounds checks from the loop; at stride 2 this beat
     * sweeping four pixels per channel block (which shares input columns but checks every load).
     */
    private static void depthwisePixel3x3(float[] x, float[] w, float[] bias, float[] out, int channels, int rowStep,
                                          int columnStep, int at, int to, int bound, float min, float max) {
        FloatVector lo = FloatVector.broadcast(Vectors.F, min);
        FloatVector hi = FloatVector.broadcast(Vectors.F, max);
        int x00 = at;
        int x01 = x00 + columnStep;
        int x02 = x01 + columnStep;
        int x10 = x00 + rowStep;
        int x11 = x01 + rowStep;
        int x12 = x02 + rowStep;
        int x20 = x10 + rowStep;
        int x21 = x11 + rowStep;
        int x22 = x12 + rowStep;
        for (int c = 0; c < bound; c += Vectors.LANES) {
            FloatVector acc = initial(bias, c);
            acc = tap(x, x00 + c, w, c, acc);
            acc = tap(x, x01 + c, w, channels + c, acc);
            acc = tap(x, x02 + c, w, 2 * channels + c, acc);
            acc = tap(x, x10 + c, w, 3 * channels + c, acc);
            acc = tap(x, x11 + c, w, 4 * channels + c, acc);
            acc = tap(x, x12 + c, w, 5 * channels + c, acc);
            acc = tap(x, x20 + c, w, 6 * channels + c, acc);
            acc = tap(x, x21 + c, w, 7 * channels + c, acc);
            acc = tap(x, x22 + c, w, 8 * channels + c, acc);
            Pointwise.clamped(acc, lo, hi).intoArray(out, to + c);
        }
    }

    /** acc + x[input..] * w[weight..], one vector, fused. */
    private static FloatVector tap(float[] x, int input, float[] w, int weight, FloatVector acc) {
        return FloatVector.fromArray(Vectors.F, x, input).fma(FloatVector.fromArray(Vectors.F, w, weight), acc);
    }

    /** One pixel's 3x3 window, filter rows [rowFrom, rowTo), input row 0 of the window from {@code at}. */
    private static FloatVector window3x3(float[] x, float[] w, FloatVector initial, int channels, int rowStep,
                                         int columnStep, int at, int c, int rowFrom, int rowTo) {
        FloatVector acc = initial;
        for (int r = rowFrom; r < rowTo; r++) {
            int p = at + r * rowStep;
            int tap = c + 3 * r * channels;
            acc = FloatVector.fromArray(Vectors.F, x, p).fma(FloatVector.fromArray(Vectors.F, w, tap), acc);
            acc = FloatVector.fromArray(Vectors.F, x, p + columnStep)
                    .fma(FloatVector.fromArray(Vectors.F, w, tap + channels), acc);
            acc = FloatVector.fromArray(Vectors.F, x, p + 2 * columnStep)
                    .fma(FloatVector.fromArray(Vectors.F, w, tap + 2 * channels), acc);
        }
        return acc;
    }

    private static FloatVector initial(float[] bias, int c) {
        return bias == null ? FloatVector.zero(Vectors.F) : FloatVector.fromArray(Vectors.F, bias, c);
    }

    /**
     * Output pixel {@code ox} of a row whose window starts at input row {@code inputRow} (an index of pixels, filter
     * rows [rowFrom, rowTo) inside the input), every channel block up to {@code bound}, any filter size: only the
     * taps inside the input, so infinite or NaN weights over the padding add nothing, as in the reference.
     */
    private static void depthwiseEdgePixel(float[] x, float[] w, float[] bias, float[] out, Geometry g, int inputRow,
                                           int rowFrom, int rowTo, int ox, int rowStart, int bound, float min,
                                           float max) {
        int channels = g.outChannels();
        int ix0 = ox * g.strideX() - g.padLeft();
        int columnFrom = firstTapInside(ix0, g.dilationX());
        int columnTo = tapsInside(ix0, g.dilationX(), g.inWidth(), g.kernelWidth());
        int rowStep = g.dilationY() * g.inWidth() * channels;
        int columnStep = g.dilationX() * channels;
        FloatVector lo = FloatVector.broadcast(Vectors.F, min);
        FloatVector hi = FloatVector.broadcast(Vectors.F, max);
        for (int c = 0; c < bound; c += Vectors.LANES) {
            FloatVector acc = initial(bias, c);
            for (int kh = rowFrom; kh < rowTo; kh++) {
                int p = (inputRow + ix0) * channels + kh * rowStep + c;
                int tap = kh * g.kernelWidth() * channels + c;
                for (int kw = columnFrom; kw < columnTo; kw++) {
                    acc = FloatVector.fromArray(Vectors.F, x, p + kw * columnStep)
                            .fma(FloatVector.fromArray(Vectors.F, w, tap + kw * channels), acc);
                }
            }
            Pointwise.clamped(acc, lo, hi).intoArray(out, rowStart + ox * channels + c);
        }
    }

    /**
     * averagePool2d, l2Pool2d and maxPool2d over NHWC storage. A window reduces the input elements it covers
     * (padding adds none): an empty window gives 0, or -Infinity for maxPool2d, as the reference does.
     */
    static void pool(Pool2d.Kind kind, float[] x, float[] out, Geometry g, Pointwise.Stage[] stages) {
        boolean vectors = Vectors.enabled();
        int channels = g.inChannels();
        CpuThreads.forEach(g.batches() * g.outHeight(), row -> {
            int batch = row / g.outHeight();
            int oy = row % g.outHeight();
            int rowStart = row * g.outWidth() * channels;
            for (int ox = 0; ox < g.outWidth(); ox++) {
                int at = rowStart + ox * channels;
                int count = 0;
                for (int kh = 0; kh < g.kernelHeight(); kh++) {
                    int iy = oy * g.strideY() - g.padTop() + kh * g.dilationY();
                    for (int kw = 0; kw < g.kernelWidth(); kw++) {
                        int ix = ox * g.strideX() - g.padLeft() + kw * g.dilationX();
                        if (iy >= 0 && iy < g.inHeight() && ix >= 0 && ix < g.inWidth()) {
                            count++;
                        }
                    }
                }
                float initial = kind == Pool2d.Kind.MAX_POOL2D ? Float.NEGATIVE_INFINITY : 0f;
                int c = 0;
                if (vectors) {
                    for (int bound = Vectors.loopBound(channels); c < bound; c += Vectors.LANES) {
                        FloatVector acc = FloatVector.broadcast(Vectors.F, initial);
                        for (int kh = 0; kh < g.kernelHeight(); kh++) {
                            int iy = oy * g.strideY() - g.padTop() + kh * g.dilationY();
                            if (iy < 0 || iy >= g.inHeight()) {
                                continue;
                            }
                            for (int kw = 0; kw < g.kernelWidth(); kw++) {
                                int ix = ox * g.strideX() - g.padLeft() + kw * g.dilationX();
                                if (ix < 0 || ix >= g.inWidth()) {
                                    continue;
                                }
                                FloatVector v = FloatVector.fromArray(Vectors.F, x,
                                        ((batch * g.inHeight() + iy) * g.inWidth() + ix) * channels + c);
                                acc = switch (kind) {
                                    case MAX_POOL2D -> acc.max(v);
                                    case AVERAGE_POOL2D -> acc.add(v);
                                    case L2_POOL2D -> v.fma(v, acc);
                                };
                            }
                        }
                        acc = switch (kind) {
                            case MAX_POOL2D -> acc;
                            case AVERAGE_POOL2D -> count == 0 ? FloatVector.zero(Vectors.F) : acc.div(count);
                            case L2_POOL2D -> acc.sqrt();
                        };
                        acc.intoArray(out, at + c);
                    }
                }
                for (; c < channels; c++) {
                    float acc = initial;
                    for (int kh = 0; kh < g.kernelHeight(); kh++) {
                        int iy = oy * g.strideY() - g.padTop() + kh * g.dilationY();
                        if (iy < 0 || iy >= g.inHeight()) {
                            continue;
                        }
                        for (int kw = 0; kw < g.kernelWidth(); kw++) {
                            int ix = ox * g.strideX() - g.padLeft() + kw * g.dilationX();
                            if (ix < 0 || ix >= g.inWidth()) {
                                continue;
                            }
                            float v = x[((batch * g.inHeight() + iy) * g.inWidth() + ix) * channels + c];
                            acc = switch (kind) {
                                case MAX_POOL2D -> Math.max(acc, v);
                                case AVERAGE_POOL2D -> acc + v;
                                case L2_POOL2D -> Math.fma(v, v, acc);
                            };
                        }
                    }
                    out[at + c] = switch (kind) {
                        case MAX_POOL2D -> acc;
                        case AVERAGE_POOL2D -> count == 0 ? 0f : acc / count;
                        case L2_POOL2D -> (float) Math.sqrt(acc);
                    };
                }
            }
            Pointwise.apply(stages, out, rowStart, rowStart + g.outWidth() * channels, vectors);
        });
    }
}
