package dev.webnn.engine;

import java.util.Arrays;
import java.util.Objects;

/** An operand's data type and shape. Immutable. */
public final class OperandDescriptor {
    /** The largest dimension WebNN allows: dimensions are WebIDL unsigned longs. */
    public static final long MAX_DIMENSION = 0xFFFF_FFFFL;

    private final DataType dataType;
    private final long[] shape;

    private OperandDescriptor(DataType dataType, long[] shape) {
        this.dataType = Objects.requireNonNull(dataType, "dataType");
        this.shape = shape.clone();
    }

    /** For callers whose shape is already known to be valid. */
    public static OperandDescriptor of(DataType dataType, long... shape) {
        return new OperandDescriptor(dataType, shape);
    }

    /**
     * Validates the shape as the spec's "valid dimension" and size checks require.
     *
     * @throws ValidationError if a dimension is outside [1, 2^32-1] or the size overflows
     */
    public static OperandDescriptor checked(String label, DataType dataType, long[] shape) {
        if (dataType == null) {
            throw new ValidationError(label, "The data type is missing.");
        }
        if (shape == null) {
            throw new ValidationError(label, "The shape is missing.");
        }
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            long dim = shape[i];
            if (dim <= 0 || dim > MAX_DIMENSION) {
                throw new ValidationError(label, "Dimension " + i + " of shape " + Arrays.toString(shape)
                        + " must be between 1 and " + MAX_DIMENSION + ".");
            }
            try {
                elements = Math.multiplyExact(elements, dim);
            } catch (ArithmeticException e) {
                throw new ValidationError(label, "The element count of shape " + Arrays.toString(shape)
                        + " is too large.");
            }
        }
        try {
            dataType.byteLength(elements);
        } catch (ArithmeticException e) {
            throw new ValidationError(label, "The byte length of " + dataType.webnnName()
                    + Arrays.toString(shape) + " is too large.");
        }
        return new OperandDescriptor(dataType, shape);
    }

    public DataType dataType() {
        return dataType;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long dim(int i) {
        return shape[i];
    }

    public int rank() {
        return shape.length;
    }

    /** @throws ArithmeticException if the count overflows (only for unchecked descriptors) */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long byteLength() {
        return dataType.byteLength(elementCount());
    }

    public OperandDescriptor withDataType(DataType newType) {
        return new OperandDescriptor(newType, shape);
    }

    public OperandDescriptor withShape(long... newShape) {
        return new OperandDescriptor(dataType, newShape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OperandDescriptor d && d.dataType == dataType && Arrays.equals(d.shape, shape);
    }

    @Override
    public int hashCode() {
        return 31 * dataType.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(dataType.webnnName()).append('[');
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(shape[i]);
        }
        return sb.append(']').toString();
    }
}
