package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ten reductions: each combines the input values along {@code axes} (null: every axis; empty: none, so each
 * value is reduced on its own) into one value per remaining position.
 */
public record Reduce(Kind kind, List<Long> axes, boolean keepDimensions) implements Op {
    private static final Set<DataType> FLOAT_OR_32_64_BIT_INTEGER = Set.of(DataType.FLOAT32, DataType.FLOAT16,
            DataType.INT32, DataType.UINT32, DataType.INT64, DataType.UINT64);

    public enum Kind {
        REDUCE_L1("reduceL1", FLOAT_OR_32_64_BIT_INTEGER),
        REDUCE_L2("reduceL2", OpInputs.FLOAT_TYPES),
        REDUCE_LOG_SUM("reduceLogSum", OpInputs.FLOAT_TYPES),
        REDUCE_LOG_SUM_EXP("reduceLogSumExp", OpInputs.FLOAT_TYPES),
        REDUCE_MAX("reduceMax", OpInputs.ALL_TYPES),
        REDUCE_MEAN("reduceMean", OpInputs.FLOAT_TYPES),
        REDUCE_MIN("reduceMin", OpInputs.ALL_TYPES),
        REDUCE_PRODUCT("reduceProduct", FLOAT_OR_32_64_BIT_INTEGER),
        REDUCE_SUM("reduceSum", FLOAT_OR_32_64_BIT_INTEGER),
        REDUCE_SUM_SQUARE("reduceSumSquare", FLOAT_OR_32_64_BIT_INTEGER);

        private final String methodName;
        private final Set<DataType> allowedTypes;

        Kind(String methodName, Set<DataType> allowedTypes) {
            this.methodName = methodName;
            this.allowedTypes = allowedTypes;
        }

        /** The MLGraphBuilder method, e.g. "reduceLogSumExp". */
        public String methodName() {
            return methodName;
        }

        /** The data types the spec's table allows for the input (and so the output). */
        public Set<DataType> allowedTypes() {
            return allowedTypes;
        }
    }

    /** @param axes the axes to reduce, or null for all of them */
    public Reduce {
        Objects.requireNonNull(kind, "kind");
        axes = Axes.copyOrNull(axes);
    }

    @Override
    public String opName() {
        return kind.methodName;
    }

    /** Which input dimensions are reduced, for an input of this rank (already validated). */
    public boolean[] reducedAxes(int rank) {
        return Axes.mask("", this, axes, rank);
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-reduce (create reduction operation)
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        OpInputs.requireType(label, this, "input", input, kind.allowedTypes);
        boolean[] reduced = Axes.mask(label, this, axes, input.rank());
        return List.of(input.withShape(Axes.reducedShape(input.shape(), reduced, keepDimensions)));
    }
}
