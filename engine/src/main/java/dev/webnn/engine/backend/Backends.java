package dev.webnn.engine.backend;

import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.backend.cpu.CpuBackend;
import dev.webnn.engine.backend.opencl.ClDevice;
import dev.webnn.engine.backend.opencl.OpenCLBackend;
import dev.webnn.engine.backend.reference.ReferenceBackend;
import dev.webnn.engine.runtime.ContextOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The backends a user can name (the CLI's --backend, a realm's forced backend), and the one place that maps
 * context options to a backend:
 *
 * <ul>
 *   <li>A forced choice wins: the system property {@code webnn.backend}, else the environment variable
 *       {@code WEBNN_BACKEND} (a realm's forced backend is applied by its caller, through {@link #named}).</li>
 *   <li>A GPU hint ({@code deviceType: "gpu"}) or {@code powerPreference: "high-performance"}, unless
 *       {@code accelerated} is false, takes OpenCL on the best device ({@link ClDevice#preferred()}: a GPU, else a CPU
 *       device such as PoCL's) when an OpenCL device exists.</li>
 *   <li>Everything else takes the CPU: {@link #cpu()}.</li>
 * </ul>
 */
public final class Backends {
    public static final String PROPERTY = "webnn.backend";
    public static final String ENVIRONMENT = "WEBNN_BACKEND";

    private static final Map<String, Supplier<Backend>> NAMED = new LinkedHashMap<>();
    private static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    static {
        NAMED.put("reference", ReferenceBackend::new);
        if (VECTOR_API) {
            NAMED.put("cpu", CpuBackend::new);
        }
        NAMED.put("opencl", OpenCLBackend::create);
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

    /** The named backends this machine can run now (opencl needs an OpenCL device). */
    public static List<String> available() {
        return names().stream().filter(name -> !name.equals("opencl") || !ClDevice.discover().devices().isEmpty())
                .toList();
    }

    /**
     * @throws WebNNException of kind NOT_SUPPORTED naming the backends there are, for an unknown name, or saying
     *                        why a known one cannot run here
     */
    public static Backend named(String name) {
        Supplier<Backend> backend = NAMED.get(name);
        if (backend == null) {
            throw new WebNNException(ErrorKind.NOT_SUPPORTED,
                    "There is no backend '" + name + "'; the backends are " + String.join(", ", names()) + ".");
        }
        return backend.get();
    }

    /** The backend for a context with these options (see the class comment). */
    public static Backend select(ContextOptions options) {
        String forced = forced();
        if (forced != null) {
            return named(forced);
        }
        if (options.accelerated() && ("gpu".equals(options.deviceType())
                || "high-performance".equals(options.powerPreference()))
                && !ClDevice.discover().devices().isEmpty()) {
            return OpenCLBackend.create();
        }
        return cpu();
    }

    /** The backend forced by the property or the environment, or null. */
    public static String forced() {
        String name = System.getProperty(PROPERTY);
        if (name == null || name.isBlank()) {
            name = System.getenv(ENVIRONMENT);
        }
        return name == null || name.isBlank() ? null : name.trim().toLowerCase(Locale.ROOT);
    }
}
