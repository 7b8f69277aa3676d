package dev.webnn.engine.backend.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * C = A x B in float32 with an MR x NR register tile (MR rows of two vectors) accumulated over K blocks. B is packed
 * once (weights at compile time) into column panels per K block. A is read where it lies: each tile broadcasts
 * from MR row pointers, so a row-major matrix, a 1x1 convolution's input, or a padded input at one filter tap
 * needs no copy; only A that is not row-contiguous (a transposed matrix, a convolution with few channels) is
 * gathered into a small per-thread block first. Loops follow the usual order: rows in MC blocks stay in L2 while
 * each B panel is reused from L1 for every row tile. Threads split the row blocks and, when rows are few, the
 * column panels.
 */
final class GemmKernel {
    static final int MR = 8;
    static final int NR = 2 * Vectors.LANES;
    static final int KC = 256;
    static final int MC = 20 * MR;

    private static final ThreadLocal<float[]> GATHERED = ThreadLocal.withInitial(() -> new float[MC * KC]);
    private static final ThreadLocal<int[]> OFFSETS = ThreadLocal.withInitial(() -> new int[MC]);
    private static final ThreadLocal<float[]> EDGE = ThreadLocal.withInitial(() -> new float[MR * NR]);

    private GemmKernel() {
    }

    /**
     * Rows [row0, row0 + rows) of A over one K block [k0, k0 + kc): returns the array holding them and puts into
     * offsets[i] where row row0 + i starts (its kc elements follow contiguously).
     */
    @FunctionalInterface
    interface ASource {
        float[] rows(int row0, int rows, int k0, int kc, int[] offsets);
    }

    /** Writes A's element (row0 + i, k0 + p) at dst[i * kc + p], for gathered sources. */
    @FunctionalInterface
    interface Gather {
        void gather(int row0, int rows, int k0, int kc, float[] dst);
    }

    /** What a multiply does to a finished block of C: bias, activations, scaling. */
    @FunctionalInterface
    interface Epilogue {
        void apply(float[] c, int offset, int ldc, int row0, int rows, int col0, int cols);
    }

    /** A row-major A: element (i, p) at a[offset + i * rowStride + p]. */
    static ASource rowMajor(float[] a, int offset, int rowStride) {
        return (row0, rows, k0, kc, offsets) -> {
            for (int i = 0; i < rows; i++) {
                offsets[i] = offset + (row0 + i) * rowStride + k0;
            }
            return a;
        };
    }

    /** An A gathered block by block into a per-thread buffer. */
    static ASource gathered(Gather gather) {
        return (row0, rows, k0, kc, offsets) -> {
            float[] buffer = GATHERED.get();
            gather.gather(row0, rows, k0, kc, buffer);
            for (int i = 0; i < rows; i++) {
                offsets[i] = i * kc;
            }
            return buffer;
        };
    }

    /** A with element (i, p) at a[offset + i * rowStride + p * colStride], any strides. */
    static ASource strided(float[] a, int offset, int rowStride, int colStride) {
        if (colStride == 1) {
            return rowMajor(a, offset, rowStride);
        }
        return gathered((row0, rows, k0, kc, dst) -> {
            for (int i = 0; i < rows; i++) {
                int src = offset + (row0 + i) * rowStride + k0 * colStride;
                for (int p = 0; p < kc; p++) {
                    dst[i * kc + p] = a[src + p * colStride];
                }
            }
        });
    }

    /**
     * B as K blocks of NR-column panels, each panel kc rows of NR floats, zero-padded past n. No block crosses a
     * multiple of {@code segment}, so a block of a convolution's K never spans two filter taps.
     */
    static final class PackedB {
        final int k;
        final int n;
        final int panels;
        final int[] blockStart;
        final int[] blockLength;
        final float[] data;

