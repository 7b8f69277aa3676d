package dev.webnn.engine.runtime;

import dev.webnn.engine.backend.Backend;
import dev.webnn.engine.backend.cpu.CpuBackend;
import dev.webnn.engine.backend.reference.ReferenceBackend;

/** Which backend a context's options get. */
final class Backends {
    private static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Backends() {
    }

    /**
     * deviceType "cpu" (the default) gets the fast CPU backend; it needs the JVM started with
     * --add-modules jdk.incubator.vector, and without it the reference backend runs instead.
     */
    static Backend cpu() {
        return VECTOR_API ? new CpuBackend() : new ReferenceBackend();
    }
}
