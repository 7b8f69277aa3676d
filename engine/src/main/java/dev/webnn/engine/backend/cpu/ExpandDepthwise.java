package dev.webnn.engine.backend.cpu;

/**
 * A 1x1 conv2d and the depthwise conv2d that alone reads its output (MobileNet's expand and depthwise), run together
 * by bands of output rows, so that the expanded tensor, the largest in such networks, never leaves L2: each band
 * expands just the input rows its depthwise windows read into a buffer, then convolves them. Rows a band shares with
 * the one before (the windows' overlap) are kept, not computed again. Each thread takes a run of bands of its own.
 */
final class ExpandDepthwise {
    /** Floats of expanded rows a band holds at most (384 KB), leaving room in a 1 MB L2 for the filters and output. */
    static final int BAND_FLOATS = 96 * 1024;
    /** Off, each conv2d runs as a step of its own; tests compare the two. */
    private static volatile boolean enabled = true;
    /** Tests set smaller bands, so that small images still take several. */
    private static volatile int bandFloats = BAND_FLOATS;
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[2][0]);

    /** The expand: its geometry (1x1, unit stride, no padding), packed filter, bias, and what it does on store. */
    record Expand(ImageKernels.Geometry g, GemmKernel.PackedB filter, Pointwise.Bounds clamp,
                  GemmKernel.Epilogue epilogue) {
    }

    /** The depthwise conv2d over the expand's output: its geometry, packed filter, and what it does on store. */
    record Depthwise(ImageKernels.Geometry g, float[] filter, Pointwise.Bounds clamp, Pointwise.Stage[] stages) {
    }

    private ExpandDepthwise() {
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

    /** Output rows per band: as many as keep the expanded rows they read within the band size. */
    static int bandRows(ImageKernels.Geometry d) {
        int rowFloats = d.inWidth() * d.inChannels();
        int span = (d.kernelHeight() - 1) * d.dilationY() + 1;
        int fitting = (bandFloats / Math.max(1, rowFloats) - span) / d.strideY() + 1;
        return Math.max(1, Math.min(d.outHeight(), fitting));
    }

    /** y (the depthwise output, NHWC) from x (the expand input, NHWC), given each conv's bias for this run. */
    static void run(float[] x, float[] y, Expand e, float[] expandBias, Depthwise d, float[] depthwiseBias) {
        ImageKernels.Geometry g = d.g();
        int bandRows = bandRows(g);
        int bands = (g.outHeight() + bandRows - 1) / bandRows;
        // Contiguous runs of bands, one or more per thread: only each run's first band computes its overlap again.
        int runs = Math.min(bands, CpuThreads.parallelism());
        int bandsPerRun = (bands + runs - 1) / runs;
        runs = (bands + bandsPerRun - 1) / bandsPerRun;
        int perImage = runs;
        CpuThreads.forEach(g.batches() * perImage, task -> {
            int image = task / perImage;
            int run = task % perImage;
            int from = run * bandsPerRun * bandRows;
            int to = Math.min(g.outHeight(), from + bandsPerRun * bandRows);
            bands(x, y, e, expandBias, d, depthwiseBias, image, from, to, bandRows);
        });
    }

    private static void bands(float[] x, float[] y, Expand e, float[] expandBias, Depthwise d, float[] depthwiseBias,
                              int image, int from, int to, int bandRows) {
        ImageKernels.Geometry g = d.g();
        int width = g.inWidth();
        int channels = g.inChannels();
        int rowFloats = width * channels;
        int span = (g.kernelHeight() - 1) * g.dilationY() + 1;
        int outRowFloats = g.outWidth() * g.outChannels();
        float[][] buffers = BUFFERS.get();
        int bandInputRows = Math.min(g.inHeight(), (bandRows - 1) * g.strideY() + span);
        if (buffers[0].length < bandInputRows * rowFloats) {
            buffers[0] = new float[bandInputRows * rowFloats];
        }
        if (buffers[1].length < bandRows * outRowFloats) {
            buffers[1] = new float[bandRows * outRowFloats];
        }
        float[] band = buffers[0];
        float[] out = buffers[1];
        int inChannels = e.g().inChannels();
        int held0 = 0;
        int held1 = 0;
        for (int o0 = from; o0 < to; o0 += bandRows) {
            int o1 = Math.min(to, o0 + bandRows);
            int top = o0 * g.strideY() - g.padTop();
            int r0 = Math.max(0, top);
            int r1 = Math.min(g.inHeight(), (o1 - 1) * g.strideY() - g.padTop() + span);
            // Rows the last band expanded that this one reads again move to the buffer's front.
            int kept = Math.max(0, held1 - r0);
            if (kept > 0 && r0 > held0) {
                System.arraycopy(band, (r0 - held0) * rowFloats, band, 0, kept * rowFloats);
            }
            int fresh = r0 + kept;
            if (fresh < r1) {
                GemmKernel.multiply((r1 - fresh) * width, channels, inChannels,
                        GemmKernel.rowMajor(x, ((image * e.g().inHeight()) + fresh) * width * inChannels, inChannels),
                        e.filter(), band, kept * rowFloats, channels, expandBias, e.clamp(), e.epilogue());
            }
            held0 = r0;
            held1 = r1;
            ImageKernels.Geometry slice = new ImageKernels.Geometry(1, r1 - r0, width, channels, o1 - o0,
                    g.outWidth(), g.outChannels(), g.kernelHeight(), g.kernelWidth(), g.strideY(), g.strideX(),
                    g.dilationY(), g.dilationX(), r0 - top, g.padLeft());
            ImageKernels.depthwise(band, d.filter(), depthwiseBias, out, slice, d.clamp(), d.stages());
            System.arraycopy(out, 0, y, (image * g.outHeight() + o0) * outRowFloats, (o1 - o0) * outRowFloats);
        }
    }
}
