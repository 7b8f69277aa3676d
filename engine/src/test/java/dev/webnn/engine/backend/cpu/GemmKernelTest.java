package dev.webnn.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GemmKernel against a plain triple loop in double, vectors on and off, over shapes that reach every path: whole and
 * partial row tiles (12, 4 and other remainders), whole and partial column panels, one and several K blocks, A read
 * in place (B narrow, or shallow and small enough for L2) and A packed (B wide and deep, or K too shallow), several
 * threads' row blocks and column splits, a K split into segments (a convolution's filter taps), a gathered
 * (transposed) A, a bias seed, and a clamp then an epilogue on final values.
 */
class GemmKernelTest {
    @AfterEach
    void restore() {
        Vectors.setEnabled(true);
        CpuThreads.setParallelism(Runtime.getRuntime().availableProcessors());
    }

    private static final int[][] SHAPES = {
        // m, k, n
        {1, 1, 1}, {1, 7, 5}, {4, 16, 32}, {3, 600, 40}, {12, 512, 64}, {13, 513, 65}, {16, 33, 96}, {25, 64, 128},
        {47, 100, 200}, {100, 1040, 33}, {193, 70, 257}, {400, 64, 64}, {7, 1030, 31}, {96, 12, 512},
        // K below 32: on AVX2 in place through the 6-row tile (eight whole tiles, two rows left, a partial last
        // panel), packed over a B of more than 16K floats (and always packed on AVX-512).
        {50, 20, 100}, {50, 20, 1000},
        // A packed: a K block of B too large for L2; partial edges; over one and three K blocks (odd kc, four streams
        // with a remainder). And in place over many panels and three K blocks.
        {20, 256, 1000}, {14, 256, 2100}, {40, 1027, 1000}, {30, 1100, 300},
        // One vector of columns or fewer: the 8-row tile, whole and partial, over one and two K blocks.
        {37, 45, 16}, {20, 1100, 16}, {9, 20, 12},
        // A single panel of more than one vector: the 8-row by 32 tile, whole rows and a short last tile, 24 columns
        // (a partial store), alone and after two pairs, over one and two K blocks.
        {21, 50, 24}, {16, 1100, 88},
        // One or two rows left over a panel pair: the 2-row tile, whole and partial, over one and two K blocks.
        {49, 160, 130}, {42, 96, 64}, {6, 1100, 64},
        // A last or only row by groups of four whole panels (and a short group after them), packed: the row tile.
        {1, 1100, 700}, {13, 20, 256}, {1, 20, 130},
        // On AVX2, a whole panel and a last half one, 3 rows at a time: whole tiles and a short last one, alone and
        // after a panel, 20 columns (a partial store), over one and two K blocks and a shallow K.
        {22, 96, 24}, {20, 1100, 40}, {31, 20, 20}, {9, 144, 24},
        // On AVX2, a single panel 6 rows at a time below K = 64, the last rows 4 at a time.
        {40, 40, 16}, {17, 63, 40},
    };

