package dev.webnn.engine.backend.opencl;

import dev.webnn.engine.DataType;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.graph.Operation;
import dev.webnn.engine.ops.Gemm;
import dev.webnn.engine.ops.Matmul;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GEMM-tile template: out[bt][m][n] = alpha * sum_k A[bt](m, k) * B[bt](k, n) + addends, then a fused element-wise
 * epilogue. A and B are read through strides, so transposed operands, broadcast batches and 1x1 convolutions in
 * either layout are all the same kernel. Each work-group computes a TM x TN tile, staging TK-deep slices of A and B
 * in local memory; each work-item accumulates an RM x RN block of the tile in registers.
 */
final class GemmTile implements Fusable {
    /**
     * Tile sizes; (TM / RM) * (TN / RN) work-items per group. A work-item's RM x RN block is strided across the tile
     * (conflict-free scalar reads of local memory) or, with {@code vector}, contiguous (float4 reads).
     */
    record Config(int tm, int tn, int tk, int rm, int rn, boolean vector) {
        int threads() {
            return (tm / rm) * (tn / rn);
        }

        boolean valid() {
            return tm % rm == 0 && tn % rn == 0 && (tm * tk) % threads() == 0 && (tn * tk) % threads() == 0
                    && (!vector || rm % 4 == 0 && rn % 4 == 0);
        }

        /** "TM,TN,TK,RM,RN" with ",v" for the contiguous variant. */
        static Config parse(String text) {
            String[] parts = text.trim().split("[,x/ ]+");
            boolean vector = parts[parts.length - 1].equals("v");
            long[] v = Arrays.stream(parts).filter(p -> !p.equals("v")).mapToLong(Long::parseLong).toArray();
            return new Config((int) v[0], (int) v[1], (int) v[2], (int) v[3], (int) v[4], vector);
        }

        @Override
        public String toString() {
            return tm + "," + tn + "," + tk + "," + rm + "," + rn + (vector ? ",v" : "");
        }
    }

    static final Config LARGE = new Config(128, 128, 16, 8, 8, false);
    static final Config MEDIUM = new Config(64, 64, 16, 4, 4, false);
    static final Config SMALL = new Config(32, 32, 16, 2, 2, false);
    /** What the tuner tries for a large product on a GPU. */
    static final List<Config> CANDIDATES = List.of(LARGE, new Config(128, 128, 16, 8, 8, true),
            new Config(128, 128, 8, 8, 8, true), new Config(128, 64, 16, 8, 8, true), new Config(64, 128, 16, 8, 8, true),
            new Config(64, 64, 16, 4, 4, true), MEDIUM);

    /** An operand added to alpha * AB, read at the output element through its broadcast map, times {@code scale}. */
    record Addend(Operand operand, long[] readShape, String scale) {
    }

    private final Operand a;
    private final Operand b;
    private final Operand output;
    private final long m;
    private final long n;
    private final long k;
    private final long batches;
    private final String aBatchOffset;
    private final String bBatchOffset;
    private final long aRowStride;
    private final long aInnerStride;
    private final long bInnerStride;
    private final long bColStride;
    private final String alpha;
    private final List<Addend> addends;

    GemmTile(Operand a, Operand b, Operand output, long m, long n, long k, long batches, String aBatchOffset,
             String bBatchOffset, long aRowStride, long aInnerStride, long bInnerStride, long bColStride, String alpha,
             List<Addend> addends) {
        this.a = a;
        this.b = b;
        this.output = output;
        this.m = m;
        this.n = n;
        this.k = k;
        this.batches = batches;
        this.aBatchOffset = aBatchOffset;
        this.bBatchOffset = bBatchOffset;
        this.aRowStride = aRowStride;
        this.aInnerStride = aInnerStride;
        this.bInnerStride = bInnerStride;
        this.bColStride = bColStride;
        this.alpha = alpha;
        this.addends = List.copyOf(addends);
    }

    static GemmTile lower(Operation operation) {
        List<Operand> in = operation.inputs();
        Operand out = operation.outputs().get(0);
        return switch (operation.op()) {
            case Matmul op -> matmul(in.get(0), in.get(1), out);
            case Gemm op -> gemm(op, in.get(0), in.get(1), in.size() > 2 ? in.get(2) : null, out);
            default -> null;
        };
    }

