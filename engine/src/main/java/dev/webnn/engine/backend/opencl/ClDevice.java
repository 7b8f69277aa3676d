package dev.webnn.engine.backend.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_LOCAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_CLOCK_FREQUENCY;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VENDOR;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_DRIVER_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.CL_PLATFORM_VERSION;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.CL_DEVICE_SINGLE_FP_CONFIG;
import static org.jocl.CL.CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseProgram;

import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.WebNNException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;

/**
 * One OpenCL device with the process-wide state every context on it shares: the cl_context and the cache of built
 * programs (a kernel source is compiled once per process, whatever graph asks for it). Devices are discovered once.
 */
public final class ClDevice {
    /** What the runtime reports about a device; enough to choose one and to list it. */
    public record Info(int platformIndex, int deviceIndex, String platform, String platformVersion, String name,
                       String vendor, String type, String version, String driver, int computeUnits, int clockMHz,
                       long globalMemory, long maxAllocation, long localMemory, long maxWorkGroupSize,
                       boolean fp16, boolean fp64) {
        public boolean isGpu() {
            return type.equals("GPU");
        }

        public String describe() {
            return String.format(Locale.ROOT, "[%d:%d] %s %s (%s; %s; %d compute units @ %d MHz; %d MiB, max buffer "
                            + "%d MiB; fp16 %s)", platformIndex, deviceIndex, type, name, platform, version, computeUnits,
                    clockMHz, globalMemory >> 20, maxAllocation >> 20, fp16 ? "yes" : "no");
        }
    }

    /** The devices found, or why none could be looked for. */
    public record Discovery(List<ClDevice> devices, String problem) {
    }

    private static volatile Discovery discovery;

    private final Info info;
    private final cl_platform_id platform;
    private final cl_device_id device;
    private volatile cl_context context;
    /** Each source's build, claimed by the first thread that needs it; others wait for that one build only. */
    private final Map<String, CompletableFuture<Built>> programs = new ConcurrentHashMap<>();
    /** Correctly rounded float division and sqrt where the device offers them, as the reference computes. */
    private final String buildOptions;

    private ClDevice(Info info, cl_platform_id platform, cl_device_id device) {
        this.info = info;
        this.platform = platform;
        this.device = device;
        long fp = longInfo(device, CL_DEVICE_SINGLE_FP_CONFIG);
        this.buildOptions = (fp & CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) != 0 ? "-cl-fp32-correctly-rounded-divide-sqrt" : "";
    }

    public Info info() {
        return info;
    }

    cl_device_id id() {
        return device;
    }

    /** Every OpenCL device of every platform; never throws (a missing loader or ICD is reported as the problem). */
    public static Discovery discover() {
        Discovery found = discovery;
        if (found == null) {
            synchronized (ClDevice.class) {
                found = discovery;
                if (found == null) {
                    found = JvmSignalHandlers.preservedAcross(ClDevice::discoverNow);
                    discovery = found;
                }
            }
        }
        return found;
    }

