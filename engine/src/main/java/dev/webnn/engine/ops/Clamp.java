package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import java.util.List;

/**
 * Clamps every element to [minValue, maxValue]; an absent bound (null) does not clamp. The bounds are MLNumbers
 * (Double, Long, Integer or BigInteger) and are cast to the input's data type before use, as the spec says.
 */
public record Clamp(Number minValue, Number maxValue) implements Op {
    public Clamp {
        requireNumber("minValue", minValue);
        requireNumber("maxValue", maxValue);
    }

    private static void requireNumber(String name, Number value) {
        if (value != null && !MLNumbers.isMLNumber(value)) {
            throw new IllegalArgumentException(name + " must be a Double, Long, Integer or BigInteger");
        }
    }

    @Override
    public String opName() {
        return "clamp";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-clamp
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "input");
        OperandDescriptor input = inputs.get(0);
        OpInputs.requireType(label, this, "input", input, OpInputs.ALL_TYPES);
        // The WPT suite pinned by this project still expects non-finite bounds to be refused (webnn PR 647 lifts
        // that later); an infinite bound means no clamping, so refusing costs nothing.
        requireFinite(label, "minValue", minValue);
        requireFinite(label, "maxValue", maxValue);
        if (minValue != null && maxValue != null && greaterOnceCast(input.dataType(), minValue, maxValue)) {
            throw new ValidationError(label, "clamp's minValue " + minValue + " is greater than its maxValue "
                    + maxValue + " once cast to " + input.dataType().webnnName() + ".");
        }
        return List.of(input);
    }

    private static void requireFinite(String label, String name, Number value) {
        if (value != null && !MLNumbers.isFinite(value)) {
            throw new ValidationError(label, "clamp's " + name + " must be a finite number but is " + value + ".");
        }
    }

    private static boolean greaterOnceCast(DataType type, Number a, Number b) {
        if (type.isFloat()) {
            return MLNumbers.toFloat(type, a) > MLNumbers.toFloat(type, b);
        }
        return MLNumbers.compareIntegers(type, MLNumbers.toInteger(type, a), MLNumbers.toInteger(type, b)) > 0;
    }
}