        private PackedB(int k, int n, int segment) {
            this.k = k;
            this.n = n;
            this.panels = (n + NR - 1) / NR;
            int[] starts = new int[k + 1];
            int[] lengths = new int[k + 1];
            int blocks = 0;
            for (int s0 = 0; s0 < k; s0 += segment) {
                int end = Math.min(k, s0 + segment);
                for (int k0 = s0; k0 < end; k0 += KC) {
                    starts[blocks] = k0;
                    lengths[blocks++] = Math.min(KC, end - k0);
                }
            }
            this.blockStart = Arrays.copyOf(starts, blocks);
            this.blockLength = Arrays.copyOf(lengths, blocks);
            this.data = new float[Math.max(1, k * panels * NR)];
        }

        /** B's element (p, j) at b[offset + p * rowStride + j * colStride]. */
        static PackedB pack(float[] b, int offset, int k, int n, int rowStride, int colStride) {
            return pack(b, offset, k, n, rowStride, colStride, Math.max(1, k));
        }

        static PackedB pack(float[] b, int offset, int k, int n, int rowStride, int colStride, int segment) {
            PackedB packed = new PackedB(k, n, segment);
            float[] dst = packed.data;
            for (int block = 0; block < packed.blockStart.length; block++) {
                int k0 = packed.blockStart[block];
                int kc = packed.blockLength[block];
                for (int panel = 0; panel < packed.panels; panel++) {
                    int at = packed.offset(k0, kc, panel);
                    for (int p = 0; p < kc; p++) {
                        int src = offset + (k0 + p) * rowStride;
                        for (int j = 0; j < NR; j++) {
                            int col = panel * NR + j;
                            dst[at++] = col < n ? b[src + col * colStride] : 0;
                        }
                    }
                }
            }
            return packed;
        }

        int offset(int k0, int kc, int panel) {
            return k0 * panels * NR + panel * kc * NR;
        }
    }

    /**
     * C[m x n] (row stride ldc, from cOffset) = A[m x k] x B[k x n] + bias (one value per column, or null; it seeds
     * the accumulators), clamped (when clamp is given) right after each tile is stored for the last time, then the
     * epilogue on each finished block.
     */
    static void multiply(int m, int n, int k, ASource a, PackedB b, float[] c, int cOffset, int ldc, float[] columnBias,
                         Pointwise.Bounds clamp, Epilogue epilogue) {
        if (m == 0 || n == 0) {
            return;
        }
        float[] bias = columnBias == null ? null : Arrays.copyOf(columnBias, b.panels * NR);
        int mBlocks = (m + MC - 1) / MC;
        int threads = CpuThreads.parallelism();
        int splits = mBlocks >= 2 * threads ? 1 : Math.min(b.panels, (2 * threads + mBlocks - 1) / mBlocks);
        int panelsPerSplit = (b.panels + splits - 1) / splits;
        int nSplits = (b.panels + panelsPerSplit - 1) / panelsPerSplit;
        boolean vectors = Vectors.enabled();
        CpuThreads.forEach(mBlocks * nSplits, task -> {
            int block = task / nSplits;
            int split = task % nSplits;
            int row0 = block * MC;
            int rows = Math.min(MC, m - row0);
            int panel0 = split * panelsPerSplit;
            int panel1 = Math.min(b.panels, panel0 + panelsPerSplit);
            block(n, a, b, bias, clamp, c, cOffset, ldc, row0, rows, panel0, panel1, vectors);
            if (epilogue != null) {
                int col0 = panel0 * NR;
                epilogue.apply(c, cOffset, ldc, row0, rows, col0, Math.min(n, panel1 * NR) - col0);
            }
        });
    }

