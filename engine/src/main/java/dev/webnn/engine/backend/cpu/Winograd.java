package dev.webnn.engine.backend.cpu;

import dev.webnn.engine.ops.Conv2d;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * A 3x3, stride-1 conv2d by Winograd's minimal filtering F(2x2, 3x3) (Lavin and Gray, 2015): each 2x2 block of
 * output pixels comes from the 4x4 block of input around it, with 16 products per pair of input and output channels
 * where the direct form takes 36. The products of every tile at one of the 16 positions of the 4x4 block form one
 * matrix product, tiles x inChannels by inChannels x outChannels, so the work runs on the GEMM kernel:
 * <ul>
 * <li>U = G g G<sup>T</sup> per filter, once at compile time, in double: G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2;
 * 0 0 1];</li>
 * <li>V = B<sup>T</sup> d B per input tile and channel, additions only: B<sup>T</sup> = [1 0 -1 0; 0 1 1 0;
 * 0 -1 1 0; 0 1 0 -1];</li>
 * <li>M = V U at each position (the GEMMs), then Y = A<sup>T</sup> M A plus the bias: A<sup>T</sup> = [1 1 1 0;
 * 0 1 -1 -1].</li>
 * </ul>
 * The transforms add and subtract values of an input tile, so an infinity there would meet itself with opposite
 * signs (a NaN the direct form does not make): inputs that are not all finite take the direct path
 * ({@link #applies}'s caller checks with {@link ImageKernels#allFinite}). With finite inputs, results agree with the
 * direct form within a few units of its rounding error; the parity tests hold both to the same ULP tolerance.
 * <p>
 * The work is split by rows of tiles (two output rows each): one row's transformed input (16 x tiles x inChannels)
 * and products (16 x tiles x outChannels) stay in L2 between the three passes.
 */
final class Winograd {
    /** Positions of the 4x4 input tile, and so GEMMs per row of tiles. */
    static final int POSITIONS = 16;
    /** Fewer channels than this leave GEMMs too thin for the transforms to pay off. */
    private static final int MIN_CHANNELS = 16;

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[4][0]);

    private Winograd() {
    }

    /** Whether a one-group conv2d of this geometry runs here (when its filter is constant and finite). */
    static boolean applies(ImageKernels.Geometry g) {
        return g.kernelHeight() == 3 && g.kernelWidth() == 3 && g.strideY() == 1 && g.strideX() == 1
                && g.dilationY() == 1 && g.dilationX() == 1 && g.inChannels() >= MIN_CHANNELS
                && g.outChannels() >= MIN_CHANNELS && g.outHeight() >= 4 && g.outWidth() >= 4;
    }

    /** The filter transformed, U at each of the 16 positions as a packed inChannels x outChannels B. */
    static GemmKernel.PackedB[] transformFilter(float[] w, long[] filterShape, Conv2d.FilterLayout layout,
                                                ImageKernels.Geometry g) {
        int[] strides = ImageKernels.FilterIndex.strides(filterShape, layout);
        int inChannels = g.inChannels();
        int outChannels = g.outChannels();
        float[][] u = new float[POSITIONS][inChannels * outChannels];
        double[] tap = new double[9];
        double[] half = new double[12];
        for (int oc = 0; oc < outChannels; oc++) {
            for (int ic = 0; ic < inChannels; ic++) {
                for (int kh = 0; kh < 3; kh++) {
                    for (int kw = 0; kw < 3; kw++) {
                        tap[kh * 3 + kw] = w[oc * strides[0] + ic * strides[1] + kh * strides[2] + kw * strides[3]];
                    }
                }
                // G g: 4x3.
                for (int c = 0; c < 3; c++) {
                    double g0 = tap[c];
                    double g1 = tap[3 + c];
                    double g2 = tap[6 + c];
                    half[c] = g0;
                    half[3 + c] = (g0 + g1 + g2) / 2;
                    half[6 + c] = (g0 - g1 + g2) / 2;
                    half[9 + c] = g2;
                }
                // (G g) G^T: 4x4.
                int at = ic * outChannels + oc;
                for (int r = 0; r < 4; r++) {
                    double g0 = half[r * 3];
                    double g1 = half[r * 3 + 1];
                    double g2 = half[r * 3 + 2];
                    u[r * 4][at] = (float) g0;
                    u[r * 4 + 1][at] = (float) ((g0 + g1 + g2) / 2);
                    u[r * 4 + 2][at] = (float) ((g0 - g1 + g2) / 2);
                    u[r * 4 + 3][at] = (float) g2;
                }
            }
        }
        // Each row of tiles multiplies its own tilesX rows.
        int tilesX = (g.outWidth() + 1) / 2;
        GemmKernel.PackedB[] packed = new GemmKernel.PackedB[POSITIONS];
        for (int p = 0; p < POSITIONS; p++) {
            packed[p] = GemmKernel.PackedB.pack(u[p], 0, inChannels, outChannels, outChannels, 1, tilesX);
        }
        return packed;
    }

    /**
     * The conv2d into out (NHWC), from an NHWC input or an NCHW one (reordered as it is padded); the bias added, then
     * the epilogue over each finished row of tiles. A null out stages each row of tiles in a per-thread buffer for an
     * epilogue that stores it elsewhere ({@link ImageKernels#storingNchw}), addressed as GEMM blocks are (row m at
     * offset + m * ldc).
     */
    static void conv(float[] x, boolean nchwInput, GemmKernel.PackedB[] u, float[] bias, float[] out,
                     ImageKernels.Geometry g, GemmKernel.Epilogue epilogue) {
        int paddedHeight = ImageKernels.paddedHeight(g);
        int paddedWidth = ImageKernels.paddedWidth(g);
        int inChannels = g.inChannels();
        int outChannels = g.outChannels();
        int tilesY = (g.outHeight() + 1) / 2;
        int tilesX = (g.outWidth() + 1) / 2;
        // An NHWC input with nothing to pad is read in place; else each row of tiles pads (and reorders) its own
        // four input rows into a band that stays in cache: a whole padded copy would go out to L3 and back.
        boolean inPlace = !nchwInput && !ImageKernels.copiesPaddedInput(g);
        boolean vectors = Vectors.enabled();
        CpuThreads.forEach(g.batches() * tilesY, task -> {
            int batch = task / tilesY;
            int tileRow = task % tilesY;
            float[][] buffers = BUFFERS.get();
            float[] transformed = buffer(buffers, 0, POSITIONS * tilesX * inChannels);
            float[] products = buffer(buffers, 1, POSITIONS * tilesX * outChannels);
            if (inPlace) {
                int image = batch * paddedHeight * paddedWidth * inChannels;
                transformInput(x, image + 2 * tileRow * paddedWidth * inChannels, paddedWidth, inChannels,
                        Math.min(4, paddedHeight - 2 * tileRow), tilesX, transformed, vectors);
            } else {
                float[] band = buffer(buffers, 3, 4 * paddedWidth * inChannels);
                padBand(x, nchwInput, g, batch, 2 * tileRow - g.padTop(), paddedWidth, band, vectors);
                transformInput(band, 0, paddedWidth, inChannels, 4, tilesX, transformed, vectors);
            }
            for (int p = 0; p < POSITIONS; p++) {
                GemmKernel.multiply(tilesX, outChannels, inChannels,
                        GemmKernel.rowMajor(transformed, p * tilesX * inChannels, inChannels), u[p], products,
                        p * tilesX * outChannels, outChannels, null, null, null);
            }
            int outRows = Math.min(2, g.outHeight() - 2 * tileRow);
            int row0 = (batch * g.outHeight() + 2 * tileRow) * g.outWidth();
            float[] target = out;
            int offset = 0;
            if (out == null) {
                target = buffer(buffers, 2, 2 * g.outWidth() * outChannels);
                offset = -row0 * outChannels;
            }
            transformOutput(products, tilesX, outChannels, bias, target, offset + row0 * outChannels, g.outWidth(),
                    outRows, vectors);
            if (epilogue != null) {
                epilogue.apply(target, offset, outChannels, row0, outRows * g.outWidth(), 0, outChannels);
            }
        });
    }

    /**
     * Input rows firstRow .. firstRow + 3 of one image, zero-padded to the padded width, as NHWC rows into band: rows
     * outside the input are zeros, an NCHW input is reordered as it is copied.
     */
    private static void padBand(float[] x, boolean nchwInput, ImageKernels.Geometry g, int batch, int firstRow,
                                int paddedWidth, float[] band, boolean vectors) {
        int rowFloats = paddedWidth * g.inChannels();
        int left = g.padLeft() * g.inChannels();
        for (int r = 0; r < 4; r++) {
            int y = firstRow + r;
            int at = r * rowFloats;
            if (y < 0 || y >= g.inHeight()) {
                Arrays.fill(band, at, at + rowFloats, 0f);
                continue;
            }
            Arrays.fill(band, at, at + left, 0f);
            Arrays.fill(band, at + left + g.inWidth() * g.inChannels(), at + rowFloats, 0f);
            ImageKernels.copyInputRow(x, nchwInput, g, batch, y, band, at + left, vectors);
        }
    }

    private static float[] buffer(float[][] buffers, int which, int size) {
        if (buffers[which].length < size) {
            buffers[which] = new float[size];
        }
        return buffers[which];
    }

    /**
     * V = B^T d B for each tile of one row of tiles: the tile's 4x4 pixels start at column 2 * tile of the 4 padded
     * rows from {@code at} (only {@code rowsThere} of them exist; the rest, and columns past the padded width, read
     * as zeros). V's position p, tile t, channel c lands at p * tiles * channels + t * channels + c.
     */
    private static void transformInput(float[] x, int at, int width, int channels, int rowsThere, int tiles,
                                       float[] v, boolean vectors) {
        int rowStride = width * channels;
        int positionStride = tiles * channels;
        int vectorEnd = vectors ? Vectors.loopBound(channels) : 0;
        float[] w = new float[16];
        for (int t = 0; t < tiles; t++) {
            int colsThere = Math.min(4, width - 2 * t);
            int tileAt = at + 2 * t * channels;
            int to = t * channels;
            int c = 0;
            // Tiles that reach past the padded input (the last row or column of an odd size) take the scalar loop,
            // so the vector loop loads every value unconditionally.
            int tileVectorEnd = rowsThere == 4 && colsThere == 4 ? vectorEnd : 0;
            for (; c < tileVectorEnd; c += Vectors.LANES) {
                // d B, row by row (16 vectors live), then B^T over the rows, stored position by position.
                int r0 = tileAt + c;
                FloatVector a0 = FloatVector.fromArray(Vectors.F, x, r0);
                FloatVector a1 = FloatVector.fromArray(Vectors.F, x, r0 + channels);
                FloatVector a2 = FloatVector.fromArray(Vectors.F, x, r0 + 2 * channels);
                FloatVector a3 = FloatVector.fromArray(Vectors.F, x, r0 + 3 * channels);
                FloatVector w00 = a0.sub(a2);
                FloatVector w01 = a1.add(a2);
                FloatVector w02 = a2.sub(a1);
                FloatVector w03 = a1.sub(a3);
                int r1 = r0 + rowStride;
                a0 = FloatVector.fromArray(Vectors.F, x, r1);
                a1 = FloatVector.fromArray(Vectors.F, x, r1 + channels);
                a2 = FloatVector.fromArray(Vectors.F, x, r1 + 2 * channels);
                a3 = FloatVector.fromArray(Vectors.F, x, r1 + 3 * channels);
                FloatVector w10 = a0.sub(a2);
                FloatVector w11 = a1.add(a2);
                FloatVector w12 = a2.sub(a1);
                FloatVector w13 = a1.sub(a3);
                int r2 = r1 + rowStride;
                a0 = FloatVector.fromArray(Vectors.F, x, r2);
                a1 = FloatVector.fromArray(Vectors.F, x, r2 + channels);
                a2 = FloatVector.fromArray(Vectors.F, x, r2 + 2 * channels);
                a3 = FloatVector.fromArray(Vectors.F, x, r2 + 3 * channels);
                FloatVector w20 = a0.sub(a2);
                FloatVector w21 = a1.add(a2);
                FloatVector w22 = a2.sub(a1);
                FloatVector w23 = a1.sub(a3);
                int r3 = r2 + rowStride;
                a0 = FloatVector.fromArray(Vectors.F, x, r3);
                a1 = FloatVector.fromArray(Vectors.F, x, r3 + channels);
                a2 = FloatVector.fromArray(Vectors.F, x, r3 + 2 * channels);
                a3 = FloatVector.fromArray(Vectors.F, x, r3 + 3 * channels);
                FloatVector w30 = a0.sub(a2);
                FloatVector w31 = a1.add(a2);
                FloatVector w32 = a2.sub(a1);
                FloatVector w33 = a1.sub(a3);
                int o = to + c;
                w00.sub(w20).intoArray(v, o);
                w01.sub(w21).intoArray(v, o + positionStride);
                w02.sub(w22).intoArray(v, o + 2 * positionStride);
                w03.sub(w23).intoArray(v, o + 3 * positionStride);
                w10.add(w20).intoArray(v, o + 4 * positionStride);
                w11.add(w21).intoArray(v, o + 5 * positionStride);
                w12.add(w22).intoArray(v, o + 6 * positionStride);
                w13.add(w23).intoArray(v, o + 7 * positionStride);
                w20.sub(w10).intoArray(v, o + 8 * positionStride);
                w21.sub(w11).intoArray(v, o + 9 * positionStride);
                w22.sub(w12).intoArray(v, o + 10 * positionStride);
                w23.sub(w13).intoArray(v, o + 11 * positionStride);
                w10.sub(w30).intoArray(v, o + 12 * positionStride);
                w11.sub(w31).intoArray(v, o + 13 * positionStride);
                w12.sub(w32).intoArray(v, o + 14 * positionStride);
                w13.sub(w33).intoArray(v, o + 15 * positionStride);
            }
            for (; c < channels; c++) {
                for (int r = 0; r < 4; r++) {
                    int rowAt = tileAt + r * rowStride + c;
                    boolean there = r < rowsThere;
                    float d0 = there && 0 < colsThere ? x[rowAt] : 0f;
                    float d1 = there && 1 < colsThere ? x[rowAt + channels] : 0f;
                    float d2 = there && 2 < colsThere ? x[rowAt + 2 * channels] : 0f;
                    float d3 = there && 3 < colsThere ? x[rowAt + 3 * channels] : 0f;
                    w[r * 4] = d0 - d2;
                    w[r * 4 + 1] = d1 + d2;
                    w[r * 4 + 2] = d2 - d1;
                    w[r * 4 + 3] = d1 - d3;
                }
                int o = to + c;
                for (int col = 0; col < 4; col++) {
                    float w0 = w[col];
                    float w1 = w[4 + col];
                    float w2 = w[8 + col];
                    float w3 = w[12 + col];
                    v[o + col * positionStride] = w0 - w2;
                    v[o + (4 + col) * positionStride] = w1 + w2;
                    v[o + (8 + col) * positionStride] = w2 - w1;
                    v[o + (12 + col) * positionStride] = w1 - w3;
                }
            }
        }
    }

    /**
     * Y = A^T M A plus the bias for each tile of one row of tiles, into {@code outRows} (1 or 2) output rows of
     * {@code outWidth} pixels from {@code at}; a last tile past an odd width stores its first column only.
     */
    private static void transformOutput(float[] m, int tiles, int channels, float[] bias, float[] y, int at,
                                        int outWidth, int outRows, boolean vectors) {
        int positionStride = tiles * channels;
        int rowStride = outWidth * channels;
        int vectorEnd = vectors ? Vectors.loopBound(channels) : 0;
        float[] s = new float[8];
        // No bias reads as zeros, so the vector loop has one form.
        float[] biasOrZeros = bias != null ? bias : new float[channels];
        for (int t = 0; t < tiles; t++) {
            int from = t * channels;
            int to = at + 2 * t * channels;
            boolean secondColumn = 2 * t + 1 < outWidth;
            int c = 0;
            for (; c < vectorEnd; c += Vectors.LANES) {
                // A^T M column by column (8 vectors live), then A over each row.
                int o = from + c;
                FloatVector m0 = FloatVector.fromArray(Vectors.F, m, o);
                FloatVector m1 = FloatVector.fromArray(Vectors.F, m, o + 4 * positionStride);
                FloatVector m2 = FloatVector.fromArray(Vectors.F, m, o + 8 * positionStride);
                FloatVector m3 = FloatVector.fromArray(Vectors.F, m, o + 12 * positionStride);
                FloatVector s00 = m0.add(m1).add(m2);
                FloatVector s10 = m1.sub(m2).sub(m3);
                m0 = FloatVector.fromArray(Vectors.F, m, o + positionStride);
                m1 = FloatVector.fromArray(Vectors.F, m, o + 5 * positionStride);
                m2 = FloatVector.fromArray(Vectors.F, m, o + 9 * positionStride);
                m3 = FloatVector.fromArray(Vectors.F, m, o + 13 * positionStride);
                FloatVector s01 = m0.add(m1).add(m2);
                FloatVector s11 = m1.sub(m2).sub(m3);
                m0 = FloatVector.fromArray(Vectors.F, m, o + 2 * positionStride);
                m1 = FloatVector.fromArray(Vectors.F, m, o + 6 * positionStride);
                m2 = FloatVector.fromArray(Vectors.F, m, o + 10 * positionStride);
                m3 = FloatVector.fromArray(Vectors.F, m, o + 14 * positionStride);
                FloatVector s02 = m0.add(m1).add(m2);
                FloatVector s12 = m1.sub(m2).sub(m3);
                m0 = FloatVector.fromArray(Vectors.F, m, o + 3 * positionStride);
                m1 = FloatVector.fromArray(Vectors.F, m, o + 7 * positionStride);
                m2 = FloatVector.fromArray(Vectors.F, m, o + 11 * positionStride);
                m3 = FloatVector.fromArray(Vectors.F, m, o + 15 * positionStride);
                FloatVector s03 = m0.add(m1).add(m2);
                FloatVector s13 = m1.sub(m2).sub(m3);
                FloatVector b = FloatVector.fromArray(Vectors.F, biasOrZeros, c);
                s00.add(s01).add(s02).add(b).intoArray(y, to + c);
                if (secondColumn) {
                    s01.sub(s02).sub(s03).add(b).intoArray(y, to + channels + c);
                }
                if (outRows > 1) {
                    s10.add(s11).add(s12).add(b).intoArray(y, to + rowStride + c);
                    if (secondColumn) {
                        s11.sub(s12).sub(s13).add(b).intoArray(y, to + rowStride + channels + c);
                    }
                }
            }
            for (; c < channels; c++) {
                for (int col = 0; col < 4; col++) {
                    float m0 = m[col * positionStride + from + c];
                    float m1 = m[(4 + col) * positionStride + from + c];
                    float m2 = m[(8 + col) * positionStride + from + c];
                    float m3 = m[(12 + col) * positionStride + from + c];
                    s[col] = m0 + m1 + m2;
                    s[4 + col] = m1 - m2 - m3;
                }
                float b = bias == null ? 0f : bias[c];
                for (int r = 0; r < outRows; r++) {
                    y[to + r * rowStride + c] = s[r * 4] + s[r * 4 + 1] + s[r * 4 + 2] + b;
                    if (secondColumn) {
                        y[to + r * rowStride + channels + c] = s[r * 4 + 1] - s[r * 4 + 2] - s[r * 4 + 3] + b;
                    }
                }
            }
        }
    }
}
