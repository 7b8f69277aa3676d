package dev.webnn.cli;

import dev.webnn.js.Realm;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Engine;

/** Says once per process when GraalJS had to fall back to its interpreter, and why that matters. */
public final class JitStatus {
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private JitStatus() {
    }

    public static void warnIfInterpreted(Engine engine, PrintStream err) {
        if (!Realm.isJitAvailable(engine) && WARNED.compareAndSet(false, true)) {
            err.println("webnn: note: GraalJS runs interpreted (this JDK cannot host the Graal compiler "
                    + "25.0.3); results are the same, long scripts are slower.");
        }
    }
}
