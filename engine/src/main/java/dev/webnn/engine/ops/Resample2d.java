package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Resizes two axes of a 4-D tensor by nearest-neighbor or bilinear sampling. scales, sizes and axes are as the
 * caller gave them, null when absent; scales are the WebIDL floats, held exactly as doubles.
 */
public record Resample2d(Mode mode, List<Double> scales, List<Long> sizes, List<Long> axes) implements Op {
    public static final Set<DataType> ALLOWED_TYPES =
            Set.copyOf(EnumSet.of(DataType.FLOAT32, DataType.FLOAT16, DataType.UINT8, DataType.INT8));

    /** MLInterpolationMode. */
    public enum Mode implements WebIdlEnum {
        NEAREST_NEIGHBOR, LINEAR;

        /** Returns null for a name WebNN does not define. */
        public static Mode fromWebnnName(String name) {
            return WebIdlEnum.fromWebnnName(Mode.class, name);
        }
    }

    public Resample2d {
        Objects.requireNonNull(mode, "mode");
        scales = scales == null ? null : List.copyOf(scales);
        sizes = sizes == null ? null : List.copyOf(sizes);
        axes = axes == null ? null : List.copyOf(axes);
    }

    /** The spec's defaults: nearest-neighbor, scales [1, 1] over axes [2, 3]. */
    public static Resample2d defaults() {
        return new Resample2d(Mode.NEAREST_NEIGHBOR, null, null, null);
    }

    @Override
    public String opName() {
        return "resample2d";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-resample2d-method
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        OpInputs.requireType(label, this, "input", input, ALLOWED_TYPES);
        Windows.requireRank(label, this, "input", input, 4);
        double[] scaleValues = {1.0, 1.0};
        if (scales != null) {
            if (scales.size() != 2) {
                throw new ValidationError(label, "resample2d's scales must have 2 items but has " + scales.size()
                        + ".");
            }
            for (int i = 0; i < 2; i++) {
                scaleValues[i] = scales.get(i);
                if (!(scaleValues[i] > 0) || Double.isInfinite(scaleValues[i])) {
                    throw new ValidationError(label, "resample2d's scales must be finite and greater than 0 but scales["
                            + i + "] is " + scaleValues[i] + ".");
                }
            }
        }
        long[] sizeValues = null;
        if (sizes != null) {
            sizeValues = Windows.ofSize(label, this, "sizes", sizes, 2);
            Windows.requireNonZero(label, this, "sizes", sizeValues);
        }
        int[] axisValues = axes(label, input.rank());

        long[] outputShape = input.shape();
        for (int i = 0; i < 2; i++) {
            int axis = axisValues[i];
            long size = sizeValues != null ? sizeValues[i] : scaledSize(input.dim(axis), scaleValues[i]);
            Windows.requireValidDimension(label, this, "size along axis " + axis, size);
            outputShape[axis] = size;
        }
        return List.of(OperandDescriptor.checked(label, input.dataType(), outputShape));
    }

    /** The two resampled axes, default [2, 3]: distinct and within the rank. */
    public int[] axes(String label, int rank) {
        if (axes == null) {
            return new int[] {2, 3};
        }
        long[] values = Windows.ofSize(label, this, "axes", axes, 2);
        for (long axis : values) {
            if (axis < 0 || axis >= rank) {
                throw new ValidationError(label, "resample2d's axis " + axis + " is outside [0, " + rank + ").");
            }
        }
        if (values[0] == values[1]) {
            throw new ValidationError(label, "resample2d's axes must differ but are both " + values[0] + ".");
        }
        return new int[] {(int) values[0], (int) values[1]};
    }

    /** floor(size * scale), exactly; a product beyond any dimension comes back as Long.MAX_VALUE. */
    private static long scaledSize(long size, double scale) {
        BigInteger scaled = new BigDecimal(scale).multiply(BigDecimal.valueOf(size))
                .setScale(0, RoundingMode.FLOOR).toBigInteger();
        return scaled.bitLength() < 63 ? scaled.longValue() : Long.MAX_VALUE;
    }
}
