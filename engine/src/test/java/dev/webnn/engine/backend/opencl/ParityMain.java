package dev.webnn.engine.backend.opencl;

import dev.webnn.engine.parity.Parity;
import dev.webnn.engine.parity.ParityCases;
import java.util.List;

/**
 * The parity check without JUnit, for scripts/gpu-check.sh: {@code java ... ParityMain [NAME-SUBSTRING]}. Exits 1 when
 * a case fails, 2 when there is no OpenCL device.
 */
public final class ParityMain {
    private ParityMain() {
    }

    public static void main(String[] args) {
        ClDevice.Discovery discovery = ClDevice.discover();
        if (discovery.devices().isEmpty()) {
            System.out.println("parity: no OpenCL device: " + discovery.problem());
            System.exit(2);
        }
        OpenCLBackend backend = OpenCLBackend.create();
        List<Parity.Case> cases = ParityCases.all().stream()
                .filter(c -> args.length == 0 || c.name().toLowerCase().contains(args[0].toLowerCase())).toList();
        long start = System.nanoTime();
        List<Parity.Result> results = OpenCLParity.runAll(backend, cases, System.out);
        System.out.printf("parity: %d cases in %.1f s%n", results.size(), (System.nanoTime() - start) / 1e9);
        backend.close();
        System.exit(results.stream().allMatch(Parity.Result::passed) ? 0 : 1);
    }
}
