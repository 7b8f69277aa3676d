package dev.webnn.engine.backend.opencl;

import dev.webnn.engine.graph.Operand;
import java.util.List;

/** A lowered op whose kernel can run an element-wise chain on each result before storing it (an epilogue). */
interface Fusable {
    /** The operand the op itself produces. */
    Operand output();

    /**
     * The kernels, with {@code epilogue} (seeded with {@link #output()}, possibly empty) fused into the last one.
     *
     * @param timer times candidate kernels on the device, to pick among tile shapes; null when nothing may run
     */
    List<KernelSpec> kernels(EwChain epilogue, ClDevice.Info device, KernelTimer timer);

    /** Seconds one launch of a kernel takes on the device, on scratch buffers. */
    @FunctionalInterface
    interface KernelTimer {
        double seconds(KernelSpec spec);
    }
}
