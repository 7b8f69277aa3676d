package dev.webnn.engine.backend;

import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.backend.cpu.CpuBackend;
import dev.webnn.engine.backend.reference.ReferenceBackend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The backends a user can name (the CLI's --backend, a realm's forced backend). */
public final class Backends {
    private static final Map<String, Supplier<Backend>> NAMED = new LinkedHashMap<>();
    private static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    static {
        NAMED.put("reference", ReferenceBackend::new);
        if (VECTOR_API) {
            NAMED.put("cpu", CpuBackend::new);
        }
    }

    private Backends() {
    }

    /**
     * What deviceType "cpu" (the default) gets: the cpu backend, which needs the JVM started with
     * --add-modules jdk.incubator.vector; without it, the reference backend.
     */
    public static Backend cpu() {
        return VECTOR_API ? new CpuBackend() : new ReferenceBackend();
    }

    public static List<String> names() {
        return List.copyOf(NAMED.keySet());
    }

    /** @throws WebNNException of kind NOT_SUPPORTED naming the backends there are, for an unknown name */
    public static Backend named(String name) {
        Supplier<Backend> backend = NAMED.get(name);
        if (backend == null) {
            throw new WebNNException(ErrorKind.NOT_SUPPORTED,
                    "There is no backend '" + name + "'; the backends are " + String.join(", ", names()) + ".");
        }
        return backend.get();
    }
}
