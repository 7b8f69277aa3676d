package dev.webnn.js.ops;

import dev.webnn.engine.ops.Cast;
import dev.webnn.engine.ops.Clamp;
import dev.webnn.engine.ops.DequantizeLinear;
import dev.webnn.engine.ops.ElementwiseBinary;
import dev.webnn.engine.ops.ElementwiseLogical;
import dev.webnn.engine.ops.ElementwiseUnary;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.ops.Prelu;
import dev.webnn.engine.ops.QuantizeLinear;
import dev.webnn.engine.ops.ScalarActivation;
import dev.webnn.engine.ops.Where;
import java.math.BigInteger;

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
        for (ElementwiseUnary.Kind unary : ElementwiseUnary.Kind.values()) {
            if (unary.methodName().equals(name)) {
                return new ElementwiseUnary(unary);
            }
        }
        ElementwiseLogical.Kind logical = ElementwiseLogical.Kind.fromMethodName(name);
        if (logical != null) {
            return new ElementwiseLogical(logical);
        }
        // The shim has applied the WebIDL defaults, so every parameter is present.
        return switch (name) {
            case "elu" -> ScalarActivation.elu(attributes.number("alpha"));
            case "hardSigmoid" -> ScalarActivation.hardSigmoid(attributes.number("alpha"), attributes.number("beta"));
            case "leakyRelu" -> ScalarActivation.leakyRelu(attributes.number("alpha"));
            case "linear" -> ScalarActivation.linear(attributes.number("alpha"), attributes.number("beta"));
            case "clamp" -> new Clamp(mlNumber(attributes, "minValue"), mlNumber(attributes, "maxValue"));
            case "prelu" -> new Prelu();
            case "where" -> new Where();
            case "quantizeLinear" -> new QuantizeLinear();
            case "dequantizeLinear" -> new DequantizeLinear();
            case "cast" -> new Cast(attributes.dataType("type", label));
            default -> null;
        };
    }

    /**
     * An MLNumber member, or null when absent. The shim passes a BigInt as a decimal string in NAME + "BigInt", so
     * that it keeps every digit and never passes for a double.
     */
    private static Number mlNumber(Attributes attributes, String name) {
        String bigint = name + "BigInt";
        if (attributes.has(bigint)) {
            return new BigInteger(attributes.string(bigint));
        }
        return attributes.has(name) ? attributes.number(name) : null;
    }
}
