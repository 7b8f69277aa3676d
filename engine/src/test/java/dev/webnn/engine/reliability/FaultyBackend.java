package dev.webnn.engine.reliability;

import dev.webnn.engine.backend.Backend;
import dev.webnn.engine.backend.Executable;
import dev.webnn.engine.backend.OpSupportLimits;
import dev.webnn.engine.backend.reference.ReferenceBackend;
import dev.webnn.engine.graph.Graph;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The reference backend with a fault armed for its next execution or compilation: the fault is thrown after
 * {@link #release} lets the held step go, so a test can queue work behind it first.
 */
final class FaultyBackend implements Backend {
    private final Backend reference = new ReferenceBackend();
    private final CountDownLatch go = new CountDownLatch(1);
    private volatile Supplier<Throwable> executeFault;
    private volatile Supplier<Throwable> compileFault;

    FaultyBackend failExecution(Supplier<Throwable> fault) {
        this.executeFault = fault;
        return this;
    }

    FaultyBackend failCompilation(Supplier<Throwable> fault) {
        this.compileFault = fault;
        return this;
    }

    void release() {
        go.countDown();
    }

    @Override
    public String name() {
        return "faulty";
    }

    @Override
    public OpSupportLimits opSupportLimits() {
        return reference.opSupportLimits();
    }

    @Override
    public Executable compile(Graph graph) {
        Supplier<Throwable> fault = compileFault;
        if (fault != null) {
            throw sneaky(fault.get());
        }
        Executable real = reference.compile(graph);
        return (inputs, outputs) -> {
            Supplier<Throwable> armed = executeFault;
            if (armed == null) {
                real.execute(inputs, outputs);
                return;
            }
            try {
                go.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw sneaky(armed.get());
        };
    }

    /** Throws any throwable, checked or not, as a kernel written in any style might. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
