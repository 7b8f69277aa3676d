package dev.webnn.js.ops;

import dev.webnn.engine.ops.Matmul;
import dev.webnn.engine.ops.Op;

/** Builds the engine op records of the Linear-algebra family: matmul, gemm, conv2d, convTranspose2d, pools, resample2d. */
public final class LinearAlgebraDecoders {
    private LinearAlgebraDecoders() {
    }

    /** The op for this builder method, or null when the method is not of this family. */
    public static Op create(String name, Attributes attributes, String label) {
        return switch (name) {
            case "matmul" -> new Matmul();
            default -> null;
        };
    }
}
