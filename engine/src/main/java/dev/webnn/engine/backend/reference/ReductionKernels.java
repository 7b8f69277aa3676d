package dev.webnn.engine.backend.reference;

/** Reference kernels that reduce or normalize along axes. */
final class ReductionKernels {
    private ReductionKernels() {
    }

    static void register(KernelTable table) {
    }
}