    private static void block(int n, ASource a, PackedB b, float[] bias, Pointwise.Bounds clamp, float[] c,
                              int cOffset, int ldc, int row0, int rows, int panel0, int panel1, boolean vectors) {
        if (b.blockStart.length == 0) {
            for (int i = 0; i < rows; i++) {
                int at = cOffset + (row0 + i) * ldc;
                for (int j = panel0 * NR; j < Math.min(n, panel1 * NR); j++) {
                    float v = bias == null ? 0f : bias[j];
                    c[at + j] = clamp == null ? v : clamp.apply(v);
                }
            }
            return;
        }
        int[] offsets = OFFSETS.get();
        FloatVector lo = clamp == null || !vectors ? null : FloatVector.broadcast(Vectors.F, clamp.min());
        FloatVector hi = clamp == null || !vectors ? null : FloatVector.broadcast(Vectors.F, clamp.max());
        int blocks = b.blockStart.length;
        for (int block = 0; block < blocks; block++) {
            int k0 = b.blockStart[block];
            int kc = b.blockLength[block];
            float[] as = a.rows(row0, rows, k0, kc, offsets);
            boolean first = block == 0;
            boolean last = block == blocks - 1;
            for (int panel = panel0; panel < panel1; panel++) {
                int col0 = panel * NR;
                int cols = Math.min(NR, n - col0);
                int bo = b.offset(k0, kc, panel);
                for (int i = 0; i < rows; i += MR) {
                    int co = cOffset + (row0 + i) * ldc + col0;
                    int mr = Math.min(MR, rows - i);
                    // Missing rows of a last, short tile read row i again; their results are not stored.
                    int o0 = offsets[i];
                    int o1 = offsets[i + (mr > 1 ? 1 : 0)];
                    int o2 = offsets[i + (mr > 2 ? 2 : 0)];
                    int o3 = offsets[i + (mr > 3 ? 3 : 0)];
                    int o4 = offsets[i + (mr > 4 ? 4 : 0)];
                    int o5 = offsets[i + (mr > 5 ? 5 : 0)];
                    int o6 = offsets[i + (mr > 6 ? 6 : 0)];
                    int o7 = offsets[i + (mr > 7 ? 7 : 0)];
                    float[] seed = first ? bias : null;
                    if (!vectors) {
                        tileScalar(kc, as, new int[] {o0, o1, o2, o3, o4, o5, o6, o7}, b.data, bo, seed, col0, c, co, ldc, mr,
                                cols, first, last ? clamp : null);
                        continue;
                    }
                    if (mr == MR && cols == NR) {
                        tile(kc, as, o0, o1, o2, o3, o4, o5, o6, o7, b.data, bo, seed, col0, c, co, ldc, first);
                    } else {
                        edgeTile(kc, as, o0, o1, o2, o3, o4, o5, o6, o7, b.data, bo, seed, col0, c, co, ldc, mr, cols, first);
                    }
                    if (last && clamp != null) {
                        clampTile(c, co, ldc, mr, cols, lo, hi, clamp);
                    }
                }
            }
        }
    }

