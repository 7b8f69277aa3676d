package dev.webnn.engine.backend.cpu;

import dev.webnn.engine.ops.Conv2d;
import dev.webnn.engine.ops.Pool2d;
import jdk.incubator.vector.FloatVector;

/**
 * conv2d and pooling on NHWC storage. conv2d is a GEMM: output pixels by (kernel row, kernel column, input
 * channel) times the packed filter; a 1x1 unit-stride unpadded conv2d reads the input as the A matrix directly,
 * any other gathers it into A's panels while packing (implicit im2col, no im2col buffer). Depthwise conv2d and the
 * pools run along the channels, a vector of channels at a time.
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
        return GemmKernel.PackedB.pack(b, 0, g.gemmDepth(), g.outChannels(), g.outChannels(), 1);
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

    static void conv(float[] x, GemmKernel.PackedB filter, float[] out, Geometry g, GemmKernel.Epilogue epilogue) {
        GemmKernel.APacker a = g.isPointwise()
                ? GemmKernel.matrix(x, 0, g.inChannels(), 1)
                : im2col(x, g);
        GemmKernel.multiply(g.gemmRows(), g.outChannels(), g.gemmDepth(), a, filter, out, 0, g.outChannels(), epilogue);
    }

    /** Packs rows (output pixels) by columns (kh, kw, ic) of the virtual im2col matrix straight from the input. */
    private static GemmKernel.APacker im2col(float[] x, Geometry g) {
        int pixels = g.outHeight() * g.outWidth();
        int channels = g.inChannels();
        return (row0, rows, k0, kc, dst) -> {
            int padded = (rows + GemmKernel.MR - 1) / GemmKernel.MR * GemmKernel.MR;
            for (int i = 0; i < padded; i++) {
                int base = (i / GemmKernel.MR) * GemmKernel.MR * kc + i % GemmKernel.MR;
                if (i >= rows) {
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * GemmKernel.MR] = 0;
                    }
                    continue;
                }
                int m = row0 + i;
                int batch = m / pixels;
                int oy = m % pixels / g.outWidth();
                int ox = m % g.outWidth();
                int p = 0;
                int k = k0;
                while (p < kc) {
                    int tap = k / channels;
                    int c0 = k % channels;
                    int run = Math.min(channels - c0, kc - p);
                    int iy = oy * g.strideY() - g.padTop() + tap / g.kernelWidth() * g.dilationY();
                    int ix = ox * g.strideX() - g.padLeft() + tap % g.kernelWidth() * g.dilationX();
                    int at = base + p * GemmKernel.MR;
                    if (iy >= 0 && iy < g.inHeight() && ix >= 0 && ix < g.inWidth()) {
                        int src = ((batch * g.inHeight() + iy) * g.inWidth() + ix) * channels + c0;
                        for (int q = 0; q < run; q++) {
                            dst[at + q * GemmKernel.MR] = x[src + q];
                        }
                    } else {
                        for (int q = 0; q < run; q++) {
                            dst[at + q * GemmKernel.MR] = 0;
                        }
                    }
                    p += run;
                    k += run;
                }
            }
        };
    }

    /** Depthwise conv2d (groups = input channels = output channels), then bias and the fused stages, per row. */
    static void depthwise(float[] x, float[] w, float[] bias, float[] out, Geometry g, Pointwise.Stage[] stages) {
        boolean vectors = Vectors.enabled();
        int channels = g.outChannels();
        CpuThreads.forEach(g.batches() * g.outHeight(), row -> {
            int batch = row / g.outHeight();
            int oy = row % g.outHeight();
            int rowStart = row * g.outWidth() * channels;
            for (int ox = 0; ox < g.outWidth(); ox++) {
                int at = rowStart + ox * channels;
                int c = 0;
                if (vectors) {
                    for (int bound = Vectors.loopBound(channels); c < bound; c += Vectors.LANES) {
                        FloatVector acc = bias == null ? FloatVector.zero(Vectors.F)
                                : FloatVector.fromArray(Vectors.F, bias, c);
                        for (int kh = 0; kh < g.kernelHeight(); kh++) {
                            int iy = oy * g.strideY() - g.padTop() + kh * g.dilationY();
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
                        acc.intoArray(out, at + c);
                    }
                }
                for (; c < channels; c++) {
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
                    out[at + c] = acc;
                }
            }
            Pointwise.apply(stages, out, rowStart, rowStart + g.outWidth() * channels, vectors);
        });
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
