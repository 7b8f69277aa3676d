package dev.webnn.engine.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import java.util.List;
import java.util.Set;

/** Picks trueValue where the uint8 condition is non-zero and falseValue elsewhere, broadcasting all three. */
public record Where() implements Op {
    public static final Set<DataType> CONDITION_TYPES = Set.of(DataType.UINT8);
    /** The spec allows any data type for trueValue; falseValue must match it. */
    public static final Set<DataType> VALUE_TYPES = OpInputs.ALL_TYPES;

    @Override
    public String opName() {
        return "where";
    }

    // https://www.w3.org/TR/webnn/#api-mlgraphbuilder-where
    @Override
    public List<OperandDescriptor> validate(String label, List<OperandDescriptor> inputs) {
        OpInputs.requireInputs(label, this, inputs, "condition", "trueValue", "falseValue");
        OperandDescriptor condition = inputs.get(0);
        OperandDescriptor trueValue = inputs.get(1);
        OperandDescriptor falseValue = inputs.get(2);
        OpInputs.requireType(label, this, "condition", condition, CONDITION_TYPES);
        OpInputs.requireType(label, this, "trueValue", trueValue, VALUE_TYPES);
        OpInputs.requireSameType(label, this, trueValue, falseValue);
        long[] values = Shapes.broadcast(label, trueValue.shape(), falseValue.shape());
        return List.of(OperandDescriptor.checked(label, trueValue.dataType(), Shapes.broadcast(label, condition.shape(), values)));
    }
}