    /**
     * The register tile: MR rows by NR columns over kc, stored to (or added into) C. Kept small, with no edge
     * handling, so the JIT compiles every vector operation in it to an instruction.
     */
    private static void tile(int kc, float[] a, int o0, int o1, int o2, int o3, int o4, int o5, int o6, int o7, float[] b, int bo,
                             float[] seed, int col0, float[] c, int co, int ldc, boolean first) {
        int lanes = Vectors.LANES;
        FloatVector s0 = seed == null ? FloatVector.zero(Vectors.F) : FloatVector.fromArray(Vectors.F, seed, col0);
        FloatVector s1 = seed == null ? FloatVector.zero(Vectors.F) : FloatVector.fromArray(Vectors.F, seed, col0 + lanes);
        FloatVector c00 = s0, c01 = s1, c10 = s0, c11 = s1, c20 = s0, c21 = s1;
        FloatVector c30 = s0, c31 = s1, c40 = s0, c41 = s1, c50 = s0, c51 = s1;
        FloatVector c60 = s0, c61 = s1, c70 = s0, c71 = s1;
        for (int p = 0; p < kc; p++, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(Vectors.F, b, bo);
            FloatVector b1 = FloatVector.fromArray(Vectors.F, b, bo + lanes);
            FloatVector x = FloatVector.broadcast(Vectors.F, a[o0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(Vectors.F, a[o1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(Vectors.F, a[o2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(Vectors.F, a[o3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(Vectors.F, a[o4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(Vectors.F, a[o5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(Vectors.F, a[o6 + p]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(Vectors.F, a[o7 + p]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        // Stores written out, not in a helper: a call the JIT declined to inline would box every accumulator.
        if (!first) {
            c00 = c00.add(FloatVector.fromArray(Vectors.F, c, co));
            c01 = c01.add(FloatVector.fromArray(Vectors.F, c, co + lanes));
            c10 = c10.add(FloatVector.fromArray(Vectors.F, c, co + ldc));
            c11 = c11.add(FloatVector.fromArray(Vectors.F, c, co + ldc + lanes));
            c20 = c20.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc + lanes));
            c30 = c30.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc + lanes));
            c40 = c40.add(FloatVector.fromArray(Vectors.F, c, co + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(Vectors.F, c, co + 4 * ldc + lanes));
            c50 = c50.add(FloatVector.fromArray(Vectors.F, c, co + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(Vectors.F, c, co + 5 * ldc + lanes));
            c60 = c60.add(FloatVector.fromArray(Vectors.F, c, co + 6 * ldc));
            c61 = c61.add(FloatVector.fromArray(Vectors.F, c, co + 6 * ldc + lanes));
            c70 = c70.add(FloatVector.fromArray(Vectors.F, c, co + 7 * ldc));
            c71 = c71.add(FloatVector.fromArray(Vectors.F, c, co + 7 * ldc + lanes));
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + lanes);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + lanes);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + lanes);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + lanes);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + lanes);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + lanes);
        c60.intoArray(c, co + 6 * ldc);
        c61.intoArray(c, co + 6 * ldc + lanes);
        c70.intoArray(c, co + 7 * ldc);
        c71.intoArray(c, co + 7 * ldc + lanes);
    }

    /** A tile at C's bottom or right edge: computed whole into a scratch tile, then its valid part added. */
    private static void edgeTile(int kc, float[] a, int o0, int o1, int o2, int o3, int o4, int o5, int o6, int o7, float[] b, int bo,
                                 float[] seed, int col0, float[] c, int co, int ldc, int mr, int nr, boolean first) {
        float[] tmp = EDGE.get();
        tile(kc, a, o0, o1, o2, o3, o4, o5, o6, o7, b, bo, seed, col0, tmp, 0, NR, true);
        for (int r = 0; r < mr; r++) {
            int at = co + r * ldc;
            for (int j = 0; j < nr; j++) {
                c[at + j] = first ? tmp[r * NR + j] : c[at + j] + tmp[r * NR + j];
            }
        }
    }

    /** Clamps a tile just stored to C, while it is still in L1: cheaper than a pass over the block later. */
    private static void clampTile(float[] c, int co, int ldc, int mr, int cols, FloatVector lo, FloatVector hi,
                                  Pointwise.Bounds clamp) {
        int bound = Vectors.loopBound(cols);
        for (int r = 0; r < mr; r++) {
            int at = co + r * ldc;
            int j = 0;
            for (; j < bound; j += Vectors.LANES) {
                FloatVector v = FloatVector.fromArray(Vectors.F, c, at + j);
                v = v.blend(lo, v.compare(VectorOperators.LT, lo));
                v.blend(hi, v.compare(VectorOperators.GT, hi)).intoArray(c, at + j);
            }
            for (; j < cols; j++) {
                c[at + j] = clamp.apply(c[at + j]);
            }
        }
    }

    private static void tileScalar(int kc, float[] a, int[] rowOffsets, float[] b, int bo, float[] seed, int col0,
                                   float[] c, int co, int ldc, int mr, int nr, boolean first, Pointwise.Bounds clamp) {
        for (int r = 0; r < mr; r++) {
            for (int j = 0; j < nr; j++) {
                float sum = seed == null ? 0 : seed[col0 + j];
                for (int p = 0; p < kc; p++) {
                    sum += a[rowOffsets[r] + p] * b[bo + p * NR + j];
                }
                int at = co + r * ldc + j;
                float v = first ? sum : c[at] + sum;
                c[at] = clamp == null ? v : clamp.apply(v);
            }
        }
    }
}
