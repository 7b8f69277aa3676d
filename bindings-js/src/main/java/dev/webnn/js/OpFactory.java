package dev.webnn.js;

import dev.webnn.engine.ValidationError;
import dev.webnn.engine.ops.Cast;
import dev.webnn.engine.ops.ElementwiseBinary;
import dev.webnn.engine.ops.ElementwiseUnary;
import dev.webnn.engine.ops.Matmul;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.ops.Reshape;
import java.util.Locale;

/** Maps an MLGraphBuilder method name and its converted options to the engine's op record. */
final class OpFactory {
    private OpFactory() {
    }

    static Op create(String name, Attributes attributes, String label) {
        ElementwiseBinary.Kind binary = enumOrNull(ElementwiseBinary.Kind.class, name);
        if (binary != null) {
            return new ElementwiseBinary(binary);
        }
        ElementwiseUnary.Kind unary = enumOrNull(ElementwiseUnary.Kind.class, name);
        if (unary != null) {
            return new ElementwiseUnary(unary);
        }
        return switch (name) {
            case "reshape" -> new Reshape(attributes.longs("newShape"));
            case "matmul" -> new Matmul();
            case "cast" -> new Cast(attributes.dataType("type", label));
            default -> throw new ValidationError(label, "the operator '" + name + "' is not supported yet");
        };
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String webnnName) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(webnnName)) {
                return constant;
            }
        }
        return null;
    }
}
