package dev.webnn.engine.backend.reference;

import java.util.Arrays;

/** Index maps for numpy-style broadcasting, shared by every kernel that broadcasts. */
final class Broadcasting {
    private Broadcasting() {
    }

    /**
     * For each element of {@code outShape}, the flat index of the element of {@code inShape} that
     * numpy broadcasting reads for it.
     */
    static int[] indices(long[] inShape, long[] outShape) {
        int n = Math.toIntExact(Arrays.stream(outShape).reduce(1, Math::multiplyExact));
        int offset = outShape.length - inShape.length;
        long[] inStrides = new long[inShape.length];
        long stride = 1;
        for (int d = inShape.length - 1; d >= 0; d--) {
            inStrides[d] = stride;
            stride *= inShape[d];
        }
        int[] map = new int[n];
        for (int i = 0; i < n; i++) {
            long remaining = i;
            long index = 0;
            for (int d = outShape.length - 1; d >= 0; d--) {
                long coordinate = remaining % outShape[d];
                remaining /= outShape[d];
                if (d >= offset && inShape[d - offset] != 1) {
                    index += coordinate * inStrides[d - offset];
                }
            }
            map[i] = (int) index;
        }
        return map;
    }

}
