package dev.webnn.engine.backend.cpu;

/**
 * A depthwise conv2d run by bands of output rows together with the 1x1 conv2d that alone feeds it (MobileNet's
 * expand) and the 1x1 conv2d that alone reads it (the project), where the graph has them, so that the tensors between
 * them, the largest in such networks, never leave L2. Each band expands just the input rows its depthwise windows
 * read into a buffer (or, with no expand, reads them where they lie), convolves them, and projects the band's output
 * rows straight into the result. Rows a band shares with the one before (the windows' overlap) are kept, not expanded
 * again. Each thread takes a run of bands of its own.
 */
final class DepthwiseBands {
    /** Floats of input rows a band holds at most (384 KB), leaving room in a 1 MB L2 for the filters and output. */
    static final int BAND_FLOATS = 96 * 1024;
    /** Off, each conv2d runs as a step of its own; tests compare the two. */
    private static volatile boolean enabled = true;
    /** Tests set smaller bands, so that small images still take several. */
    private static volatile int bandFloats = BAND_FLOATS;
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[2][0]);

    /** A 1x1 conv2d (unit stride, no padding): its geometry, packed filter, and what it does on store. */
    record Pointwise1x1(ImageKernels.Geometry g, GemmKernel.PackedB filter, Pointwise.Bounds clamp,
                        GemmKernel.Epilogue epilogue) {
    }

    /** The depthwise conv2d: its geometry, packed filter, and what it does on store. */
    record Depthwise(ImageKernels.Geometry g, float[] filter, Pointwise.Bounds clamp, Pointwise.Stage[] stages) {
    }

    private DepthwiseBands() {
    }

    static boolean enabled() {
        return enabled;
    }

    static void setEnabled(boolean on) {
        enabled = on;
    }

    static void setBandFloats(int floats) {
        bandFloats = floats;
    }

    /** Output rows per band: as many as keep the input rows they read within the band size. */
    static int bandRows(ImageKernels.Geometry d) {
        int rowFloats = d.inWidth() * d.inChannels();
        int span = (d.kernelHeight() - 1) * d.dilationY() + 1;
        int fitting = (bandFloats / Math.max(1, rowFloats) - span) / d.strideY() + 1;
        return Math.max(1, Math.min(d.outHeight(), fitting));
    }

    /**
     * y from x, both NHWC: x through the expand (when there is one), the depthwise, and the project (when there is
     * one), given each conv's bias for this run.
     */
    static void run(float[] x, float[] y, Pointwise1x1 expand, float[] expandBias, Depthwise depthwise,
                    float[] depthwiseBias, Pointwise1x1 project, float[] projectBias) {
        ImageKernels.Geometry g = depthwise.g();
        int bandRows = bandRows(g);
        int bands = (g.outHeight() + bandRows - 1) / bandRows;
        int runs = runs(g, bands, CpuThreads.parallelism());
        CpuThreads.forEach(g.batches() * runs, task -> {
            int image = task / runs;
            int run = task % runs;
            new Bands(x, y, expand, expandBias, depthwise, depthwiseBias, project, projectBias, image, bandRows)
                    .run(run * g.outHeight() / runs, (run + 1) * g.outHeight() / runs);
        });
    }

    /**
     * Runs of output rows an image splits into, one per thread, as even as rows allow (whole bands would leave one
     * thread a band short), each in bands: only a run's first band computes its overlap again.
     * <p>
     * An image of one band runs whole, its kernels spread over the threads, unless the images go round or its runs
     * would expand few rows twice. MobileNetV2's 14x14 blocks ran 1.4x faster on two threads than on one with their
     * kernels spread, 1.75x split in runs; its 7x7 blocks, with a third more rows to expand and runs of 3 and 4 rows,
     * ran slower split.
     */
    static int runs(ImageKernels.Geometry g, int bands, int threads) {
        int overlap = Math.max(0, (g.kernelHeight() - 1) * g.dilationY() + 1 - g.strideY());
        if (bands == 1 && g.batches() < threads && 6 * (threads - 1) * overlap <= g.inHeight()) {
            return Math.min(g.outHeight(), threads);
        }
        return Math.min(bands, threads);
    }

    /** One thread's run of bands over one image, with that thread's buffers. */
    private static final class Bands {
        private final float[] x;
        private final float[] y;
        private final Pointwise1x1 expand;
        private final float[] expandBias;
        private final Depthwise depthwise;
        private final float[] depthwiseBias;
        private final Pointwise1x1 project;
        private final float[] projectBias;
        private final int image;
        private final int bandRows;
        private final ImageKernels.Geometry g;
        private final int rowFloats;
        private final int outRowFloats;
        private final float[] band;
        private final float[] out;
        /** Input rows [held0, held1) of the image lie at the band buffer's front. */
        private int held0;
        private int held1;

        Bands(float[] x, float[] y, Pointwise1x1 expand, float[] expandBias, Depthwise depthwise,
              float[] depthwiseBias, Pointwise1x1 project, float[] projectBias, int image, int bandRows) {
            this.x = x;
            this.y = y;
            this.expand = expand;
            this.expandBias = expandBias;
            this.depthwise = depthwise;
            this.depthwiseBias = depthwiseBias;
            this.project = project;
            this.projectBias = projectBias;
            this.image = image;
            this.bandRows = bandRows;
            this.g = depthwise.g();
            this.rowFloats = g.inWidth() * g.inChannels();
            this.outRowFloats = g.outWidth() * g.outChannels();
            float[][] buffers = BUFFERS.get();
            int span = (g.kernelHeight() - 1) * g.dilationY() + 1;
            int inputRows = Math.min(g.inHeight(), (bandRows - 1) * g.strideY() + span);
            if (expand != null && buffers[0].length < inputRows * rowFloats) {
                buffers[0] = new float[inputRows * rowFloats];
            }
            if (buffers[1].length < bandRows * outRowFloats) {
                buffers[1] = new float[bandRows * outRowFloats];
            }
            this.band = buffers[0];
            this.out = buffers[1];
        }

        void run(int from, int to) {
            int span = (g.kernelHeight() - 1) * g.dilationY() + 1;
            for (int o0 = from; o0 < to; o0 += bandRows) {
                int o1 = Math.min(to, o0 + bandRows);
                if (expand == null) {
                    ImageKernels.depthwiseRows(x, depthwise.filter(), depthwiseBias, out, g, depthwise.clamp(),
                            depthwise.stages(), image * g.outHeight() + o0, image * g.outHeight() + o1);
                } else {
                    int top = o0 * g.strideY() - g.padTop();
                    int r0 = Math.max(0, top);
                    int r1 = Math.min(g.inHeight(), (o1 - 1) * g.strideY() - g.padTop() + span);
                    fill(r0, r1);
                    ImageKernels.Geometry slice = new ImageKernels.Geometry(1, r1 - r0, g.inWidth(), g.inChannels(),
                            o1 - o0, g.outWidth(), g.outChannels(), g.kernelHeight(), g.kernelWidth(), g.strideY(),
                            g.strideX(), g.dilationY(), g.dilationX(), r0 - top, g.padLeft());
                    ImageKernels.depthwise(band, depthwise.filter(), depthwiseBias, out, slice, depthwise.clamp(),
                            depthwise.stages());
                }
                int pixel = (image * g.outHeight() + o0) * g.outWidth();
                if (project == null) {
                    System.arraycopy(out, 0, y, pixel * g.outChannels(), (o1 - o0) * outRowFloats);
                } else {
                    int outChannels = project.g().outChannels();
                    GemmKernel.multiply((o1 - o0) * g.outWidth(), outChannels, g.outChannels(),
                            GemmKernel.rowMajor(out, 0, g.outChannels()), project.filter(), y, pixel * outChannels,
                            outChannels, projectBias, project.clamp(), project.epilogue());
                }
            }
        }

        /** Puts input rows [r0, r1) at the band buffer's front: those held already moved up, the rest expanded. */
        private void fill(int r0, int r1) {
            int kept = Math.max(0, held1 - r0);
            if (kept > 0 && r0 > held0) {
                System.arraycopy(band, (r0 - held0) * rowFloats, band, 0, kept * rowFloats);
            }
            int fresh = r0 + kept;
            int width = g.inWidth();
            int firstRow = image * g.inHeight();
            if (fresh < r1) {
                int inChannels = expand.g().inChannels();
                GemmKernel.multiply((r1 - fresh) * width, g.inChannels(), inChannels,
                        GemmKernel.rowMajor(x, (firstRow + fresh) * width * inChannels, inChannels), expand.filter(),
                        band, kept * rowFloats, g.inChannels(), expandBias, expand.clamp(), expand.epilogue());
            }
            held0 = r0;
            held1 = r1;
        }
    }
}
