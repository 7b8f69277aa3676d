package dev.webnn.engine.backend.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BroadcastingTest {

    @Test
    void equalShapesReadEachElementItself() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, Broadcasting.indices(new long[] {2, 3}, new long[] {2, 3}));
        assertArrayEquals(new int[] {0}, Broadcasting.indices(new long[] {}, new long[] {}));
    }

    @Test
    void missingLeadingAxesRepeatTheInput() {
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, Broadcasting.indices(new long[] {3}, new long[] {2, 3}));
        assertArrayEquals(new int[] {0, 0, 0, 0}, Broadcasting.indices(new long[] {}, new long[] {2, 2}));
    }

    @Test
    void sizeOneAxesRepeatAlongThatAxis() {
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, Broadcasting.indices(new long[] {2, 1}, new long[] {2, 3}));
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5},
                Broadcasting.indices(new long[] {2, 1, 3}, new long[] {2, 2, 3}));
        // [2, 1] against [3, 2, 2]: the last axis repeats, the first is new.
        assertArrayEquals(new int[] {0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1},
                Broadcasting.indices(new long[] {2, 1}, new long[] {3, 2, 2}));
    }

    @Test
    void emptyOutputHasNoIndices() {
        assertArrayEquals(new int[] {}, Broadcasting.indices(new long[] {1, 3}, new long[] {0, 3}));
    }

    /** Every map agrees with the definition: each output coordinate, cut to the input's axes, 0 where they are 1. */
    @Test
    void agreesWithTheDefinitionOnRandomShapes() {
        Random random = new Random(5);
        for (int trial = 0; trial < 300; trial++) {
            int rank = random.nextInt(5);
            long[] out = new long[rank];
            for (int d = 0; d < rank; d++) {
                out[d] = 1 + random.nextInt(4);
            }
            int inRank = random.nextInt(rank + 1);
            long[] in = new long[inRank];
            for (int d = 0; d < inRank; d++) {
                in[d] = random.nextBoolean() ? 1 : out[rank - inRank + d];
            }
            assertArrayEquals(byDefinition(in, out), Broadcasting.indices(in, out));
        }
    }

    private static int[] byDefinition(long[] in, long[] out) {
        int n = 1;
        for (long size : out) {
            n *= (int) size;
        }
        int[] map = new int[n];
        for (int i = 0; i < n; i++) {
            long[] coordinate = new long[out.length];
            long rest = i;
            for (int d = out.length - 1; d >= 0; d--) {
                coordinate[d] = rest % out[d];
                rest /= out[d];
            }
            int index = 0;
            for (int d = 0; d < in.length; d++) {
                long c = in[d] == 1 ? 0 : coordinate[out.length - in.length + d];
                index = (int) (index * in[d] + c);
            }
            map[i] = index;
        }
        return map;
    }
}
