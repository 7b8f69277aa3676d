package dev.webnn.cli;

import dev.webnn.engine.runtime.ContextOptions;
import dev.webnn.engine.runtime.WebNNContext;
import dev.webnn.js.Realm;
import java.io.PrintStream;
import org.graalvm.polyglot.Engine;

/** {@code ./webnn info}: what this installation runs on. */
final class InfoCommand {
    private InfoCommand() {
    }

    static int run(PrintStream out) {
        String version = InfoCommand.class.getPackage().getImplementationVersion();
        out.println("webnn-java   " + (version == null ? "development build" : version));
        out.println("JDK          " + System.getProperty("java.vm.name") + " " + Runtime.version()
                + " (" + System.getProperty("java.home") + ")");
        try (Engine engine = Realm.newSharedEngine()) {
            out.println("GraalJS      " + engine.getLanguages().get("js").getVersion() + " (polyglot "
                    + engine.getVersion() + "), runtime: " + engine.getImplementationName());
            out.println("JS JIT       " + (Realm.isJitAvailable(engine)
                    ? "on (Graal compiler on the upgrade module path)"
                    : "off: interpreted (the JDK could not load the Graal compiler)"));
        }
        out.println("CPU          " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.arch") + ", " + System.getProperty("os.name"));
        out.println("Backends:");
        for (String deviceType : new String[] {"cpu", "gpu", "npu"}) {
            WebNNContext context = WebNNContext.create(new ContextOptions(deviceType, "default", true));
            try {
                out.println("  deviceType " + deviceType + " -> backend '" + context.backend().name() + "'");
            } finally {
                context.destroy();
            }
        }
        return 0;
    }
}
