package dev.webnn.engine.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webnn.engine.parity.Parity;
import dev.webnn.engine.parity.ParityCases;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The parity catalogue on the preferred OpenCL device (PoCL's CPU device in CI) against the reference backend; the
 * cases that must run on the device fail when the backend falls back to the CPU for them. Skipped, saying why, only
 * where no OpenCL platform exists at all.
 */
class OpenCLParityTest {
    @Test
    void everyOpMatchesTheReference() {
        ClDevice.Discovery discovery = ClDevice.discover();
        Assumptions.assumeFalse(discovery.devices().isEmpty(),
                () -> "Skipped: no OpenCL platform on this machine (" + discovery.problem() + ").");
        OpenCLBackend backend = OpenCLBackend.create();
        try {
            List<Parity.Result> results = OpenCLParity.runAll(backend, ParityCases.all(), System.out);
            String failures = results.stream().filter(r -> !r.passed()).map(r -> r.name() + ": " + r.failure())
                    .collect(Collectors.joining("\n"));
            assertTrue(failures.isEmpty(), failures);
        } finally {
            backend.close();
        }
    }
}
