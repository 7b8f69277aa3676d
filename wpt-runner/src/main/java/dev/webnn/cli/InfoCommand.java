package dev.webnn.cli;

import dev.webnn.engine.backend.Backends;
import dev.webnn.engine.backend.opencl.ClDevice;
import dev.webnn.engine.backend.opencl.OpenCLBackend;
import dev.webnn.engine.runtime.ContextOptions;
import dev.webnn.engine.runtime.WebNNContext;
import dev.webnn.js.Realm;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        ClDevice.Discovery discovery = ClDevice.discover();
        out.println("OpenCL       " + (discovery.devices().isEmpty() ? "unavailable: " + discovery.problem()
                : discovery.devices().size() + " device(s)"));
        for (ClDevice device : discovery.devices()) {
            out.println("  " + device.info().describe() + ", driver " + device.info().driver());
        }
        String forced = Backends.forced();
        out.println("Backends     " + Backends.names() + (forced == null ? "" : ", forced: " + forced));
        for (ContextOptions options : new ContextOptions[] {new ContextOptions("cpu", "default", true),
                new ContextOptions("gpu", "default", true), new ContextOptions("npu", "default", true),
                new ContextOptions("cpu", "high-performance", true), new ContextOptions("gpu", "default", false)}) {
            String choice;
            try {
                WebNNContext context = WebNNContext.create(options);
                choice = "backend '" + context.backend().name() + "'" + (context.backend() instanceof OpenCLBackend cl
                        ? " on " + cl.device().info().name() : "");
                context.destroy();
            } catch (RuntimeException e) {
                choice = "error: " + e.getMessage();
            }
            out.println("  deviceType " + options.deviceType()
                    + (options.powerPreference().equals("default") ? "" : ", powerPreference " + options.powerPreference())
                    + (options.accelerated() ? "" : ", accelerated false") + " -> " + choice);
        }
        if (!discovery.devices().isEmpty()) {
            Map<String, List<String>> byPlace = new TreeMap<>();
            OpenCLBackend.placement().forEach((op, place) -> byPlace.computeIfAbsent(place, k -> new ArrayList<>()).add(op));
            out.println("OpenCL ops   (the rest of an OpenCL graph runs on the CPU, with the reference kernels)");
            byPlace.forEach((place, ops) -> out.println("  " + place + " (" + ops.size() + "): " + String.join(" ", ops)));
        }
        return 0;
    }
}
