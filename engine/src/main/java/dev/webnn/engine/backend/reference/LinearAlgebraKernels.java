package dev.webnn.engine.backend.reference;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.backend.TensorLimits;
import dev.webnn.engine.ops.Matmul;
import java.util.Arrays;
import java.util.List;

/** Reference kernels over matrices and windows: matmul, gemm, convolutions, pools, resample2d. */
final class LinearAlgebraKernels {
    private LinearAlgebraKernels() {
    }

    static void register(KernelTable table) {
        table.kernel(Matmul.class, (op, in, out) -> List.of(matmul(in.get(0), in.get(1), out.get(0))));
        TensorLimits matmul = new TensorLimits(Matmul.ALLOWED_TYPES, 2, KernelTable.MAX_RANK);
        table.limits("matmul", "a", matmul, "b", matmul, "output", matmul);
    }

    private static TensorData matmul(TensorData a, TensorData b, OperandDescriptor out) {
        long[] shapeA = a.descriptor().shape();
        long[] shapeB = b.descriptor().shape();
        long[] shapeOut = out.shape();
        int m = (int) shapeA[shapeA.length - 2];
        int k = (int) shapeA[shapeA.length - 1];
        int n = (int) shapeB[shapeB.length - 1];
        long[] batchOut = Arrays.copyOf(shapeOut, shapeOut.length - 2);
        int[] batchA = Broadcasting.indices(Arrays.copyOf(shapeA, shapeA.length - 2), batchOut);
        int[] batchB = Broadcasting.indices(Arrays.copyOf(shapeB, shapeB.length - 2), batchOut);
        double[] x = a.floats();
        double[] y = b.floats();
        double[] result = new double[batchA.length * m * n];
        for (int batch = 0; batch < batchA.length; batch++) {
            int baseA = batchA[batch] * m * k;
            int baseB = batchB[batch] * k * n;
            int baseOut = batch * m * n;
            for (int row = 0; row < m; row++) {
                for (int col = 0; col < n; col++) {
                    double sum = 0;
                    for (int i = 0; i < k; i++) {
                        sum += x[baseA + row * k + i] * y[baseB + i * n + col];
                    }
                    result[baseOut + row * n + col] = sum;
                }
            }
        }
        return TensorData.ofFloats(out, result);
    }

}
