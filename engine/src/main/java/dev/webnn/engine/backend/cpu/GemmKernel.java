package dev.webnn.engine.backend.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * C = A x B in float32 with an MR x NR register tile (MR rows of two vectors) accumulated over K blocks. B is packed
 * once (weights at compile time) into NR-column panels per K block. A is packed per K block into MR-row micro-panels,
 * element (r, p) at p * MR + r, so a tile broadcasts its rows' values from one sequential stream instead of MR row
 * pointers (which the JIT cannot all keep in registers). The A source hands out rows where they lie: a row-major
 * matrix, a 1x1 convolution's input, or a padded input at one filter tap is packed straight from there; only A that
 * is not row-contiguous (a transposed matrix, a convolution with few channels) is gathered into a block first.
 *
 * <p>Loop order (as MLAS and BLIS have it): a task owns a block of rows; per K block it packs them, then for each
 * group of B panels (held in L2) it runs every micro-panel (held in L1) across the group's panels, which stream
 * from L2. A task over at most two panels (a 3x3 convolution to 64 channels) reads A in place instead, with 4 x 64
 * and 6 x 32 tiles: there packing would cost about what it saves. Each tile is clamped and put through the epilogue
 * right after its last store. Threads split the row blocks and, when rows are few, the column panels.
 *
 * <p>The tiles are straight-line methods the JIT compiles whole (every Vector call intrinsified, broadcasts as
 * vbroadcastss from memory, no spills; k unrolled by two, as four spilled). Wider tiles spill: 14 x 32 and 6 x 64
 * (as the JIT schedules them) measured slower than 12 x 32 and 4 x 64.
 */
final class GemmKernel {
    /**
     * Tile rows: 12 rows of two 16-lane vectors are 24 accumulators of AVX-512's 32 registers, as in MLAS. On AVX2's
     * 16 registers, 5 rows (10 accumulators, two B vectors, a broadcast): at 12 rows GEMM 1024 ran at 0.64x ONNX
     * Runtime, and at 6 (12 accumulators) C2 kept one accumulator on the stack (a stand-alone 6-row tile ran at 34
     * GFLOP/s in L1 against 60-76 for 4 rows). 4 rows' 8 accumulators only just cover the FMA latency: in the Mb
     * harness, one thread, 5 rows ran GEMM 1024 at 80.2-80.4 GFLOP/s against 77.2-78.2, 49 x 960 x 160 at 79.9 against
     * 77.3-77.5, 3136 x 144 x 24 at 56.1-56.4 against 52.3-53.1.
     */
    static final int MR = Vectors.WIDE_REGISTER_FILE ? 12 : 5;
    static final int NR = 2 * Vectors.LANES;
    /**
     * The most K in one block: a packed micro-panel, MR x KC floats, stays in L1 (AVX2's 5 x 1024, 20 KB; AVX-512's
     * 12 x 512, 24 KB). Each K block loads and stores C once more: against 256, GEMM 1024 and 2048 on one thread ran
     * about 10% faster at 512 in paired runs, and on AVX2 1024 gained again (Mb harness, best of 3 s, two
     * alternations): GEMM 1024 26.7-27.1 -> 26.3-26.4 ms on one thread and 13.5-13.6 -> 13.2 on two, GEMM 2048
     * 224-231 -> 220-225 ms, 784 x 1024 x 768 15.5-15.8 -> 15.0; MobileNetV2's deep projections (K = 576, 960) alike.
     */
    static final int KC = Vectors.WIDE_REGISTER_FILE ? 512 : 1024;
    /** The most row tiles in one task's block: its packed A, MC x KC floats (320-384 KB), stays in L2. */
    static final int MC_TILES = 16;
    static final int MC = MC_TILES * MR;
    /**
     * The most row tiles in a packed block of a row-major A whose B, one K block of it, is at least
     * {@link #LARGE_B_BLOCK_BYTES}: every row block streams that B through L2 again, its first micro-panel over each
     * panel group waiting on it, so fewer and larger row blocks (their packed A, up to 2 MB, read from L3 one
     * micro-panel at a time) pay that less often. On AVX2, GEMM 2048 (8 MB per K block) in the Mb harness, best of
     * 2 s, builds alternated three times: one thread 211-225 ms against 217-237 at MC_TILES, two threads 106-110
     * against 110-139. GEMM 512, 1536 (6 MB) and 1024 x 2048 x 1024 ran the same either way, GEMM 1024 (4 MB) about
     * 1% slower, so they keep MC_TILES. AVX-512 keeps it too, unmeasured.
     */
    static final int LARGE_B_BLOCK_TILES = Vectors.WIDE_REGISTER_FILE ? MC_TILES : 100;
    static final long LARGE_B_BLOCK_BYTES = 8L << 20;
    /**
     * The most K in one block of a B packed for at most one row tile (a classifier's GEMV at batch 1): no rows share
     * its panels, so K blocks only cut each panel's stream from memory into shorter ones the prefetcher must find
     * again. 1 x 1000 x 1280 with caches flushed (best of 3 s, three JVMs each): one thread 0.243-0.276 ms in blocks of
     * 427, 0.224-0.233 in one; two threads 0.162-0.177 against 0.124-0.142. The packed A, MR x K, still fits a
     * packed block's buffer (maxTilesPerBlock keeps a block that deep to as many rows).
     */
    static final int SINGLE_TILE_KC = MC_TILES * KC;
    /** B panels run per micro-panel: kc x NR floats each, 256 KB in all at kc = 512 (512 at AVX2's 1024), from L2. */
    static final int PANEL_GROUP = 4;
    /**
     * Rows of the in-place tile over a panel pair (4 rows by 64 columns: 16 accumulators, no spills). AVX2 takes its
     * panels one at a time: 2 rows by a pair ran at 12 GFLOP/s over 3136x256x64, 4 rows by one panel at 68.
     */
    static final int WIDE_ROWS = 4;
    /**
     * Rows of the in-place tile over a single panel (8 rows by 32 columns: 16 accumulators, as the pair tile). At 6
     * rows (12 accumulators) a 1x1 conv2d to 24 or 32 channels ran 12-14% slower (3136x24x144: 0.385 against 0.337 ms)
     * on AVX-512; on AVX2's 16 registers, 4 rows (see MR): at 5 rows, as the packed tile, these shapes ran at 28-34
     * GFLOP/s against 57-76 (C2 spilled, with the five row offsets live too).
     */
    static final int NARROW_ROWS = Vectors.WIDE_REGISTER_FILE ? 8 : 4;
    /** Rows of the in-place tile over a last panel of at most one vector's columns (8 rows by 16: 8 accumulators). */
    static final int HALF_ROWS = 8;
    /** Rows of AVX2's in-place tile over a panel and a half (see tilePanelAndHalf). */
    static final int PANEL_AND_HALF_ROWS = 3;
    /**
     * The most B panels a task reads A in place for, with the in-place tile: packing A costs a copy per element,
     * which pays off only over several panels (a 3x3 convolution to 64 channels measured a fifth slower packed).
     */
    static final int WIDE_PANELS = 2;
    /**
     * Over more panels, A is still read in place while a K block of B, across all of a task's panels, fits in L2
     * (1 MB here) beside the rows of A and C in use, from one row block to the next: at most this many floats
     * (896 KB). MobileNetV2's 1x1 convolutions ran 10-40% faster so, the 1x1 NCHW benchmark (800 KB) 25%; GEMM 2048
     * (2 MB) ran 5% slower, and GEMM 1024 (1 MB) up to 30% slower in the paired benchmark.
     */
    static final int IN_PLACE_B_BLOCK = 224 * 1024;
    /**
     * On AVX2, the most panels a task reads A in place for: over more, B streams better packed, off the heap and
     * aligned, four panels per micro-panel. With weights evicted, MobileNetV2's 7x7x960 block ran in 0.51 ms against
     * 0.62 in place, its 14x14x576 block in 0.72 against 0.80, and the 1x1 NCHW benchmark's GEMM (196 panels) in 1.52
     * against 1.58. Winograd's GEMMs (4 panels) stay in place: packed, they had made conv2d 3x3 a fifth slower.
     * MobileNetV2 in one JVM each (best of 4 s): 11.07 ms against 11.35 on one thread, 5.76 against 6.22 on two.
     */
    static final int AVX2_IN_PLACE_PANELS = 8;
    /** ... and while K blocks are deep enough to pay for the in-place tiles' smaller shape (K = 16 ran 15% slower). */
    static final int IN_PLACE_MIN_DEPTH = 32;
    /**
     * AVX2 reads A in place for a shallower K too, from 16, through {@link #tileSix}, for a B of at most 16K floats
     * over any number of panels (it stays in L2 across the row tiles): MobileNetV2's expands at K = 16 and 24.
     */
    static final int SHALLOW_MIN_DEPTH = 16;
    static final int SHALLOW_B_FLOATS = 16 * 1024;
    /**
     * Below this K, AVX2's in-place whole panels take {@link #tileSix}'s 6 rows rather than tileNarrow4's 4: its fixed
     * cost (seed, clamp, stores, the call) spread over half as many rows again. A 1x1 conv to 16 channels, 3136 x 16
     * x 32 (MobileNetV2's first project): 0.058 -> 0.051 ms; 1008 x 16 x 48: 0.026 -> 0.023; from K = 64 the two are
     * even, and at 384-576 tileNarrow4 is 3% ahead.
     */
    static final int SIX_ROWS_MAX_DEPTH = 64;
    /** 0, 1, 2, ...: the K steps {@link #tileSix} reads A's columns through. */
    private static final int[] STEPS = IntStream.range(0, SIX_ROWS_MAX_DEPTH).toArray();
    /**
     * The most K an in-place tile call takes over a panel pair: B's piece, 96 x 64 floats (24 KB), then stays in L1
     * across the block's row tiles. A whole K block (64 KB at 256 deep) streamed from L2 for every 4-row tile. A task
     * over a single panel takes up to twice the K in the same 24 KB (inPlaceChunk), adding into C half as often:
     * 784 x 32 x 192 (one of MobileNetV2's projections) ran at 103 GFLOP/s so against 81, 3136 x 24 x 144 in 0.38 ms
     * against 0.47.
     */
    static final int IN_PLACE_CHUNK = 96;
    /** The most floats of A (rows by one K piece) a block reads in place: 256 KB, from L2 for every panel pair. */
    static final int IN_PLACE_A_FLOATS = 64 * 1024;

    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final int[] NO_SHIFTS = {0};
    /**
     * A gathered A's rows of one K piece: a packed block's (MC rows by at most KC), or an in-place block's (rows by
     * at most inPlaceChunk, at most IN_PLACE_A_FLOATS in all beyond MC rows at IN_PLACE_CHUNK; see maxTilesPerBlock).
     */
    private static final int GATHERED_FLOATS = Math.max(MC * KC, IN_PLACE_A_FLOATS);
    private static final ThreadLocal<float[]> GATHERED = ThreadLocal.withInitial(() -> new float[GATHERED_FLOATS]);
    private static final ThreadLocal<float[]> PACKED = ThreadLocal.withInitial(() -> new float[MC * KC]);
    private static final ThreadLocal<int[]> OFFSETS = ThreadLocal.withInitial(() -> new int[MC]);
    private static final ThreadLocal<float[]> SCRATCH_B = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<MemorySegment> SCRATCH_B_OFF_HEAP =
            ThreadLocal.withInitial(() -> MemorySegment.NULL);
    private static final ThreadLocal<float[]> STAGED_C = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> EDGE =
            ThreadLocal.withInitial(() -> new float[Math.max(Math.max(MR * NR, WIDE_ROWS * 2 * NR),
                    Math.max(NARROW_ROWS * NR, PANEL_AND_HALF_ROWS * (NR + Vectors.LANES)))]);

    private GemmKernel() {
    }

    /**
     * Rows [row0, row0 + rows) of A over one K block [k0, k0 + kc): returns the array holding them and puts into
     * offsets[i] where row row0 + i starts (its kc elements follow contiguously).
     */
    @FunctionalInterface
    interface ASource {
        float[] rows(int row0, int rows, int k0, int kc, int[] offsets);

        /**
         * For a source whose every row finds segment s of K (see {@link PackedB#segment}) at one shift from where
         * it finds segment 0, the same for all rows (a convolution's filter taps over a padded input): those shifts,
         * so a tile runs several segments without asking for their rows again. Else null.
         */
        default int[] segmentShifts() {
            return null;
        }

        /** The same A as quads over all of K (see {@link GemmKernel#quads}), for the in-place tile; else null. */
        default float[] quads() {
            return null;
        }
    }

    /** A source whose segments lie at fixed shifts from one another (see {@link ASource#segmentShifts()}). */
    static ASource shifted(ASource rows, int[] shifts) {
        return new ASource() {
            @Override
            public float[] rows(int row0, int count, int k0, int kc, int[] offsets) {
                return rows.rows(row0, count, k0, kc, offsets);
            }

            @Override
            public int[] segmentShifts() {
                return shifts;
            }
        };
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
        return new RowMajor(a, offset, rowStride, null);
    }

    /** A row-major A held also as quads (see {@link #quads}): a constant A, packed once. */
    static ASource rowMajor(float[] a, int offset, int rowStride, float[] quads) {
        return new RowMajor(a, offset, rowStride, quads);
    }

    /**
     * A read where it lies, never gathered into a buffer, so its packed blocks may hold any number of rows (see
     * {@link #LARGE_B_BLOCK_TILES}); its quads, where it has them.
     */
    private record RowMajor(float[] a, int offset, int rowStride, float[] quads) implements ASource {
        @Override
        public float[] rows(int row0, int rows, int k0, int kc, int[] offsets) {
            for (int i = 0; i < rows; i++) {
                offsets[i] = offset + (row0 + i) * rowStride + k0;
            }
            return a;
        }
    }

