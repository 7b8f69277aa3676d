package dev.webnn.engine.compiler;

/** How a value's elements are ordered in memory. */
public enum Layout {
    /** Row-major in the value's logical shape. */
    ROW_MAJOR,
    /** A logical [N, C, H, W] value stored as [N, H, W, C], the order the image kernels want. */
    NHWC;

    /** The shape whose row-major order is the storage order. */
    public long[] storageShape(long[] logical) {
        if (this == ROW_MAJOR) {
            return logical.clone();
        }
        return new long[] {logical[0], logical[2], logical[3], logical[1]};
    }
}
