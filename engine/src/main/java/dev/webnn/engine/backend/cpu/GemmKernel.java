package dev.webnn.engine.backend.cpu;

import jdk.incubator.vector.FloatVector;

/**
 * C = A x B in float32: B packed once into column panels, A packed per cache block into row panels, and an
 * MR x NR register tile (MR rows of two vectors) accumulated over each K block. Loops follow the usual
 * order: the A block stays in L2 while each B panel is reused from L1 for every row panel. Threads split the rows
 * in MC blocks and, when rows are few, the column panels.
 */
final class GemmKernel {
    static final int MR = 6;
    static final int NR = 2 * Vectors.LANES;
    static final int KC = 256;
    static final int MC = 20 * MR;

    private static final ThreadLocal<float[]> A_PANELS = ThreadLocal.withInitial(() -> new float[MC * KC]);

    private GemmKernel() {
    }

    /** Writes rows [row0, row0 + rows) by columns [k0, k0 + kc) of A into MR-row panels, zero-padding the last. */
    @FunctionalInterface
    interface APacker {
        void pack(int row0, int rows, int k0, int kc, float[] dst);
    }

    /** What a multiply does to a finished block of C: bias, activations, scaling. */
    @FunctionalInterface
    interface Epilogue {
        void apply(float[] c, int offset, int ldc, int row0, int rows, int col0, int cols);
    }

    /** A's element (i, p) at a[offset + i * rowStride + p * colStride]. */
    static APacker matrix(float[] a, int offset, int rowStride, int colStride) {
        return (row0, rows, k0, kc, dst) -> {
            for (int panel = 0; panel * MR < rows; panel++) {
                int base = panel * MR * kc;
                for (int r = 0; r < MR; r++) {
                    int i = panel * MR + r;
                    if (i >= rows) {
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * MR + r] = 0;
                        }
                        continue;
                    }
                    int src = offset + (row0 + i) * rowStride + k0 * colStride;
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * MR + r] = a[src + p * colStride];
                    }
                }
            }
        };
    }

    /** B as K blocks of NR-column panels, each panel kc rows of NR floats, zero-padded past n. */
    static final class PackedB {
        final int k;
        final int n;
        final int panels;
        final float[] data;

        private PackedB(int k, int n) {
            this.k = k;
            this.n = n;
            this.panels = (n + NR - 1) / NR;
            this.data = new float[Math.max(1, k * panels * NR)];
        }

        /** B's element (p, j) at b[offset + p * rowStride + j * colStride]. */
        static PackedB pack(float[] b, int offset, int k, int n, int rowStride, int colStride) {
            PackedB packed = new PackedB(k, n);
            float[] dst = packed.data;
            for (int k0 = 0; k0 < k; k0 += KC) {
                int kc = Math.min(KC, k - k0);
                for (int panel = 0; panel < packed.panels; panel++) {
                    int at = packed.offset(k0, panel);
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

        int offset(int k0, int panel) {
            int kc = Math.min(KC, k - k0);
            return k0 * panels * NR + panel * kc * NR;
        }

        long bytes() {
            return 4L * data.length;
        }
    }

    /** C[m x n] (row stride ldc, from cOffset) = A[m x k] x B[k x n], then the epilogue on each finished block. */
    static void multiply(int m, int n, int k, APacker a, PackedB b, float[] c, int cOffset, int ldc, Epilogue epilogue) {
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
            block(k, n, a, b, c, cOffset, ldc, row0, rows, panel0, panel1, vectors);
            if (epilogue != null) {
                int col0 = panel0 * NR;
                epilogue.apply(c, cOffset, ldc, row0, rows, col0, Math.min(n, panel1 * NR) - col0);
            }
        });
    }

    private static void block(int k, int n, APacker a, PackedB b, float[] c, int cOffset, int ldc, int row0,
                              int rows, int panel0, int panel1, boolean vectors) {
        if (k == 0) {
            for (int i = 0; i < rows; i++) {
                int at = cOffset + (row0 + i) * ldc;
                java.util.Arrays.fill(c, at + panel0 * NR, at + Math.min(n, panel1 * NR), 0f);
            }
            return;
        }
        float[] panels = A_PANELS.get();
        for (int k0 = 0; k0 < k; k0 += KC) {
            int kc = Math.min(KC, k - k0);
            a.pack(row0, rows, k0, kc, panels);
            boolean first = k0 == 0;
            for (int panel = panel0; panel < panel1; panel++) {
                int col0 = panel * NR;
                int cols = Math.min(NR, n - col0);
                int bo = b.offset(k0, panel);
                for (int i = 0; i < rows; i += MR) {
                    int co = cOffset + (row0 + i) * ldc + col0;
                    int mr = Math.min(MR, rows - i);
                    if (vectors) {
                        tile(kc, panels, i * kc, b.data, bo, c, co, ldc, mr, cols, first);
                    } else {
                        tileScalar(kc, panels, i * kc, b.data, bo, c, co, ldc, mr, cols, first);
                    }
                }
            }
        }
    }

    private static void tile(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, int mr,
                             int nr, boolean first) {
        FloatVector zero = FloatVector.zero(Vectors.F);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero, c40 = zero, c41 = zero, c50 = zero, c51 = zero;
        int lanes = Vectors.LANES;
        for (int p = 0; p < kc; p++, ao += MR, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(Vectors.F, b, bo);
            FloatVector b1 = FloatVector.fromArray(Vectors.F, b, bo + lanes);
            FloatVector x = FloatVector.broadcast(Vectors.F, a[ao]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(Vectors.F, a[ao + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(Vectors.F, a[ao + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(Vectors.F, a[ao + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(Vectors.F, a[ao + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(Vectors.F, a[ao + 5]);
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

    private static void tileScalar(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, int mr,
                                   int nr, boolean first) {
        for (int r = 0; r < mr; r++) {
            for (int j = 0; j < nr; j++) {
                float sum = 0;
                for (int p = 0; p < kc; p++) {
                    sum += a[ao + p * MR + r] * b[bo + p * NR + j];
                }
                int at = co + r * ldc + j;
                c[at] = first ? sum : c[at] + sum;
            }
        }
    }
}
