package dev.webnn.engine.backend.cpu;

import dev.webnn.engine.ops.Conv2d;
import dev.webnn.engine.ops.Pool2d;
import jdk.incubator.vector.FloatVector;

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
        int segment = readsTapsInPlace(g) ? g.inChannels() : Math.max(1, g.gemmDepth());
        return GemmKernel.PackedB.pack(b, 0, g.gemmDepth(), g.outChannels(), g.outChannels(), 1, segment);
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
     * conv2d as a GEMM into out (NHWC). {@code scratch} holds a reusable buffer for the zero-padded input copy
     * between runs of one step.
     */
    static void conv(float[] x, GemmKernel.PackedB filter, float[] bias, float[] out, Geometry g,
                     Pointwise.Bounds clamp, GemmKernel.Epilogue epilogue, float[][] scratch) {
        GemmKernel.ASource a;
        if (g.isPointwise()) {
            a = GemmKernel.rowMajor(x, 0, g.inChannels());
        } else if (readsTapsInPlace(g)) {
            a = taps(x, g, scratch);
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

    static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Rows of A at one filter tap: input pixels read in place from the input, or from a zero-padded copy of it. */
    private static GemmKernel.ASource taps(float[] x, Geometry g, float[][] scratch) {
        int channels = g.inChannels();
        int paddedHeight = Math.max(g.padTop() + g.inHeight(),
                (g.outHeight() - 1) * g.strideY() + (g.kernelHeight() - 1) * g.dilationY() + 1);
        int paddedWidth = Math.max(g.padLeft() + g.inWidth(),
                (g.outWidth() - 1) * g.strideX() + (g.kernelWidth() - 1) * g.dilationX() + 1);
        float[] source = x;
        if (paddedHeight != g.inHeight() || paddedWidth != g.inWidth() || g.padTop() != 0 || g.padLeft() != 0) {
            int size = g.batches() * paddedHeight * paddedWidth * channels;
            if (scratch[0] == null || scratch[0].length < size) {
                scratch[0] = new float[size];
            }
            source = scratch[0];
            java.util.Arrays.fill(source, 0, size, 0f);
            for (int b = 0; b < g.batches(); b++) {
                for (int y = 0; y < g.inHeight(); y++) {
                    System.arraycopy(x, ((b * g.inHeight() + y) * g.inWidth()) * channels, source,
                            ((b * paddedHeight + y + g.padTop()) * paddedWidth + g.padLeft()) * channels,
                            g.inWidth() * channels);
                }
            }
        }
        float[] rows = source;
        int pixels = g.outHeight() * g.outWidth();
        return (row0, count, k0, kc, offsets) -> {
            int tap = k0 / channels;
            int c0 = k0 % channels;
            int dy = tap / g.kernelWidth() * g.dilationY();
            int dx = tap % g.kernelWidth() * g.dilationX();
            for (int i = 0; i < count; i++) {
                int m = row0 + i;
                int batch = m / pixels;
                int oy = m % pixels / g.outWidth();
                int ox = m % g.outWidth();
                offsets[i] = ((batch * paddedHeight + oy * g.strideY() + dy) * paddedWidth + ox * g.strideX() + dx)
                        * channels + c0;
            }
            return rows;
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
     * Depthwise conv2d (groups = input channels = output channels), then bias and the fused stages, a row of output
     * pixels at a time. For a 3x3 filter the nine weight vectors of a channel block stay in registers across the
     * row, and pixels whose window lies inside the input skip every bounds check.
     */
    static void depthwise(float[] x, float[] w, float[] bias, float[] out, Geometry g, Pointwise.Stage[] stages) {
        boolean vectors = Vectors.enabled();
        int channels = g.outChannels();
        CpuThreads.forEach(g.batches() * g.outHeight(), row -> {
            int batch = row / g.outHeight();
            int oy = row % g.outHeight();
            int rowStart = row * g.outWidth() * channels;
            int c = 0;
            if (vectors) {
                int bound = Vectors.loopBound(channels);
                // A few output pixels at a time across all channel blocks, so their input stays in L1.
                for (int x0 = 0; x0 < g.outWidth(); x0 += DEPTHWISE_PIXELS) {
                    int x1 = Math.min(g.outWidth(), x0 + DEPTHWISE_PIXELS);
                    for (int cb = 0; cb < bound; cb += Vectors.LANES) {
                        depthwiseVectorRow(x, w, bias, out, g, batch, oy, rowStart, cb, x0, x1);
                    }
                }
                c = bound;
            }
            for (; c < channels; c++) {
                for (int ox = 0; ox < g.outWidth(); ox++) {
                    float acc = bias == null ? 0 : bias[c];
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
                            acc = Math.fma(x[((batch * g.inHeight() + iy) * g.inWidth() + ix) * channels + c],
                                    w[(kh * g.kernelWidth() + kw) * channels + c], acc);
                        }
                    }
                    out[rowStart + ox * channels + c] = acc;
                }
            }
            Pointwise.apply(stages, out, rowStart, rowStart + g.outWidth() * channels, vectors);
        });
    }

    private static final int DEPTHWISE_PIXELS = 8;

    /** One block of channels (a vector) along output pixels [x0, x1) of one row. */
    private static void depthwiseVectorRow(float[] x, float[] w, float[] bias, float[] out, Geometry g, int batch,
                                           int oy, int rowStart, int c, int x0, int x1) {
        int iy0 = oy * g.strideY() - g.padTop();
        boolean allRows = iy0 >= 0 && iy0 + (g.kernelHeight() - 1) * g.dilationY() < g.inHeight();
        int firstInside = 0;
        int lastInside = -1;
        if (g.kernelHeight() == 3 && g.kernelWidth() == 3 && allRows) {
            // Pixels ox in [firstInside, lastInside] have all three columns inside the input.
            firstInside = (g.padLeft() + g.strideX() - 1) / g.strideX();
            lastInside = Math.min(g.outWidth() - 1,
                    Math.floorDiv(g.inWidth() - 1 - 2 * g.dilationX() + g.padLeft(), g.strideX()));
        }
        int first = Math.max(x0, firstInside);
        int last = Math.min(x1 - 1, lastInside);
        if (last < first) {
            first = x1;
            last = x1 - 1;
        }
        for (int ox = x0; ox < first; ox++) {
            depthwisePixel(x, w, bias, out, g, batch, iy0, ox, rowStart, c);
        }
        if (first <= last) {
            depthwiseInterior3x3(x, w, bias, out, g, batch, iy0, first, last, rowStart, c);
        }
        for (int ox = last + 1; ox < x1; ox++) {
            depthwisePixel(x, w, bias, out, g, batch, iy0, ox, rowStart, c);
        }
    }

    /**
     * Output pixels [first, last] of a row, whose 3x3 windows lie inside the input: nine weight vectors in
     * registers, no bounds checks. Kept a method of its own so the JIT inlines every vector operation in it.
     */
    private static void depthwiseInterior3x3(float[] x, float[] w, float[] bias, float[] out, Geometry g,
                                             int batch, int iy0, int first, int last, int rowStart, int c) {
        int channels = g.outChannels();
        FloatVector initial = initial(bias, c);
        FloatVector w00 = FloatVector.fromArray(Vectors.F, w, c);
        FloatVector w01 = FloatVector.fromArray(Vectors.F, w, channels + c);
        FloatVector w02 = FloatVector.fromArray(Vectors.F, w, 2 * channels + c);
        FloatVector w10 = FloatVector.fromArray(Vectors.F, w, 3 * channels + c);
        FloatVector w11 = FloatVector.fromArray(Vectors.F, w, 4 * channels + c);
        FloatVector w12 = FloatVector.fromArray(Vectors.F, w, 5 * channels + c);
        FloatVector w20 = FloatVector.fromArray(Vectors.F, w, 6 * channels + c);
        FloatVector w21 = FloatVector.fromArray(Vectors.F, w, 7 * channels + c);
        FloatVector w22 = FloatVector.fromArray(Vectors.F, w, 8 * channels + c);
        int rowStep = g.dilationY() * g.inWidth() * channels;
        int columnStep = g.dilationX() * channels;
        int pixelStep = g.strideX() * channels;
        int at = ((batch * g.inHeight() + iy0) * g.inWidth() + first * g.strideX() - g.padLeft()) * channels + c;
        for (int ox = first; ox <= last; ox++, at += pixelStep) {
            int r1 = at + rowStep;
            int r2 = r1 + rowStep;
            FloatVector acc = FloatVector.fromArray(Vectors.F, x, at).fma(w00, initial);
            acc = FloatVector.fromArray(Vectors.F, x, at + columnStep).fma(w01, acc);
            acc = FloatVector.fromArray(Vectors.F, x, at + 2 * columnStep).fma(w02, acc);
            acc = FloatVector.fromArray(Vectors.F, x, r1).fma(w10, acc);
            acc = FloatVector.fromArray(Vectors.F, x, r1 + columnStep).fma(w11, acc);
            acc = FloatVector.fromArray(Vectors.F, x, r1 + 2 * columnStep).fma(w12, acc);
            acc = FloatVector.fromArray(Vectors.F, x, r2).fma(w20, acc);
            acc = FloatVector.fromArray(Vectors.F, x, r2 + columnStep).fma(w21, acc);
            acc = FloatVector.fromArray(Vectors.F, x, r2 + 2 * columnStep).fma(w22, acc);
            acc.intoArray(out, rowStart + ox * channels + c);
        }
    }

    private static FloatVector initial(float[] bias, int c) {
        return bias == null ? FloatVector.zero(Vectors.F) : FloatVector.fromArray(Vectors.F, bias, c);
    }

    /** One output pixel of a channel block, any filter size, skipping taps outside the input. */
    private static void depthwisePixel(float[] x, float[] w, float[] bias, float[] out, Geometry g, int batch,
                                       int iy0, int ox, int rowStart, int c) {
        int channels = g.outChannels();
        FloatVector acc = initial(bias, c);
        for (int kh = 0; kh < g.kernelHeight(); kh++) {
            int iy = iy0 + kh * g.dilationY();
            if (iy < 0 || iy >= g.inHeight()) {
                continue;
            }
            int rowBase = (batch * g.inHeight() + iy) * g.inWidth();
            for (int kw = 0; kw < g.kernelWidth(); kw++) {
                int ix = ox * g.strideX() - g.padLeft() + kw * g.dilationX();
                if (ix < 0 || ix >= g.inWidth()) {
                    continue;
                }
                acc = FloatVector.fromArray(Vectors.F, x, (rowBase + ix) * channels + c)
                        .fma(FloatVector.fromArray(Vectors.F, w, (kh * g.kernelWidth() + kw) * channels + c), acc);
            }
        }
        acc.intoArray(out, rowStart + ox * channels + c);
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
