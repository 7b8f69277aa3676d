package dev.webnn.engine.backend.cpu;

import jdk.incubator.vector.FloatVector;

/**
 * A 16 x 16 block of floats transposed in registers: sixteen row loads, four rounds of two-vector lane selects
 * (one {@code vpermt2ps} each on AVX-512), sixteen row stores. A gather reads one float per lane from sixteen cache
 * lines; this reads and writes whole lines, about three times faster for a conv2d's NCHW output.
 * <p>
 * Round s works on pairs of rows d = 8, 4, 2, 1 apart: in every 2d x 2d block it swaps the upper-right d x d block
 * with the lower-left one. After the four rounds every element has crossed the diagonal.
 */
final class RegisterTranspose {
    /** Only the 16-lane species has a block of its own width; narrower ones keep the gathers. */
    static final boolean AVAILABLE = Vectors.LANES == 16;
    static final int SIDE = 16;

    /** Per round: the lanes of [row r | row r + d] that make the new row r, and those that make row r + d. */
    private static final FloatVector[] KEEP_LOW = new FloatVector[4];
    private static final FloatVector[] KEEP_HIGH = new FloatVector[4];

    static {
        if (AVAILABLE) {
            for (int round = 0; round < 4; round++) {
                int d = SIDE >> (round + 1);
                float[] low = new float[SIDE];
                float[] high = new float[SIDE];
                for (int j = 0; j < SIDE; j++) {
                    low[j] = (j & d) == 0 ? j : SIDE + j - d;
                    high[j] = (j & d) == 0 ? j + d : SIDE + j;
                }
                KEEP_LOW[round] = FloatVector.fromArray(Vectors.F, low, 0);
                KEEP_HIGH[round] = FloatVector.fromArray(Vectors.F, high, 0);
            }
        }
    }

    /**
     * For interleaving three rows: output vector k holds elements 16k .. 16k + 15 of [a0 b0 c0 a1 b1 c1 ...]. First
     * the a and b lanes are picked from [a | b], then the c lanes filled in from [that | c].
     */
    private static final FloatVector[] PICK_AB = new FloatVector[3];
    private static final FloatVector[] FILL_C = new FloatVector[3];

    static {
        if (AVAILABLE) {
            for (int k = 0; k < 3; k++) {
                float[] pickAb = new float[SIDE];
                float[] fillC = new float[SIDE];
                for (int j = 0; j < SIDE; j++) {
                    int element = k * SIDE + j;
                    int column = element / 3;
                    int row = element % 3;
                    pickAb[j] = row == 0 ? column : row == 1 ? SIDE + column : 0;
                    fillC[j] = row == 2 ? SIDE + column : j;
                }
                PICK_AB[k] = FloatVector.fromArray(Vectors.F, pickAb, 0);
                FILL_C[k] = FloatVector.fromArray(Vectors.F, fillC, 0);
            }
        }
    }

    private RegisterTranspose() {
    }

    /**
     * Three rows of columns (row r at x[from + r * rowStride]) to columns x 3, row-major at y[to]: an image's three
     * channel planes to its pixels, as nearly every model's input arrives. The caller copies columns past the last
     * whole 16.
     */
    static void interleave3(float[] x, int from, int rowStride, float[] y, int to, int columns) {
        FloatVector pick0 = PICK_AB[0];
        FloatVector pick1 = PICK_AB[1];
        FloatVector pick2 = PICK_AB[2];
        FloatVector fill0 = FILL_C[0];
        FloatVector fill1 = FILL_C[1];
        FloatVector fill2 = FILL_C[2];
        for (int col = 0; col + SIDE <= columns; col += SIDE) {
            FloatVector a = FloatVector.fromArray(Vectors.F, x, from + col);
            FloatVector b = FloatVector.fromArray(Vectors.F, x, from + rowStride + col);
            FloatVector c = FloatVector.fromArray(Vectors.F, x, from + 2 * rowStride + col);
            int at = to + 3 * col;
            fill0.selectFrom(pick0.selectFrom(a, b), c).intoArray(y, at);
            fill1.selectFrom(pick1.selectFrom(a, b), c).intoArray(y, at + SIDE);
            fill2.selectFrom(pick2.selectFrom(a, b), c).intoArray(y, at + 2 * SIDE);
        }
    }

