package dev.webnn.engine.backend;

import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.backend.reference.ReferenceBackend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The backends a user can name (the CLI's --backend, a realm's forced backend). */
public final class Backends {
    private static final Map<String, Supplier<Backend>> NAMED = new LinkedHashMap<>();

    static {
        NAMED.put("reference", ReferenceBackend::new);
    }

    private Backends() {
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
