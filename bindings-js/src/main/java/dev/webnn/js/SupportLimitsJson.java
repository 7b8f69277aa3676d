package dev.webnn.js;

import dev.webnn.engine.DataType;
import dev.webnn.engine.backend.OpSupportLimits;
import dev.webnn.engine.backend.TensorLimits;
import java.util.Map;

/** Writes {@link OpSupportLimits} as the JSON shape of the spec's MLOpSupportLimits dictionary. */
final class SupportLimitsJson {
    private SupportLimitsJson() {
    }

    static String write(OpSupportLimits limits) {
        StringBuilder json = new StringBuilder("{");
        json.append("\"preferredInputLayout\":\"").append(limits.preferredInputLayout()).append("\",");
        json.append("\"maxTensorByteLength\":").append(limits.maxTensorByteLength()).append(',');
        json.append("\"input\":");
        tensor(json, limits.input());
        json.append(",\"constant\":");
        tensor(json, limits.constant());
        json.append(",\"output\":");
        tensor(json, limits.output());
        for (Map.Entry<String, Map<String, TensorLimits>> op : limits.ops().entrySet()) {
            json.append(",\"").append(op.getKey()).append("\":{");
            boolean first = true;
            for (Map.Entry<String, TensorLimits> operand : op.getValue().entrySet()) {
                json.append(first ? "" : ",").append('"').append(operand.getKey()).append("\":");
                tensor(json, operand.getValue());
                first = false;
            }
            json.append('}');
        }
        return json.append('}').toString();
    }

    private static void tensor(StringBuilder json, TensorLimits limits) {
        json.append("{\"dataTypes\":[");
        boolean first = true;
        for (DataType type : DataType.values()) {
            if (limits.dataTypes().contains(type)) {
                json.append(first ? "" : ",").append('"').append(type.webnnName()).append('"');
                first = false;
            }
        }
        json.append("],\"rankRange\":{\"min\":").append(limits.minRank()).append(",\"max\":").append(limits.maxRank())
                .append("}}");
    }
}
