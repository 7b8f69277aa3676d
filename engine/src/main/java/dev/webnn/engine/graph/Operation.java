package dev.webnn.engine.graph;

import dev.webnn.engine.ops.Op;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One op applied to operands. Inputs are positional and may hold null for an absent optional
 * operand, so they are kept in an unmodifiable list that permits nulls.
 */
public record Operation(Op op, List<Operand> inputs, List<Operand> outputs, String label) {
    public Operation {
        Objects.requireNonNull(op, "op");
        inputs = Collections.unmodifiableList(new java.util.ArrayList<>(inputs));
        outputs = List.copyOf(outputs);
        label = label == null ? "" : label;
    }
}
