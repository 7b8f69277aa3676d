package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.ValidationError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Grows each dimension by beginning and ending padding, filled by a constant or mirrored from the edges. */
public record Pad(long[] beginningPadding, long[] endingPadding, Mode mode, Number value) implements Op {
    /** MLPaddingMode. */
    public enum Mode implements WebIdlEnum {
        CONSTANT, EDGE, REFLECTION, SYMMETRIC;

        /** Returns null for a name WebNN does not define. */
        public static Mode fromWebnnName(String name) {
            return WebIdlEnum.fromWebnnName(Mode.class, name);
        }
    }

    /**
     * @param value the MLNumber used by CONSTANT mode: a Double, Long or BigInteger, cast to the input's type
     *              when the graph runs
     */
    public Pad {
        beginningPadding = beginningPadding.clone();
        endingPadding = endingPadding.clone();
        Objects.requireNonNull(mode, "mode");
        if (!(value instanceof Double || value instanceof Long || value instanceof BigInteger)) {
            throw new IllegalArgumentException("pad's value must be a Double, Long or BigInteger");
        }
    }

    @Override
    public long[] beginningPadding() {
        return beginningPadding.clone();
    }

    @Override
    public long[] endingPadding() {
        return endingPadding.clone();
    }

    @Override
    public String opName() {
        return "pad";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-pad
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        if (input.rank() == 0) {
            throw new ValidationError(label, "pad cannot pad a scalar.");
        }
        DataMovementChecks.requirePerDimension(label, this, "beginningPadding", beginningPadding, input.rank());
        DataMovementChecks.requirePerDimension(label, this, "endingPadding", endingPadding, input.rank());
        long[] shape = input.shape();
        for (int i = 0; i < shape.length; i++) {
            // Reflection mirrors without repeating the edge, so it can reach at most size - 1 values in.
            if (mode == Mode.REFLECTION && (beginningPadding[i] >= shape[i] || endingPadding[i] >= shape[i])) {
                throw new ValidationError(label, "pad's reflection padding of dimension " + i
                        + " must be smaller than its size " + shape[i] + ".");
            }
            shape[i] += beginningPadding[i] + endingPadding[i];
        }
        return List.of(OperandDescriptor.checked(label, input.dataType(), shape));
    }

    /** The padding value cast to the type as the spec's "cast" does (WebIDL ConvertToInt for integers). */
    public TensorData valueAs(DataType type) {
        OperandDescriptor scalar = OperandDescriptor.of(type);
        if (type.isFloat()) {
            return TensorData.ofFloats(scalar, new double[] {value.doubleValue()});
        }
        long bits;
        if (value instanceof Double d) {
            bits = d.isNaN() || d.isInfinite() ? 0 : new BigDecimal(d).toBigInteger().longValue();
        } else {
            bits = value.longValue();
        }
        return TensorData.ofIntegers(scalar, new long[] {bits});
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pad p && Arrays.equals(p.beginningPadding, beginningPadding)
                && Arrays.equals(p.endingPadding, endingPadding) && p.mode == mode && p.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(beginningPadding), Arrays.hashCode(endingPadding), mode, value);
    }

    @Override
    public String toString() {
        return "Pad[beginningPadding=" + Arrays.toString(beginningPadding) + ", endingPadding="
                + Arrays.toString(endingPadding) + ", mode=" + mode + ", value=" + value + "]";
    }
}
