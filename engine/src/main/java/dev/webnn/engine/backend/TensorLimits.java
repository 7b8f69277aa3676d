package dev.webnn.engine.backend;

import dev.webnn.engine.DataType;
import java.util.Set;

/** The data types and rank range a backend accepts for one operand (MLTensorLimits). */
public record TensorLimits(Set<DataType> dataTypes, int minRank, int maxRank) {
    public TensorLimits {
        dataTypes = Set.copyOf(dataTypes);
    }
}
