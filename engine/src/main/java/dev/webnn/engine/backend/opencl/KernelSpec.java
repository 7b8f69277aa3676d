package dev.webnn.engine.backend.opencl;

import dev.webnn.engine.graph.Operand;
import java.util.List;

/**
 * One kernel launch of a plan: a generated OpenCL C source whose kernel {@code k} takes the output buffers
 * {@code o0, o1, ...} and then the input buffers {@code i0, i1, ...}, bound to these graph operands. Shapes and
 * attributes are baked into the source, so a launch sets buffers only.
 *
 * @param local the work-group size, or null to let the runtime choose
 */
record KernelSpec(String source, List<Operand> outputs, List<Operand> inputs, long[] global, long[] local) {
    KernelSpec {
        outputs = List.copyOf(outputs);
        inputs = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(inputs));
    }

    /** A 1-D launch of {@code count} work-items, rounded up to whole groups of 64 (the kernel checks its range). */
    static KernelSpec linear(String source, List<Operand> outputs, List<Operand> inputs, long count) {
        long groups = (count + 63) / 64;
        return new KernelSpec(source, outputs, inputs, new long[] {groups * 64}, new long[] {64});
    }
}
