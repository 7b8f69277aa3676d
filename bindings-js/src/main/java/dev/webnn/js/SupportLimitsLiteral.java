package dev.webnn.js;

import dev.webnn.engine.DataType;
import dev.webnn.engine.backend.OpSupportLimits;
import dev.webnn.engine.backend.TensorLimits;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Source;

/**
 * The spec's MLOpSupportLimits dictionary as a JS function that returns a fresh copy on each call, as
 * {@code opSupportLimits()} must. The function's body is one object literal: GraalJS builds it from shapes cached in
 * the parsed literal, several times faster than JSON.parse reads the same 27 KB (validation tests call
 * opSupportLimits() hundreds of times per file), and an Engine shared by many realms parses each distinct one once.
 */
final class SupportLimitsLiteral {
    private static final Map<String, Source> FACTORIES = new ConcurrentHashMap<>();

    private SupportLimitsLiteral() {
    }

    /**
     * The limits last asked for and their Source: backends hand out one limits object for all their contexts, so most
     * contexts skip writing the 27 KB literal again (in a WPT run, one context per test).
     */
    private record Last(OpSupportLimits limits, Source source) {
    }

    private static volatile Last last;

    /** A script whose completion value is the function; realms of one Engine get the same cached Source. */
    static Source factory(OpSupportLimits limits) {
        Last seen = last;
        if (seen != null && seen.limits() == limits) {
            return seen.source();
        }
        Source source = FACTORIES.computeIfAbsent(write(limits), text -> Source.newBuilder("js",
                "(function opSupportLimits() {\n  return " + text + ";\n})", "webnn:op-support-limits.js")
                .cached(true).buildLiteral());
        last = new Last(limits, source);
        return source;
    }

    static String write(OpSupportLimits limits) {
        StringBuilder js = new StringBuilder("{");
        js.append("\"preferredInputLayout\":\"").append(limits.preferredInputLayout()).append("\",");
        js.append("\"maxTensorByteLength\":").append(limits.maxTensorByteLength()).append(',');
        js.append("\"input\":");
        tensor(js, limits.input());
        js.append(",\"constant\":");
        tensor(js, limits.constant());
        js.append(",\"output\":");
        tensor(js, limits.output());
        for (Map.Entry<String, Map<String, TensorLimits>> op : limits.ops().entrySet()) {
            js.append(',');
            key(js, op.getKey());
            js.append(":{");
            boolean first = true;
            for (Map.Entry<String, TensorLimits> operand : op.getValue().entrySet()) {
                js.append(first ? "" : ",");
                key(js, operand.getKey());
                js.append(':');
                tensor(js, operand.getValue());
                first = false;
            }
            js.append('}');
        }
        return js.append('}').toString();
    }

    /**
     * A property name as a dictionary member: a literal's {@code "__proto__": v} would set the prototype, so that one
     * name is written as a computed key, which defines an own property as JSON.parse does.
     */
    private static void key(StringBuilder js, String name) {
        if (!name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
            throw new IllegalArgumentException("unexpected op or operand name " + name);
        }
        js.append(name.equals("__proto__") ? "[\"__proto__\"]" : "\"" + name + "\"");
    }

    private static void tensor(StringBuilder js, TensorLimits limits) {
        js.append("{\"dataTypes\":[");
        boolean first = true;
        for (DataType type : DataType.values()) {
            if (limits.dataTypes().contains(type)) {
                js.append(first ? "" : ",").append('"').append(type.webnnName()).append('"');
                first = false;
            }
        }
        js.append("],\"rankRange\":{\"min\":").append(limits.minRank()).append(",\"max\":").append(limits.maxRank())
                .append("}}");
    }
}
