package dev.webnn.engine.backend.opencl;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Keeps the JVM's signal handlers installed across the OpenCL calls that load a driver or run its compiler.
 *
 * <p>PoCL makes LLVM register its crash handlers (SIGSEGV, SIGBUS, SIGILL, SIGQUIT, SIGTERM, ...) when it discovers
 * its device and again at a build after they fired, with SA_RESETHAND. The JVM raises SIGSEGV on purpose (safepoint
 * polls, implicit null checks): the first such fault goes to LLVM's handler, the kernel has already reset the action
 * to SIG_DFL, and a second thread faulting at that moment (every Java thread polls at a safepoint) kills the process
 * with no hs_err file. Measured here: 8 spinning threads and a System.gc() loop after PoCL's discovery died so in 3
 * of 12 runs; the engine's test fork died so twice in about 30 runs, in the CPU tests that follow the OpenCL ones.
 *
 * <p>libjsig ({@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so}) fixes this for any native library by chaining; where it
 * is loaded this class does nothing. Otherwise the actions in place before the first OpenCL call are put back after
 * each call that may replace them. SIGFPE is left to PoCL: its handler skips integer divisions by zero in its kernel
 * threads (OpenCL leaves them undefined, x86 traps) and hands every other SIGFPE to the action it replaced.
 */
final class JvmSignalHandlers {
    private static final int SIGFPE = 8;
    private static final int SIGKILL = 9;
    private static final int SIGSTOP = 19;
    private static final int LAST_STANDARD_SIGNAL = 31;
    /** Room for a struct sigaction (152 bytes on 64-bit glibc); the rest stays zero, so whole buffers compare. */
    private static final long ACTION_BYTES = 256;

    private static final MethodHandle SIGACTION = sigactionUnlessChained();
    /** The actions before any OpenCL call, by signal number; null where this class does nothing. */
    private static final MemorySegment[] ORIGINAL = SIGACTION == null ? null : snapshot();

    private JvmSignalHandlers() {
    }

    /** Runs an OpenCL call and puts back any JVM signal action it replaced, whether it returns or throws. */
    static <T> T preservedAcross(Supplier<T> call) {
        try {
            return call.get();
        } finally {
            restore();
        }
    }

    /** The handler address a signal has now (for tests); 0 where this class does nothing. */
    static long currentHandler(int signal) {
        if (SIGACTION == null) {
            return 0;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment action = arena.allocate(ACTION_BYTES);
            call(signal, MemorySegment.NULL, action);
            return action.get(ValueLayout.JAVA_LONG, 0);
        }
    }

    /** True where libjsig chains signals for every native library (then there is nothing to put back). */
    static boolean libjsigLoaded() {
        try {
            return Files.readString(Path.of("/proc/self/maps")).contains("/libjsig.so");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static MethodHandle sigactionUnlessChained() {
        if (libjsigLoaded() || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("sigaction").map(address -> linker.downcallHandle(address,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS))).orElse(null);
        } catch (RuntimeException | LinkageError e) {
            // Native access denied (--illegal-native-access=deny) or no C library: nothing can be guarded.
            return null;
        }
    }

    private static MemorySegment[] snapshot() {
        MemorySegment[] actions = new MemorySegment[LAST_STANDARD_SIGNAL + 1];
        for (int signal = 1; signal <= LAST_STANDARD_SIGNAL; signal++) {
            if (guarded(signal)) {
                actions[signal] = Arena.global().allocate(ACTION_BYTES);
                call(signal, MemorySegment.NULL, actions[signal]);
            }
        }
        return actions;
    }

    private static boolean guarded(int signal) {
        return signal != SIGKILL && signal != SIGSTOP && signal != SIGFPE;
    }

    private static synchronized void restore() {
        if (ORIGINAL == null) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment now = arena.allocate(ACTION_BYTES);
            for (int signal = 1; signal <= LAST_STANDARD_SIGNAL; signal++) {
                if (ORIGINAL[signal] == null) {
                    continue;
                }
                now.fill((byte) 0);
                call(signal, MemorySegment.NULL, now);
                if (now.mismatch(ORIGINAL[signal]) != -1) {
                    call(signal, ORIGINAL[signal], MemorySegment.NULL);
                }
            }
        }
    }

    private static void call(int signal, MemorySegment action, MemorySegment old) {
        try {
            int result = (int) SIGACTION.invokeExact(signal, action, old);
            if (result != 0) {
                throw new IllegalStateException("sigaction(" + signal + ") failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