    private static GemmTile matmul(Operand a, Operand b, Operand out) {
        long[] shapeA = a.descriptor().shape();
        long[] shapeB = b.descriptor().shape();
        long[] shapeOut = out.descriptor().shape();
        long m = shapeA[shapeA.length - 2];
        long k = shapeA[shapeA.length - 1];
        long n = shapeB[shapeB.length - 1];
        long[] batchOut = Arrays.copyOf(shapeOut, shapeOut.length - 2);
        long[] batchA = Arrays.copyOf(shapeA, shapeA.length - 2);
        long[] batchB = Arrays.copyOf(shapeB, shapeB.length - 2);
        return new GemmTile(a, b, out, m, n, k, Indexing.count(batchOut),
                "(" + Indexing.broadcastIndex(batchA, batchOut, "bt") + ") * " + (m * k),
                "(" + Indexing.broadcastIndex(batchB, batchOut, "bt") + ") * " + (k * n), k, 1, n, 1, null, List.of());
    }

    private static GemmTile gemm(Gemm op, Operand a, Operand b, Operand c, Operand out) {
        DataType type = out.descriptor().dataType();
        long m = out.descriptor().dim(0);
        long n = out.descriptor().dim(1);
        long k = op.aTranspose() ? a.descriptor().dim(0) : a.descriptor().dim(1);
        double alpha = TensorData.roundTo(type, op.alpha());
        double beta = TensorData.roundTo(type, op.beta());
        List<Addend> addends = new ArrayList<>();
        if (c != null && beta != 0) {
            addends.add(new Addend(c, c.descriptor().shape(), CType.floatLiteral(beta)));
        }
        return new GemmTile(a, b, out, m, n, k, 1, "0", "0", op.aTranspose() ? 1 : k, op.aTranspose() ? m : 1,
                op.bTranspose() ? 1 : n, op.bTranspose() ? k : 1, alpha == 1 ? null : CType.floatLiteral(alpha), addends);
    }

    @Override
    public Operand output() {
        return output;
    }

    /** The biggest tile that still gives the device about two tiles per compute unit, or the smallest. */
    static Config choose(long m, long n, long batches, int computeUnits) {
        String forced = forcedConfig();
        if (forced != null) {
            Config config = Config.parse(forced);
            if (!config.valid()) {
                throw new IllegalArgumentException("Invalid GEMM tile " + forced);
            }
            return config;
        }
        for (Config config : List.of(LARGE, MEDIUM)) {
            long tiles = ((m + config.tm - 1) / config.tm) * ((n + config.tn - 1) / config.tn) * batches;
            if (tiles >= 2L * computeUnits) {
                return config;
            }
        }
        return SMALL;
    }

    /** Tile shapes picked by timing, per device and problem. */
    private static final Map<String, Config> TUNED = new ConcurrentHashMap<>();

    /**
     * A large product on a GPU gets the fastest of {@link #CANDIDATES}, timed once per process and problem shape;
     * anything else the static choice. {@code webnn.opencl.gemm} (or WEBNN_OPENCL_GEMM) forces a tile.
     */
    @Override
    public List<KernelSpec> kernels(EwChain epilogue, ClDevice.Info device, KernelTimer timer) {
        Config config = choose(m, n, batches, device.computeUnits());
        boolean forced = forcedConfig() != null;
        if (!forced && timer != null && device.isGpu() && 2.0 * m * n * k * batches >= 1e10) {
            String key = device.name() + " " + a.descriptor().dataType() + " " + m + "x" + n + "x" + k + "x" + batches
                    + " " + aInnerStride + " " + bInnerStride;
            config = TUNED.computeIfAbsent(key, ignored -> tune(epilogue, device, timer));
        }
        return List.of(kernel(epilogue, config));
    }

    private Config tune(EwChain epilogue, ClDevice.Info device, KernelTimer timer) {
        Config best = LARGE;
        double bestSeconds = Double.MAX_VALUE;
        for (Config candidate : CANDIDATES) {
            if (!candidate.valid() || candidate.threads() > device.maxWorkGroupSize()) {
                continue;
            }
            try {
                double seconds = timer.seconds(kernel(epilogue, candidate));
                if (seconds < bestSeconds) {
                    bestSeconds = seconds;
                    best = candidate;
                }
            } catch (RuntimeException e) {
                // A candidate this device cannot build or run is skipped.
            }
        }
        return best;
    }

    private static String forcedConfig() {
        String forced = System.getProperty("webnn.opencl.gemm", System.getenv("WEBNN_OPENCL_GEMM"));
        return forced == null || forced.isBlank() ? null : forced;
    }

