package dev.webnn.engine.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jocl.CL;
import org.jocl.cl_kernel;

/** The process-wide program cache of a device: concurrent builds, and a failed build that is not remembered. */
class ClDeviceBuildTest {
    private ClDevice device;

    @BeforeEach
    void needsOpenCL() {
        ClDevice.Discovery discovery = ClDevice.discover();
        Assumptions.assumeFalse(discovery.devices().isEmpty(),
                () -> "Skipped: no OpenCL platform on this machine (" + discovery.problem() + ").");
        device = discovery.devices().getFirst();
    }

    /** Sources no other test builds: the nonce makes each one new to this process's cache. */
    private static List<String> freshSources(int count) {
        long nonce = System.nanoTime();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sources.add(Preamble.TEXT + "__kernel void k(__global float* o0) { o0[get_global_id(0)] = " + i
                    + ".0f; /* " + nonce + " */ }\n");
        }
        return sources;
    }

    @Test
    void threadsAskingForOverlappingSourcesAtOnceGetEveryKernelAndEachSourceIsCachedOnce() throws Exception {
        List<String> sources = freshSources(24);
        int before = device.cachedKernels();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                List<String> mine = new ArrayList<>(sources.subList(t * 4, t * 4 + 12));
                Collections.shuffle(mine, new Random(t));
                results.add(pool.submit(() -> {
                    device.prebuild(mine);
                    for (String source : mine) {
                        cl_kernel kernel = device.kernel(source);
                        assertNotNull(kernel);
                        CL.clReleaseKernel(kernel);
                    }
                    return mine.size();
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(12, result.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        // Threads 0..3 covered sources 0..23, overlapping by 8: every one cached, none twice.
        assertEquals(before + sources.size(), device.cachedKernels());
    }

    @Test
    void aSourceThatDoesNotCompileFailsEachTimeItIsAskedForAndIsNotCached() {
        List<String> good = freshSources(2);
        String bad = Preamble.TEXT + "__kernel void k(__global float* o0) { o0[0] = undeclared_" + System.nanoTime()
                + "; }\n";
        int before = device.cachedKernels();
        IllegalStateException first = assertThrows(IllegalStateException.class,
                () -> device.prebuild(List.of(good.get(0), bad, good.get(1))));
        assertTrue(first.getMessage().contains("could not build"), first.getMessage());
        assertTrue(first.getMessage().contains("undeclared_"), "the message shows the source at fault");
        // The batch was built again source by source: both good sources are cached, the bad one is not.
        assertEquals(before + 2, device.cachedKernels());
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> device.kernel(bad));
        assertTrue(again.getMessage().contains("could not build"), again.getMessage());
        assertEquals(before + 2, device.cachedKernels());
        CL.clReleaseKernel(device.kernel(good.get(1)));
        assertEquals(before + 2, device.cachedKernels());
    }
}
