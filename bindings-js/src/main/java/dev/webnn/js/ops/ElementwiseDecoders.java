package dev.webnn.js.ops;

import dev.webnn.engine.ops.Cast;
import dev.webnn.engine.ops.ElementwiseBinary;
import dev.webnn.engine.ops.ElementwiseUnary;
import dev.webnn.engine.ops.Op;

/** Builds the engine op records of the Element-wise family: arithmetic, comparison, logic, unary math, activations, where, cast, quantize. */
public final class ElementwiseDecoders {
    private ElementwiseDecoders() {
    }

    /** The op for this builder method, or null when the method is not of this family. */
    public static Op create(String name, Attributes attributes, String label) {
        ElementwiseBinary.Kind binary = OpNames.kindOrNull(ElementwiseBinary.Kind.class, name);
        if (binary != null) {
            return new ElementwiseBinary(binary);
        }
        ElementwiseUnary.Kind unary = OpNames.kindOrNull(ElementwiseUnary.Kind.class, name);
        if (unary != null) {
            return new ElementwiseUnary(unary);
        }
        return switch (name) {
            case "cast" -> new Cast(attributes.dataType("type", label));
            default -> null;
        };
    }
}
