package dev.webnn.js.ops;

import dev.webnn.engine.ValidationError;
import dev.webnn.engine.ops.Conv2d;
import dev.webnn.engine.ops.ConvTranspose2d;
import dev.webnn.engine.ops.Gemm;
import dev.webnn.engine.ops.InputLayout;
import dev.webnn.engine.ops.Matmul;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.ops.Pool2d;
import dev.webnn.engine.ops.Resample2d;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the engine op records of the Linear-algebra family: matmul, gemm, conv2d, convTranspose2d, pools,
 * resample2d. The shim has applied the WebIDL defaults of scalar members; list members it passes only when given,
 * since the engine's validators apply their defaults and check their lengths.
 */
public final class LinearAlgebraDecoders {
    private LinearAlgebraDecoders() {
    }

    /** The op for this builder method, or null when the method is not of this family. */
    public static Op create(String name, Attributes attributes, String label) {
        Pool2d.Kind pool = OpNames.kindOrNull(Pool2d.Kind.class, name);
        if (pool != null) {
            return new Pool2d(pool, list(attributes, "windowDimensions"), list(attributes, "padding"),
                    list(attributes, "strides"), list(attributes, "dilations"), layout(attributes, "layout", label),
                    enumValue(Pool2d.Rounding.class, attributes, "outputShapeRounding", label),
                    list(attributes, "outputSizes"));
        }
        return switch (name) {
            case "matmul" -> new Matmul();
            case "gemm" -> new Gemm(attributes.number("alpha"), attributes.number("beta"),
                    attributes.bool("aTranspose"), attributes.bool("bTranspose"));
            case "conv2d" -> new Conv2d(list(attributes, "padding"), list(attributes, "strides"),
                    list(attributes, "dilations"), attributes.integer("groups"),
                    layout(attributes, "inputLayout", label),
                    enumValue(Conv2d.FilterLayout.class, attributes, "filterLayout", label));
            case "convTranspose2d" -> new ConvTranspose2d(list(attributes, "padding"), list(attributes, "strides"),
                    list(attributes, "dilations"), list(attributes, "outputPadding"),
                    list(attributes, "outputSizes"), attributes.integer("groups"),
                    layout(attributes, "inputLayout", label),
                    enumValue(ConvTranspose2d.FilterLayout.class, attributes, "filterLayout", label));
            case "resample2d" -> new Resample2d(mode(attributes, label), scales(attributes),
                    list(attributes, "sizes"), list(attributes, "axes"));
            default -> null;
        };
    }

    private static List<Long> list(Attributes attributes, String name) {
        if (!attributes.has(name)) {
            return null;
        }
        List<Long> values = new ArrayList<>();
        for (long v : attributes.longs(name)) {
            values.add(v);
        }
        return values;
    }

    private static List<Double> scales(Attributes attributes) {
        if (!attributes.has("scales")) {
            return null;
        }
        List<Double> values = new ArrayList<>();
        for (double v : attributes.numbers("scales")) {
            values.add(v);
        }
        return values;
    }

    private static InputLayout layout(Attributes attributes, String name, String label) {
        return enumValue(InputLayout.class, attributes, name, label);
    }

    private static Resample2d.Mode mode(Attributes attributes, String label) {
        Resample2d.Mode mode = Resample2d.Mode.fromWebnnName(attributes.string("mode"));
        if (mode == null) {
            throw new ValidationError(label, "unknown interpolation mode '" + attributes.string("mode") + "'");
        }
        return mode;
    }

    /** An enum member whose WebIDL values are the constants' names in lower case. */
    private static <E extends Enum<E>> E enumValue(Class<E> type, Attributes attributes, String name, String label) {
        String value = attributes.string(name);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                return constant;
            }
        }
        throw new ValidationError(label, "unknown " + name + " '" + value + "'");
    }
}
