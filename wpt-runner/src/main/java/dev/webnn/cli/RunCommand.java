package dev.webnn.cli;

import dev.webnn.js.JsError;
import dev.webnn.js.LoopResult;
import dev.webnn.js.Realm;
import dev.webnn.js.RealmOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./webnn run [OPTIONS] FILE|URL [ARGS...]}: one realm, the file as a classic script ({@code .js}) or an ES
 * module ({@code .mjs}, or any URL), then the event loop until nothing is pending. Exit 1 on any uncaught error or
 * unhandled rejection, 2 on a usage error.
 */
final class RunCommand {
    static final String USAGE = "usage: webnn run [OPTIONS] FILE.js|FILE.mjs|URL [ARGS...]\n" + ScriptOptions.HELP;

    private RunCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        ScriptOptions options = new ScriptOptions();
        try {
            int i = 0;
            while (i < args.length && args[i].startsWith("--")) {
                int used = options.parseOption(args, i);
                if (used == 0) {
                    throw new ScriptOptions.UsageError("unknown option " + args[i]);
                }
                i += used;
            }
            if (i >= args.length) {
                throw new ScriptOptions.UsageError("missing FILE");
            }
            options.script = args[i];
            options.scriptArgs.addAll(List.of(args).subList(i + 1, args.length));
            return runScript(options, options.realmOptions(out, err), err);
        } catch (ScriptOptions.UsageError e) {
            err.println("webnn run: " + e.getMessage());
            if (e.showUsage) {
                err.print(USAGE);
            }
            return 2;
        }
    }

    /** Runs the script to the end of its event loop; 0, or 1 when JS threw or rejected without a handler. */
    static int runScript(ScriptOptions options, RealmOptions realmOptions, PrintStream err)
            throws ScriptOptions.UsageError {
        Path file = options.scriptFile();
        try (Realm realm = Realm.create(realmOptions)) {
            JitStatus.warnIfInterpreted(realm.engine(), err);
            realm.defineGlobalStrings("scriptArgs", options.scriptArgs);
            try {
                if (file == null) {
                    realm.evalModule(options.scriptUrl());
                } else if (file.getFileName().toString().endsWith(".mjs")) {
                    realm.evalModule(file);
                } else {
                    realm.evalScript(file.toString(), Files.readString(file));
                }
            } catch (JsError e) {
                err.println("Uncaught " + e.jsStack());
                if (e.jsMessage().contains(Realm.OUTSIDE_READ_GRANTS)) {
                    err.println("webnn run: --root DIR (default: the script's folder) or --read DIR makes a folder "
                            + "readable");
                }
                return 1;
            } catch (IOException e) {
                err.println("webnn run: cannot load " + options.script + ": " + e.getMessage());
                return 1;
            }
            LoopResult result = realm.runEventLoop(() -> false, options.timeoutMillis);
            List<JsError> errors = realm.uncaughtErrors();
            for (JsError e : errors) {
                err.println("Uncaught " + e.jsStack());
            }
            if (result == LoopResult.TIMEOUT) {
                err.println("webnn run: stopped after the --timeout");
                return 1;
            }
            return errors.isEmpty() ? 0 : 1;
        }
    }
}
