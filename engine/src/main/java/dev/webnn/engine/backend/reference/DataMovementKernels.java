package dev.webnn.engine.backend.reference;

import dev.webnn.engine.backend.TensorLimits;
import dev.webnn.engine.ops.Reshape;
import java.util.List;

/** Reference kernels that move data: reshape, concat, slice, transpose, gather, scatter and the rest. */
final class DataMovementKernels {
    private DataMovementKernels() {
    }

    static void register(KernelTable table) {
        table.kernel(Reshape.class, (op, in, out) -> List.of(in.get(0).reshaped(out.get(0))));
        TensorLimits any = table.anyRank(KernelTable.ALL_TYPES);
        table.limits("reshape", "input", any, "output", any);
    }
}