    /**
     * A's rows of k as quads: each whole four rows interleaved, element (i, p) at (i / 4) * 4k + 4p + i % 4; the last
     * m % 4 rows are left out, since only a whole 4-row tile reads quads. That tile then takes its four values of A at
     * each p from one place: over a 1x1 NCHW conv's 256 x 65 filter, a stand-alone tile ran at 110 GFLOP/s so against
     * 90 reading the four rows apart (the JIT addresses one base where it kept four).
     */
    static float[] quads(float[] a, int offset, int rowStride, int m, int k) {
        if (!Vectors.WIDE_REGISTER_FILE) {
            return null; // only the pair tile reads quads, and a 16-register file has none
        }
        int whole = m - m % 4;
        float[] out = new float[whole * k];
        for (int i = 0; i < whole; i++) {
            int to = i / 4 * 4 * k + i % 4;
            for (int p = 0; p < k; p++) {
                out[to + 4 * p] = a[offset + i * rowStride + p];
            }
        }
        return out;
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
     * How {@link #multiply} shares C among tasks: row blocks of whole tiles, a multiple of the threads so that none
     * idles at the end, their tiles as even as they divide (blocks of 15 tiles and a last of 11 left one of two
     * threads idle for a twentieth of GEMM 1024); and when the blocks are too few to keep the threads busy, B's
     * panels split among tasks too, as evenly, the larger first: 10 panels in splits of 3, 3, 3 and 1 kept one of two
     * threads at work on 6 while the other had 4, where 3, 2, 3, 2 (claimed in turn) gives each 5.
     */
    record Partition(int tiles, int mBlocks, int panels, int nSplits) {
        static Partition of(int m, int panels, int threads) {
            return of(m, panels, threads, MC_TILES);
        }

        /** With row blocks of at most maxTiles tiles. */
        static Partition of(int m, int panels, int threads, int maxTiles) {
            int tiles = (m + MR - 1) / MR;
            int mBlocks = (tiles + maxTiles - 1) / maxTiles;
            if (threads > 1 && mBlocks == 1 && panels >= 2 * threads && panels * NR > m) {
                // One row block holds every row and B is the wider operand: the threads split B's panels alone, so
                // each is read once where splitting the rows too read it once per row block (a 49-row 1x1 conv on
                // two threads streamed its 1.6 MB filter twice).
                return withSplits(tiles, 1, panels, 2 * threads);
            }
            mBlocks = Math.min(tiles, (mBlocks + threads - 1) / threads * threads);
            int splits = threads == 1 || mBlocks >= 2 * threads ? 1
                    : Math.min(panels, (2 * threads + mBlocks - 1) / mBlocks);
            return withSplits(tiles, mBlocks, panels, splits);
        }

        private static Partition withSplits(int tiles, int mBlocks, int panels, int splits) {
            return new Partition(tiles, mBlocks, panels, Math.max(1, Math.min(panels, splits)));
        }

        /** The first row of a row block; block mBlocks gives the end of the last. */
        int row0(int block) {
            return (int) ((long) block * tiles / mBlocks) * MR;
        }

        /** The rows of a block, of an A of m rows. */
        int rows(int block, int m) {
            return Math.min(m, row0(block + 1)) - row0(block);
        }

        /** The most rows a block holds. */
        int maxRows() {
            return (tiles + mBlocks - 1) / mBlocks * MR;
        }

        /** The first panel of a split; split nSplits gives the end of the last. */
        int panel0(int split) {
            return (int) (((long) split * panels + nSplits - 1) / nSplits);
        }

        /** The most panels a split holds. */
        int maxPanels() {
            return (panels + nSplits - 1) / nSplits;
        }
    }

    /**
     * B as K blocks of NR-column panels, each panel kc rows of NR floats, zero-padded past n. The K blocks split k
     * as equally as they can, each at most KC, or SINGLE_TILE_KC when packed for one row tile's rows (of any parity:
     * the tiles take an odd kc). {@code segment} is where A's source breaks its rows (a convolution's filter taps): A
     * is fetched in pieces that do not cross a multiple of it.
     * <p>
     * The packed tiles read B off the heap, 64-byte aligned (see {@link #tiles}). On the heap a large float[]'s data
     * starts 16 bytes past a cache line, so every vector load of a panel row straddled two lines: GEMM 1024 and 2048
     * ran 5-10% slower. The in-place tiles read a heap array: through a MemorySegment, the 1x1 NCHW benchmark ran at
     * 0.60-0.70 of ONNX Runtime's speed where it ran at 0.74-0.79 (they load B more often per FMA than the packed
     * tile). A B packed for the in-place tiles lies on the heap, and gets its copy off it only if a task takes the
     * packed path after all.
     */
    static final class PackedB {
        final int k;
        final int n;
        final int panels;
        final int segment;
        final int[] blockStart;
        final int[] blockLength;
        /** The packed floats on the heap, for the in-place tiles; null when they lie off the heap. */
        final float[] data;
        /** The same floats as a segment: over {@link #data}, or off the heap and aligned. */
        final MemorySegment memory;
        /** Whether this B lies in the thread's scratch buffers ({@link #packScratchWithOnes}), valid for one call. */
        private final boolean scratch;
        /**
         * The floats the packed tiles read, always off the heap: {@link #memory} when it lies there, else a copy made
         * when a task first takes the packed path ({@link #readyForPackedTiles}). The Vector API's loads keep one
         * type profile for every caller, and once a heap segment reached them beside native ones, C2 compiled every
         * packed tile about 3x slower: MobileNetV2 on two threads, whose band tasks multiply on one thread a B packed
         * for two threads' in-place tiles, ran in 10.5 ms against 6.1.
         */
        private volatile MemorySegment tiles;

        /**
         * Packs off the heap when a task multiplying {@code rows} rows of A by this B, on the threads a kernel gets
         * now, would take the packed path; a scratch B ({@link #packScratchWithOnes}) into this thread's buffers.
         */
        private PackedB(int k, int n, int segment, int rows, boolean scratch) {
            this.k = k;
            this.n = n;
            this.panels = (n + NR - 1) / NR;
            this.segment = Math.max(1, segment);
            int depth = rows <= MR ? SINGLE_TILE_KC : KC;
            int length = k == 0 ? 1 : (k + (k + depth - 1) / depth - 1) / ((k + depth - 1) / depth);
            int blocks = (k + length - 1) / length;
            this.blockStart = new int[blocks];
            this.blockLength = new int[blocks];
            for (int block = 0; block < blocks; block++) {
                blockStart[block] = block * length;
                blockLength[block] = Math.min(length, k - block * length);
            }
            int size = floats();
            this.scratch = scratch;
            int widestSplit = Partition.of(Math.max(1, rows), panels, CpuThreads.parallelism()).maxPanels();
            if (!readsAInPlace(blockLength.length == 0 ? 0 : blockLength[0], widestSplit, rows)) {
                this.data = null;
                this.memory = scratch ? scratchOffHeap(size) : Arena.ofAuto().allocate(4L * size, 64);
                this.tiles = memory;
            } else {
                float[] reuse = scratch ? SCRATCH_B.get() : null;
                this.data = reuse != null && reuse.length >= size ? reuse : new float[size];
                if (scratch) {
                    SCRATCH_B.set(data);
                }
                this.memory = MemorySegment.ofArray(data);
            }
        }

        /** This thread's scratch off the heap, at least {@code floats} long. */
        private static MemorySegment scratchOffHeap(int floats) {
            MemorySegment buffer = SCRATCH_B_OFF_HEAP.get();
            if (buffer.byteSize() < 4L * floats) {
                buffer = Arena.ofAuto().allocate(4L * floats, 64);
                SCRATCH_B_OFF_HEAP.set(buffer);
            }
            return buffer;
        }

        /**
         * B's element (p, j) at b[offset + p * rowStride + j * colStride], to multiply A's {@code rows} rows (how
         * many decides where it is packed, not what may multiply it).
         */
        static PackedB pack(float[] b, int offset, int k, int n, int rowStride, int colStride, int rows) {
            return pack(b, offset, k, n, rowStride, colStride, Math.max(1, k), rows);
        }

        static PackedB pack(float[] b, int offset, int k, int n, int rowStride, int colStride, int segment,
                            int rows) {
            return fill(new PackedB(k, n, segment, rows, false), b, offset, rowStride, colStride, k);
        }

        /**
         * A row-major B packed into this thread's scratch buffer, for a B packed on every run (a 1x1 NCHW
         * convolution's input) without allocating, valid until the thread's next call; with one more row of ones
         * below it: multiplying an A whose last column holds a bias per row, it adds that bias inside the GEMM,
         * where no epilogue pass has to. Packed where a task multiplying {@code rows} rows of A would read it.
         */
        static PackedB packScratchWithOnes(float[] b, int offset, int k, int n, int rowStride, int rows) {
            return fill(new PackedB(k + 1, n, k + 1, rows, true), b, offset, rowStride, 1, k);
        }

        /**
         * Packs B's first sourceRows rows, and ones for any rows past them ({@link #packScratchWithOnes}); groups of
         * panels spread over the threads, since a B packed on every run is a copy as large as the input.
         */
        private static PackedB fill(PackedB packed, float[] b, int offset, int rowStride, int colStride,
                                    int sourceRows) {
            int groups = (packed.panels + PANEL_GROUP - 1) / PANEL_GROUP;
            CpuThreads.forEach(groups, group -> fill(packed, b, offset, rowStride, colStride, sourceRows,
                    group * PANEL_GROUP, Math.min(packed.panels, (group + 1) * PANEL_GROUP)));
            return packed;
        }

        private static void fill(PackedB packed, float[] b, int offset, int rowStride, int colStride, int sourceRows,
                                 int panel0, int panel1) {
            boolean vectors = Vectors.enabled();
            for (int block = 0; block < packed.blockStart.length; block++) {
                int k0 = packed.blockStart[block];
                int kc = packed.blockLength[block];
                if (colStride == 1) {
                    // Row by row across the group's panels, so B is read in runs of a group's width: panel by panel,
                    // a 1x1 NCHW conv's 64 input rows were 64 streams of 128 bytes, which the prefetchers did not
                    // follow (the pack took twice as long).
                    for (int p = 0; p < kc; p++) {
                        for (int panel = panel0; panel < panel1; panel++) {
                            fillRow(packed, b, offset, rowStride, colStride, sourceRows, k0, kc, p, panel, vectors);
                        }
                    }
                } else {
                    // Panel by panel: a strided (transposed) B's row crosses a cache line per column, and a panel's
                    // 32 lines serve its next rows from L1.
                    for (int panel = panel0; panel < panel1; panel++) {
                        for (int p = 0; p < kc; p++) {
                            fillRow(packed, b, offset, rowStride, colStride, sourceRows, k0, kc, p, panel, vectors);
                        }
                    }
                }
            }
        }

        /** Row p of K block [k0, k0 + kc) of one panel; two vectors copy it faster than an arraycopy call. */
        private static void fillRow(PackedB packed, float[] b, int offset, int rowStride, int colStride,
                                    int sourceRows, int k0, int kc, int p, int panel, boolean vectors) {
            MemorySegment dst = packed.memory;
            int at = packed.offset(k0, kc, panel) + p * NR;
            int col0 = panel * NR;
            int cols = Math.min(NR, packed.n - col0);
            int src = offset + (k0 + p) * rowStride + col0 * colStride;
            if (k0 + p >= sourceRows) {
                for (int j = 0; j < cols; j++) {
                    dst.setAtIndex(ValueLayout.JAVA_FLOAT, at + j, 1f);
                }
            } else if (colStride == 1 && cols == NR && vectors) {
                FloatVector.fromArray(Vectors.F, b, src).intoMemorySegment(dst, 4L * at, ORDER);
                FloatVector.fromArray(Vectors.F, b, src + Vectors.LANES)
                        .intoMemorySegment(dst, 4L * (at + Vectors.LANES), ORDER);
            } else if (colStride == 1) {
                MemorySegment.copy(b, src, dst, ValueLayout.JAVA_FLOAT, 4L * at, cols);
            } else {
                for (int j = 0; j < cols; j++) {
                    dst.setAtIndex(ValueLayout.JAVA_FLOAT, at + j, b[src + j * colStride]);
                }
            }
            for (int j = cols; j < NR; j++) {
                dst.setAtIndex(ValueLayout.JAVA_FLOAT, at + j, 0f);
            }
        }

        private int floats() {
            return Math.max(1, k * panels * NR);
        }

        /** Whether the packed tiles' floats are ready (off the heap from the start, or copied there already). */
        boolean hasPackedTiles() {
            return tiles != null;
        }

        /**
         * Gives a B on the heap its copy off the heap for the packed tiles, once for a constant B, on every call for
         * a scratch B (into this thread's buffer: multiply calls it before its tasks start).
         */
        void readyForPackedTiles() {
            if (scratch) {
                MemorySegment buffer = scratchOffHeap(floats());
                MemorySegment.copy(data, 0, buffer, ValueLayout.JAVA_FLOAT, 0, floats());
                tiles = buffer;
                return;
            }
            synchronized (this) {
                if (tiles == null) {
                    MemorySegment copy = Arena.ofAuto().allocate(4L * floats(), 64);
                    MemorySegment.copy(data, 0, copy, ValueLayout.JAVA_FLOAT, 0, floats());
                    tiles = copy;
                }
            }
        }

        int offset(int k0, int kc, int panel) {
            return k0 * panels * NR + panel * kc * NR;
        }

        /** Whether a task over so many of its panels and rows reads A in place (the in-place tiles read B on the heap). */
        boolean readInPlaceOver(int taskPanels, int rows) {
            return data != null && blockLength.length > 0 && readsAInPlace(blockLength[0], taskPanels, rows);
        }
    }

    /**
     * C[m x n] (row stride ldc, from cOffset) = A[m x k] x B[k x n] + bias (one value per column, or null; it seeds
     * the accumulators), clamped (when clamp is given) and then put through the epilogue right after each tile is
     * stored for the last time, while it is still in L1.
     * <p>
     * A null c only passes through: each row block is computed in a per-thread buffer, and the epilogue must move
     * every finished block to where it belongs (a conv2d storing NCHW transposes it out). A full-size C would send
     * every element once more through L3; a block stays in L2. The epilogue sees the block at offset - row0 * ldc,
     * so it addresses row m at offset + m * ldc as with a full C.
     */
    static void multiply(int m, int n, int k, ASource a, PackedB b, float[] c, int cOffset, int ldc, float[] columnBias,
                         Pointwise.Bounds clamp, Epilogue epilogue) {
        if (m == 0 || n == 0) {
            return;
        }
        float[] bias = columnBias == null ? null : Arrays.copyOf(columnBias, b.panels * NR);
        boolean vectors = Vectors.enabled();
        Partition partition = Partition.of(m, b.panels, CpuThreads.available(), maxTilesPerBlock(a, b, m, c, vectors));
        int nSplits = partition.nSplits();
        if (vectors && !b.hasPackedTiles() && takesPackedPath(partition, m, b)) {
            b.readyForPackedTiles();
        }
        CpuThreads.forEach(partition.mBlocks() * nSplits, task -> {
            int block = task / nSplits;
            int split = task % nSplits;
            int row0 = partition.row0(block);
            int rows = partition.rows(block, m);
            int panel0 = partition.panel0(split);
            int panel1 = partition.panel0(split + 1);
            if (c == null) {
                float[] staged = STAGED_C.get();
                if (staged.length < partition.maxRows() * ldc) {
                    staged = new float[partition.maxRows() * ldc];
                    STAGED_C.set(staged);
                }
                block(n, a, b, bias, clamp, epilogue, staged, -row0 * ldc, ldc, row0, rows, panel0, panel1, vectors);
            } else {
                block(n, a, b, bias, clamp, epilogue, c, cOffset, ldc, row0, rows, panel0, panel1, vectors);
            }
        });
    }

    /** Whether some task of the partition multiplies by B in the packed path (it reads A in place in none). */
    private static boolean takesPackedPath(Partition partition, int m, PackedB b) {
        if (b.blockStart.length == 0) {
            return false;
        }
        for (int block = 0; block < partition.mBlocks(); block++) {
            int rows = partition.rows(block, m);
            for (int split = 0; split < partition.nSplits(); split++) {
                if (!b.readInPlaceOver(partition.panel0(split + 1) - partition.panel0(split), rows)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void block(int n, ASource a, PackedB b, float[] bias, Pointwise.Bounds clamp, Epilogue epilogue,
                              float[] c, int cOffset, int ldc, int row0, int rows, int panel0, int panel1,
                              boolean vectors) {
        if (b.blockStart.length == 0) {
            for (int i = 0; i < rows; i++) {
                int at = cOffset + (row0 + i) * ldc;
                for (int j = panel0 * NR; j < Math.min(n, panel1 * NR); j++) {
                    float v = bias == null ? 0f : bias[j];
                    c[at + j] = clamp == null ? v : clamp.apply(v);
                }
            }
            if (epilogue != null) {
                int col0 = panel0 * NR;
                epilogue.apply(c, cOffset, ldc, row0, rows, col0, Math.min(n, panel1 * NR) - col0);
            }
            return;
        }
        int[] offsets = OFFSETS.get();
        if (offsets.length < rows) {
            offsets = new int[rows];
            OFFSETS.set(offsets);
        }
        if (vectors && b.readInPlaceOver(panel1 - panel0, rows)) {
            blockInPlace(n, a, b, bias, clamp, epilogue, c, cOffset, ldc, row0, rows, panel0, panel1, offsets);
            return;
        }
        float[] packed = PACKED.get();
        int packedFloats = (rows + MR - 1) / MR * MR * b.blockLength[0];
        if (packed.length < packedFloats) {
            packed = new float[packedFloats];
            PACKED.set(packed);
        }
        MemorySegment bTiles = vectors ? b.tiles : b.memory;
        assert !vectors || bTiles.isNative() : "a packed tile would read B on the heap";
        int blocks = b.blockStart.length;
        for (int block = 0; block < blocks; block++) {
            int k0 = b.blockStart[block];
            int kc = b.blockLength[block];
            packA(a, b.segment, row0, rows, k0, kc, offsets, packed);
            boolean first = block == 0;
            boolean last = block == blocks - 1;
            float[] seed = first ? bias : null;
            Pointwise.Bounds lastClamp = last ? clamp : null;
            Epilogue lastEpilogue = last ? epilogue : null;
            for (int group = panel0; group < panel1; group += PANEL_GROUP) {
                int groupEnd = Math.min(panel1, group + PANEL_GROUP);
                for (int i = 0; i < rows; i += MR) {
                    int mr = Math.min(MR, rows - i);
                    int ao = i * kc;
                    int co = cOffset + (row0 + i) * ldc;
                    if (vectors && mr == 1 && groupEnd - group == 4 && n >= groupEnd * NR) {
                        tileRow(kc, packed, ao, bTiles, b.offset(k0, kc, group), b.offset(k0, kc, group + 1),
                                b.offset(k0, kc, group + 2), b.offset(k0, kc, group + 3), seed, group * NR, c,
                                co + group * NR, first, lastClamp);
                        if (lastEpilogue != null) {
                            lastEpilogue.apply(c, cOffset, ldc, row0 + i, 1, group * NR, 4 * NR);
                        }
                        continue;
                    }
                    for (int panel = group; panel < groupEnd; panel++) {
                        int col0 = panel * NR;
                        int cols = Math.min(NR, n - col0);
                        int bo = b.offset(k0, kc, panel);
                        if (!vectors) {
                            tileScalar(kc, packed, ao, bTiles, bo, seed, col0, c, co + col0, ldc, mr, cols, first,
                                    lastClamp);
                        } else if (mr == MR && cols == NR && Vectors.WIDE_REGISTER_FILE) {
                            tile(kc, packed, ao, bTiles, bo, seed, col0, c, co + col0, ldc, first, lastClamp);
                        } else if (mr == 5 && cols == NR) {
                            tile5(kc, packed, ao, bTiles, bo, seed, col0, c, co + col0, ldc, first, lastClamp);
                        } else if (mr == 4 && cols == NR) {
                            tile4(kc, packed, ao, bTiles, bo, seed, col0, c, co + col0, ldc, first, lastClamp);
                        } else {
                            edgeTile(kc, packed, ao, bTiles, bo, seed, col0, c, co + col0, ldc, mr, cols, first,
                                    lastClamp);
                        }
                        if (lastEpilogue != null) {
                            lastEpilogue.apply(c, cOffset, ldc, row0 + i, mr, col0, cols);
                        }
                    }
                }
            }
        }
    }

    /**
     * The most row tiles in one task's block. Packed, A's block must stay in L2 (MC_TILES). Read in place, only the
     * rows of one K piece must, at most IN_PLACE_A_FLOATS; a larger block streams B once for more rows (a 1x1 NCHW
     * conv, 256 rows, read its 800 KB B twice in blocks of 192 rows). A C staged per block keeps MC_TILES; a
     * row-major A over a large B takes LARGE_B_BLOCK_TILES.
     */
    static int maxTilesPerBlock(ASource a, PackedB b, int m, float[] c, boolean vectors) {
        if (b.blockLength.length > 0 && b.blockLength[0] > KC) {
            // Packed for one row tile (SINGLE_TILE_KC) but given more rows: the packed A still fits its buffer.
            return Math.max(1, MC_TILES * KC / b.blockLength[0]);
        }
        if (c == null || !vectors) {
            return MC_TILES;
        }
        if (!b.readInPlaceOver(b.panels, m)) {
            boolean largeB = b.blockLength.length > 0 && 4L * b.blockLength[0] * b.panels * NR >= LARGE_B_BLOCK_BYTES;
            return a instanceof RowMajor && largeB ? LARGE_B_BLOCK_TILES : MC_TILES;
        }
        int depth = Math.min(b.blockLength[0], IN_PLACE_CHUNK);
        return Math.max(MC_TILES, IN_PLACE_A_FLOATS / (depth * MR));
    }

    /**
     * The most K an in-place tile call takes in a task over so many panels and rows: IN_PLACE_CHUNK over pairs, twice
     * that over a single panel (the same 24 KB of B), as long as a gathered A's rows of one piece still fit its buffer.
     * IN_PLACE_CHUNK deep, they always do (maxTilesPerBlock). AVX2 takes every panel alone, so twice as deep there:
     * a weight read in two pieces per panel rather than three or more came from memory sooner (MobileNetV2's
     * 7x7x960 block, weights evicted: 0.57-0.61 ms against 0.60-0.65).
     */
    private static int inPlaceChunk(int taskPanels, int rows) {
        if (taskPanels >= 2 && Vectors.WIDE_REGISTER_FILE) {
            return IN_PLACE_CHUNK;
        }
        return Math.max(IN_PLACE_CHUNK, Math.min(2 * IN_PLACE_CHUNK, GATHERED_FLOATS / rows));
    }

    /**
     * Whether a task over so many panels and rows, with K blocks kc deep, reads A in place (and B from the heap). On
     * AVX2 the in-place tile computes 4 rows, so fewer (a classifier's GEMV on 2 threads) take the packed path's row
     * tile, which reads four panels at once (1 x 1000 x 1280 on 2 threads: 0.092 ms in place, 0.053 packed); a shallow
     * K over more than a pair of panels reads in place by the rule of {@link #SHALLOW_MIN_DEPTH}, and a deeper one over
     * at most {@link #AVX2_IN_PLACE_PANELS}.
     */
    private static boolean readsAInPlace(int kc, int panels, int rows) {
        if (!Vectors.WIDE_REGISTER_FILE) {
            if (rows < NARROW_ROWS) {
                return false;
            }
            if (kc < IN_PLACE_MIN_DEPTH && panels > WIDE_PANELS) {
                return kc >= SHALLOW_MIN_DEPTH && (long) kc * panels * NR <= SHALLOW_B_FLOATS;
            }
            if (panels > AVX2_IN_PLACE_PANELS) {
                return false;
            }
        }
        return panels <= WIDE_PANELS || (kc >= IN_PLACE_MIN_DEPTH && (long) kc * panels * NR <= IN_PLACE_B_BLOCK);
    }

    /**
     * A block over few B panels: A read in place, one piece of K (within one segment, at most IN_PLACE_CHUNK deep, or
     * twice that over a single panel) at a time, C accumulated piece by piece; panels in pairs 4 rows at a time (the
     * last one or two rows 2 at a time), a last single panel 8 rows at a time.
     */
    private static void blockInPlace(int n, ASource a, PackedB b, float[] bias, Pointwise.Bounds clamp,
                                     Epilogue epilogue, float[] c, int cOffset, int ldc, int row0, int rows, int panel0,
                                     int panel1, int[] offsets) {
        float[] tmp = EDGE.get();
        int[] shifts = a.segmentShifts();
        float[] quads = a.quads();
        int chunk = inPlaceChunk(panel1 - panel0, rows);
        int blocks = b.blockStart.length;
        for (int block = 0; block < blocks; block++) {
            int k0 = b.blockStart[block];
            int kc = b.blockLength[block];
            for (int s = k0; s < k0 + kc; ) {
                int end = Math.min(k0 + kc, Math.min((s / b.segment + 1) * b.segment, s + chunk));
                int length = end - s;
                // Whole segments at fixed shifts run in one tile call, accumulating in registers across them.
                int segments = 1;
                int wholeSegments = (k0 + kc - s) / b.segment;
                if (shifts != null && s % b.segment == 0 && wholeSegments > 1) {
                    segments = wholeSegments;
                    end = s + segments * b.segment;
                }
                int[] tileShifts = shifts != null ? shifts : NO_SHIFTS;
                int shift0 = shifts != null ? s / b.segment : 0;
                float[] as = a.rows(row0, rows, s, length, offsets);
                int rowStride = !Vectors.WIDE_REGISTER_FILE && kc >= SHALLOW_MIN_DEPTH && kc < SIX_ROWS_MAX_DEPTH
                        && segments == 1 ? uniformStride(offsets, rows) : 0;
                boolean first = block == 0 && s == k0;
                boolean last = block == blocks - 1 && end == k0 + kc;
                Pointwise.Bounds lastClamp = last ? clamp : null;
                Epilogue lastEpilogue = last ? epilogue : null;
                float[] seed = first ? bias : null;
                for (int panel = panel0; panel < panel1; ) {
                    boolean pair = Vectors.WIDE_REGISTER_FILE && panel + 1 < panel1;
                    boolean panelAndHalf = !Vectors.WIDE_REGISTER_FILE && panel + 2 == panel1
                            && n - (panel + 1) * NR <= Vectors.LANES;
                    boolean half = !pair && !panelAndHalf && n - panel * NR <= Vectors.LANES;
                    int tileRows = pair ? WIDE_ROWS : panelAndHalf ? PANEL_AND_HALF_ROWS : half ? HALF_ROWS
                            : NARROW_ROWS;
                    int width = pair ? 2 * NR : panelAndHalf ? NR + Vectors.LANES : half ? Vectors.LANES : NR;
                    int col0 = panel * NR;
                    int cols = Math.min(width, n - col0);
                    int bo = b.offset(k0, kc, panel) + (s - k0) * NR;
                    int sixes = 0;
                    if (rowStride != 0 && !pair && cols == NR) {
                        for (; sixes + 6 <= rows; sixes += 6) {
                            tileSix(length, as, offsets[sixes], rowStride, b.data, bo, seed, col0, c,
                                    cOffset + (row0 + sixes) * ldc + col0, ldc, first, lastClamp);
                        }
                    }
                    for (int i = sixes; i < rows; i += tileRows) {
                        int mr = Math.min(tileRows, rows - i);
                        // The last one or two rows of a pair take the 2-row tile, as if it were a 4-row one.
                        boolean fewRows = pair && mr <= 2;
                        int fullRows = fewRows ? 2 : tileRows;
                        // Missing rows of a last, short tile read row i again; their results are not stored.
                        int o0 = offsets[i];
                        int o1 = offsets[i + (mr > 1 ? 1 : 0)];
                        int o2 = offsets[i + (mr > 2 ? 2 : 0)];
                        int o3 = offsets[i + (mr > 3 ? 3 : 0)];
                        int co = cOffset + (row0 + i) * ldc + col0;
                        boolean whole = mr == fullRows && cols == width;
                        float[] to = whole ? c : tmp;
                        int at = whole ? co : 0;
                        int stride = whole ? ldc : width;
                        // A whole tile clamps as it stores; a partial one is clamped once added into C.
                        Pointwise.Bounds tileClamp = whole ? lastClamp : null;
                        if (pair && quads != null && segments == 1 && mr == WIDE_ROWS) {
                            tileQuads(length, quads, ((row0 + i) / 4 * b.k + s) * 4, b.data, bo, bo + kc * NR, seed,
                                    col0, to, at, stride, first || !whole, tileClamp);
                        } else if (fewRows) {
                            tileWide2(length, segments, tileShifts, shift0, as, o0, o1, b.data, bo, bo + kc * NR, seed,
                                    col0, to, at, stride, first || !whole, tileClamp);
                        } else if (pair) {
                            tileWide(length, segments, tileShifts, shift0, as, o0, o1, o2, o3, b.data, bo,
                                    bo + kc * NR, seed, col0, to, at, stride, first || !whole, tileClamp);
                        } else if (panelAndHalf) {
                            tilePanelAndHalf(length, segments, tileShifts, shift0, as, o0, o1, o2, b.data, bo,
                                    bo + kc * NR, seed, col0, to, at, stride, first || !whole, tileClamp);
                        } else {
                            // A single panel's tiles take 8 rows; a pair's need only the first four offsets.
                            int o4 = offsets[i + (mr > 4 ? 4 : 0)];
                            int o5 = offsets[i + (mr > 5 ? 5 : 0)];
                            int o6 = offsets[i + (mr > 6 ? 6 : 0)];
                            int o7 = offsets[i + (mr > 7 ? 7 : 0)];
                            if (half) {
                                tileHalf(length, segments, tileShifts, shift0, as, o0, o1, o2, o3, o4, o5, o6, o7,
                                        b.data, bo, seed, col0, to, at, stride, first || !whole, tileClamp);
                            } else if (NARROW_ROWS == 4) {
                                tileNarrow4(length, segments, tileShifts, shift0, as, o0, o1, o2, o3, b.data, bo, seed,
                                        col0, to, at, stride, first || !whole, tileClamp);
                            } else {
                                tileNarrow(length, segments, tileShifts, shift0, as, o0, o1, o2, o3, o4, o5, o6, o7,
                                        b.data, bo, seed, col0, to, at, stride, first || !whole, tileClamp);
                            }
                        }
                        if (!whole) {
                            storePartialTile(tmp, width, c, co, ldc, mr, cols, first, lastClamp);
                        }
                    }
                    // Over the block's rows at once, still in L2: an NCHW store transposes many rows a gather apiece.
                    if (lastEpilogue != null) {
                        lastEpilogue.apply(c, cOffset, ldc, row0, rows, col0, cols);
                    }
                    panel += pair || panelAndHalf ? 2 : 1;
                }
                s = end;
            }
        }
    }

    /** The one stride between consecutive rows' offsets, or 0 where they have none (or fewer than two rows). */
    private static int uniformStride(int[] offsets, int rows) {
        if (rows < 2) {
            return 0;
        }
        int stride = offsets[1] - offsets[0];
        for (int i = 2; i < rows; i++) {
            if (offsets[i] - offsets[i - 1] != stride) {
                return 0;
            }
        }
        return stride;
    }

    /**
     * Packs rows [row0, row0 + rows) of A over [k0, k0 + kc) into MR-row micro-panels: element (i, p) at
     * (i / MR) * kc * MR + p * MR + i % MR, rows past the last zero. A's source is asked for pieces within one
     * segment each. (Gathering a micro-panel a vector at a time measured slower than these scalar copies.)
     */
    private static void packA(ASource a, int segment, int row0, int rows, int k0, int kc, int[] offsets, float[] dst) {
        for (int s = k0; s < k0 + kc; ) {
            int end = Math.min(k0 + kc, (s / segment + 1) * segment);
            int length = end - s;
            float[] src = a.rows(row0, rows, s, length, offsets);
            int at = (s - k0) * MR;
            for (int i = 0; i < rows; i++) {
                int to = (i - i % MR) * kc + at + i % MR;
                int from = offsets[i];
                for (int p = 0; p < length; p++) {
                    dst[to + p * MR] = src[from + p];
                }
            }
            s = end;
        }
        int filled = rows % MR;
        if (filled != 0) {
            int base = (rows - filled) * kc;
            for (int p = 0; p < kc; p++) {
                Arrays.fill(dst, base + p * MR + filled, base + (p + 1) * MR, 0f);
            }
        }
    }

    /**
     * The register tile: MR rows by NR columns over kc from a packed micro-panel, stored to (or added into) C.
     * Straight-line, with no edge handling, so the JIT compiles every vector operation in it to an instruction.
     */
    private static void tile(int kc, float[] a, int ao, MemorySegment b, int bo, float[] seed, int col0, float[] c,
                             int co, int ldc, boolean first, Pointwise.Bounds clamp) {
        int lanes = Vectors.LANES;
        FloatVector zero = FloatVector.zero(Vectors.F);
        FloatVector s0 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0);
        FloatVector s1 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + lanes);
        FloatVector c0a = s0, c0b = s1, c1a = s0, c1b = s1, c2a = s0, c2b = s1, c3a = s0, c3b = s1;
        FloatVector c4a = s0, c4b = s1, c5a = s0, c5b = s1, c6a = s0, c6b = s1, c7a = s0, c7b = s1;
        FloatVector c8a = s0, c8b = s1, c9a = s0, c9b = s1, c10a = s0, c10b = s1, c11a = s0, c11b = s1;
        // One pass down the micro-panels. Walked as four streams a quarter of kc apart, they ran GEMM 512 to 2048 10-20%
        // slower since B lies aligned off the heap (85 against 106 GFLOP/s at 512, 205 against 184 ms at 2048).
        for (int p = 0; p < kc; p++) {
            int ap = ao + p * MR;
            int bp = bo + p * NR;
            FloatVector b0 = FloatVector.fromMemorySegment(Vectors.F, b, 4L * (bp), ORDER);
            FloatVector b1 = FloatVector.fromMemorySegment(Vectors.F, b, 4L * (bp + lanes), ORDER);
            FloatVector x = FloatVector.broadcast(Vectors.F, a[ap]);
            c0a = x.fma(b0, c0a);
            c0b = x.fma(b1, c0b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 1]);
            c1a = x.fma(b0, c1a);
            c1b = x.fma(b1, c1b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 2]);
            c2a = x.fma(b0, c2a);
            c2b = x.fma(b1, c2b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 3]);
            c3a = x.fma(b0, c3a);
            c3b = x.fma(b1, c3b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 4]);
            c4a = x.fma(b0, c4a);
            c4b = x.fma(b1, c4b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 5]);
            c5a = x.fma(b0, c5a);
            c5b = x.fma(b1, c5b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 6]);
            c6a = x.fma(b0, c6a);
            c6b = x.fma(b1, c6b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 7]);
            c7a = x.fma(b0, c7a);
            c7b = x.fma(b1, c7b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 8]);
            c8a = x.fma(b0, c8a);
            c8b = x.fma(b1, c8b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 9]);
            c9a = x.fma(b0, c9a);
            c9b = x.fma(b1, c9b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 10]);
            c10a = x.fma(b0, c10a);
            c10b = x.fma(b1, c10b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 11]);
            c11a = x.fma(b0, c11a);
            c11b = x.fma(b1, c11b);
        }
        // Stores written out, not in a helper: a call the JIT declined to inline would box every accumulator.
        if (!first) {
            c0a = c0a.add(FloatVector.fromArray(Vectors.F, c, co));
            c0b = c0b.add(FloatVector.fromArray(Vectors.F, c, co + lanes));
            c1a = c1a.add(FloatVector.fromArray(Vectors.F, c, co + ldc));
            c1b = c1b.add(FloatVector.fromArray(Vectors.F, c, co + ldc + lanes));
            c2a = c2a.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc));
            c2b = c2b.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc + lanes));
            c3a = c3a.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc));
            c3b = c3b.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc + lanes));
            c4a = c4a.add(FloatVector.fromArray(Vectors.F, c, co + 4 * ldc));
            c4b = c4b.add(FloatVector.fromArray(Vectors.F, c, co + 4 * ldc + lanes));
            c5a = c5a.add(FloatVector.fromArray(Vectors.F, c, co + 5 * ldc));
            c5b = c5b.add(FloatVector.fromArray(Vectors.F, c, co + 5 * ldc + lanes));
            c6a = c6a.add(FloatVector.fromArray(Vectors.F, c, co + 6 * ldc));
            c6b = c6b.add(FloatVector.fromArray(Vectors.F, c, co + 6 * ldc + lanes));
            c7a = c7a.add(FloatVector.fromArray(Vectors.F, c, co + 7 * ldc));
            c7b = c7b.add(FloatVector.fromArray(Vectors.F, c, co + 7 * ldc + lanes));
            c8a = c8a.add(FloatVector.fromArray(Vectors.F, c, co + 8 * ldc));
            c8b = c8b.add(FloatVector.fromArray(Vectors.F, c, co + 8 * ldc + lanes));
            c9a = c9a.add(FloatVector.fromArray(Vectors.F, c, co + 9 * ldc));
            c9b = c9b.add(FloatVector.fromArray(Vectors.F, c, co + 9 * ldc + lanes));
            c10a = c10a.add(FloatVector.fromArray(Vectors.F, c, co + 10 * ldc));
            c10b = c10b.add(FloatVector.fromArray(Vectors.F, c, co + 10 * ldc + lanes));
            c11a = c11a.add(FloatVector.fromArray(Vectors.F, c, co + 11 * ldc));
            c11b = c11b.add(FloatVector.fromArray(Vectors.F, c, co + 11 * ldc + lanes));
        }
        if (clamp != null) {
            // Pointwise.clamped written out: the JIT declined to inline that call here and boxed every accumulator.
            FloatVector lo = FloatVector.broadcast(Vectors.F, clamp.min());
            FloatVector hi = FloatVector.broadcast(Vectors.F, clamp.max());
            c0a = c0a.blend(lo, c0a.compare(VectorOperators.LT, lo));
            c0a = c0a.blend(hi, c0a.compare(VectorOperators.GT, hi));
            c0b = c0b.blend(lo, c0b.compare(VectorOperators.LT, lo));
            c0b = c0b.blend(hi, c0b.compare(VectorOperators.GT, hi));
            c1a = c1a.blend(lo, c1a.compare(VectorOperators.LT, lo));
            c1a = c1a.blend(hi, c1a.compare(VectorOperators.GT, hi));
            c1b = c1b.blend(lo, c1b.compare(VectorOperators.LT, lo));
            c1b = c1b.blend(hi, c1b.compare(VectorOperators.GT, hi));
            c2a = c2a.blend(lo, c2a.compare(VectorOperators.LT, lo));
            c2a = c2a.blend(hi, c2a.compare(VectorOperators.GT, hi));
            c2b = c2b.blend(lo, c2b.compare(VectorOperators.LT, lo));
            c2b = c2b.blend(hi, c2b.compare(VectorOperators.GT, hi));
            c3a = c3a.blend(lo, c3a.compare(VectorOperators.LT, lo));
            c3a = c3a.blend(hi, c3a.compare(VectorOperators.GT, hi));
            c3b = c3b.blend(lo, c3b.compare(VectorOperators.LT, lo));
            c3b = c3b.blend(hi, c3b.compare(VectorOperators.GT, hi));
            c4a = c4a.blend(lo, c4a.compare(VectorOperators.LT, lo));
            c4a = c4a.blend(hi, c4a.compare(VectorOperators.GT, hi));
            c4b = c4b.blend(lo, c4b.compare(VectorOperators.LT, lo));
            c4b = c4b.blend(hi, c4b.compare(VectorOperators.GT, hi));
            c5a = c5a.blend(lo, c5a.compare(VectorOperators.LT, lo));
            c5a = c5a.blend(hi, c5a.compare(VectorOperators.GT, hi));
            c5b = c5b.blend(lo, c5b.compare(VectorOperators.LT, lo));
            c5b = c5b.blend(hi, c5b.compare(VectorOperators.GT, hi));
            c6a = c6a.blend(lo, c6a.compare(VectorOperators.LT, lo));
            c6a = c6a.blend(hi, c6a.compare(VectorOperators.GT, hi));
            c6b = c6b.blend(lo, c6b.compare(VectorOperators.LT, lo));
            c6b = c6b.blend(hi, c6b.compare(VectorOperators.GT, hi));
            c7a = c7a.blend(lo, c7a.compare(VectorOperators.LT, lo));
            c7a = c7a.blend(hi, c7a.compare(VectorOperators.GT, hi));
            c7b = c7b.blend(lo, c7b.compare(VectorOperators.LT, lo));
            c7b = c7b.blend(hi, c7b.compare(VectorOperators.GT, hi));
            c8a = c8a.blend(lo, c8a.compare(VectorOperators.LT, lo));
            c8a = c8a.blend(hi, c8a.compare(VectorOperators.GT, hi));
            c8b = c8b.blend(lo, c8b.compare(VectorOperators.LT, lo));
            c8b = c8b.blend(hi, c8b.compare(VectorOperators.GT, hi));
            c9a = c9a.blend(lo, c9a.compare(VectorOperators.LT, lo));
            c9a = c9a.blend(hi, c9a.compare(VectorOperators.GT, hi));
            c9b = c9b.blend(lo, c9b.compare(VectorOperators.LT, lo));
            c9b = c9b.blend(hi, c9b.compare(VectorOperators.GT, hi));
            c10a = c10a.blend(lo, c10a.compare(VectorOperators.LT, lo));
            c10a = c10a.blend(hi, c10a.compare(VectorOperators.GT, hi));
            c10b = c10b.blend(lo, c10b.compare(VectorOperators.LT, lo));
            c10b = c10b.blend(hi, c10b.compare(VectorOperators.GT, hi));
            c11a = c11a.blend(lo, c11a.compare(VectorOperators.LT, lo));
            c11a = c11a.blend(hi, c11a.compare(VectorOperators.GT, hi));
            c11b = c11b.blend(lo, c11b.compare(VectorOperators.LT, lo));
            c11b = c11b.blend(hi, c11b.compare(VectorOperators.GT, hi));
        }
        c0a.intoArray(c, co);
        c0b.intoArray(c, co + lanes);
        c1a.intoArray(c, co + ldc);
        c1b.intoArray(c, co + ldc + lanes);
        c2a.intoArray(c, co + 2 * ldc);
        c2b.intoArray(c, co + 2 * ldc + lanes);
        c3a.intoArray(c, co + 3 * ldc);
        c3b.intoArray(c, co + 3 * ldc + lanes);
        c4a.intoArray(c, co + 4 * ldc);
        c4b.intoArray(c, co + 4 * ldc + lanes);
        c5a.intoArray(c, co + 5 * ldc);
        c5b.intoArray(c, co + 5 * ldc + lanes);
        c6a.intoArray(c, co + 6 * ldc);
        c6b.intoArray(c, co + 6 * ldc + lanes);
        c7a.intoArray(c, co + 7 * ldc);
        c7b.intoArray(c, co + 7 * ldc + lanes);
        c8a.intoArray(c, co + 8 * ldc);
        c8b.intoArray(c, co + 8 * ldc + lanes);
        c9a.intoArray(c, co + 9 * ldc);
        c9b.intoArray(c, co + 9 * ldc + lanes);
        c10a.intoArray(c, co + 10 * ldc);
        c10b.intoArray(c, co + 10 * ldc + lanes);
        c11a.intoArray(c, co + 11 * ldc);
        c11b.intoArray(c, co + 11 * ldc + lanes);
    }

    /**
     * The first 4 rows of a tile, for a last micro-panel of 4 rows (a GEMM with m of 4, the rows past a multiple of
     * MR).
     */
    private static void tile4(int kc, float[] a, int ao, MemorySegment b, int bo, float[] seed, int col0, float[] c,
                              int co, int ldc, boolean first, Pointwise.Bounds clamp) {
        int lanes = Vectors.LANES;
        FloatVector zero = FloatVector.zero(Vectors.F);
        FloatVector s0 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0);
        FloatVector s1 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + lanes);
        FloatVector c0a = s0, c0b = s1, c1a = s0, c1b = s1, c2a = s0, c2b = s1, c3a = s0, c3b = s1;
        // One K step per iteration, as in tile5.
        long bp = 4L * bo;
        for (int ap = ao, end = ao + kc * MR; ap < end; ap += MR, bp += 4 * NR) {
            FloatVector b0 = FloatVector.fromMemorySegment(Vectors.F, b, bp, ORDER);
            FloatVector b1 = FloatVector.fromMemorySegment(Vectors.F, b, bp + 4 * lanes, ORDER);
            FloatVector x = FloatVector.broadcast(Vectors.F, a[ap]);
            c0a = x.fma(b0, c0a);
            c0b = x.fma(b1, c0b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 1]);
            c1a = x.fma(b0, c1a);
            c1b = x.fma(b1, c1b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 2]);
            c2a = x.fma(b0, c2a);
            c2b = x.fma(b1, c2b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 3]);
            c3a = x.fma(b0, c3a);
            c3b = x.fma(b1, c3b);
        }
        // Stores written out, not in a helper: a call the JIT declined to inline would box every accumulator.
        if (!first) {
            c0a = c0a.add(FloatVector.fromArray(Vectors.F, c, co));
            c0b = c0b.add(FloatVector.fromArray(Vectors.F, c, co + lanes));
            c1a = c1a.add(FloatVector.fromArray(Vectors.F, c, co + ldc));
            c1b = c1b.add(FloatVector.fromArray(Vectors.F, c, co + ldc + lanes));
            c2a = c2a.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc));
            c2b = c2b.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc + lanes));
            c3a = c3a.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc));
            c3b = c3b.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc + lanes));
        }
        if (clamp != null) {
            // Pointwise.clamped written out: the JIT declined to inline that call here and boxed every accumulator.
            FloatVector lo = FloatVector.broadcast(Vectors.F, clamp.min());
            FloatVector hi = FloatVector.broadcast(Vectors.F, clamp.max());
            c0a = c0a.blend(lo, c0a.compare(VectorOperators.LT, lo));
            c0a = c0a.blend(hi, c0a.compare(VectorOperators.GT, hi));
            c0b = c0b.blend(lo, c0b.compare(VectorOperators.LT, lo));
            c0b = c0b.blend(hi, c0b.compare(VectorOperators.GT, hi));
            c1a = c1a.blend(lo, c1a.compare(VectorOperators.LT, lo));
            c1a = c1a.blend(hi, c1a.compare(VectorOperators.GT, hi));
            c1b = c1b.blend(lo, c1b.compare(VectorOperators.LT, lo));
            c1b = c1b.blend(hi, c1b.compare(VectorOperators.GT, hi));
            c2a = c2a.blend(lo, c2a.compare(VectorOperators.LT, lo));
            c2a = c2a.blend(hi, c2a.compare(VectorOperators.GT, hi));
            c2b = c2b.blend(lo, c2b.compare(VectorOperators.LT, lo));
            c2b = c2b.blend(hi, c2b.compare(VectorOperators.GT, hi));
            c3a = c3a.blend(lo, c3a.compare(VectorOperators.LT, lo));
            c3a = c3a.blend(hi, c3a.compare(VectorOperators.GT, hi));
            c3b = c3b.blend(lo, c3b.compare(VectorOperators.LT, lo));
            c3b = c3b.blend(hi, c3b.compare(VectorOperators.GT, hi));
        }
        c0a.intoArray(c, co);
        c0b.intoArray(c, co + lanes);
        c1a.intoArray(c, co + ldc);
        c1b.intoArray(c, co + ldc + lanes);
        c2a.intoArray(c, co + 2 * ldc);
        c2b.intoArray(c, co + 2 * ldc + lanes);
        c3a.intoArray(c, co + 3 * ldc);
        c3b.intoArray(c, co + 3 * ldc + lanes);
    }

    /**
     * AVX2's register tile (see {@link #MR}): tile4 with a fifth row. tile4 stays for 4-row micro-panels: through this
     * tile's spare row and the edge copy, 4 x 1000 x 1280 took 0.178 ms against 0.141, and 49 x 960 x 160 (a 4-row
     * tail per panel) ran 3% slower.
     */
    private static void tile5(int kc, float[] a, int ao, MemorySegment b, int bo, float[] seed, int col0, float[] c,
                              int co, int ldc, boolean first, Pointwise.Bounds clamp) {
        int lanes = Vectors.LANES;
        FloatVector zero = FloatVector.zero(Vectors.F);
        FloatVector s0 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0);
        FloatVector s1 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + lanes);
        FloatVector c0a = s0, c0b = s1, c1a = s0, c1b = s1, c2a = s0, c2b = s1, c3a = s0, c3b = s1, c4a = s0, c4b = s1;
        // One K step per iteration, A's index the loop's variable, stepped by MR, and B's byte offset a long stepped
        // beside it. C2 does not unroll the loop (JDK 25). Computed from a K counter instead (ao + p * MR, A's index
        // rebuilt from a spilled ao each step, 29 instructions per step), a sweep of this tile over 80 rows of A and
        // 256 columns of B in cache ran at 78-79 GFLOP/s against 81-83 at K = 65 (a 1x1 conv2d's depth), and at 85.9
        // against 86.3 at K = 1024. Unrolled by hand in two it ran at 51 (72 against 78 for GEMM 1024 with int offsets
        // checked per load); with A read off the heap too, at 33-44.
        long bp = 4L * bo;
        for (int ap = ao, end = ao + kc * MR; ap < end; ap += MR, bp += 4 * NR) {
            FloatVector b0 = FloatVector.fromMemorySegment(Vectors.F, b, bp, ORDER);
            FloatVector b1 = FloatVector.fromMemorySegment(Vectors.F, b, bp + 4 * lanes, ORDER);
            FloatVector x = FloatVector.broadcast(Vectors.F, a[ap]);
            c0a = x.fma(b0, c0a);
            c0b = x.fma(b1, c0b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 1]);
            c1a = x.fma(b0, c1a);
            c1b = x.fma(b1, c1b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 2]);
            c2a = x.fma(b0, c2a);
            c2b = x.fma(b1, c2b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 3]);
            c3a = x.fma(b0, c3a);
            c3b = x.fma(b1, c3b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 4]);
            c4a = x.fma(b0, c4a);
            c4b = x.fma(b1, c4b);
        }
        // Stores written out, not in a helper: a call the JIT declined to inline would box every accumulator.
        if (!first) {
            c0a = c0a.add(FloatVector.fromArray(Vectors.F, c, co));
            c0b = c0b.add(FloatVector.fromArray(Vectors.F, c, co + lanes));
            c1a = c1a.add(FloatVector.fromArray(Vectors.F, c, co + ldc));
            c1b = c1b.add(FloatVector.fromArray(Vectors.F, c, co + ldc + lanes));
            c2a = c2a.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc));
            c2b = c2b.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc + lanes));
            c3a = c3a.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc));
            c3b = c3b.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc + lanes));
            c4a = c4a.add(FloatVector.fromArray(Vectors.F, c, co + 4 * ldc));
            c4b = c4b.add(FloatVector.fromArray(Vectors.F, c, co + 4 * ldc + lanes));
        }
        if (clamp != null) {
            // Pointwise.clamped written out: the JIT declined to inline that call here and boxed every accumulator.
            FloatVector lo = FloatVector.broadcast(Vectors.F, clamp.min());
            FloatVector hi = FloatVector.broadcast(Vectors.F, clamp.max());
            c0a = c0a.blend(lo, c0a.compare(VectorOperators.LT, lo));
            c0a = c0a.blend(hi, c0a.compare(VectorOperators.GT, hi));
            c0b = c0b.blend(lo, c0b.compare(VectorOperators.LT, lo));
            c0b = c0b.blend(hi, c0b.compare(VectorOperators.GT, hi));
            c1a = c1a.blend(lo, c1a.compare(VectorOperators.LT, lo));
            c1a = c1a.blend(hi, c1a.compare(VectorOperators.GT, hi));
            c1b = c1b.blend(lo, c1b.compare(VectorOperators.LT, lo));
            c1b = c1b.blend(hi, c1b.compare(VectorOperators.GT, hi));
            c2a = c2a.blend(lo, c2a.compare(VectorOperators.LT, lo));
            c2a = c2a.blend(hi, c2a.compare(VectorOperators.GT, hi));
            c2b = c2b.blend(lo, c2b.compare(VectorOperators.LT, lo));
            c2b = c2b.blend(hi, c2b.compare(VectorOperators.GT, hi));
            c3a = c3a.blend(lo, c3a.compare(VectorOperators.LT, lo));
            c3a = c3a.blend(hi, c3a.compare(VectorOperators.GT, hi));
            c3b = c3b.blend(lo, c3b.compare(VectorOperators.LT, lo));
            c3b = c3b.blend(hi, c3b.compare(VectorOperators.GT, hi));
            c4a = c4a.blend(lo, c4a.compare(VectorOperators.LT, lo));
            c4a = c4a.blend(hi, c4a.compare(VectorOperators.GT, hi));
            c4b = c4b.blend(lo, c4b.compare(VectorOperators.LT, lo));
            c4b = c4b.blend(hi, c4b.compare(VectorOperators.GT, hi));
        }
        c0a.intoArray(c, co);
        c0b.intoArray(c, co + lanes);
        c1a.intoArray(c, co + ldc);
        c1b.intoArray(c, co + ldc + lanes);
        c2a.intoArray(c, co + 2 * ldc);
        c2b.intoArray(c, co + 2 * ldc + lanes);
        c3a.intoArray(c, co + 3 * ldc);
        c3b.intoArray(c, co + 3 * ldc + lanes);
        c4a.intoArray(c, co + 4 * ldc);
        c4b.intoArray(c, co + 4 * ldc + lanes);
    }

    /**
     * One row by a group of four whole panels, 128 columns: a last row (or the only one: a batch-1 classifier's GEMV)
     * reads B from four places at once where the 4-row tile, panel by panel, read one. A B streamed from memory
     * arrives sooner so: 1 x 1000 x 1280 with caches flushed took 0.34 ms where it took 0.44-0.47.
     */
    private static void tileRow(int kc, float[] a, int ao, MemorySegment b, int b0, int b1, int b2, int b3,
                                float[] seed, int col0, float[] c, int co, boolean first, Pointwise.Bounds clamp) {
        int lanes = Vectors.LANES;
        FloatVector zero = FloatVector.zero(Vectors.F);
        FloatVector c0 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + 0 * lanes);
        FloatVector c1 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + 1 * lanes);
        FloatVector c2 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + 2 * lanes);
        FloatVector c3 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + 3 * lanes);
        FloatVector c4 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + 4 * lanes);
        FloatVector c5 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + 5 * lanes);
        FloatVector c6 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + 6 * lanes);
        FloatVector c7 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + 7 * lanes);
        for (int p = 0; p < kc; p++) {
            FloatVector x = FloatVector.broadcast(Vectors.F, a[ao + p * MR]);
            long o0 = 4L * (b0 + p * NR);
            long o1 = 4L * (b1 + p * NR);
            long o2 = 4L * (b2 + p * NR);
            long o3 = 4L * (b3 + p * NR);
            c0 = x.fma(FloatVector.fromMemorySegment(Vectors.F, b, o0, ORDER), c0);
            c1 = x.fma(FloatVector.fromMemorySegment(Vectors.F, b, o0 + 4L * lanes, ORDER), c1);
            c2 = x.fma(FloatVector.fromMemorySegment(Vectors.F, b, o1, ORDER), c2);
            c3 = x.fma(FloatVector.fromMemorySegment(Vectors.F, b, o1 + 4L * lanes, ORDER), c3);
            c4 = x.fma(FloatVector.fromMemorySegment(Vectors.F, b, o2, ORDER), c4);
            c5 = x.fma(FloatVector.fromMemorySegment(Vectors.F, b, o2 + 4L * lanes, ORDER), c5);
            c6 = x.fma(FloatVector.fromMemorySegment(Vectors.F, b, o3, ORDER), c6);
            c7 = x.fma(FloatVector.fromMemorySegment(Vectors.F, b, o3 + 4L * lanes, ORDER), c7);
        }
        if (!first) {
            c0 = c0.add(FloatVector.fromArray(Vectors.F, c, co + 0 * lanes));
            c1 = c1.add(FloatVector.fromArray(Vectors.F, c, co + 1 * lanes));
            c2 = c2.add(FloatVector.fromArray(Vectors.F, c, co + 2 * lanes));
            c3 = c3.add(FloatVector.fromArray(Vectors.F, c, co + 3 * lanes));
            c4 = c4.add(FloatVector.fromArray(Vectors.F, c, co + 4 * lanes));
            c5 = c5.add(FloatVector.fromArray(Vectors.F, c, co + 5 * lanes));
            c6 = c6.add(FloatVector.fromArray(Vectors.F, c, co + 6 * lanes));
            c7 = c7.add(FloatVector.fromArray(Vectors.F, c, co + 7 * lanes));
        }
        if (clamp != null) {
            FloatVector lo = FloatVector.broadcast(Vectors.F, clamp.min());
            FloatVector hi = FloatVector.broadcast(Vectors.F, clamp.max());
            c0 = c0.blend(lo, c0.compare(VectorOperators.LT, lo));
            c0 = c0.blend(hi, c0.compare(VectorOperators.GT, hi));
            c1 = c1.blend(lo, c1.compare(VectorOperators.LT, lo));
            c1 = c1.blend(hi, c1.compare(VectorOperators.GT, hi));
            c2 = c2.blend(lo, c2.compare(VectorOperators.LT, lo));
            c2 = c2.blend(hi, c2.compare(VectorOperators.GT, hi));
            c3 = c3.blend(lo, c3.compare(VectorOperators.LT, lo));
            c3 = c3.blend(hi, c3.compare(VectorOperators.GT, hi));
            c4 = c4.blend(lo, c4.compare(VectorOperators.LT, lo));
            c4 = c4.blend(hi, c4.compare(VectorOperators.GT, hi));
            c5 = c5.blend(lo, c5.compare(VectorOperators.LT, lo));
            c5 = c5.blend(hi, c5.compare(VectorOperators.GT, hi));
            c6 = c6.blend(lo, c6.compare(VectorOperators.LT, lo));
            c6 = c6.blend(hi, c6.compare(VectorOperators.GT, hi));
            c7 = c7.blend(lo, c7.compare(VectorOperators.LT, lo));
            c7 = c7.blend(hi, c7.compare(VectorOperators.GT, hi));
        }
        c0.intoArray(c, co + 0 * lanes);
        c1.intoArray(c, co + 1 * lanes);
        c2.intoArray(c, co + 2 * lanes);
        c3.intoArray(c, co + 3 * lanes);
        c4.intoArray(c, co + 4 * lanes);
        c5.intoArray(c, co + 5 * lanes);
        c6.intoArray(c, co + 6 * lanes);
        c7.intoArray(c, co + 7 * lanes);
    }

    /**
     * The in-place tile: 4 rows read where they lie (not packed) by two adjacent panels, 64 columns, over kc:
     * 16 accumulators, 4 row offsets, which the JIT keeps in registers.
     */
    private static void tileWide(int kc, int segments, int[] shifts, int shift0, float[] a, int r0, int r1, int r2,
                                 int r3, float[] b, int panelB, int panelB2, float[] seed, int col0, float[] c, int co,
                                 int ldc, boolean first, Pointwise.Bounds clamp) {
        int lanes = Vectors.LANES;
        FloatVector zero = FloatVector.zero(Vectors.F);
        FloatVector s0 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0);
        FloatVector s1 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + lanes);
        FloatVector s2 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + 2 * lanes);
        FloatVector s3 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + 3 * lanes);
        FloatVector c0a = s0, c0b = s1, c0c = s2, c0d = s3;
        FloatVector c1a = s0, c1b = s1, c1c = s2, c1d = s3;
        FloatVector c2a = s0, c2b = s1, c2c = s2, c2d = s3;
        FloatVector c3a = s0, c3b = s1, c3c = s2, c3d = s3;
        for (int segment = 0; segment < segments; segment++) {
            int shift = shifts[shift0 + segment] - shifts[shift0];
            int o0 = r0 + shift, o1 = r1 + shift, o2 = r2 + shift, o3 = r3 + shift;
            int bo = panelB + segment * kc * NR;
            int bo2 = panelB2 + segment * kc * NR;
            int p = 0;
            int whole = kc - kc % 2;
            for (; p < whole; p += 2) {
                FloatVector b0 = FloatVector.fromArray(Vectors.F, b, bo + (p) * NR);
                FloatVector b1 = FloatVector.fromArray(Vectors.F, b, bo + (p) * NR + lanes);
                FloatVector b2 = FloatVector.fromArray(Vectors.F, b, bo2 + (p) * NR);
                FloatVector b3 = FloatVector.fromArray(Vectors.F, b, bo2 + (p) * NR + lanes);
                FloatVector x = FloatVector.broadcast(Vectors.F, a[o0 + p]);
                c0a = x.fma(b0, c0a);
                c0b = x.fma(b1, c0b);
                c0c = x.fma(b2, c0c);
                c0d = x.fma(b3, c0d);
                x = FloatVector.broadcast(Vectors.F, a[o1 + p]);
                c1a = x.fma(b0, c1a);
                c1b = x.fma(b1, c1b);
                c1c = x.fma(b2, c1c);
                c1d = x.fma(b3, c1d);
                x = FloatVector.broadcast(Vectors.F, a[o2 + p]);
                c2a = x.fma(b0, c2a);
                c2b = x.fma(b1, c2b);
                c2c = x.fma(b2, c2c);
                c2d = x.fma(b3, c2d);
                x = FloatVector.broadcast(Vectors.F, a[o3 + p]);
                c3a = x.fma(b0, c3a);
                c3b = x.fma(b1, c3b);
                c3c = x.fma(b2, c3c);
                c3d = x.fma(b3, c3d);
                b0 = FloatVector.fromArray(Vectors.F, b, bo + (p + 1) * NR);
                b1 = FloatVector.fromArray(Vectors.F, b, bo + (p + 1) * NR + lanes);
                b2 = FloatVector.fromArray(Vectors.F, b, bo2 + (p + 1) * NR);
                b3 = FloatVector.fromArray(Vectors.F, b, bo2 + (p + 1) * NR + lanes);
                x = FloatVector.broadcast(Vectors.F, a[o0 + p + 1]);
                c0a = x.fma(b0, c0a);
                c0b = x.fma(b1, c0b);
                c0c = x.fma(b2, c0c);
                c0d = x.fma(b3, c0d);
                x = FloatVector.broadcast(Vectors.F, a[o1 + p + 1]);
                c1a = x.fma(b0, c1a);
                c1b = x.fma(b1, c1b);
                c1c = x.fma(b2, c1c);
                c1d = x.fma(b3, c1d);
                x = FloatVector.broadcast(Vectors.F, a[o2 + p + 1]);
                c2a = x.fma(b0, c2a);
                c2b = x.fma(b1, c2b);
                c2c = x.fma(b2, c2c);
                c2d = x.fma(b3, c2d);
                x = FloatVector.broadcast(Vectors.F, a[o3 + p + 1]);
                c3a = x.fma(b0, c3a);
                c3b = x.fma(b1, c3b);
                c3c = x.fma(b2, c3c);
                c3d = x.fma(b3, c3d);
            }
            for (; p < kc; p++) {
                FloatVector b0 = FloatVector.fromArray(Vectors.F, b, bo + (p) * NR);
                FloatVector b1 = FloatVector.fromArray(Vectors.F, b, bo + (p) * NR + lanes);
                FloatVector b2 = FloatVector.fromArray(Vectors.F, b, bo2 + (p) * NR);
                FloatVector b3 = FloatVector.fromArray(Vectors.F, b, bo2 + (p) * NR + lanes);
                FloatVector x = FloatVector.broadcast(Vectors.F, a[o0 + p]);
                c0a = x.fma(b0, c0a);
                c0b = x.fma(b1, c0b);
                c0c = x.fma(b2, c0c);
                c0d = x.fma(b3, c0d);
                x = FloatVector.broadcast(Vectors.F, a[o1 + p]);
                c1a = x.fma(b0, c1a);
                c1b = x.fma(b1, c1b);
                c1c = x.fma(b2, c1c);
                c1d = x.fma(b3, c1d);
                x = FloatVector.broadcast(Vectors.F, a[o2 + p]);
                c2a = x.fma(b0, c2a);
                c2b = x.fma(b1, c2b);
                c2c = x.fma(b2, c2c);
                c2d = x.fma(b3, c2d);
                x = FloatVector.broadcast(Vectors.F, a[o3 + p]);
                c3a = x.fma(b0, c3a);
                c3b = x.fma(b1, c3b);
                c3c = x.fma(b2, c3c);
                c3d = x.fma(b3, c3d);
            }
        }
        if (!first) {
            c0a = c0a.add(FloatVector.fromArray(Vectors.F, c, co));
            c0b = c0b.add(FloatVector.fromArray(Vectors.F, c, co + lanes));
            c0c = c0c.add(FloatVector.fromArray(Vectors.F, c, co + 2 * lanes));
            c0d = c0d.add(FloatVector.fromArray(Vectors.F, c, co + 3 * lanes));
            c1a = c1a.add(FloatVector.fromArray(Vectors.F, c, co + ldc));
            c1b = c1b.add(FloatVector.fromArray(Vectors.F, c, co + ldc + lanes));
            c1c = c1c.add(FloatVector.fromArray(Vectors.F, c, co + ldc + 2 * lanes));
            c1d = c1d.add(FloatVector.fromArray(Vectors.F, c, co + ldc + 3 * lanes));
            c2a = c2a.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc));
            c2b = c2b.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc + lanes));
            c2c = c2c.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc + 2 * lanes));
            c2d = c2d.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc + 3 * lanes));
            c3a = c3a.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc));
            c3b = c3b.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc + lanes));
            c3c = c3c.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc + 2 * lanes));
            c3d = c3d.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc + 3 * lanes));
        }
        if (clamp != null) {
            // Pointwise.clamped written out: the JIT declined to inline that call here and boxed every accumulator.
            FloatVector lo = FloatVector.broadcast(Vectors.F, clamp.min());
            FloatVector hi = FloatVector.broadcast(Vectors.F, clamp.max());
            c0a = c0a.blend(lo, c0a.compare(VectorOperators.LT, lo));
            c0a = c0a.blend(hi, c0a.compare(VectorOperators.GT, hi));
            c0b = c0b.blend(lo, c0b.compare(VectorOperators.LT, lo));
            c0b = c0b.blend(hi, c0b.compare(VectorOperators.GT, hi));
            c0c = c0c.blend(lo, c0c.compare(VectorOperators.LT, lo));
            c0c = c0c.blend(hi, c0c.compare(VectorOperators.GT, hi));
            c0d = c0d.blend(lo, c0d.compare(VectorOperators.LT, lo));
            c0d = c0d.blend(hi, c0d.compare(VectorOperators.GT, hi));
            c1a = c1a.blend(lo, c1a.compare(VectorOperators.LT, lo));
            c1a = c1a.blend(hi, c1a.compare(VectorOperators.GT, hi));
            c1b = c1b.blend(lo, c1b.compare(VectorOperators.LT, lo));
            c1b = c1b.blend(hi, c1b.compare(VectorOperators.GT, hi));
            c1c = c1c.blend(lo, c1c.compare(VectorOperators.LT, lo));
            c1c = c1c.blend(hi, c1c.compare(VectorOperators.GT, hi));
            c1d = c1d.blend(lo, c1d.compare(VectorOperators.LT, lo));
            c1d = c1d.blend(hi, c1d.compare(VectorOperators.GT, hi));
            c2a = c2a.blend(lo, c2a.compare(VectorOperators.LT, lo));
            c2a = c2a.blend(hi, c2a.compare(VectorOperators.GT, hi));
            c2b = c2b.blend(lo, c2b.compare(VectorOperators.LT, lo));
            c2b = c2b.blend(hi, c2b.compare(VectorOperators.GT, hi));
            c2c = c2c.blend(lo, c2c.compare(VectorOperators.LT, lo));
            c2c = c2c.blend(hi, c2c.compare(VectorOperators.GT, hi));
            c2d = c2d.blend(lo, c2d.compare(VectorOperators.LT, lo));
            c2d = c2d.blend(hi, c2d.compare(VectorOperators.GT, hi));
            c3a = c3a.blend(lo, c3a.compare(VectorOperators.LT, lo));
            c3a = c3a.blend(hi, c3a.compare(VectorOperators.GT, hi));
            c3b = c3b.blend(lo, c3b.compare(VectorOperators.LT, lo));
            c3b = c3b.blend(hi, c3b.compare(VectorOperators.GT, hi));
            c3c = c3c.blend(lo, c3c.compare(VectorOperators.LT, lo));
            c3c = c3c.blend(hi, c3c.compare(VectorOperators.GT, hi));
            c3d = c3d.blend(lo, c3d.compare(VectorOperators.LT, lo));
            c3d = c3d.blend(hi, c3d.compare(VectorOperators.GT, hi));
        }
        c0a.intoArray(c, co);
        c0b.intoArray(c, co + lanes);
        c0c.intoArray(c, co + 2 * lanes);
        c0d.intoArray(c, co + 3 * lanes);
        c1a.intoArray(c, co + ldc);
        c1b.intoArray(c, co + ldc + lanes);
        c1c.intoArray(c, co + ldc + 2 * lanes);
        c1d.intoArray(c, co + ldc + 3 * lanes);
        c2a.intoArray(c, co + 2 * ldc);
        c2b.intoArray(c, co + 2 * ldc + lanes);
        c2c.intoArray(c, co + 2 * ldc + 2 * lanes);
        c2d.intoArray(c, co + 2 * ldc + 3 * lanes);
        c3a.intoArray(c, co + 3 * ldc);
        c3b.intoArray(c, co + 3 * ldc + lanes);
        c3c.intoArray(c, co + 3 * ldc + 2 * lanes);
        c3d.intoArray(c, co + 3 * ldc + 3 * lanes);
    }

    /**
     * The 4-row in-place tile over a panel pair reading A as quads (see {@link #quads}), from at: one piece of K, no
     * segments. A method of its own: with both loops in tileWide, once both had run the JIT's code for tileWide ran
     * slower everywhere (in one benchmark process after the 1x1 NCHW conv2d, the 3x3 one took 2.76 ms on 1 thread
     * against 2.06, MobileNetV2 10.9 ms on 2 threads against 6.6).
     */
    private static void tileQuads(int kc, float[] a, int at, float[] b, int panelB, int panelB2, float[] seed, int col0,
                                  float[] c, int co, int ldc, boolean first, Pointwise.Bounds clamp) {
        int lanes = Vectors.LANES;
        FloatVector zero = FloatVector.zero(Vectors.F);
        FloatVector s0 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0);
        FloatVector s1 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + lanes);
        FloatVector s2 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + 2 * lanes);
        FloatVector s3 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + 3 * lanes);
        FloatVector c0a = s0, c0b = s1, c0c = s2, c0d = s3;
        FloatVector c1a = s0, c1b = s1, c1c = s2, c1d = s3;
        FloatVector c2a = s0, c2b = s1, c2c = s2, c2d = s3;
        FloatVector c3a = s0, c3b = s1, c3c = s2, c3d = s3;
        // A as quads: at is where the four rows' values at p = 0 lie.
        for (int p = 0; p < kc; p++) {
            int q = at + 4 * p;
            FloatVector b0 = FloatVector.fromArray(Vectors.F, b, panelB + p * NR);
            FloatVector b1 = FloatVector.fromArray(Vectors.F, b, panelB + p * NR + lanes);
            FloatVector b2 = FloatVector.fromArray(Vectors.F, b, panelB2 + p * NR);
            FloatVector b3 = FloatVector.fromArray(Vectors.F, b, panelB2 + p * NR + lanes);
            FloatVector x = FloatVector.broadcast(Vectors.F, a[q]);
            c0a = x.fma(b0, c0a);
            c0b = x.fma(b1, c0b);
            c0c = x.fma(b2, c0c);
            c0d = x.fma(b3, c0d);
            x = FloatVector.broadcast(Vectors.F, a[q + 1]);
            c1a = x.fma(b0, c1a);
            c1b = x.fma(b1, c1b);
            c1c = x.fma(b2, c1c);
            c1d = x.fma(b3, c1d);
            x = FloatVector.broadcast(Vectors.F, a[q + 2]);
            c2a = x.fma(b0, c2a);
            c2b = x.fma(b1, c2b);
            c2c = x.fma(b2, c2c);
            c2d = x.fma(b3, c2d);
            x = FloatVector.broadcast(Vectors.F, a[q + 3]);
            c3a = x.fma(b0, c3a);
            c3b = x.fma(b1, c3b);
            c3c = x.fma(b2, c3c);
            c3d = x.fma(b3, c3d);
        }
        if (!first) {
            c0a = c0a.add(FloatVector.fromArray(Vectors.F, c, co));
            c0b = c0b.add(FloatVector.fromArray(Vectors.F, c, co + lanes));
            c0c = c0c.add(FloatVector.fromArray(Vectors.F, c, co + 2 * lanes));
            c0d = c0d.add(FloatVector.fromArray(Vectors.F, c, co + 3 * lanes));
            c1a = c1a.add(FloatVector.fromArray(Vectors.F, c, co + ldc));
            c1b = c1b.add(FloatVector.fromArray(Vectors.F, c, co + ldc + lanes));
            c1c = c1c.add(FloatVector.fromArray(Vectors.F, c, co + ldc + 2 * lanes));
            c1d = c1d.add(FloatVector.fromArray(Vectors.F, c, co + ldc + 3 * lanes));
            c2a = c2a.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc));
            c2b = c2b.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc + lanes));
            c2c = c2c.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc + 2 * lanes));
            c2d = c2d.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc + 3 * lanes));
            c3a = c3a.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc));
            c3b = c3b.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc + lanes));
            c3c = c3c.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc + 2 * lanes));
            c3d = c3d.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc + 3 * lanes));
        }
        if (clamp != null) {
            // Pointwise.clamped written out: the JIT declined to inline that call here and boxed every accumulator.
            FloatVector lo = FloatVector.broadcast(Vectors.F, clamp.min());
            FloatVector hi = FloatVector.broadcast(Vectors.F, clamp.max());
            c0a = c0a.blend(lo, c0a.compare(VectorOperators.LT, lo));
            c0a = c0a.blend(hi, c0a.compare(VectorOperators.GT, hi));
            c0b = c0b.blend(lo, c0b.compare(VectorOperators.LT, lo));
            c0b = c0b.blend(hi, c0b.compare(VectorOperators.GT, hi));
            c0c = c0c.blend(lo, c0c.compare(VectorOperators.LT, lo));
            c0c = c0c.blend(hi, c0c.compare(VectorOperators.GT, hi));
            c0d = c0d.blend(lo, c0d.compare(VectorOperators.LT, lo));
            c0d = c0d.blend(hi, c0d.compare(VectorOperators.GT, hi));
            c1a = c1a.blend(lo, c1a.compare(VectorOperators.LT, lo));
            c1a = c1a.blend(hi, c1a.compare(VectorOperators.GT, hi));
            c1b = c1b.blend(lo, c1b.compare(VectorOperators.LT, lo));
            c1b = c1b.blend(hi, c1b.compare(VectorOperators.GT, hi));
            c1c = c1c.blend(lo, c1c.compare(VectorOperators.LT, lo));
            c1c = c1c.blend(hi, c1c.compare(VectorOperators.GT, hi));
            c1d = c1d.blend(lo, c1d.compare(VectorOperators.LT, lo));
            c1d = c1d.blend(hi, c1d.compare(VectorOperators.GT, hi));
            c2a = c2a.blend(lo, c2a.compare(VectorOperators.LT, lo));
            c2a = c2a.blend(hi, c2a.compare(VectorOperators.GT, hi));
            c2b = c2b.blend(lo, c2b.compare(VectorOperators.LT, lo));
            c2b = c2b.blend(hi, c2b.compare(VectorOperators.GT, hi));
            c2c = c2c.blend(lo, c2c.compare(VectorOperators.LT, lo));
            c2c = c2c.blend(hi, c2c.compare(VectorOperators.GT, hi));
            c2d = c2d.blend(lo, c2d.compare(VectorOperators.LT, lo));
            c2d = c2d.blend(hi, c2d.compare(VectorOperators.GT, hi));
            c3a = c3a.blend(lo, c3a.compare(VectorOperators.LT, lo));
            c3a = c3a.blend(hi, c3a.compare(VectorOperators.GT, hi));
            c3b = c3b.blend(lo, c3b.compare(VectorOperators.LT, lo));
            c3b = c3b.blend(hi, c3b.compare(VectorOperators.GT, hi));
            c3c = c3c.blend(lo, c3c.compare(VectorOperators.LT, lo));
            c3c = c3c.blend(hi, c3c.compare(VectorOperators.GT, hi));
            c3d = c3d.blend(lo, c3d.compare(VectorOperators.LT, lo));
            c3d = c3d.blend(hi, c3d.compare(VectorOperators.GT, hi));
        }
        c0a.intoArray(c, co);
        c0b.intoArray(c, co + lanes);
        c0c.intoArray(c, co + 2 * lanes);
        c0d.intoArray(c, co + 3 * lanes);
        c1a.intoArray(c, co + ldc);
        c1b.intoArray(c, co + ldc + lanes);
        c1c.intoArray(c, co + ldc + 2 * lanes);
        c1d.intoArray(c, co + ldc + 3 * lanes);
        c2a.intoArray(c, co + 2 * ldc);
        c2b.intoArray(c, co + 2 * ldc + lanes);
        c2c.intoArray(c, co + 2 * ldc + 2 * lanes);
        c2d.intoArray(c, co + 2 * ldc + 3 * lanes);
        c3a.intoArray(c, co + 3 * ldc);
        c3b.intoArray(c, co + 3 * ldc + lanes);
        c3c.intoArray(c, co + 3 * ldc + 2 * lanes);
        c3d.intoArray(c, co + 3 * ldc + 3 * lanes);
    }

    /**
     * The in-place tile for the last one or two rows over a panel pair, 2 rows by 64 columns (8 accumulators): at
     * about half the cost of the 4-row tile, which would compute its missing rows all the same (a 7x7 image's 49 rows
     * end in a tile of one).
     */
    private static void tileWide2(int kc, int segments, int[] shifts, int shift0, float[] a, int r0, int r1,
                                  float[] b, int panelB, int panelB2, float[] seed, int col0, float[] c, int co,
                                  int ldc, boolean first, Pointwise.Bounds clamp) {
        int lanes = Vectors.LANES;
        FloatVector zero = FloatVector.zero(Vectors.F);
        FloatVector s0 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0);
        FloatVector s1 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + lanes);
        FloatVector s2 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + 2 * lanes);
        FloatVector s3 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + 3 * lanes);
        FloatVector c0a = s0, c0b = s1, c0c = s2, c0d = s3;
        FloatVector c1a = s0, c1b = s1, c1c = s2, c1d = s3;
        for (int segment = 0; segment < segments; segment++) {
            int shift = shifts[shift0 + segment] - shifts[shift0];
            int o0 = r0 + shift, o1 = r1 + shift;
            int bo = panelB + segment * kc * NR;
            int bo2 = panelB2 + segment * kc * NR;
            int p = 0;
            int whole = kc - kc % 2;
            for (; p < whole; p += 2) {
                FloatVector b0 = FloatVector.fromArray(Vectors.F, b, bo + (p) * NR);
                FloatVector b1 = FloatVector.fromArray(Vectors.F, b, bo + (p) * NR + lanes);
                FloatVector b2 = FloatVector.fromArray(Vectors.F, b, bo2 + (p) * NR);
                FloatVector b3 = FloatVector.fromArray(Vectors.F, b, bo2 + (p) * NR + lanes);
                FloatVector x = FloatVector.broadcast(Vectors.F, a[o0 + p]);
                c0a = x.fma(b0, c0a);
                c0b = x.fma(b1, c0b);
                c0c = x.fma(b2, c0c);
                c0d = x.fma(b3, c0d);
                x = FloatVector.broadcast(Vectors.F, a[o1 + p]);
                c1a = x.fma(b0, c1a);
                c1b = x.fma(b1, c1b);
                c1c = x.fma(b2, c1c);
                c1d = x.fma(b3, c1d);
                b0 = FloatVector.fromArray(Vectors.F, b, bo + (p + 1) * NR);
                b1 = FloatVector.fromArray(Vectors.F, b, bo + (p + 1) * NR + lanes);
                b2 = FloatVector.fromArray(Vectors.F, b, bo2 + (p + 1) * NR);
                b3 = FloatVector.fromArray(Vectors.F, b, bo2 + (p + 1) * NR + lanes);
                x = FloatVector.broadcast(Vectors.F, a[o0 + p + 1]);
                c0a = x.fma(b0, c0a);
                c0b = x.fma(b1, c0b);
                c0c = x.fma(b2, c0c);
                c0d = x.fma(b3, c0d);
                x = FloatVector.broadcast(Vectors.F, a[o1 + p + 1]);
                c1a = x.fma(b0, c1a);
                c1b = x.fma(b1, c1b);
                c1c = x.fma(b2, c1c);
                c1d = x.fma(b3, c1d);
            }
            for (; p < kc; p++) {
                FloatVector b0 = FloatVector.fromArray(Vectors.F, b, bo + (p) * NR);
                FloatVector b1 = FloatVector.fromArray(Vectors.F, b, bo + (p) * NR + lanes);
                FloatVector b2 = FloatVector.fromArray(Vectors.F, b, bo2 + (p) * NR);
                FloatVector b3 = FloatVector.fromArray(Vectors.F, b, bo2 + (p) * NR + lanes);
                FloatVector x = FloatVector.broadcast(Vectors.F, a[o0 + p]);
                c0a = x.fma(b0, c0a);
                c0b = x.fma(b1, c0b);
                c0c = x.fma(b2, c0c);
                c0d = x.fma(b3, c0d);
                x = FloatVector.broadcast(Vectors.F, a[o1 + p]);
                c1a = x.fma(b0, c1a);
                c1b = x.fma(b1, c1b);
                c1c = x.fma(b2, c1c);
                c1d = x.fma(b3, c1d);
            }
        }
        if (!first) {
            c0a = c0a.add(FloatVector.fromArray(Vectors.F, c, co));
            c0b = c0b.add(FloatVector.fromArray(Vectors.F, c, co + lanes));
            c0c = c0c.add(FloatVector.fromArray(Vectors.F, c, co + 2 * lanes));
            c0d = c0d.add(FloatVector.fromArray(Vectors.F, c, co + 3 * lanes));
            c1a = c1a.add(FloatVector.fromArray(Vectors.F, c, co + ldc));
            c1b = c1b.add(FloatVector.fromArray(Vectors.F, c, co + ldc + lanes));
            c1c = c1c.add(FloatVector.fromArray(Vectors.F, c, co + ldc + 2 * lanes));
            c1d = c1d.add(FloatVector.fromArray(Vectors.F, c, co + ldc + 3 * lanes));
        }
        if (clamp != null) {
            FloatVector lo = FloatVector.broadcast(Vectors.F, clamp.min());
            FloatVector hi = FloatVector.broadcast(Vectors.F, clamp.max());
            c0a = c0a.blend(lo, c0a.compare(VectorOperators.LT, lo));
            c0a = c0a.blend(hi, c0a.compare(VectorOperators.GT, hi));
            c0b = c0b.blend(lo, c0b.compare(VectorOperators.LT, lo));
            c0b = c0b.blend(hi, c0b.compare(VectorOperators.GT, hi));
            c0c = c0c.blend(lo, c0c.compare(VectorOperators.LT, lo));
            c0c = c0c.blend(hi, c0c.compare(VectorOperators.GT, hi));
            c0d = c0d.blend(lo, c0d.compare(VectorOperators.LT, lo));
            c0d = c0d.blend(hi, c0d.compare(VectorOperators.GT, hi));
            c1a = c1a.blend(lo, c1a.compare(VectorOperators.LT, lo));
            c1a = c1a.blend(hi, c1a.compare(VectorOperators.GT, hi));
            c1b = c1b.blend(lo, c1b.compare(VectorOperators.LT, lo));
            c1b = c1b.blend(hi, c1b.compare(VectorOperators.GT, hi));
            c1c = c1c.blend(lo, c1c.compare(VectorOperators.LT, lo));
            c1c = c1c.blend(hi, c1c.compare(VectorOperators.GT, hi));
            c1d = c1d.blend(lo, c1d.compare(VectorOperators.LT, lo));
            c1d = c1d.blend(hi, c1d.compare(VectorOperators.GT, hi));
        }
        c0a.intoArray(c, co);
        c0b.intoArray(c, co + lanes);
        c0c.intoArray(c, co + 2 * lanes);
        c0d.intoArray(c, co + 3 * lanes);
        c1a.intoArray(c, co + ldc);
        c1b.intoArray(c, co + ldc + lanes);
        c1c.intoArray(c, co + ldc + 2 * lanes);
        c1d.intoArray(c, co + ldc + 3 * lanes);
    }

    /**
     * The in-place tile for a single panel: 8 rows read where they lie by 32 columns over kc.
     */
    private static void tileNarrow(int kc, int segments, int[] shifts, int shift0, float[] a, int r0, int r1, int r2,
                                   int r3, int r4, int r5, int r6, int r7, float[] b, int panelB, float[] seed,
                                   int col0, float[] c, int co, int ldc, boolean first, Pointwise.Bounds clamp) {
        int lanes = Vectors.LANES;
        FloatVector zero = FloatVector.zero(Vectors.F);
        FloatVector s0 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0);
        FloatVector s1 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + lanes);
        FloatVector c0a = s0, c0b = s1;
        FloatVector c1a = s0, c1b = s1;
        FloatVector c2a = s0, c2b = s1;
        FloatVector c3a = s0, c3b = s1;
        FloatVector c4a = s0, c4b = s1;
        FloatVector c5a = s0, c5b = s1;
        FloatVector c6a = s0, c6b = s1;
        FloatVector c7a = s0, c7b = s1;
        for (int segment = 0; segment < segments; segment++) {
            int shift = shifts[shift0 + segment] - shifts[shift0];
            int o0 = r0 + shift, o1 = r1 + shift, o2 = r2 + shift, o3 = r3 + shift;
            int o4 = r4 + shift, o5 = r5 + shift, o6 = r6 + shift, o7 = r7 + shift;
            int bo = panelB + segment * kc * NR;
            int p = 0;
            int whole = kc - kc % 2;
            for (; p < whole; p += 2) {
                FloatVector b0 = FloatVector.fromArray(Vectors.F, b, bo + (p) * NR);
                FloatVector b1 = FloatVector.fromArray(Vectors.F, b, bo + (p) * NR + lanes);
                FloatVector x = FloatVector.broadcast(Vectors.F, a[o0 + p]);
                c0a = x.fma(b0, c0a);
                c0b = x.fma(b1, c0b);
                x = FloatVector.broadcast(Vectors.F, a[o1 + p]);
                c1a = x.fma(b0, c1a);
                c1b = x.fma(b1, c1b);
                x = FloatVector.broadcast(Vectors.F, a[o2 + p]);
                c2a = x.fma(b0, c2a);
                c2b = x.fma(b1, c2b);
                x = FloatVector.broadcast(Vectors.F, a[o3 + p]);
                c3a = x.fma(b0, c3a);
                c3b = x.fma(b1, c3b);
                x = FloatVector.broadcast(Vectors.F, a[o4 + p]);
                c4a = x.fma(b0, c4a);
                c4b = x.fma(b1, c4b);
                x = FloatVector.broadcast(Vectors.F, a[o5 + p]);
                c5a = x.fma(b0, c5a);
                c5b = x.fma(b1, c5b);
                x = FloatVector.broadcast(Vectors.F, a[o6 + p]);
                c6a = x.fma(b0, c6a);
                c6b = x.fma(b1, c6b);
                x = FloatVector.broadcast(Vectors.F, a[o7 + p]);
                c7a = x.fma(b0, c7a);
                c7b = x.fma(b1, c7b);
                b0 = FloatVector.fromArray(Vectors.F, b, bo + (p + 1) * NR);
                b1 = FloatVector.fromArray(Vectors.F, b, bo + (p + 1) * NR + lanes);
                x = FloatVector.broadcast(Vectors.F, a[o0 + p + 1]);
                c0a = x.fma(b0, c0a);
                c0b = x.fma(b1, c0b);
                x = FloatVector.broadcast(Vectors.F, a[o1 + p + 1]);
                c1a = x.fma(b0, c1a);
                c1b = x.fma(b1, c1b);
                x = FloatVector.broadcast(Vectors.F, a[o2 + p + 1]);
                c2a = x.fma(b0, c2a);
                c2b = x.fma(b1, c2b);
                x = FloatVector.broadcast(Vectors.F, a[o3 + p + 1]);
                c3a = x.fma(b0, c3a);
                c3b = x.fma(b1, c3b);
                x = FloatVector.broadcast(Vectors.F, a[o4 + p + 1]);
                c4a = x.fma(b0, c4a);
                c4b = x.fma(b1, c4b);
                x = FloatVector.broadcast(Vectors.F, a[o5 + p + 1]);
                c5a = x.fma(b0, c5a);
                c5b = x.fma(b1, c5b);
                x = FloatVector.broadcast(Vectors.F, a[o6 + p + 1]);
                c6a = x.fma(b0, c6a);
                c6b = x.fma(b1, c6b);
                x = FloatVector.broadcast(Vectors.F, a[o7 + p + 1]);
                c7a = x.fma(b0, c7a);
                c7b = x.fma(b1, c7b);
            }
            for (; p < kc; p++) {
                FloatVector b0 = FloatVector.fromArray(Vectors.F, b, bo + (p) * NR);
                FloatVector b1 = FloatVector.fromArray(Vectors.F, b, bo + (p) * NR + lanes);
                FloatVector x = FloatVector.broadcast(Vectors.F, a[o0 + p]);
                c0a = x.fma(b0, c0a);
                c0b = x.fma(b1, c0b);
                x = FloatVector.broadcast(Vectors.F, a[o1 + p]);
                c1a = x.fma(b0, c1a);
                c1b = x.fma(b1, c1b);
                x = FloatVector.broadcast(Vectors.F, a[o2 + p]);
                c2a = x.fma(b0, c2a);
                c2b = x.fma(b1, c2b);
                x = FloatVector.broadcast(Vectors.F, a[o3 + p]);
                c3a = x.fma(b0, c3a);
                c3b = x.fma(b1, c3b);
                x = FloatVector.broadcast(Vectors.F, a[o4 + p]);
                c4a = x.fma(b0, c4a);
                c4b = x.fma(b1, c4b);
                x = FloatVector.broadcast(Vectors.F, a[o5 + p]);
                c5a = x.fma(b0, c5a);
                c5b = x.fma(b1, c5b);
                x = FloatVector.broadcast(Vectors.F, a[o6 + p]);
                c6a = x.fma(b0, c6a);
                c6b = x.fma(b1, c6b);
                x = FloatVector.broadcast(Vectors.F, a[o7 + p]);
                c7a = x.fma(b0, c7a);
                c7b = x.fma(b1, c7b);
            }
        }
        if (!first) {
            c0a = c0a.add(FloatVector.fromArray(Vectors.F, c, co));
            c0b = c0b.add(FloatVector.fromArray(Vectors.F, c, co + lanes));
            c1a = c1a.add(FloatVector.fromArray(Vectors.F, c, co + ldc));
            c1b = c1b.add(FloatVector.fromArray(Vectors.F, c, co + ldc + lanes));
            c2a = c2a.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc));
            c2b = c2b.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc + lanes));
            c3a = c3a.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc));
            c3b = c3b.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc + lanes));
            c4a = c4a.add(FloatVector.fromArray(Vectors.F, c, co + 4 * ldc));
            c4b = c4b.add(FloatVector.fromArray(Vectors.F, c, co + 4 * ldc + lanes));
            c5a = c5a.add(FloatVector.fromArray(Vectors.F, c, co + 5 * ldc));
            c5b = c5b.add(FloatVector.fromArray(Vectors.F, c, co + 5 * ldc + lanes));
            c6a = c6a.add(FloatVector.fromArray(Vectors.F, c, co + 6 * ldc));
            c6b = c6b.add(FloatVector.fromArray(Vectors.F, c, co + 6 * ldc + lanes));
            c7a = c7a.add(FloatVector.fromArray(Vectors.F, c, co + 7 * ldc));
            c7b = c7b.add(FloatVector.fromArray(Vectors.F, c, co + 7 * ldc + lanes));
        }
        if (clamp != null) {
            // Pointwise.clamped written out: the JIT declined to inline that call here and boxed every accumulator.
            FloatVector lo = FloatVector.broadcast(Vectors.F, clamp.min());
            FloatVector hi = FloatVector.broadcast(Vectors.F, clamp.max());
            c0a = c0a.blend(lo, c0a.compare(VectorOperators.LT, lo));
            c0a = c0a.blend(hi, c0a.compare(VectorOperators.GT, hi));
            c0b = c0b.blend(lo, c0b.compare(VectorOperators.LT, lo));
            c0b = c0b.blend(hi, c0b.compare(VectorOperators.GT, hi));
            c1a = c1a.blend(lo, c1a.compare(VectorOperators.LT, lo));
            c1a = c1a.blend(hi, c1a.compare(VectorOperators.GT, hi));
            c1b = c1b.blend(lo, c1b.compare(VectorOperators.LT, lo));
            c1b = c1b.blend(hi, c1b.compare(VectorOperators.GT, hi));
            c2a = c2a.blend(lo, c2a.compare(VectorOperators.LT, lo));
            c2a = c2a.blend(hi, c2a.compare(VectorOperators.GT, hi));
            c2b = c2b.blend(lo, c2b.compare(VectorOperators.LT, lo));
            c2b = c2b.blend(hi, c2b.compare(VectorOperators.GT, hi));
            c3a = c3a.blend(lo, c3a.compare(VectorOperators.LT, lo));
            c3a = c3a.blend(hi, c3a.compare(VectorOperators.GT, hi));
            c3b = c3b.blend(lo, c3b.compare(VectorOperators.LT, lo));
            c3b = c3b.blend(hi, c3b.compare(VectorOperators.GT, hi));
            c4a = c4a.blend(lo, c4a.compare(VectorOperators.LT, lo));
            c4a = c4a.blend(hi, c4a.compare(VectorOperators.GT, hi));
            c4b = c4b.blend(lo, c4b.compare(VectorOperators.LT, lo));
            c4b = c4b.blend(hi, c4b.compare(VectorOperators.GT, hi));
            c5a = c5a.blend(lo, c5a.compare(VectorOperators.LT, lo));
            c5a = c5a.blend(hi, c5a.compare(VectorOperators.GT, hi));
            c5b = c5b.blend(lo, c5b.compare(VectorOperators.LT, lo));
            c5b = c5b.blend(hi, c5b.compare(VectorOperators.GT, hi));
            c6a = c6a.blend(lo, c6a.compare(VectorOperators.LT, lo));
            c6a = c6a.blend(hi, c6a.compare(VectorOperators.GT, hi));
            c6b = c6b.blend(lo, c6b.compare(VectorOperators.LT, lo));
            c6b = c6b.blend(hi, c6b.compare(VectorOperators.GT, hi));
            c7a = c7a.blend(lo, c7a.compare(VectorOperators.LT, lo));
            c7a = c7a.blend(hi, c7a.compare(VectorOperators.GT, hi));
            c7b = c7b.blend(lo, c7b.compare(VectorOperators.LT, lo));
            c7b = c7b.blend(hi, c7b.compare(VectorOperators.GT, hi));
        }
        c0a.intoArray(c, co);
        c0b.intoArray(c, co + lanes);
        c1a.intoArray(c, co + ldc);
        c1b.intoArray(c, co + ldc + lanes);
        c2a.intoArray(c, co + 2 * ldc);
        c2b.intoArray(c, co + 2 * ldc + lanes);
        c3a.intoArray(c, co + 3 * ldc);
        c3b.intoArray(c, co + 3 * ldc + lanes);
        c4a.intoArray(c, co + 4 * ldc);
        c4b.intoArray(c, co + 4 * ldc + lanes);
        c5a.intoArray(c, co + 5 * ldc);
        c5b.intoArray(c, co + 5 * ldc + lanes);
        c6a.intoArray(c, co + 6 * ldc);
        c6b.intoArray(c, co + 6 * ldc + lanes);
        c7a.intoArray(c, co + 7 * ldc);
        c7b.intoArray(c, co + 7 * ldc + lanes);
    }

    /**
     * The in-place tile over a last panel of at most 16 columns: 8 rows by one vector, so that a GEMM as narrow as
     * a 1x1 convolution to 16 channels does no work on the panel's zero half.
     */
    private static void tileHalf(int kc, int segments, int[] shifts, int shift0, float[] a, int r0, int r1, int r2,
                                 int r3, int r4, int r5, int r6, int r7, float[] b, int panelB, float[] seed, int col0,
                                 float[] c, int co, int ldc, boolean first, Pointwise.Bounds clamp) {
        FloatVector s = seed == null ? FloatVector.zero(Vectors.F) : FloatVector.fromArray(Vectors.F, seed, col0);
        FloatVector c0 = s, c1 = s, c2 = s, c3 = s, c4 = s, c5 = s, c6 = s, c7 = s;
        for (int segment = 0; segment < segments; segment++) {
            int shift = shifts[shift0 + segment] - shifts[shift0];
            int o0 = r0 + shift, o1 = r1 + shift, o2 = r2 + shift, o3 = r3 + shift;
            int o4 = r4 + shift, o5 = r5 + shift, o6 = r6 + shift, o7 = r7 + shift;
            int bo = panelB + segment * kc * NR;
            int p = 0;
            int whole = kc - kc % 2;
            for (; p < whole; p += 2) {
                FloatVector b0 = FloatVector.fromArray(Vectors.F, b, bo + (p) * NR);
                c0 = FloatVector.broadcast(Vectors.F, a[o0 + p]).fma(b0, c0);
                c1 = FloatVector.broadcast(Vectors.F, a[o1 + p]).fma(b0, c1);
                c2 = FloatVector.broadcast(Vectors.F, a[o2 + p]).fma(b0, c2);
                c3 = FloatVector.broadcast(Vectors.F, a[o3 + p]).fma(b0, c3);
                c4 = FloatVector.broadcast(Vectors.F, a[o4 + p]).fma(b0, c4);
                c5 = FloatVector.broadcast(Vectors.F, a[o5 + p]).fma(b0, c5);
                c6 = FloatVector.broadcast(Vectors.F, a[o6 + p]).fma(b0, c6);
                c7 = FloatVector.broadcast(Vectors.F, a[o7 + p]).fma(b0, c7);
                FloatVector b1 = FloatVector.fromArray(Vectors.F, b, bo + (p + 1) * NR);
                c0 = FloatVector.broadcast(Vectors.F, a[o0 + p + 1]).fma(b1, c0);
                c1 = FloatVector.broadcast(Vectors.F, a[o1 + p + 1]).fma(b1, c1);
                c2 = FloatVector.broadcast(Vectors.F, a[o2 + p + 1]).fma(b1, c2);
                c3 = FloatVector.broadcast(Vectors.F, a[o3 + p + 1]).fma(b1, c3);
                c4 = FloatVector.broadcast(Vectors.F, a[o4 + p + 1]).fma(b1, c4);
                c5 = FloatVector.broadcast(Vectors.F, a[o5 + p + 1]).fma(b1, c5);
                c6 = FloatVector.broadcast(Vectors.F, a[o6 + p + 1]).fma(b1, c6);
                c7 = FloatVector.broadcast(Vectors.F, a[o7 + p + 1]).fma(b1, c7);
            }
            for (; p < kc; p++) {
                FloatVector b0 = FloatVector.fromArray(Vectors.F, b, bo + (p) * NR);
                c0 = FloatVector.broadcast(Vectors.F, a[o0 + p]).fma(b0, c0);
                c1 = FloatVector.broadcast(Vectors.F, a[o1 + p]).fma(b0, c1);
                c2 = FloatVector.broadcast(Vectors.F, a[o2 + p]).fma(b0, c2);
                c3 = FloatVector.broadcast(Vectors.F, a[o3 + p]).fma(b0, c3);
                c4 = FloatVector.broadcast(Vectors.F, a[o4 + p]).fma(b0, c4);
                c5 = FloatVector.broadcast(Vectors.F, a[o5 + p]).fma(b0, c5);
                c6 = FloatVector.broadcast(Vectors.F, a[o6 + p]).fma(b0, c6);
                c7 = FloatVector.broadcast(Vectors.F, a[o7 + p]).fma(b0, c7);
            }
        }
        if (!first) {
            c0 = c0.add(FloatVector.fromArray(Vectors.F, c, co));
            c1 = c1.add(FloatVector.fromArray(Vectors.F, c, co + 1 * ldc));
            c2 = c2.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc));
            c3 = c3.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc));
            c4 = c4.add(FloatVector.fromArray(Vectors.F, c, co + 4 * ldc));
            c5 = c5.add(FloatVector.fromArray(Vectors.F, c, co + 5 * ldc));
            c6 = c6.add(FloatVector.fromArray(Vectors.F, c, co + 6 * ldc));
            c7 = c7.add(FloatVector.fromArray(Vectors.F, c, co + 7 * ldc));
        }
        if (clamp != null) {
            // Pointwise.clamped written out: the JIT declined to inline that call here and boxed every accumulator.
            FloatVector lo = FloatVector.broadcast(Vectors.F, clamp.min());
            FloatVector hi = FloatVector.broadcast(Vectors.F, clamp.max());
            c0 = c0.blend(lo, c0.compare(VectorOperators.LT, lo));
            c0 = c0.blend(hi, c0.compare(VectorOperators.GT, hi));
            c1 = c1.blend(lo, c1.compare(VectorOperators.LT, lo));
            c1 = c1.blend(hi, c1.compare(VectorOperators.GT, hi));
            c2 = c2.blend(lo, c2.compare(VectorOperators.LT, lo));
            c2 = c2.blend(hi, c2.compare(VectorOperators.GT, hi));
            c3 = c3.blend(lo, c3.compare(VectorOperators.LT, lo));
            c3 = c3.blend(hi, c3.compare(VectorOperators.GT, hi));
            c4 = c4.blend(lo, c4.compare(VectorOperators.LT, lo));
            c4 = c4.blend(hi, c4.compare(VectorOperators.GT, hi));
            c5 = c5.blend(lo, c5.compare(VectorOperators.LT, lo));
            c5 = c5.blend(hi, c5.compare(VectorOperators.GT, hi));
            c6 = c6.blend(lo, c6.compare(VectorOperators.LT, lo));
            c6 = c6.blend(hi, c6.compare(VectorOperators.GT, hi));
            c7 = c7.blend(lo, c7.compare(VectorOperators.LT, lo));
            c7 = c7.blend(hi, c7.compare(VectorOperators.GT, hi));
        }
        c0.intoArray(c, co);
        c1.intoArray(c, co + 1 * ldc);
        c2.intoArray(c, co + 2 * ldc);
        c3.intoArray(c, co + 3 * ldc);
        c4.intoArray(c, co + 4 * ldc);
        c5.intoArray(c, co + 5 * ldc);
        c6.intoArray(c, co + 6 * ldc);
        c7.intoArray(c, co + 7 * ldc);
    }

    /**
     * AVX2's in-place tile over a whole panel and the half panel that ends its task: 3 rows by 24 columns, 9
     * accumulators. A 1x1 convolution to 24 channels (MobileNetV2's 56x56 projects) took the 4-row tile over the
     * whole panel and then the 8-row, one-vector tile over the half, which loads A once per FMA: 3136 x 24 x 144 ran
     * at 60 GFLOP/s, this tile stand-alone at 77. Four rows would be 12 accumulators, and spilled (36 GFLOP/s).
     */
    private static void tilePanelAndHalf(int kc, int segments, int[] shifts, int shift0, float[] a, int r0, int r1,
                                         int r2, float[] b, int panelB, int halfB, float[] seed, int col0, float[] c,
                                         int co, int ldc, boolean first, Pointwise.Bounds clamp) {
        int lanes = Vectors.LANES;
        FloatVector zero = FloatVector.zero(Vectors.F);
        FloatVector s0 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0);
        FloatVector s1 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + lanes);
        FloatVector s2 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + 2 * lanes);
        FloatVector c0a = s0, c0b = s1, c0c = s2;
        FloatVector c1a = s0, c1b = s1, c1c = s2;
        FloatVector c2a = s0, c2b = s1, c2c = s2;
        for (int segment = 0; segment < segments; segment++) {
            int shift = shifts[shift0 + segment] - shifts[shift0];
            int o0 = r0 + shift, o1 = r1 + shift, o2 = r2 + shift;
            int bo = panelB + segment * kc * NR;
            int ho = halfB + segment * kc * NR;
            for (int p = 0; p < kc; p++) {
                FloatVector b0 = FloatVector.fromArray(Vectors.F, b, bo + p * NR);
                FloatVector b1 = FloatVector.fromArray(Vectors.F, b, bo + p * NR + lanes);
                FloatVector b2 = FloatVector.fromArray(Vectors.F, b, ho + p * NR);
                FloatVector x = FloatVector.broadcast(Vectors.F, a[o0 + p]);
                c0a = x.fma(b0, c0a);
                c0b = x.fma(b1, c0b);
                c0c = x.fma(b2, c0c);
                x = FloatVector.broadcast(Vectors.F, a[o1 + p]);
                c1a = x.fma(b0, c1a);
                c1b = x.fma(b1, c1b);
                c1c = x.fma(b2, c1c);
                x = FloatVector.broadcast(Vectors.F, a[o2 + p]);
                c2a = x.fma(b0, c2a);
                c2b = x.fma(b1, c2b);
                c2c = x.fma(b2, c2c);
            }
        }
        if (!first) {
            c0a = c0a.add(FloatVector.fromArray(Vectors.F, c, co));
            c0b = c0b.add(FloatVector.fromArray(Vectors.F, c, co + lanes));
            c0c = c0c.add(FloatVector.fromArray(Vectors.F, c, co + 2 * lanes));
            c1a = c1a.add(FloatVector.fromArray(Vectors.F, c, co + ldc));
            c1b = c1b.add(FloatVector.fromArray(Vectors.F, c, co + ldc + lanes));
            c1c = c1c.add(FloatVector.fromArray(Vectors.F, c, co + ldc + 2 * lanes));
            c2a = c2a.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc));
            c2b = c2b.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc + lanes));
            c2c = c2c.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc + 2 * lanes));
        }
        if (clamp != null) {
            // Pointwise.clamped written out: the JIT declined to inline that call here and boxed every accumulator.
            FloatVector lo = FloatVector.broadcast(Vectors.F, clamp.min());
            FloatVector hi = FloatVector.broadcast(Vectors.F, clamp.max());
            c0a = c0a.blend(lo, c0a.compare(VectorOperators.LT, lo));
            c0a = c0a.blend(hi, c0a.compare(VectorOperators.GT, hi));
            c0b = c0b.blend(lo, c0b.compare(VectorOperators.LT, lo));
            c0b = c0b.blend(hi, c0b.compare(VectorOperators.GT, hi));
            c0c = c0c.blend(lo, c0c.compare(VectorOperators.LT, lo));
            c0c = c0c.blend(hi, c0c.compare(VectorOperators.GT, hi));
            c1a = c1a.blend(lo, c1a.compare(VectorOperators.LT, lo));
            c1a = c1a.blend(hi, c1a.compare(VectorOperators.GT, hi));
            c1b = c1b.blend(lo, c1b.compare(VectorOperators.LT, lo));
            c1b = c1b.blend(hi, c1b.compare(VectorOperators.GT, hi));
            c1c = c1c.blend(lo, c1c.compare(VectorOperators.LT, lo));
            c1c = c1c.blend(hi, c1c.compare(VectorOperators.GT, hi));
            c2a = c2a.blend(lo, c2a.compare(VectorOperators.LT, lo));
            c2a = c2a.blend(hi, c2a.compare(VectorOperators.GT, hi));
            c2b = c2b.blend(lo, c2b.compare(VectorOperators.LT, lo));
            c2b = c2b.blend(hi, c2b.compare(VectorOperators.GT, hi));
            c2c = c2c.blend(lo, c2c.compare(VectorOperators.LT, lo));
            c2c = c2c.blend(hi, c2c.compare(VectorOperators.GT, hi));
        }
        c0a.intoArray(c, co);
        c0b.intoArray(c, co + lanes);
        c0c.intoArray(c, co + 2 * lanes);
        c1a.intoArray(c, co + ldc);
        c1b.intoArray(c, co + ldc + lanes);
        c1c.intoArray(c, co + ldc + 2 * lanes);
        c2a.intoArray(c, co + 2 * ldc);
        c2b.intoArray(c, co + 2 * ldc + lanes);
        c2c.intoArray(c, co + 2 * ldc + 2 * lanes);
    }

    /**
     * The in-place tile for a single panel on a 16-register file: 4 rows by NR columns, 8 accumulators (at 6 rows C2
     * spilled an accumulator to the stack every step, and a stand-alone tile ran at half the speed).
     * <p>
     * A 6-row tile addressing A by one row stride ran stand-alone at 87 GFLOP/s (K = 96) and 68 (K = 16) against
     * this tile's 70-80, but only where C2 strip-mines counted loops (G1's default): under ParallelGC, which the
     * launcher and the benchmarks use, it ran at 37, and with an outer loop over K pieces the other way round. Its
     * disassembly shows why: there C2 issued all six broadcasts of A before the FMAs, 6 + 2 + 12 values for 16
     * registers, and kept four accumulators on the stack (a load, FMA and store each per step); with strip mining it
     * interleaved them, two broadcasts live at a time. Strip mining turned on for ParallelGC made MobileNetV2's packed
     * and depthwise kernels slower than the tile made its in-place GEMMs faster (11.83 ms against 11.39, sums of
     * per-step bests). {@link #tileSix} is that tile with its broadcasts kept in place by bounds checks: 57-73 GFLOP/s
     * under either GC, a gain below K = 64 (SIX_ROWS_MAX_DEPTH): below 32 where the alternative packs A, from 32 over
     * this tile's 4 rows.
     */
    private static void tileNarrow4(int kc, int segments, int[] shifts, int shift0, float[] a, int r0, int r1, int r2,
                                    int r3, float[] b, int panelB, float[] seed, int col0, float[] c, int co, int ldc,
                                    boolean first, Pointwise.Bounds clamp) {
        int lanes = Vectors.LANES;
        FloatVector zero = FloatVector.zero(Vectors.F);
        FloatVector s0 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0);
        FloatVector s1 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + lanes);
        FloatVector c0a = s0, c0b = s1;
        FloatVector c1a = s0, c1b = s1;
        FloatVector c2a = s0, c2b = s1;
        FloatVector c3a = s0, c3b = s1;
        for (int segment = 0; segment < segments; segment++) {
            int shift = shifts[shift0 + segment] - shifts[shift0];
            int o0 = r0 + shift, o1 = r1 + shift, o2 = r2 + shift, o3 = r3 + shift;
            int bo = panelB + segment * kc * NR;
            for (int p = 0; p < kc; p++) {
                FloatVector b0 = FloatVector.fromArray(Vectors.F, b, bo + (p) * NR);
                FloatVector b1 = FloatVector.fromArray(Vectors.F, b, bo + (p) * NR + lanes);
                FloatVector x = FloatVector.broadcast(Vectors.F, a[o0 + p]);
                c0a = x.fma(b0, c0a);
                c0b = x.fma(b1, c0b);
                x = FloatVector.broadcast(Vectors.F, a[o1 + p]);
                c1a = x.fma(b0, c1a);
                c1b = x.fma(b1, c1b);
                x = FloatVector.broadcast(Vectors.F, a[o2 + p]);
                c2a = x.fma(b0, c2a);
                c2b = x.fma(b1, c2b);
                x = FloatVector.broadcast(Vectors.F, a[o3 + p]);
                c3a = x.fma(b0, c3a);
                c3b = x.fma(b1, c3b);
            }
        }
        if (!first) {
            c0a = c0a.add(FloatVector.fromArray(Vectors.F, c, co));
            c0b = c0b.add(FloatVector.fromArray(Vectors.F, c, co + lanes));
            c1a = c1a.add(FloatVector.fromArray(Vectors.F, c, co + ldc));
            c1b = c1b.add(FloatVector.fromArray(Vectors.F, c, co + ldc + lanes));
            c2a = c2a.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc));
            c2b = c2b.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc + lanes));
            c3a = c3a.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc));
            c3b = c3b.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc + lanes));
        }
        if (clamp != null) {
            // Pointwise.clamped written out: the JIT declined to inline that call here and boxed every accumulator.
            FloatVector lo = FloatVector.broadcast(Vectors.F, clamp.min());
            FloatVector hi = FloatVector.broadcast(Vectors.F, clamp.max());
            c0a = c0a.blend(lo, c0a.compare(VectorOperators.LT, lo));
            c0a = c0a.blend(hi, c0a.compare(VectorOperators.GT, hi));
            c0b = c0b.blend(lo, c0b.compare(VectorOperators.LT, lo));
            c0b = c0b.blend(hi, c0b.compare(VectorOperators.GT, hi));
            c1a = c1a.blend(lo, c1a.compare(VectorOperators.LT, lo));
            c1a = c1a.blend(hi, c1a.compare(VectorOperators.GT, hi));
            c1b = c1b.blend(lo, c1b.compare(VectorOperators.LT, lo));
            c1b = c1b.blend(hi, c1b.compare(VectorOperators.GT, hi));
            c2a = c2a.blend(lo, c2a.compare(VectorOperators.LT, lo));
            c2a = c2a.blend(hi, c2a.compare(VectorOperators.GT, hi));
            c2b = c2b.blend(lo, c2b.compare(VectorOperators.LT, lo));
            c2b = c2b.blend(hi, c2b.compare(VectorOperators.GT, hi));
            c3a = c3a.blend(lo, c3a.compare(VectorOperators.LT, lo));
            c3a = c3a.blend(hi, c3a.compare(VectorOperators.GT, hi));
            c3b = c3b.blend(lo, c3b.compare(VectorOperators.LT, lo));
            c3b = c3b.blend(hi, c3b.compare(VectorOperators.GT, hi));
        }
        c0a.intoArray(c, co);
        c0b.intoArray(c, co + lanes);
        c1a.intoArray(c, co + ldc);
        c1b.intoArray(c, co + ldc + lanes);
        c2a.intoArray(c, co + 2 * ldc);
        c2b.intoArray(c, co + 2 * ldc + lanes);
        c3a.intoArray(c, co + 3 * ldc);
        c3b.intoArray(c, co + 3 * ldc + lanes);
    }


    /**
     * AVX2's tile for a shallow K (below SIX_ROWS_MAX_DEPTH) where A's rows lie at one stride: 6 rows by NR columns,
     * 12 accumulators, A read in place (no packing, a seventh of such a GEMM's time), B from the heap. A's column
     * comes through {@link #STEPS}, a table of 0, 1, 2, ...: its bounds checks then stay in the loop, one before each
     * broadcast, which keeps C2 from hoisting all six broadcasts above the FMAs (see tileNarrow4), and the tile
     * compiles alike with or without loop strip mining. Stand-alone, K=16: 57-60 GFLOP/s against the packed 5-row
     * tile's 52-55 before its packing; K=96: 72, where the packed tile's 78-81 wins. Below K = 32 it serves GEMMs over
     * any number of panels that would otherwise pack A; from 32, only those already read in place.
     */
    private static void tileSix(int kc, float[] a, int ao, int lda, float[] b, int bo, float[] seed, int col0,
                                float[] c, int co, int ldc, boolean first, Pointwise.Bounds clamp) {
        int lanes = Vectors.LANES;
        FloatVector zero = FloatVector.zero(Vectors.F);
        FloatVector s0 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0);
        FloatVector s1 = seed == null ? zero : FloatVector.fromArray(Vectors.F, seed, col0 + lanes);
        FloatVector c0a = s0, c0b = s1;
        FloatVector c1a = s0, c1b = s1;
        FloatVector c2a = s0, c2b = s1;
        FloatVector c3a = s0, c3b = s1;
        FloatVector c4a = s0, c4b = s1;
        FloatVector c5a = s0, c5b = s1;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(Vectors.F, b, bo + p * NR);
            FloatVector b1 = FloatVector.fromArray(Vectors.F, b, bo + p * NR + lanes);
            int ap = ao + STEPS[p];
            FloatVector x = FloatVector.broadcast(Vectors.F, a[ap]);
            c0a = x.fma(b0, c0a);
            c0b = x.fma(b1, c0b);
            x = FloatVector.broadcast(Vectors.F, a[ap + lda]);
            c1a = x.fma(b0, c1a);
            c1b = x.fma(b1, c1b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 2 * lda]);
            c2a = x.fma(b0, c2a);
            c2b = x.fma(b1, c2b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 3 * lda]);
            c3a = x.fma(b0, c3a);
            c3b = x.fma(b1, c3b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 4 * lda]);
            c4a = x.fma(b0, c4a);
            c4b = x.fma(b1, c4b);
            x = FloatVector.broadcast(Vectors.F, a[ap + 5 * lda]);
            c5a = x.fma(b0, c5a);
            c5b = x.fma(b1, c5b);
        }
        if (!first) {
            c0a = c0a.add(FloatVector.fromArray(Vectors.F, c, co));
            c0b = c0b.add(FloatVector.fromArray(Vectors.F, c, co + lanes));
            c1a = c1a.add(FloatVector.fromArray(Vectors.F, c, co + ldc));
            c1b = c1b.add(FloatVector.fromArray(Vectors.F, c, co + ldc + lanes));
            c2a = c2a.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc));
            c2b = c2b.add(FloatVector.fromArray(Vectors.F, c, co + 2 * ldc + lanes));
            c3a = c3a.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc));
            c3b = c3b.add(FloatVector.fromArray(Vectors.F, c, co + 3 * ldc + lanes));
            c4a = c4a.add(FloatVector.fromArray(Vectors.F, c, co + 4 * ldc));
            c4b = c4b.add(FloatVector.fromArray(Vectors.F, c, co + 4 * ldc + lanes));
            c5a = c5a.add(FloatVector.fromArray(Vectors.F, c, co + 5 * ldc));
            c5b = c5b.add(FloatVector.fromArray(Vectors.F, c, co + 5 * ldc + lanes));
        }
        if (clamp != null) {
            // Pointwise.clamped written out: the JIT declined to inline that call here and boxed every accumulator.
            FloatVector lo = FloatVector.broadcast(Vectors.F, clamp.min());
            FloatVector hi = FloatVector.broadcast(Vectors.F, clamp.max());
            c0a = c0a.blend(lo, c0a.compare(VectorOperators.LT, lo));
            c0a = c0a.blend(hi, c0a.compare(VectorOperators.GT, hi));
            c0b = c0b.blend(lo, c0b.compare(VectorOperators.LT, lo));
            c0b = c0b.blend(hi, c0b.compare(VectorOperators.GT, hi));
            c1a = c1a.blend(lo, c1a.compare(VectorOperators.LT, lo));
            c1a = c1a.blend(hi, c1a.compare(VectorOperators.GT, hi));
            c1b = c1b.blend(lo, c1b.compare(VectorOperators.LT, lo));
            c1b = c1b.blend(hi, c1b.compare(VectorOperators.GT, hi));
            c2a = c2a.blend(lo, c2a.compare(VectorOperators.LT, lo));
            c2a = c2a.blend(hi, c2a.compare(VectorOperators.GT, hi));
            c2b = c2b.blend(lo, c2b.compare(VectorOperators.LT, lo));
            c2b = c2b.blend(hi, c2b.compare(VectorOperators.GT, hi));
            c3a = c3a.blend(lo, c3a.compare(VectorOperators.LT, lo));
            c3a = c3a.blend(hi, c3a.compare(VectorOperators.GT, hi));
            c3b = c3b.blend(lo, c3b.compare(VectorOperators.LT, lo));
            c3b = c3b.blend(hi, c3b.compare(VectorOperators.GT, hi));
            c4a = c4a.blend(lo, c4a.compare(VectorOperators.LT, lo));
            c4a = c4a.blend(hi, c4a.compare(VectorOperators.GT, hi));
            c4b = c4b.blend(lo, c4b.compare(VectorOperators.LT, lo));
            c4b = c4b.blend(hi, c4b.compare(VectorOperators.GT, hi));
            c5a = c5a.blend(lo, c5a.compare(VectorOperators.LT, lo));
            c5a = c5a.blend(hi, c5a.compare(VectorOperators.GT, hi));
            c5b = c5b.blend(lo, c5b.compare(VectorOperators.LT, lo));
            c5b = c5b.blend(hi, c5b.compare(VectorOperators.GT, hi));
        }
        c0a.intoArray(c, co);
        c0b.intoArray(c, co + lanes);
        c1a.intoArray(c, co + ldc);
        c1b.intoArray(c, co + ldc + lanes);
        c2a.intoArray(c, co + 2 * ldc);
        c2b.intoArray(c, co + 2 * ldc + lanes);
        c3a.intoArray(c, co + 3 * ldc);
        c3b.intoArray(c, co + 3 * ldc + lanes);
        c4a.intoArray(c, co + 4 * ldc);
        c4b.intoArray(c, co + 4 * ldc + lanes);
        c5a.intoArray(c, co + 5 * ldc);
        c5b.intoArray(c, co + 5 * ldc + lanes);
    }

    /** A tile at C's bottom or right edge: computed whole into a scratch tile, then its valid part stored. */
    private static void edgeTile(int kc, float[] a, int ao, MemorySegment b, int bo, float[] seed, int col0, float[] c,
                                 int co, int ldc, int mr, int nr, boolean first, Pointwise.Bounds clamp) {
        float[] tmp = EDGE.get();
        if (mr <= 4) {
            tile4(kc, a, ao, b, bo, seed, col0, tmp, 0, NR, true, null);
        } else if (mr == 5) {
            tile5(kc, a, ao, b, bo, seed, col0, tmp, 0, NR, true, null);
        } else {
            tile(kc, a, ao, b, bo, seed, col0, tmp, 0, NR, true, null);
        }
        storePartialTile(tmp, NR, c, co, ldc, mr, nr, first, clamp);
    }

    /**
     * Stores (first) or adds rows x cols of a tile computed into tmp (row stride width) to C, then clamps them when
     * this is the last piece of K. Plain loops, which C2 vectorizes by itself: this small method is inlined into the
     * large blockInPlace, and there Vector API calls were sometimes left unintrinsified (the JIT's node budget spent),
     * so that every edge tile boxed its vectors: in 2 JVMs of 5, MobileNetV2 allocated 716 KB per run instead of 87.
     */
    private static void storePartialTile(float[] tmp, int width, float[] c, int co, int ldc, int rows, int cols,
                                         boolean first, Pointwise.Bounds clamp) {
        for (int r = 0; r < rows; r++) {
            int from = r * width;
            int at = co + r * ldc;
            if (first) {
                System.arraycopy(tmp, from, c, at, cols);
            } else {
                for (int j = 0; j < cols; j++) {
                    c[at + j] += tmp[from + j];
                }
            }
            if (clamp != null) {
                Pointwise.clamp(c, at, at + cols, clamp.min(), clamp.max(), false);
            }
        }
    }

    /** The scalar twin of a tile, vectors off: the same packed operands, the same order over K. */
    private static void tileScalar(int kc, float[] a, int ao, MemorySegment b, int bo, float[] seed, int col0,
                                   float[] c, int co, int ldc, int mr, int nr, boolean first, Pointwise.Bounds clamp) {
        for (int r = 0; r < mr; r++) {
            for (int j = 0; j < nr; j++) {
                float sum = seed == null ? 0 : seed[col0 + j];
                for (int p = 0; p < kc; p++) {
                    sum += a[ao + p * MR + r] * b.getAtIndex(ValueLayout.JAVA_FLOAT, bo + p * NR + j);
                }
                int at = co + r * ldc + j;
                float v = first ? sum : c[at] + sum;
                c[at] = clamp == null ? v : clamp.apply(v);
            }
        }
    }
}
