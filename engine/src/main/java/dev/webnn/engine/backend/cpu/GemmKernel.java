package dev.webnn.engine.backend.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

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
    static final int MR = 6;
    static final int NR = 2 * Vectors.LANES;
    static final int KC = 256;
    static final int MC = 20 * MR;

    private static final ThreadLocal<float[]> GATHERED = ThreadLocal.withInitial(() -> new float[MC * KC]);
    private static final ThreadLocal<int[]> OFFSETS = ThreadLocal.withInitial(() -> new int[MC]);

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

    /** C[m x n] (row stride ldc, from cOffset) = A[m x k] x B[k x n], then the epilogue on each finished block. */
    static void multiply(int m, int n, int k, ASource a, PackedB b, float[] c, int cOffset, int ldc, Epilogue epilogue) {
        if (m == 0 || n == 0) {
            return;
        }
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
            block(n, a, b, c, cOffset, ldc, row0, rows, panel0, panel1, vectors);
            if (epilogue != null) {
                int col0 = panel0 * NR;
                epilogue.apply(c, cOffset, ldc, row0, rows, col0, Math.min(n, panel1 * NR) - col0);
            }
        });
    }

    private static void block(int n, ASource a, PackedB b, float[] c, int cOffset, int ldc, int row0, int rows,
                              int panel0, int panel1, boolean vectors) {
        if (b.blockStart.length == 0) {
            for (int i = 0; i < rows; i++) {
                int at = cOffset + (row0 + i) * ldc;
                Arrays.fill(c, at + panel0 * NR, at + Math.min(n, panel1 * NR), 0f);
            }
            return;
        }
        int[] offsets = OFFSETS.get();
        for (int block = 0; block < b.blockStart.length; block++) {
            int k0 = b.blockStart[block];
            int kc = b.blockLength[block];
            float[] as = a.rows(row0, rows, k0, kc, offsets);
            boolean first = block == 0;
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
                    if (vectors) {
                        tile(kc, as, o0, o1, o2, o3, o4, o5, b.data, bo, c, co, ldc, mr, cols, first);
                    } else {
                        tileScalar(kc, as, new int[] {o0, o1, o2, o3, o4, o5}, b.data, bo, c, co, ldc, mr, cols, first);
                    }
                }
            }
        }
    }

    private static void tile(int kc, float[] a, int o0, int o1, int o2, int o3, int o4, int o5, float[] b, int bo,
                             float[] c, int co, int ldc, int mr, int nr, boolean first) {
        FloatVector zero = FloatVector.zero(Vectors.F);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero, c40 = zero, c41 = zero, c50 = zero, c51 = zero;
        int lanes = Vectors.LANES;
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
        }
        if (mr == MR && nr == NR) {
            store(c, co, c00, c01, first);
            store(c, co + ldc, c10, c11, first);
            store(c, co + 2 * ldc, c20, c21, first);
            store(c, co + 3 * ldc, c30, c31, first);
            store(c, co + 4 * ldc, c40, c41, first);
            store(c, co + 5 * ldc, c50, c51, first);
            return;
        }
        float[] tmp = new float[MR * NR];
        c00.intoArray(tmp, 0);
        c01.intoArray(tmp, lanes);
        c10.intoArray(tmp, NR);
        c11.intoArray(tmp, NR + lanes);
        c20.intoArray(tmp, 2 * NR);
        c21.intoArray(tmp, 2 * NR + lanes);
        c30.intoArray(tmp, 3 * NR);
        c31.intoArray(tmp, 3 * NR + lanes);
        c40.intoArray(tmp, 4 * NR);
        c41.intoArray(tmp, 4 * NR + lanes);
        c50.intoArray(tmp, 5 * NR);
        c51.intoArray(tmp, 5 * NR + lanes);
        for (int r = 0; r < mr; r++) {
            int at = co + r * ldc;
            for (int j = 0; j < nr; j++) {
                c[at + j] = first ? tmp[r * NR + j] : c[at + j] + tmp[r * NR + j];
            }
        }
    }

    private static void store(float[] c, int at, FloatVector v0, FloatVector v1, boolean first) {
        int lanes = Vectors.LANES;
        if (!first) {
            v0 = v0.add(FloatVector.fromArray(Vectors.F, c, at));
            v1 = v1.add(FloatVector.fromArray(Vectors.F, c, at + lanes));
        }
        v0.intoArray(c, at);
        v1.intoArray(c, at + lanes);
    }

    private static void tileScalar(int kc, float[] a, int[] rowOffsets, float[] b, int bo, float[] c, int co, int ldc,
                                   int mr, int nr, boolean first) {
        for (int r = 0; r < mr; r++) {
            for (int j = 0; j < nr; j++) {
                float sum = 0;
                for (int p = 0; p < kc; p++) {
                    sum += a[rowOffsets[r] + p] * b[bo + p * NR + j];
                }
                int at = co + r * ldc + j;
                c[at] = first ? sum : c[at] + sum;
            }
        }
    }
}
