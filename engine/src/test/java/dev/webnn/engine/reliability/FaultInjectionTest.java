package dev.webnn.engine.reliability;

import static dev.webnn.engine.Bytes.f32;
import static dev.webnn.engine.Bytes.readF32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webnn.engine.DataType;
import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.runtime.CompiledGraph;
import dev.webnn.engine.runtime.ContextLimits;
import dev.webnn.engine.runtime.ContextOptions;
import dev.webnn.engine.runtime.Tensor;
import dev.webnn.engine.runtime.WebNNContext;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import java.util.stream.Stream;

/** Backend failures lose only their own context, with a message; everything else keeps working. */
class FaultInjectionTest {
    private static final OperandDescriptor F32_2 = OperandDescriptor.of(DataType.FLOAT32, 2);

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("kernel exception", (Supplier<Throwable>) () -> new IllegalStateException("kernel bug"),
                        "kernel bug"),
                Arguments.of("allocation failure", (Supplier<Throwable>) () -> new OutOfMemoryError("Java heap space"),
                        "Java heap space"),
                Arguments.of("device loss", (Supplier<Throwable>) () ->
                        new WebNNException(ErrorKind.UNKNOWN, "device removed"), "device removed"),
                Arguments.of("stack overflow", (Supplier<Throwable>) StackOverflowError::new, "StackOverflowError"));
    }

    private static CompiledGraph addOne(WebNNContext context) throws Exception {
        GraphBuilder builder = context.newGraphBuilder();
        Operand x = builder.input("x", F32_2);
        Operand out = builder.add(x, builder.constant(DataType.FLOAT32, 1.0));
        return context.build(builder, Map.of("out", out)).get(10, TimeUnit.SECONDS);
    }

    private static float[] run(WebNNContext context, CompiledGraph graph, float a, float b) throws Exception {
        Tensor x = context.createTensor(F32_2, false, true);
        Tensor out = context.createTensor(F32_2, true, false);
        context.writeTensor(x, f32(a, b));
        context.dispatch(graph, Map.of("x", x), Map.of("out", out));
        return readF32(context.readTensor(out).get(10, TimeUnit.SECONDS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void aFailingDispatchLosesOnlyItsContext(String name, Supplier<Throwable> fault, String expectedInMessage)
            throws Exception {
        FaultyBackend backend = new FaultyBackend();
        WebNNContext faulty = WebNNContext.create(ContextOptions.DEFAULT, backend, ContextLimits.DEFAULT);
        WebNNContext healthy = WebNNContext.create(ContextOptions.DEFAULT);
        try {
            CompiledGraph graph = addOne(faulty);
            CompiledGraph healthyGraph = addOne(healthy);
            Tensor x = faulty.createTensor(F32_2, false, true);
            Tensor out = faulty.createTensor(F32_2, true, false);
            backend.failExecution(fault);
            faulty.dispatch(graph, Map.of("x", x), Map.of("out", out));
            // Queued behind the failing dispatch, so it is still pending when the context is lost.
            CompletableFuture<?> pendingRead = faulty.readTensor(out);
            assertArrayEquals(new float[] {2, 3}, run(healthy, healthyGraph, 1, 2));
            backend.release();

            String message = faulty.lost().get(10, TimeUnit.SECONDS);
            assertTrue(message.contains("lost") && message.contains(expectedInMessage), message);
            ExecutionException rejected = assertThrows(ExecutionException.class,
                    () -> pendingRead.get(10, TimeUnit.SECONDS));
            WebNNException cause = assertInstanceOf(WebNNException.class, rejected.getCause());
            assertEquals(ErrorKind.INVALID_STATE, cause.kind());
            assertTrue(faulty.isDestroyed());
            WebNNException later = assertThrows(WebNNException.class, () -> faulty.createTensor(F32_2, true, true));
            assertEquals(ErrorKind.INVALID_STATE, later.kind());
            // The tensors go with the context; the graph, still referenced here, keeps its 4-byte constant.
            assertEquals(4, awaitReleased(faulty, 4));

            assertArrayEquals(new float[] {11, 21}, run(healthy, healthyGraph, 10, 20));
            assertTrue(!healthy.lost().isDone());
        } finally {
            backend.release();
            faulty.destroy();
            healthy.destroy();
        }
    }

    private static long awaitReleased(WebNNContext context, long remaining) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (context.memoryInUse() > remaining && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return context.memoryInUse();
    }

    @Test
    void aFailingCompileRejectsOnlyThatBuild() throws Exception {
        FaultyBackend backend = new FaultyBackend().failCompilation(() -> new ArithmeticException("/ by zero"));
        WebNNContext context = WebNNContext.create(ContextOptions.DEFAULT, backend, ContextLimits.DEFAULT);
        try {
            GraphBuilder builder = context.newGraphBuilder();
            Operand x = builder.input("x", F32_2);
            CompletableFuture<CompiledGraph> build = context.build(builder, Map.of("out", builder.relu(x)));
            ExecutionException e = assertThrows(ExecutionException.class, () -> build.get(10, TimeUnit.SECONDS));
            WebNNException cause = assertInstanceOf(WebNNException.class, e.getCause());
            assertEquals(ErrorKind.OPERATION, cause.kind());
            assertTrue(cause.getMessage().contains("/ by zero"), cause.getMessage());
            assertTrue(!context.isDestroyed());
            Tensor t = context.createTensor(F32_2, true, true);
            context.writeTensor(t, f32(4, 5));
            assertArrayEquals(new float[] {4, 5}, readF32(context.readTensor(t).get(10, TimeUnit.SECONDS)));
        } finally {
            context.destroy();
        }
    }

    @Test
    void manyContextsFailingAtOnceLeaveTheOthersWorking() throws Exception {
        WebNNContext healthy = WebNNContext.create(ContextOptions.DEFAULT);
        CompiledGraph healthyGraph = addOne(healthy);
        FaultyBackend[] backends = new FaultyBackend[8];
        WebNNContext[] faulty = new WebNNContext[backends.length];
        try {
            for (int i = 0; i < backends.length; i++) {
                backends[i] = new FaultyBackend();
                faulty[i] = WebNNContext.create(ContextOptions.DEFAULT, backends[i], ContextLimits.DEFAULT);
                CompiledGraph graph = addOne(faulty[i]);
                int n = i;
                backends[i].failExecution(() -> new IndexOutOfBoundsException("index " + n));
                faulty[i].dispatch(graph, Map.of("x", faulty[i].createTensor(F32_2, false, true)),
                        Map.of("out", faulty[i].createTensor(F32_2, true, false)));
            }
            for (FaultyBackend b : backends) {
                b.release();
            }
            for (int i = 0; i < faulty.length; i++) {
                String message = faulty[i].lost().get(10, TimeUnit.SECONDS);
                assertTrue(message.contains("index " + i), message);
            }
            assertArrayEquals(new float[] {0, -1}, run(healthy, healthyGraph, -1, -2));
        } finally {
            for (WebNNContext c : faulty) {
                if (c != null) {
                    c.destroy();
                }
            }
            healthy.destroy();
        }
    }
}
