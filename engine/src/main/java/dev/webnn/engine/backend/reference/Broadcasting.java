package dev.webnn.engine.backend.reference;

import dev.webnn.engine.ops.Shapes;
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
        int[] map = new int[n];
        if (Arrays.equals(inShape, outShape)) {
            // Nothing broadcasts, the common case (two operands of one shape): each element reads its own index.
            Arrays.setAll(map, i -> i);
            return map;
        }
        // The input's stride along each output axis; 0 where the input repeats (size 1 or a missing leading axis).
        int rank = outShape.length;
        int offset = rank - inShape.length;
        long[] inStrides = Shapes.strides(inShape);
        long[] strides = new long[rank];
        for (int d = offset; d < rank; d++) {
            strides[d] = inShape[d - offset] == 1 ? 0 : inStrides[d - offset];
        }
        // Walks the output in order like an odometer, so each element costs an add instead of a division per axis.
        long[] coordinate = new long[rank];
        long index = 0;
        for (int i = 0; i < n; i++) {
            map[i] = (int) index;
            for (int d = rank - 1; d >= 0; d--) {
                if (++coordinate[d] < outShape[d]) {
                    index += strides[d];
                    break;
                }
                index -= strides[d] * (coordinate[d] - 1);
                coordinate[d] = 0;
            }
        }
        return map;
    }

}