    private static Discovery discoverNow() {
        try {
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            clGetPlatformIDs(0, null, count);
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            clGetPlatformIDs(platforms.length, platforms, null);
            List<ClDevice> devices = new ArrayList<>();
            for (int p = 0; p < platforms.length; p++) {
                int[] deviceCount = new int[1];
                try {
                    clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, 0, null, deviceCount);
                } catch (CLException e) {
                    continue; // CL_DEVICE_NOT_FOUND: a platform without devices
                }
                cl_device_id[] ids = new cl_device_id[deviceCount[0]];
                clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, ids.length, ids, null);
                for (int d = 0; d < ids.length; d++) {
                    devices.add(new ClDevice(describe(p, d, platforms[p], ids[d]), platforms[p], ids[d]));
                }
            }
            return new Discovery(List.copyOf(devices), devices.isEmpty() ? "no OpenCL device found" : null);
        } catch (CLException e) {
            return new Discovery(List.of(), "no OpenCL platform (" + e.getMessage()
                    + "); install an ICD, e.g. Debian's pocl-opencl-icd, or a GPU driver's");
        } catch (Throwable e) {
            // UnsatisfiedLinkError and friends: no libOpenCL.so.1, or JOCL has no native library for this system.
            return new Discovery(List.of(), "the OpenCL loader could not be used (" + e
                    + "); install ocl-icd-libopencl1 and an ICD");
        }
    }

    private static Info describe(int p, int d, cl_platform_id platform, cl_device_id id) {
        long type = longInfo(id, CL_DEVICE_TYPE);
        String typeName = (type & CL_DEVICE_TYPE_GPU) != 0 ? "GPU" : (type & CL_DEVICE_TYPE_CPU) != 0 ? "CPU" : "OTHER";
        String extensions = stringInfo(id, CL_DEVICE_EXTENSIONS);
        return new Info(p, d, platformString(platform, CL_PLATFORM_NAME), platformString(platform, CL_PLATFORM_VERSION),
                stringInfo(id, CL_DEVICE_NAME), stringInfo(id, CL_DEVICE_VENDOR), typeName,
                stringInfo(id, CL_DEVICE_VERSION), stringInfo(id, CL_DRIVER_VERSION),
                intInfo(id, CL_DEVICE_MAX_COMPUTE_UNITS), intInfo(id, CL_DEVICE_MAX_CLOCK_FREQUENCY),
                longInfo(id, CL_DEVICE_GLOBAL_MEM_SIZE), longInfo(id, CL_DEVICE_MAX_MEM_ALLOC_SIZE),
                longInfo(id, CL_DEVICE_LOCAL_MEM_SIZE), sizeInfo(id, CL_DEVICE_MAX_WORK_GROUP_SIZE),
                extensions.contains("cl_khr_fp16"), extensions.contains("cl_khr_fp64"));
    }

    /**
     * The device a GPU-preferring context gets: a device named by {@code WEBNN_OPENCL_DEVICE} (or the system
     * property {@code webnn.opencl.device}: "platform:device" indices or a substring of the name), else the GPU with
     * the most compute throughput, else a CPU device such as PoCL's, so the OpenCL path always runs somewhere.
     */
    public static ClDevice preferred() {
        Discovery found = discover();
        if (found.devices().isEmpty()) {
            throw new WebNNException(ErrorKind.NOT_SUPPORTED, "OpenCL is not available: " + found.problem() + ".");
        }
        String wanted = System.getProperty("webnn.opencl.device", System.getenv("WEBNN_OPENCL_DEVICE"));
        if (wanted != null && !wanted.isBlank()) {
            for (ClDevice device : found.devices()) {
                Info i = device.info;
                if ((i.platformIndex + ":" + i.deviceIndex).equals(wanted.trim())
                        || i.name.toLowerCase(Locale.ROOT).contains(wanted.trim().toLowerCase(Locale.ROOT))) {
                    return device;
                }
            }
            throw new WebNNException(ErrorKind.NOT_SUPPORTED, "No OpenCL device matches '" + wanted + "'.");
        }
        return found.devices().stream().max(Comparator
                .comparingInt((ClDevice c) -> c.info.isGpu() ? 2 : c.info.type.equals("CPU") ? 1 : 0)
                .thenComparingLong(c -> (long) c.info.computeUnits * Math.max(1, c.info.clockMHz))
                .thenComparingLong(c -> c.info.globalMemory)).orElseThrow();
    }

    /** The shared cl_context, created on first use. */
    cl_context context() {
        cl_context c = context;
        if (c == null) {
            synchronized (this) {
                c = context;
                if (c == null) {
                    cl_context_properties properties = new cl_context_properties();
                    properties.addProperty(CL_CONTEXT_PLATFORM, platform);
                    c = clCreateContext(properties, 1, new cl_device_id[] {device}, null, null, null);
                    context = c;
                }
            }
        }
        return c;
    }

    /** A kernel source's program and the name of its kernel there. */
    private record Built(cl_program program, String kernelName) {
    }

    /** Kernels per program when many are built at once; each build has a fixed cost (PoCL links its library). */
    private static final int BATCH = 64;

    /** A new kernel object for a generated source (whose kernel is named k), building the source if not cached. */
    cl_kernel kernel(String source) {
        prebuild(List.of(source));
        Built built = programs.get(source).join();
        return clCreateKernel(built.program, built.kernelName, null);
    }

    /**
     * Builds the sources not yet cached, many kernels to a program (renamed k0, k1, ... after one shared preamble).
     * A batch that fails is built again source by source, so that the error names the kernel at fault. Builds of
     * different sources run at once (a GPU driver's compiler takes tens of milliseconds a program, and parallel WPT
     * jobs each need their own); a source another thread is building is waited for, not built twice.
     */
    void prebuild(java.util.Collection<String> sources) {
        // This call's own claims: only these futures does it complete or drop, never another thread's later claim.
        Map<String, CompletableFuture<Built>> claimed = new LinkedHashMap<>();
        List<CompletableFuture<Built>> waited = new ArrayList<>();
        for (String source : sources.stream().distinct().toList()) {
            CompletableFuture<Built> mine = new CompletableFuture<>();
            CompletableFuture<Built> existing = programs.putIfAbsent(source, mine);
            if (existing == null) {
                claimed.put(source, mine);
            }
            waited.add(existing == null ? mine : existing);
        }
        List<String> toBuild = List.copyOf(claimed.keySet());
        try {
            for (int from = 0; from < toBuild.size(); from += BATCH) {
                buildBatch(toBuild.subList(from, Math.min(toBuild.size(), from + BATCH)), claimed);
            }
        } finally {
            // Never leave a waiter hanging, even on an Error.
            IllegalStateException interrupted = new IllegalStateException("OpenCL build interrupted");
            claimed.forEach((source, claim) -> fail(source, claim, interrupted));
        }
        for (CompletableFuture<Built> future : waited) {
            try {
                future.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }

    /** Each source's outcome lands in its own future; a failed one is dropped from the cache, so it is retried. */
    private void buildBatch(List<String> batch, Map<String, CompletableFuture<Built>> claimed) {
        if (batch.size() > 1 && batch.stream().allMatch(source -> source.startsWith(Preamble.TEXT))) {
            StringBuilder combined = new StringBuilder(Preamble.TEXT);
            for (int i = 0; i < batch.size(); i++) {
                combined.append(batch.get(i).substring(Preamble.TEXT.length()).replaceFirst("\\bvoid k\\(",
                        "void k" + i + "(")).append('\n');
            }
            cl_program program = null;
            try {
                program = build(combined.toString());
            } catch (IllegalStateException e) {
                // Built again one by one below, so that the error names the kernel at fault.
            }
            if (program != null) {
                for (int i = 0; i < batch.size(); i++) {
                    claimed.get(batch.get(i)).complete(new Built(program, "k" + i));
                }
                return;
            }
        }
        for (String source : batch) {
            try {
                claimed.get(source).complete(new Built(build(source), "k"));
            } catch (RuntimeException e) {
                fail(source, claimed.get(source), e);
            }
        }
    }

    /** Fails this claim unless it already has an outcome, and drops it from the cache so a later graph retries. */
    private void fail(String source, CompletableFuture<Built> claim, RuntimeException e) {
        if (claim.completeExceptionally(e)) {
            programs.remove(source, claim);
        }
    }

    private cl_program build(String source) {
        for (int attempt = 1; ; attempt++) {
            cl_program program = clCreateProgramWithSource(context(), 1, new String[] {source}, null, null);
            try {
                return JvmSignalHandlers.preservedAcross(() -> {
                    clBuildProgram(program, 1, new cl_device_id[] {device}, buildOptions, null, null);
                    return program;
                });
            } catch (CLException e) {
                String log = buildLog(program);
                clReleaseProgram(program);
                // PoCL's kernel cache can lose a temporary file while it compiles on other threads: build again.
                if (attempt < 3 && log.contains("unable to rename temporary")) {
                    continue;
                }
                throw buildFailure(e, log, source);
            }
        }
    }

    private static IllegalStateException buildFailure(CLException e, String log, String source) {
        String first = log.lines().filter(line -> line.contains("error")).findFirst().orElse(e.getMessage());
        return new IllegalStateException("OpenCL could not build a generated kernel: " + first + "\n" + log
                + "\n--- source ---\n" + source);
    }

    int cachedKernels() {
        return programs.size();
    }

    private String buildLog(cl_program program) {
        long[] size = new long[1];
        clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, bytes.length, Pointer.to(bytes), null);
        return text(bytes);
    }

    private static String stringInfo(cl_device_id id, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(id, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        clGetDeviceInfo(id, param, bytes.length, Pointer.to(bytes), null);
        return text(bytes);
    }

    private static String platformString(cl_platform_id id, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(id, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        clGetPlatformInfo(id, param, bytes.length, Pointer.to(bytes), null);
        return text(bytes);
    }

    private static String text(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8).trim();
    }

    private static int intInfo(cl_device_id id, int param) {
        int[] value = new int[1];
        clGetDeviceInfo(id, param, Sizeof.cl_uint, Pointer.to(value), null);
        return value[0];
    }

    private static long longInfo(cl_device_id id, int param) {
        long[] value = new long[1];
        clGetDeviceInfo(id, param, Sizeof.cl_ulong, Pointer.to(value), null);
        return value[0];
    }

    private static long sizeInfo(cl_device_id id, int param) {
        long[] value = new long[1];
        clGetDeviceInfo(id, param, Sizeof.size_t, Pointer.to(value), null);
        return value[0];
    }
}
