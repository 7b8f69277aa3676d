package dev.webnn.engine.backend.reference;

/** Reference kernels of the recurrent ops: gru, gruCell, lstm, lstmCell. */
final class RecurrentKernels {
    private RecurrentKernels() {
    }

    static void register(KernelTable table) {
    }
}
