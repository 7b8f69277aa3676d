package dev.webnn.engine.backend.opencl;

import dev.webnn.engine.parity.Parity;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The parity catalogue on an OpenCL backend: all kernels are built first, many to a program, as one graph's kernels
 * are (a build has a large fixed cost on PoCL); a case that must run on the device fails when ops fell back.
 */
final class OpenCLParity {
    private OpenCLParity() {
    }

    static List<Parity.Result> runAll(OpenCLBackend backend, List<Parity.Case> cases, PrintStream out) {
        List<String> sources = new ArrayList<>();
        for (Parity.Case c : cases) {
            try {
                sources.addAll(ClPlan.build(c.graph(), backend.device().info(), null).kernelSources());
            } catch (RuntimeException e) {
                // Reported when the case runs.
            }
        }
        try {
            backend.device().prebuild(sources);
        } catch (RuntimeException e) {
            // A kernel that does not build is reported by its case.
        }
        List<Parity.Result> results = new ArrayList<>();
        for (Parity.Case c : cases) {
            Parity.Result r = run(backend, c);
            results.add(r);
            if (!r.passed()) {
                out.println("FAIL " + r.name() + ": " + r.failure());
            }
        }
        Parity.summarize(results, backend.device().info().describe(), out);
        return results;
    }

    private static Parity.Result run(OpenCLBackend backend, Parity.Case c) {
        try {
            Parity.Prepared prepared = Parity.prepare(c);
            ClExecutable device = (ClExecutable) backend.compile(prepared.graph);
            try {
                int hostOps = device.plan().hostOps;
                if (c.onDevice() && hostOps > 0) {
                    return new Parity.Result(c.name(), hostOps + " op(s) fell back to the CPU");
                }
                return new Parity.Result(c.name(), prepared.check(device, backend));
            } finally {
                device.release();
            }
        } catch (RuntimeException e) {
            return new Parity.Result(c.name(), Parity.describe(e));
        }
    }
}
