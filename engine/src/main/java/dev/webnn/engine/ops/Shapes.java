package dev.webnn.engine.ops;

import dev.webnn.engine.ValidationError;
import java.util.Arrays;

/** Shape arithmetic shared by the validators. */
public final class Shapes {
    private Shapes() {
    }

    /**
     * Bidirectional (numpy) broadcasting: shapes are right-aligned and each dimension pair must be
     * equal or contain a 1.
     * https://www.w3.org/TR/webnn/#bidirectionally-broadcasting
     *
     * @throws ValidationError when the shapes cannot be broadcast together
     */
    public static long[] broadcast(String label, long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new ValidationError(label, "Shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " cannot be broadcast together.");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Row-major strides, in elements: the last dimension's is 1. */
    public static long[] strides(long[] shape) {
        long[] strides = new long[shape.length];
        long stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= shape[d];
        }
        return strides;
    }
}
