package dev.webnn.engine.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jocl.CL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * After OpenCL's discovery and a build, the faults the JVM raises on purpose still reach the JVM's handler rather than
 * a driver's (LLVM's, under PoCL, which resets itself to SIG_DFL on first use and so lets a second thread's fault kill
 * the process).
 */
class JvmSignalHandlersTest {
    private static final int SIGILL = 4;
    private static final int SIGBUS = 7;
    private static final int SIGSEGV = 11;

    @Test
    void theJvmStillHandlesSegvBusAndIllAfterDiscoveryAndABuild() throws IOException {
        Assumptions.assumeFalse(JvmSignalHandlers.libjsigLoaded(), "libjsig chains signals itself: nothing to check");
        ClDevice.Discovery discovery = ClDevice.discover();
        Assumptions.assumeFalse(discovery.devices().isEmpty(),
                () -> "Skipped: no OpenCL platform on this machine (" + discovery.problem() + ").");
        // A source new to this process, so the driver's compiler runs (and may register its handlers again).
        String source = Preamble.TEXT + "__kernel void k(__global float* o0) { o0[0] = 1.0f; /* " + System.nanoTime()
                + " */ }\n";
        CL.clReleaseKernel(discovery.devices().getFirst().kernel(source));

        List<long[]> jvm = libjvmRanges();
        assertTrue(!jvm.isEmpty(), "libjvm.so not found in /proc/self/maps");
        for (int signal : new int[] {SIGSEGV, SIGBUS, SIGILL}) {
            long handler = JvmSignalHandlers.currentHandler(signal);
            assertTrue(jvm.stream().anyMatch(range -> handler >= range[0] && handler < range[1]),
                    "signal " + signal + "'s handler 0x" + Long.toHexString(handler) + " is not the JVM's");
        }
    }

    private static List<long[]> libjvmRanges() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(line -> line.endsWith("/libjvm.so"))
                .map(line -> line.substring(0, line.indexOf(' ')).split("-"))
                .map(range -> new long[] {Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16)})
                .toList();
    }
}
