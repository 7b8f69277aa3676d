package dev.webnn.engine.backend.opencl;

/** Index arithmetic for generated kernels, with every shape baked in as constants. */
final class Indexing {
    private Indexing() {
    }

    static long[] strides(long[] shape) {
        return dev.webnn.engine.ops.Shapes.strides(shape);
    }

    static long count(long[] shape) {
        long n = 1;
        for (long dim : shape) {
            n *= dim;
        }
        return n;
    }

    /** The index type of a kernel touching tensors of at most {@code elements} elements. */
    static String indexType(long elements) {
        return elements < Integer.MAX_VALUE ? "int" : "long";
    }

    /** Coordinate {@code d} of the row-major index {@code linear} into a tensor of {@code shape}. */
    static String coordinate(String linear, long[] shape, int d) {
        long stride = strides(shape)[d];
        String value = stride == 1 ? linear : "(" + linear + " / " + stride + ")";
        return d == 0 ? value : "(" + value + " % " + shape[d] + ")";
    }

    /**
     * The index read, for output element {@code linear} of {@code outShape}, from a tensor of {@code readShape}
     * aligned to it from the right: numpy broadcasting where a dimension is 1, blockwise broadcasting (each element
     * covers outDim / readDim output positions) where it divides the output's.
     */
    static String broadcastIndex(long[] readShape, long[] outShape, String linear) {
        long readCount = count(readShape);
        if (readCount == 1) {
            return "0";
        }
        int offset = outShape.length - readShape.length;
        boolean same = readCount == count(outShape);
        for (int d = 0; d < readShape.length && same; d++) {
            same = readShape[d] == outShape[d + offset];
        }
        if (same) {
            return linear;
        }
        long[] readStrides = strides(readShape);
        StringBuilder sum = new StringBuilder();
        for (int d = 0; d < readShape.length; d++) {
            if (readShape[d] == 1) {
                continue;
            }
            long block = outShape[d + offset] / readShape[d];
            String term = coordinate(linear, outShape, d + offset);
            if (block != 1) {
                term = "(" + term + " / " + block + ")";
            }
            if (readStrides[d] != 1) {
                term = term + " * " + readStrides[d];
            }
            sum.append(sum.isEmpty() ? "" : " + ").append(term);
        }
        return "(" + sum + ")";
    }

    /** A read shape of rank {@code rank}: 1 everywhere but {@code size} at {@code axis}. */
    static long[] along(int rank, int axis, long size) {
        long[] shape = new long[rank];
        java.util.Arrays.fill(shape, 1);
        shape[axis] = size;
        return shape;
    }
}
