package dev.webnn.cli;

import dev.webnn.wpt.WptCommand;
import java.io.PrintStream;
import java.util.Arrays;

/** The {@code ./webnn} command line. User errors end with a message and an exit code, never a Java stack trace. */
public final class Main {
    static final String USAGE = """
            usage: webnn COMMAND [ARGS]
              run [OPTIONS] FILE.js|FILE.mjs|URL [ARGS...]
                                               run a script or an ES module in a realm with navigator.ml
              graph [OPTIONS] FILE.mjs [--export NAME] [--profile] [--runs N]
                                               run a module and export the graphs it builds as DOT/SVG, or
                                               time their ops (printed, and as JFR events)
              wpt --wpt-dir DIR [OPTIONS] [TEST...]
                                               run WebNN web-platform-tests from a WPT checkout
                                               (webnn wpt --help for the options)
              wpt merge REPORT.json...         merge wptreport files of chunks into one, on stdout
              info                             versions, JS JIT status, backends and devices
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "run" -> RunCommand.run(rest, out, err);
                case "graph" -> GraphCommand.run(rest, out, err);
                case "wpt" -> WptCommand.run(rest, out, err);
                case "info" -> InfoCommand.run(out);
                default -> {
                    err.println("webnn: unknown command '" + args[0] + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (RuntimeException | Error e) {
            // A bug of ours, not the user's: one line, and the trace only when asked for.
            err.println("webnn: internal error: " + e);
            if (System.getenv("WEBNN_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 3;
        }
    }
}
