package dev.webnn.cli;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.graph.Operation;
import java.util.HashMap;
import java.util.Map;

/** A built graph in Graphviz DOT: inputs, constants, ops (with labels) and outputs, edges marked with type and shape. */
final class GraphDot {
    private GraphDot() {
    }

    static String write(Graph graph, String title) {
        StringBuilder dot = new StringBuilder();
        dot.append("digraph ").append(quote(title)).append(" {\n");
        dot.append("  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10];\n"
                + "  edge [fontname=\"Helvetica\", fontsize=8];\n");
        Map<Operand, String> producers = new HashMap<>();
        graph.inputs().forEach((name, operand) -> {
            String id = "in_" + operand.id();
            producers.put(operand, id);
            dot.append("  ").append(id).append(" [shape=box, style=filled, fillcolor=\"#d5e8d4\", label=")
                    .append(quote("input '" + name + "'\n" + describe(operand.descriptor()))).append("];\n");
        });
        for (Operand constant : graph.constants().keySet()) {
            String id = "const_" + constant.id();
            producers.put(constant, id);
            dot.append("  ").append(id).append(" [shape=box, style=\"rounded,filled\", fillcolor=\"#eeeeee\", label=")
                    .append(quote("constant\n" + describe(constant.descriptor()))).append("];\n");
        }
        int index = 0;
        for (Operation operation : graph.operations()) {
            String id = "op_" + index++;
            String label = operation.op().opName() + (operation.label().isEmpty() ? "" : "\n'" + operation.label() + "'");
            dot.append("  ").append(id).append(" [shape=ellipse, style=filled, fillcolor=\"#dae8fc\", label=")
                    .append(quote(label)).append("];\n");
            for (Operand input : operation.inputs()) {
                if (input != null) {
                    edge(dot, producers.get(input), id, input.descriptor());
                }
            }
            for (Operand output : operation.outputs()) {
                producers.put(output, id);
            }
        }
        graph.outputs().forEach((name, operand) -> {
            String id = "out_" + operand.id() + "_" + Math.abs(name.hashCode());
            dot.append("  ").append(id).append(" [shape=box, style=filled, fillcolor=\"#ffe6cc\", label=")
                    .append(quote("output '" + name + "'\n" + describe(operand.descriptor()))).append("];\n");
            edge(dot, producers.get(operand), id, operand.descriptor());
        });
        return dot.append("}\n").toString();
    }

    private static void edge(StringBuilder dot, String from, String to, OperandDescriptor descriptor) {
        dot.append("  ").append(from).append(" -> ").append(to).append(" [label=").append(quote(describe(descriptor)))
                .append("];\n");
    }

    /** "float32 [1, 3, 224, 224]" */
    static String describe(OperandDescriptor d) {
        StringBuilder s = new StringBuilder(d.dataType().webnnName()).append(" [");
        for (int i = 0; i < d.rank(); i++) {
            s.append(i == 0 ? "" : ", ").append(d.dim(i));
        }
        return s.append(']').toString();
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