    KernelSpec kernel(EwChain epilogue, Config c) {
        DataType ta = a.descriptor().dataType();
        DataType tb = b.descriptor().dataType();
        int tx = c.tn / c.rn;
        int ty = c.tm / c.rm;
        int threads = c.threads();
        long biggest = Math.max(Math.max(Indexing.count(a.descriptor().shape()), Indexing.count(b.descriptor().shape())),
                Indexing.count(output.descriptor().shape()));
        String idx = Indexing.indexType(biggest);
        // The vector variant keeps rows 16-byte aligned for float4 reads; the scalar one pads by one against conflicts.
        int pad = c.vector ? 4 : 1;
        String aligned = c.vector ? " __attribute__((aligned(16)))" : "";
        String row = c.vector ? "ty * " + c.rm + " + i" : "ty + i * " + ty;
        String col = c.vector ? "tx * " + c.rn + " + j" : "tx + j * " + tx;
        StringBuilder s = new StringBuilder(Preamble.TEXT);
        s.append("__kernel __attribute__((reqd_work_group_size(").append(tx).append(", ").append(ty).append(", 1)))\n")
                .append("void k(__global ").append(CType.storage(epilogue.type())).append("* o0, __global const ")
                .append(CType.storage(ta)).append("* i0, __global const ").append(CType.storage(tb)).append("* i1");
        for (int i = 0; i < addends.size(); i++) {
            s.append(", __global const ").append(CType.storage(addends.get(i).operand.descriptor().dataType()))
                    .append("* i").append(i + 2);
        }
        s.append(epilogue.parameters("e")).append(") {\n")
                .append("    const int tx = get_local_id(0), ty = get_local_id(1), tid = ty * ").append(tx).append(" + tx;\n")
                .append("    const ").append(idx).append(" n0 = (").append(idx).append(")get_group_id(0) * ").append(c.tn)
                .append(", m0 = (").append(idx).append(")get_group_id(1) * ").append(c.tm).append(";\n")
                .append("    const ").append(idx).append(" bt = get_group_id(2);\n")
                .append("    const ").append(idx).append(" aBase = ").append(aBatchOffset).append(", bBase = ")
                .append(bBatchOffset).append(";\n")
                .append("    __local float As[").append(c.tk).append("][").append(c.tm + pad).append("]").append(aligned)
                .append(";\n")
                .append("    __local float Bs[").append(c.tk).append("][").append(c.tn + pad).append("]").append(aligned)
                .append(";\n")
                .append("    float acc[").append(c.rm).append("][").append(c.rn).append("];\n")
                .append("    #pragma unroll\n    for (int i = 0; i < ").append(c.rm).append("; i++)\n")
                .append("        #pragma unroll\n        for (int j = 0; j < ").append(c.rn).append("; j++) acc[i][j] = 0.0f;\n")
                .append("    for (").append(idx).append(" k0 = 0; k0 < ").append(k).append("; k0 += ").append(c.tk).append(") {\n");
        // A's tile: consecutive work-items take consecutive addresses along A's contiguous dimension.
        boolean aAlongK = aInnerStride == 1;
        tileLoad(s, "As", "i0", ta, c.tm, c.tk, threads, aAlongK, m, "m0", "aBase", aRowStride, aInnerStride, idx);
        tileLoad(s, "Bs", "i1", tb, c.tn, c.tk, threads, bInnerStride == 1, n, "n0", "bBase", bColStride, bInnerStride, idx);
        s.append("        barrier(CLK_LOCAL_MEM_FENCE);\n")
                .append("        #pragma unroll\n        for (int kk = 0; kk < ").append(c.tk).append("; kk++) {\n")
                .append("            float av[").append(c.rm).append("], bv[").append(c.rn).append("];\n")
                .append(operandReads(c, ty, tx))
                .append("            #pragma unroll\n            for (int i = 0; i < ").append(c.rm).append("; i++)\n")
                .append("                #pragma unroll\n                for (int j = 0; j < ").append(c.rn)
                .append("; j++) acc[i][j] = fma(av[i], bv[j], acc[i][j]);\n")
                .append("        }\n        barrier(CLK_LOCAL_MEM_FENCE);\n    }\n")
                .append("    #pragma unroll\n    for (int i = 0; i < ").append(c.rm).append("; i++) {\n")
                .append("        ").append(idx).append(" m = m0 + ").append(row).append(";\n")
                .append("        #pragma unroll\n        for (int j = 0; j < ").append(c.rn).append("; j++) {\n")
                .append("            ").append(idx).append(" n = n0 + ").append(col).append(";\n")
                .append("            if (m < ").append(m).append(" && n < ").append(n).append(") {\n")
                .append("                ").append(idx).append(" oi = bt * ").append(m * n).append(" + m * ").append(n)
                .append(" + n;\n");
        epilogueStore(s, epilogue, alpha == null ? "acc[i][j]" : alpha + " * acc[i][j]", "oi", "                ");
        s.append("            }\n        }\n    }\n}\n");
        List<Operand> inputs = new ArrayList<>(List.of(a, b));
        for (Addend addend : addends) {
            inputs.add(addend.operand);
        }
        inputs.addAll(epilogue.leafOperands());
        long groupsN = (n + c.tn - 1) / c.tn;
        long groupsM = (m + c.tm - 1) / c.tm;
        return new KernelSpec(s.toString(), List.of(epilogue.output()), inputs,
                new long[] {groupsN * tx, groupsM * ty, batches}, new long[] {tx, ty, 1});
    }