    /**
     * B packed for m rows, as the engine packs it, and for one row and for many: a B packed for rows it does not get
     * lies on the heap where the packed tile reads it, or off the heap where a task would have read A in place.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void rowMajorMatchesTripleLoop(boolean vectors) {
        Vectors.setEnabled(vectors);
        int[] forms = new int[2];
        for (int threads : new int[] {1, 2, 3}) {
            CpuThreads.setParallelism(threads);
            for (int[] s : SHAPES) {
                int m = s[0];
                int k = s[1];
                int n = s[2];
                Random random = new Random(m * 31L + k * 7L + n);
                float[] a = values(random, 5 + m * k);
                float[] b = values(random, 3 + k * n);
                float[] bias = values(random, n);
                for (int rows : new int[] {m, 1, 4096}) {
                    float[] c = new float[2 + m * (n + 3)];
                    GemmKernel.PackedB packed = GemmKernel.PackedB.pack(b, 3, k, n, n, 1, rows);
                    forms[packed.data == null ? 1 : 0]++;
                    GemmKernel.multiply(m, n, k, GemmKernel.rowMajor(a, 5, k), packed, c, 2, n + 3, bias, null,
                            null);
                    check(m, n, k, (i, p) -> a[5 + i * k + p], (p, j) -> b[3 + p * n + j], bias, c, 2, n + 3, null,
                            label(s, threads) + " packed for " + rows + " rows");
                }
                // The same A held also as quads, which the 4-row in-place tile reads.
                float[] c = new float[2 + m * (n + 3)];
                GemmKernel.multiply(m, n, k, GemmKernel.rowMajor(a, 5, k, GemmKernel.quads(a, 5, k, m, k)),
                        GemmKernel.PackedB.pack(b, 3, k, n, n, 1, m), c, 2, n + 3, bias, null, null);
                check(m, n, k, (i, p) -> a[5 + i * k + p], (p, j) -> b[3 + p * n + j], bias, c, 2, n + 3, null,
                        label(s, threads) + " A as quads too");
            }
        }
        assertTrue(forms[0] > 0 && forms[1] > 0, "B on the heap " + forms[0] + " times, off it " + forms[1]);
    }

    /**
     * A B of 8 MB per K block, packed: its row blocks grow to LARGE_B_BLOCK_TILES (on AVX2 past MC_TILES, so the
     * packed A outgrows its first buffer), with a partial last tile.
     */
    @Test
    void largeBTakesLargerRowBlocks() {
        int m = 5 * GemmKernel.MC_TILES + 23;
        int k = 1024;
        int n = 2048;
        Random random = new Random(42);
        float[] a = values(random, m * k);
        float[] b = values(random, k * n);
        float[] bias = values(random, n);
        GemmKernel.PackedB packed = GemmKernel.PackedB.pack(b, 0, k, n, n, 1, m);
        GemmKernel.ASource rows = GemmKernel.rowMajor(a, 0, k);
        assertEquals(GemmKernel.LARGE_B_BLOCK_TILES, GemmKernel.maxTilesPerBlock(rows, packed, m, new float[0], true));
        // Held also as quads (a constant filter), it is still read where it lies.
        assertEquals(GemmKernel.LARGE_B_BLOCK_TILES, GemmKernel.maxTilesPerBlock(
                GemmKernel.rowMajor(a, 0, k, GemmKernel.quads(a, 0, k, m, k)), packed, m, new float[0], true));
        // A gathered A keeps MC_TILES: its gather buffer holds that many rows.
        assertEquals(GemmKernel.MC_TILES,
                GemmKernel.maxTilesPerBlock(GemmKernel.strided(a, 0, 1, m), packed, m, new float[0], true));
        for (int threads : new int[] {1, 2}) {
            CpuThreads.setParallelism(threads);
            float[] c = new float[m * n];
            GemmKernel.multiply(m, n, k, rows, packed, c, 0, n, bias, null, null);
            check(m, n, k, (i, p) -> a[i * k + p], (p, j) -> b[p * n + j], bias, c, 0, n, null,
                    "m " + m + " k " + k + " n " + n + ", " + threads + " threads");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void segmentedGatheredClampedAndEpilogue(boolean vectors) {
        Vectors.setEnabled(vectors);
        for (int threads : new int[] {1, 2}) {
            CpuThreads.setParallelism(threads);
            for (int[] s : SHAPES) {
                int m = s[0];
                int k = s[1];
                int n = s[2];
                Random random = new Random(m * 13L + k * 5L + n);
                // A transposed (k x m storage), B transposed (n x k storage), K in segments of 24.
                float[] at = values(random, m * k);
                float[] bt = values(random, k * n);
                float[] c = new float[m * n];
                Pointwise.Bounds clamp = new Pointwise.Bounds(-0.5f, 0.75f);
                int[] epilogueCalls = new int[1];
                GemmKernel.PackedB packed = GemmKernel.PackedB.pack(bt, 0, k, n, 1, k, 24, m);
                GemmKernel.multiply(m, n, k, GemmKernel.strided(at, 0, 1, m), packed, c, 0, n, null, clamp,
                        (cs, offset, ldc, row0, rows, col0, cols) -> {
                            for (int i = 0; i < rows; i++) {
                                for (int j = 0; j < cols; j++) {
                                    cs[offset + (row0 + i) * ldc + col0 + j] *= 2;
                                }
                            }
                            synchronized (epilogueCalls) {
                                epilogueCalls[0] += rows * cols;
                            }
                        });
                assertEquals(m * n, epilogueCalls[0], "epilogue covers C once " + label(s, threads));
                for (int i = 0; i < c.length; i++) {
                    c[i] /= 2;
                }
                check(m, n, k, (i, p) -> at[p * m + i], (p, j) -> bt[j * k + p], null, c, 0, n, clamp,
                        label(s, threads));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void convolutionTapsReadInPlace(boolean vectors) {
        // A 3x3, pad-1 convolution over an 9x7 image of 20 channels, as ImageKernels reads it: one K segment per
        // filter tap, rows read in place from a zero-padded copy.
        Vectors.setEnabled(vectors);
        int h = 9;
        int w = 7;
        int ch = 20;
        int ph = h + 2;
        int pw = w + 2;
        for (int oc : new int[] {8, 24, 64, 100}) {
            Random random = new Random(oc);
            float[] padded = new float[ph * pw * ch];
            for (int y = 1; y <= h; y++) {
                for (int x = 1; x <= w; x++) {
                    for (int c = 0; c < ch; c++) {
                        padded[(y * pw + x) * ch + c] = random.nextFloat() - 0.5f;
                    }
                }
            }
            int k = 9 * ch;
            float[] filter = values(random, k * oc);
            float[] bias = values(random, oc);
            float[] out = new float[h * w * oc];
            GemmKernel.ASource taps = (row0, rows, k0, kc, offsets) -> {
                int tap = k0 / ch;
                for (int i = 0; i < rows; i++) {
                    int oy = (row0 + i) / w;
                    int ox = (row0 + i) % w;
                    offsets[i] = ((oy + tap / 3) * pw + ox + tap % 3) * ch + k0 % ch;
                }
                return padded;
            };
            GemmKernel.PackedB packed = GemmKernel.PackedB.pack(filter, 0, k, oc, oc, 1, ch, h * w);
            // On two threads a 24-channel conv splits its two panels between tasks; on one, a task takes both.
            for (int threads : new int[] {1, 2}) {
                CpuThreads.setParallelism(threads);
                Arrays.fill(out, 0);
                GemmKernel.multiply(h * w, oc, k, taps, packed, out, 0, oc, bias, null, null);
                check(h * w, oc, k, (i, p) -> padded[((i / w + p / ch / 3) * pw + i % w + p / ch % 3) * ch + p % ch],
                        (p, j) -> filter[p * oc + j], bias, out, 0, oc, null, "conv oc " + oc + ", " + threads + "T");
            }
        }
    }

    /**
     * A transposed A, gathered a piece at a time, over a single panel in place, whose pieces go twice as deep as over
     * a pair: with 600 rows, no deeper than the gather buffer holds.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void transposedAOverOnePanel(boolean vectors) {
        Vectors.setEnabled(vectors);
        int m = 600;
        int k = 300;
        int n = 20;
        Random random = new Random(600);
        float[] at = values(random, m * k);
        float[] b = values(random, k * n);
        float[] c = new float[m * n];
        for (int threads : new int[] {1, 2}) {
            CpuThreads.setParallelism(threads);
            GemmKernel.multiply(m, n, k, GemmKernel.strided(at, 0, 1, m), GemmKernel.PackedB.pack(b, 0, k, n, n, 1, m),
                    c, 0, n, null, null, null);
            check(m, n, k, (i, p) -> at[p * m + i], (p, j) -> b[p * n + j], null, c, 0, n, null,
                    "transposed A, " + threads + " threads");
        }
    }

    /**
     * A B packed into the thread's scratch on every call, with its row of ones (a 1x1 NCHW conv2d's input, the bias
     * in A's last column): packed for few rows (the packed tiles, off the heap) and for many (in place, on the heap),
     * each twice in a row with other values, so a copy from an earlier call would show.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void scratchBWithOnesRowAddsTheBias(boolean vectors) {
        Vectors.setEnabled(vectors);
        int n = 300;
        int[] forms = new int[2];
        for (int threads : new int[] {1, 2}) {
            CpuThreads.setParallelism(threads);
            for (int[] mk : new int[][] {{2, 40}, {3, 20}, {64, 20}, {64, 40}}) {
                int m = mk[0];
                int k = mk[1];
                for (int call = 0; call < 2; call++) {
                    Random random = new Random(m * 100L + k + call);
                    float[] a = values(random, m * (k + 1));
                    float[] b = values(random, 7 + k * n);
                    float[] c = new float[m * n];
                    GemmKernel.PackedB packed = GemmKernel.PackedB.packScratchWithOnes(b, 7, k, n, n, m);
                    forms[packed.data == null ? 1 : 0]++;
                    GemmKernel.multiply(m, n, k + 1, GemmKernel.rowMajor(a, 0, k + 1), packed, c, 0, n, null, null,
                            null);
                    check(m, n, k + 1, (i, p) -> a[i * (k + 1) + p], (p, j) -> p < k ? b[7 + p * n + j] : 1f, null, c,
                            0, n, null, "scratch B, m " + m + ", k " + k + ", call " + call + ", " + threads
                                    + " threads");
                }
            }
        }
        assertTrue(forms[0] > 0 && forms[1] > 0, "B on the heap " + forms[0] + " times, off it " + forms[1]);
    }

    @FunctionalInterface
    private interface Element {
        float at(int row, int col);
    }

    private static void check(int m, int n, int k, Element a, Element b, float[] bias, float[] c, int offset, int ldc,
                              Pointwise.Bounds clamp, String label) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = bias == null ? 0 : bias[j];
                double magnitude = Math.abs(sum);
                for (int p = 0; p < k; p++) {
                    double term = (double) a.at(i, p) * b.at(p, j);
                    sum += term;
                    magnitude += Math.abs(term);
                }
                if (clamp != null) {
                    sum = Math.min(clamp.max(), Math.max(clamp.min(), sum));
                }
                double tolerance = 1e-6 * (k + 2) * Math.max(1, magnitude);
                assertEquals(sum, c[offset + i * ldc + j], tolerance, label + " at (" + i + ", " + j + ")");
            }
        }
    }

    private static float[] values(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }

    private static String label(int[] shape, int threads) {
        return "m " + shape[0] + " k " + shape[1] + " n " + shape[2] + ", " + threads + " threads";
    }
}