    /**
     * Element (r, c) of the block at x[xo + r * ldx + c] to y[yo + c * ldy + r], for r, c below 16. Written out
     * register by register: sixteen vectors held in locals stay in registers, where an array of them would not.
     */
    static void block(float[] x, int xo, int ldx, float[] y, int yo, int ldy) {
        FloatVector r0 = FloatVector.fromArray(Vectors.F, x, xo);
        FloatVector r1 = FloatVector.fromArray(Vectors.F, x, xo + 1 * ldx);
        FloatVector r2 = FloatVector.fromArray(Vectors.F, x, xo + 2 * ldx);
        FloatVector r3 = FloatVector.fromArray(Vectors.F, x, xo + 3 * ldx);
        FloatVector r4 = FloatVector.fromArray(Vectors.F, x, xo + 4 * ldx);
        FloatVector r5 = FloatVector.fromArray(Vectors.F, x, xo + 5 * ldx);
        FloatVector r6 = FloatVector.fromArray(Vectors.F, x, xo + 6 * ldx);
        FloatVector r7 = FloatVector.fromArray(Vectors.F, x, xo + 7 * ldx);
        FloatVector r8 = FloatVector.fromArray(Vectors.F, x, xo + 8 * ldx);
        FloatVector r9 = FloatVector.fromArray(Vectors.F, x, xo + 9 * ldx);
        FloatVector ra = FloatVector.fromArray(Vectors.F, x, xo + 10 * ldx);
        FloatVector rb = FloatVector.fromArray(Vectors.F, x, xo + 11 * ldx);
        FloatVector rc = FloatVector.fromArray(Vectors.F, x, xo + 12 * ldx);
        FloatVector rd = FloatVector.fromArray(Vectors.F, x, xo + 13 * ldx);
        FloatVector re = FloatVector.fromArray(Vectors.F, x, xo + 14 * ldx);
        FloatVector rf = FloatVector.fromArray(Vectors.F, x, xo + 15 * ldx);
        FloatVector low;
        FloatVector high;
        FloatVector keptLow;
        low = KEEP_LOW[0];
        high = KEEP_HIGH[0];
        keptLow = low.selectFrom(r0, r8);
        r8 = high.selectFrom(r0, r8);
        r0 = keptLow;
        keptLow = low.selectFrom(r1, r9);
        r9 = high.selectFrom(r1, r9);
        r1 = keptLow;
        keptLow = low.selectFrom(r2, ra);
        ra = high.selectFrom(r2, ra);
        r2 = keptLow;
        keptLow = low.selectFrom(r3, rb);
        rb = high.selectFrom(r3, rb);
        r3 = keptLow;
        keptLow = low.selectFrom(r4, rc);
        rc = high.selectFrom(r4, rc);
        r4 = keptLow;
        keptLow = low.selectFrom(r5, rd);
        rd = high.selectFrom(r5, rd);
        r5 = keptLow;
        keptLow = low.selectFrom(r6, re);
        re = high.selectFrom(r6, re);
        r6 = keptLow;
        keptLow = low.selectFrom(r7, rf);
        rf = high.selectFrom(r7, rf);
        r7 = keptLow;
        low = KEEP_LOW[1];
        high = KEEP_HIGH[1];
        keptLow = low.selectFrom(r0, r4);
        r4 = high.selectFrom(r0, r4);
        r0 = keptLow;
        keptLow = low.selectFrom(r1, r5);
        r5 = high.selectFrom(r1, r5);
        r1 = keptLow;
        keptLow = low.selectFrom(r2, r6);
        r6 = high.selectFrom(r2, r6);
        r2 = keptLow;
        keptLow = low.selectFrom(r3, r7);
        r7 = high.selectFrom(r3, r7);
        r3 = keptLow;
        keptLow = low.selectFrom(r8, rc);
        rc = high.selectFrom(r8, rc);
        r8 = keptLow;
        keptLow = low.selectFrom(r9, rd);
        rd = high.selectFrom(r9, rd);
        r9 = keptLow;
        keptLow = low.selectFrom(ra, re);
        re = high.selectFrom(ra, re);
        ra = keptLow;
        keptLow = low.selectFrom(rb, rf);
        rf = high.selectFrom(rb, rf);
        rb = keptLow;
        low = KEEP_LOW[2];
        high = KEEP_HIGH[2];
        keptLow = low.selectFrom(r0, r2);
        r2 = high.selectFrom(r0, r2);
        r0 = keptLow;
        keptLow = low.selectFrom(r1, r3);
        r3 = high.selectFrom(r1, r3);
        r1 = keptLow;
        keptLow = low.selectFrom(r4, r6);
        r6 = high.selectFrom(r4, r6);
        r4 = keptLow;
        keptLow = low.selectFrom(r5, r7);
        r7 = high.selectFrom(r5, r7);
        r5 = keptLow;
        keptLow = low.selectFrom(r8, ra);
        ra = high.selectFrom(r8, ra);
        r8 = keptLow;
        keptLow = low.selectFrom(r9, rb);
        rb = high.selectFrom(r9, rb);
        r9 = keptLow;
        keptLow = low.selectFrom(rc, re);
        re = high.selectFrom(rc, re);
        rc = keptLow;
        keptLow = low.selectFrom(rd, rf);
        rf = high.selectFrom(rd, rf);
        rd = keptLow;
        low = KEEP_LOW[3];
        high = KEEP_HIGH[3];
        keptLow = low.selectFrom(r0, r1);
        r1 = high.selectFrom(r0, r1);
        r0 = keptLow;
        keptLow = low.selectFrom(r2, r3);
        r3 = high.selectFrom(r2, r3);
        r2 = keptLow;
        keptLow = low.selectFrom(r4, r5);
        r5 = high.selectFrom(r4, r5);
        r4 = keptLow;
        keptLow = low.selectFrom(r6, r7);
        r7 = high.selectFrom(r6, r7);
        r6 = keptLow;
        keptLow = low.selectFrom(r8, r9);
        r9 = high.selectFrom(r8, r9);
        r8 = keptLow;
        keptLow = low.selectFrom(ra, rb);
        rb = high.selectFrom(ra, rb);
        ra = keptLow;
        keptLow = low.selectFrom(rc, rd);
        rd = high.selectFrom(rc, rd);
        rc = keptLow;
        keptLow = low.selectFrom(re, rf);
        rf = high.selectFrom(re, rf);
        re = keptLow;
        r0.intoArray(y, yo);
        r1.intoArray(y, yo + 1 * ldy);
        r2.intoArray(y, yo + 2 * ldy);
        r3.intoArray(y, yo + 3 * ldy);
        r4.intoArray(y, yo + 4 * ldy);
        r5.intoArray(y, yo + 5 * ldy);
        r6.intoArray(y, yo + 6 * ldy);
        r7.intoArray(y, yo + 7 * ldy);
        r8.intoArray(y, yo + 8 * ldy);
        r9.intoArray(y, yo + 9 * ldy);
        ra.intoArray(y, yo + 10 * ldy);
        rb.intoArray(y, yo + 11 * ldy);
        rc.intoArray(y, yo + 12 * ldy);
        rd.intoArray(y, yo + 13 * ldy);
        re.intoArray(y, yo + 14 * ldy);
        rf.intoArray(y, yo + 15 * ldy);
    }
}