    /** The reads of one k step's A column and B row slices from local memory into registers. */
    private static String operandReads(Config c, int ty, int tx) {
        if (!c.vector) {
            return "            #pragma unroll\n            for (int i = 0; i < " + c.rm + "; i++) av[i] = As[kk][ty + i * "
                    + ty + "];\n            #pragma unroll\n            for (int j = 0; j < " + c.rn
                    + "; j++) bv[j] = Bs[kk][tx + j * " + tx + "];\n";
        }
        return "            #pragma unroll\n            for (int q = 0; q < " + c.rm / 4 + "; q++) vstore4(*(__local float4*)"
                + "&As[kk][ty * " + c.rm + " + 4 * q], q, av);\n"
                + "            #pragma unroll\n            for (int q = 0; q < " + c.rn / 4 + "; q++) vstore4(*(__local float4*)"
                + "&Bs[kk][tx * " + c.rn + " + 4 * q], q, bv);\n";
    }

    /**
     * Loads a TK-deep slice of a tile of {@code rows} (m or n) into local memory as [kk][row], zero outside the
     * matrix; work-items walk the element order of the operand's contiguous dimension.
     */
    private void tileLoad(StringBuilder s, String tile, String buffer, DataType type, int rows, int depth, int threads,
            boolean alongK, long limit, String origin, String base, long rowStride, long innerStride, String idx) {
        int perThread = rows * depth / threads;
        boolean guardRows = limit % rows != 0;
        boolean guardK = k % depth != 0;
        s.append("        #pragma unroll\n        for (int r = 0; r < ").append(perThread).append("; r++) {\n")
                .append("            int l = tid + r * ").append(threads).append(";\n")
                .append("            int kk = l ").append(alongK ? "% " + depth : "/ " + rows).append(", rr = l ")
                .append(alongK ? "/ " + depth : "% " + rows).append(";\n")
                .append("            ").append(idx).append(" gr = ").append(origin).append(" + rr, gk = k0 + kk;\n");
        String load = CType.load(type, buffer, base + " + gr * " + rowStride + " + gk * " + innerStride);
        String guard = guardRows && guardK ? "gr < " + limit + " && gk < " + k
                : guardRows ? "gr < " + limit : guardK ? "gk < " + k : null;
        s.append("            ").append(tile).append("[kk][rr] = ")
                .append(guard == null ? load : "(" + guard + ") ? " + load + " : 0.0f").append(";\n        }\n");
    }

    /** Adds the addends to {@code value}, runs the epilogue and stores. */
    void epilogueStore(StringBuilder s, EwChain epilogue, String value, String index, String indent) {
        storeWithAddends(s, addends, 2, output.descriptor().shape(), epilogue, value, index, indent);
    }

    /**
     * Shared with the convolution template: {@code value} plus each addend (read from buffer i{firstBuffer + i} at the
     * output element {@code index} of {@code outShape}), then the epilogue, then the store.
     */
    static void storeWithAddends(StringBuilder s, List<Addend> addends, int firstBuffer, long[] outShape,
            EwChain epilogue, String value, String index, String indent) {
        s.append(indent).append("float v = ").append(value).append(";\n");
        for (int i = 0; i < addends.size(); i++) {
            Addend addend = addends.get(i);
            String load = CType.load(addend.operand.descriptor().dataType(), "i" + (i + firstBuffer),
                    Indexing.broadcastIndex(addend.readShape, outShape, index));
            s.append(indent).append("v += ").append(addend.scale == null ? load : addend.scale + " * " + load).append(";\n");
        }
        emitEpilogue(s, epilogue, "v", index, indent);
    }

    static void emitEpilogue(StringBuilder s, EwChain epilogue, String value, String index, String indent) {
        StringBuilder body = new StringBuilder();
        String result = epilogue.emit(body, index, value, "e");
        for (String line : body.toString().split("\n")) {
            if (!line.isBlank()) {
                s.append(indent).append(line.strip()).append('\n');
            }
        }
        s.append(indent).append(CType.store(epilogue.type(), "o0", index, result)).append('\n');
    }
}
