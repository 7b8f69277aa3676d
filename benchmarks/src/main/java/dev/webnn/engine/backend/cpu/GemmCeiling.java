package dev.webnn.engine.backend.cpu;

import java.util.Random;

/**
 * What bounds GEMM on this machine, one thread: the GEMM kernel alone on a block that stays in cache (no memory
 * traffic, packing A included) and on 1024^3, each as GFLOP/s of its best single run, for the benchmark to set
 * beside ONNX Runtime's best single run of GEMM 1024. ONNX Runtime's whole GEMM reaching the cache-resident figure
 * means the register tile, not blocking or memory, is what keeps ours behind it.
 */
public final class GemmCeiling {
    private GemmCeiling() {
    }

    /** GFLOP/s of the best single m x n x k multiply in so many seconds, after as long again to warm up. */
    public static double kernel(int m, int n, int k, double seconds) {
        CpuThreads.setParallelism(1);
        Random random = new Random(7);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextFloat() - 0.5f;
        }
        float[] c = new float[m * n];
        GemmKernel.PackedB packed = GemmKernel.PackedB.pack(b, 0, k, n, n, 1, m);
        GemmKernel.ASource rows = GemmKernel.rowMajor(a, 0, k);
        return 2.0 * m * n * k / bestMillis(() -> GemmKernel.multiply(m, n, k, rows, packed, c, 0, n, null, null, null),
                seconds) / 1e6;
    }

    /** The least time of one call of run, in ms, over so many seconds, after as long again to warm up. */
    public static double bestMillis(Runnable run, double seconds) {
        long warm = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < warm) {
            run.run();
        }
        long best = Long.MAX_VALUE;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            run.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best / 1e6;
    }
}
