package dev.webnn.engine.backend.opencl;

import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.graph.Operation;
import dev.webnn.engine.ops.Reshape;
import java.util.List;

/**
 * Picks the template for each op: element-wise, GEMM tile, conv (windowed), reduce, or data movement (gather and
 * scatter included). What no template covers, or what touches a type with no device form, runs on the CPU.
 */
final class Lowering {
    /** Reshape: the output shares the input's buffer. */
    static final Object ALIAS = new Object();

    private Lowering() {
    }

    /**
     * One of: {@link EwChain.Ew}, {@link Fusable}, {@code List<KernelSpec>}, {@link #ALIAS}, or null when the op
     * runs on the CPU.
     */
    static Object lower(Operation operation, ClDevice.Info device) {
        if (!onDevice(operation)) {
            return null;
        }
        if (operation.op() instanceof Reshape) {
            return ALIAS;
        }
        EwChain.Ew ew = Elementwise.lower(operation);
        if (ew != null) {
            return ew;
        }
        GemmTile gemm = GemmTile.lower(operation);
        if (gemm != null) {
            return gemm;
        }
        Object windowed = Windowed.lower(operation, device);
        if (windowed instanceof KernelSpec spec) {
            return List.of(spec);
        }
        if (windowed != null) {
            return windowed;
        }
        List<KernelSpec> kernels = Reduction.lower(operation, device.fp64());
        if (kernels != null) {
            return kernels;
        }
        return DataMovement.lower(operation);
    }

    /** Whether every operand has a device form (4-bit types have none). */
    static boolean onDevice(Operation operation) {
        for (List<Operand> operands : List.of(operation.inputs(), operation.outputs())) {
            for (Operand operand : operands) {
                if (operand != null && !CType.onDevice(operand.descriptor().dataType())) {
                    return false;
                }
            }
        }
        return true;
    }
}
