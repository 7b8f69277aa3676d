package dev.webnn.cli;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** One WebNN operation run by the profiler, as a JFR event (view with {@code jfr print --events dev.webnn.Op}). */
@Name("dev.webnn.Op")
@Label("WebNN Operation")
@Category({"WebNN"})
@Description("One operation of a WebNN graph, run alone on its backend by ./webnn graph --profile")
final class OpEvent extends jdk.jfr.Event {
    @Label("Graph")
    int graph;

    @Label("Index")
    @Description("The operation's position in the graph's topological order")
    int index;

    @Label("Operation")
    String op;

    @Label("Label")
    String label;

    @Label("Inputs")
    String inputs;

    @Label("Output")
    String output;

    @Label("Backend")
    String backend;
}
