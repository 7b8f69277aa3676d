package dev.webnn.engine.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every op the OpenCL backend claims, checked against the reference backend on the preferred OpenCL device (PoCL's
 * CPU device in CI). Skipped, saying why, only where no OpenCL platform exists at all.
 */
class OpenCLParityTest {
    @Test
    void everyClaimedOpMatchesTheReference() {
        ClDevice.Discovery discovery = ClDevice.discover();
        Assumptions.assumeFalse(discovery.devices().isEmpty(),
                () -> "Skipped: no OpenCL platform on this machine (" + discovery.problem() + ").");
        OpenCLBackend backend = OpenCLBackend.create();
        try {
            List<Parity.Result> results = new Parity(backend).runAll(ParityCases.all(), System.out);
            String failures = results.stream().filter(r -> !r.passed())
                    .map(r -> r.name() + ": " + r.failure()).collect(Collectors.joining("\n"));
            assertTrue(failures.isEmpty(), failures);
        } finally {
            backend.close();
        }
    }
}
