package dev.webnn.cli;

import dev.webnn.js.JsError;
import dev.webnn.js.LoopResult;
import dev.webnn.js.Realm;
import dev.webnn.js.RealmOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./webnn run FILE [ARGS...]}: one realm, the file as a classic script ({@code .js}) or an ES module
 * ({@code .mjs}), then the event loop until nothing is pending. Exit 1 on any uncaught error or unhandled rejection.
 */
final class RunCommand {
    private RunCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("webnn run: missing FILE (usage: webnn run FILE.js|FILE.mjs [ARGS...])");
            return 2;
        }
        Path file = Path.of(args[0]).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            err.println("webnn run: no such file: " + args[0]);
            return 2;
        }
        List<String> scriptArgs = Arrays.asList(args).subList(1, args.length);
        RealmOptions options = RealmOptions.defaults()
                .url(file.toUri().toString())
                .console(out::println)
                .readRoot(file.getParent());
        try (Realm realm = Realm.create(options)) {
            JitStatus.warnIfInterpreted(realm.engine(), err);
            realm.defineGlobalStrings("scriptArgs", scriptArgs);
            try {
                if (file.getFileName().toString().endsWith(".mjs")) {
                    realm.evalModule(file);
                } else {
                    realm.evalScript(file.toString(), Files.readString(file));
                }
            } catch (JsError e) {
                err.println("Uncaught " + e.jsStack());
                return 1;
            }
            LoopResult result = realm.runEventLoop(() -> false, Long.MAX_VALUE / 2_000_000);
            List<JsError> errors = realm.uncaughtErrors();
            for (JsError e : errors) {
                err.println("Uncaught " + e.jsStack());
            }
            if (result == LoopResult.TIMEOUT) {
                err.println("webnn run: stopped");
                return 1;
            }
            return errors.isEmpty() ? 0 : 1;
        } catch (IOException e) {
            err.println("webnn run: cannot read " + args[0] + ": " + e.getMessage());
            return 2;
        }
    }

}
