package dev.webnn.cli;

import dev.webnn.engine.runtime.CompiledGraph;
import dev.webnn.js.RealmOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;

/**
 * {@code ./webnn graph [OPTIONS] FILE.mjs [--export NAME] [--profile] [--runs N] [-- ARGS...]}: runs the module as
 * {@code run} does, keeping every graph it builds, then writes each as DOT (and SVG when Graphviz's {@code dot} is
 * installed) and/or times it op by op, printing a table and writing the runs as JFR events.
 */
final class GraphCommand {
    static final String USAGE = """
            usage: webnn graph [OPTIONS] FILE.mjs [--export NAME] [--profile] [--runs N] [-- ARGS...]
              --export NAME       write NAME.dot (and NAME.svg with Graphviz); NAME-2.dot ... for further graphs
              --profile           time each op on the graph's backend; print a table; write NAME.jfr (or
                                  webnn-profile.jfr) with one dev.webnn.Op event per op run
              --runs N            runs per op when profiling (default 5; the median is shown)
            """ + ScriptOptions.HELP;

    private GraphCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        ScriptOptions options = new ScriptOptions();
        String export = null;
        boolean profile = false;
        int runs = 5;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--")) {
                    options.scriptArgs.addAll(List.of(args).subList(i + 1, args.length));
                    break;
                }
                switch (arg) {
                    case "--export" -> export = value(args, ++i, arg);
                    case "--profile" -> profile = true;
                    case "--runs" -> runs = positive(value(args, ++i, arg), arg);
                    default -> {
                        int used = arg.startsWith("--") ? options.parseOption(args, i) : 0;
                        if (used > 0) {
                            i += used - 1;
                        } else if (arg.startsWith("--")) {
                            throw new ScriptOptions.UsageError("unknown option " + arg);
                        } else if (options.script == null) {
                            options.script = arg;
                        } else {
                            throw new ScriptOptions.UsageError("one FILE only (script arguments go after --): " + arg);
                        }
                    }
                }
            }
            if (options.script == null) {
                throw new ScriptOptions.UsageError("missing FILE");
            }
            if (export == null && !profile) {
                throw new ScriptOptions.UsageError("say what to do with the graphs: --export NAME and/or --profile");
            }
            List<CompiledGraph> graphs = new ArrayList<>();
            RealmOptions realmOptions = options.realmOptions(out, err).onGraphBuilt(graphs::add);
            int status = RunCommand.runScript(options, realmOptions, err);
            if (graphs.isEmpty()) {
                err.println("webnn graph: " + options.script + " built no graph (no MLGraphBuilder.build() finished)");
                return status != 0 ? status : 1;
            }
            if (export != null) {
                exportGraphs(graphs, export, out, err);
            }
            if (profile) {
                profileGraphs(graphs, export == null ? "webnn-profile" : export, runs, out);
            }
            return status;
        } catch (ScriptOptions.UsageError e) {
            err.println("webnn graph: " + e.getMessage());
            if (e.showUsage) {
                err.print(USAGE);
            }
            return 2;
        } catch (IOException e) {
            err.println("webnn graph: cannot write: " + e.getMessage());
            return 2;
        }
    }

    private static String value(String[] args, int i, String option) throws ScriptOptions.UsageError {
        if (i >= args.length) {
            throw new ScriptOptions.UsageError(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String text, String option) throws ScriptOptions.UsageError {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ScriptOptions.UsageError(option + " needs a positive whole number, not '" + text + "'");
    }

    private static String nameFor(String base, int index) {
        return index == 0 ? base : base + "-" + (index + 1);
    }

    private static void exportGraphs(List<CompiledGraph> graphs, String base, PrintStream out, PrintStream err)
            throws IOException {
        boolean graphviz = hasGraphviz();
        for (int i = 0; i < graphs.size(); i++) {
            String name = nameFor(base, i);
            Path dot = Path.of(name + ".dot").toAbsolutePath();
            Path parent = dot.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(dot, GraphDot.write(graphs.get(i).graph(), Path.of(name).getFileName().toString()));
            out.println("wrote " + dot);
            if (graphviz) {
                Path svg = Path.of(name + ".svg").toAbsolutePath();
                if (renderSvg(dot, svg)) {
                    out.println("wrote " + svg);
                } else {
                    err.println("webnn graph: Graphviz failed to render " + svg);
                }
            }
        }
        if (!graphviz) {
            err.println("webnn graph: no SVG written: Graphviz 'dot' is not installed (apt-get install graphviz)");
        }
    }

    private static boolean hasGraphviz() {
        try {
            Process p = new ProcessBuilder("dot", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean renderSvg(Path dot, Path svg) {
        try {
            Process p = new ProcessBuilder("dot", "-Tsvg", dot.toString(), "-o", svg.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void profileGraphs(List<CompiledGraph> graphs, String base, int runs, PrintStream out)
            throws IOException {
        Path jfr = Path.of(base + ".jfr").toAbsolutePath();
        try (Recording recording = new Recording()) {
            recording.enable(OpEvent.class);
            recording.start();
            for (int i = 0; i < graphs.size(); i++) {
                CompiledGraph compiled = graphs.get(i);
                GraphProfiler.Profile profile =
                        GraphProfiler.profile(compiled.graph(), compiled.context().backend(), i + 1, runs);
                GraphProfiler.print(profile, i + 1, runs, out);
            }
            recording.stop();
            recording.dump(jfr);
        }
        out.println("wrote " + jfr + " (jfr print --events dev.webnn.Op " + jfr.getFileName() + ")");
    }
}
