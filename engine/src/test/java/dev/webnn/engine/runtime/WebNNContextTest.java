package dev.webnn.engine.runtime;

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
import dev.webnn.engine.backend.TensorLimits;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class WebNNContextTest {
    private static final OperandDescriptor F32_2 = OperandDescriptor.of(DataType.FLOAT32, 2);

    private final WebNNContext context = WebNNContext.create(ContextOptions.DEFAULT);

    @AfterEach
    void tearDown() {
        context.destroy();
    }

    private static void assertKind(ErrorKind kind, Executable call) {
        WebNNException e = assertThrows(WebNNException.class, call);
        assertEquals(kind, e.kind(), e.getMessage());
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private static void assertRejected(ErrorKind kind, CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        WebNNException cause = assertInstanceOf(WebNNException.class, e.getCause());
        assertEquals(kind, cause.kind(), cause.getMessage());
    }

    /** out = (x + y) * 2 over float32[2]. */
    private CompiledGraph buildAddTimesTwo() throws Exception {
        GraphBuilder builder = context.newGraphBuilder();
        Operand x = builder.input("x", F32_2);
        Operand y = builder.input("y", F32_2);
        Operand out = builder.mul(builder.add(x, y), builder.constant(DataType.FLOAT32, 2.0));
        return await(context.build(builder, Map.of("out", out)));
    }

    /** Blocks the timeline until the returned latch is released. */
    private CountDownLatch holdTimeline() {
        CountDownLatch gate = new CountDownLatch(1);
        context.enqueue(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return gate;
    }

    @Test
    void dispatchedResultsAreReadBack() throws Exception {
        CompiledGraph graph = buildAddTimesTwo();
        Tensor x = context.createTensor(F32_2, false, true);
        Tensor y = context.createTensor(F32_2, false, true);
        Tensor out = context.createTensor(F32_2, true, false);
        context.writeTensor(x, f32(1, 2));
        context.writeTensor(y, f32(0.5f, -4));
        context.dispatch(graph, Map.of("x", x, "y", y), Map.of("out", out));
        assertArrayEquals(new float[] {3, -4}, readF32(await(context.readTensor(out))));
    }

    @Test
    void timelineKeepsCallOrder() throws Exception {
        CompiledGraph graph = buildAddTimesTwo();
        Tensor x = context.createTensor(F32_2, true, true);
        Tensor y = context.createTensor(F32_2, false, true);
        Tensor out = context.createTensor(F32_2, true, false);
        context.writeTensor(y, f32(0, 0));
        context.writeTensor(x, f32(1, 1));
        context.dispatch(graph, Map.of("x", x, "y", y), Map.of("out", out));
        ByteBuffer later = f32(5, 6);
        context.writeTensor(x, later);
        later.putFloat(0, 99); // the write must have copied the bytes already
        CompletableFuture<ByteBuffer> readOut = context.readTensor(out);
        CompletableFuture<ByteBuffer> readX = context.readTensor(x);
        assertArrayEquals(new float[] {2, 2}, readF32(await(readOut)));
        assertArrayEquals(new float[] {5, 6}, readF32(await(readX)));
    }

    @Test
    void newTensorsAreZeroFilled() throws Exception {
        Tensor t = context.createTensor(F32_2, true, false);
        assertArrayEquals(new float[] {0, 0}, readF32(await(context.readTensor(t))));
    }

    @Test
    void buildCompletesOnTheTimelineThread() throws Exception {
        GraphBuilder builder = context.newGraphBuilder();
        Operand out = builder.relu(builder.input("x", F32_2));
        CountDownLatch gate = holdTimeline();
        CompletableFuture<String> thread = context.build(builder, Map.of("out", out))
                .thenApply(g -> Thread.currentThread().getName());
        gate.countDown();
        assertTrue(await(thread).startsWith("webnn-timeline-"), await(thread));
    }

    @Test
    void dispatchRejectsBadBindings() throws Exception {
        CompiledGraph graph = buildAddTimesTwo();
        Tensor x = context.createTensor(F32_2, false, true);
        Tensor y = context.createTensor(F32_2, false, true);
        Tensor out = context.createTensor(F32_2, true, false);
        Tensor wrongShape = context.createTensor(OperandDescriptor.of(DataType.FLOAT32, 3), true, true);
        Tensor wrongType = context.createTensor(OperandDescriptor.of(DataType.INT32, 2), true, true);
        Tensor constant = context.createConstantTensor(F32_2, f32(1, 2));
        WebNNContext other = WebNNContext.create(ContextOptions.DEFAULT);
        try {
            Tensor foreign = other.createTensor(F32_2, true, true);
            Map<String, Tensor> outs = Map.of("out", out);
            assertKind(ErrorKind.TYPE, () -> context.dispatch(graph, Map.of("x", x), outs));
            assertKind(ErrorKind.TYPE, () -> context.dispatch(graph, Map.of("x", x, "z", y), outs));
            assertKind(ErrorKind.TYPE, () -> context.dispatch(graph, Map.of("x", x, "y", wrongShape), outs));
            assertKind(ErrorKind.TYPE, () -> context.dispatch(graph, Map.of("x", x, "y", wrongType), outs));
            assertKind(ErrorKind.TYPE, () -> context.dispatch(graph, Map.of("x", x, "y", constant), outs));
            assertKind(ErrorKind.TYPE, () -> context.dispatch(graph, Map.of("x", x, "y", foreign), outs));
            assertKind(ErrorKind.TYPE, () -> context.dispatch(graph, Map.of("x", x, "y", x), outs));
            assertKind(ErrorKind.TYPE, () -> context.dispatch(graph, Map.of("x", x, "y", y), Map.of("out", x)));
            assertKind(ErrorKind.TYPE, () -> other.dispatch(graph, Map.of("x", x, "y", y), outs));
            y.destroy();
            assertKind(ErrorKind.TYPE, () -> context.dispatch(graph, Map.of("x", x, "y", y), outs));
            graph.destroy();
            assertKind(ErrorKind.INVALID_STATE, () -> context.dispatch(graph, Map.of("x", x, "y", y), outs));
        } finally {
            other.destroy();
        }
    }

    @Test
    void tensorChecks() {
        Tensor readOnly = context.createTensor(F32_2, true, false);
        Tensor writeOnly = context.createTensor(F32_2, false, true);
        assertKind(ErrorKind.TYPE, () -> context.writeTensor(readOnly, f32(1, 2)));
        assertKind(ErrorKind.TYPE, () -> context.readTensor(writeOnly));
        assertKind(ErrorKind.TYPE, () -> context.writeTensor(writeOnly, f32(1, 2, 3)));
        assertKind(ErrorKind.TYPE, () -> context.createConstantTensor(F32_2, f32(1)));
        assertKind(ErrorKind.TYPE, () -> context.createTensor(
                OperandDescriptor.of(DataType.FLOAT32, 1L << 30), true, true));
        writeOnly.destroy();
        writeOnly.destroy();
        assertKind(ErrorKind.INVALID_STATE, () -> context.writeTensor(writeOnly, f32(1, 2)));
    }

    @Test
    void destroyCompletesLostAndRejectsPendingReads() throws Exception {
        Tensor t = context.createTensor(F32_2, true, true);
        CountDownLatch gate = holdTimeline();
        CompletableFuture<ByteBuffer> read = context.readTensor(t);
        context.destroy();
        context.destroy();
        gate.countDown();
        assertRejected(ErrorKind.INVALID_STATE, read);
        assertEquals("The context was destroyed.", await(context.lost()));
        assertTrue(context.isDestroyed());
        assertKind(ErrorKind.INVALID_STATE, context::newGraphBuilder);
        assertKind(ErrorKind.INVALID_STATE, () -> context.createTensor(F32_2, true, true));
        assertKind(ErrorKind.INVALID_STATE, () -> context.readTensor(t));
        assertKind(ErrorKind.INVALID_STATE, () -> context.writeTensor(t, f32(1, 2)));
    }

    @Test
    void destroyingATensorAbortsItsPendingReads() throws Exception {
        Tensor t = context.createTensor(F32_2, true, true);
        Tensor other = context.createTensor(F32_2, true, true);
        CountDownLatch gate = holdTimeline();
        CompletableFuture<ByteBuffer> read = context.readTensor(t);
        CompletableFuture<ByteBuffer> otherRead = context.readTensor(other);
        t.destroy();
        gate.countDown();
        assertRejected(ErrorKind.INVALID_STATE, read);
        assertArrayEquals(new float[] {0, 0}, readF32(await(otherRead)));
        assertKind(ErrorKind.INVALID_STATE, () -> context.readTensor(t));
    }

    @Test
    void pendingReadsRejectInTheOrderTheyWereMade() throws Exception {
        // Many reads, so an order that came from hashing would show; each rejection notes its read's number.
        Tensor t = context.createTensor(F32_2, true, true);
        Tensor u = context.createTensor(F32_2, true, true);
        CountDownLatch gate = holdTimeline();
        java.util.List<Integer> tensorOrder = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.List<Integer> contextOrder = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.List<Integer> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 32; i++) {
            int n = i;
            expected.add(n);
            context.readTensor(t).whenComplete((bytes, error) -> tensorOrder.add(n));
            context.readTensor(u).whenComplete((bytes, error) -> contextOrder.add(n));
        }
        t.destroy();
        context.destroy();
        gate.countDown();
        assertEquals(expected, tensorOrder);
        assertEquals(expected, contextOrder);
    }

    @Test
    void aFailingTimelineStepLosesTheContext() throws Exception {
        context.enqueue(() -> {
            throw new IllegalStateException("device fell over");
        });
        assertTrue(await(context.lost()).contains("device fell over"));
        assertKind(ErrorKind.INVALID_STATE, () -> context.createTensor(F32_2, true, true));
    }

    @Test
    void buildersAreUnusableAfterBuildOrContextDestroy() throws Exception {
        GraphBuilder builder = context.newGraphBuilder();
        Operand x = builder.input("x", F32_2);
        Operand out = builder.relu(x);
        await(context.build(builder, Map.of("out", out)));
        assertKind(ErrorKind.INVALID_STATE, () -> builder.relu(x));
        assertKind(ErrorKind.INVALID_STATE, () -> context.build(builder, Map.of("out", out)));

        GraphBuilder second = context.newGraphBuilder();
        context.destroy();
        assertKind(ErrorKind.INVALID_STATE, () -> second.input("x", F32_2));
        assertKind(ErrorKind.INVALID_STATE, () -> context.build(second, Map.of()));
    }

    @Test
    void buildRejectsBuildersOfOtherContexts() {
        GraphBuilder foreign = new GraphBuilder(1024);
        Operand out = foreign.relu(foreign.input("x", F32_2));
        assertKind(ErrorKind.TYPE, () -> context.build(foreign, Map.of("out", out)));
    }

    @Test
    void referenceLimitsCoverEveryOp() {
        var limits = context.opSupportLimits();
        assertEquals("nchw", limits.preferredInputLayout());
        // The default context runs the cpu backend, which runs (and so advertises) exactly what the reference runs.
        assertEquals("cpu", context.backend().name());
        assertEquals(new dev.webnn.engine.backend.reference.ReferenceBackend().opSupportLimits().ops(), limits.ops());
        assertEquals(java.util.Set.of("a", "b", "output"), limits.ops().get("matmul").keySet());
        assertEquals(java.util.Set.of("input", "output"), limits.ops().get("reshape").keySet());
        TensorLimits matmulA = limits.ops().get("matmul").get("a");
        assertEquals(2, matmulA.minRank());
        assertTrue(matmulA.dataTypes().contains(DataType.FLOAT16));
        assertTrue(!matmulA.dataTypes().contains(DataType.INT32));
        assertTrue(!limits.ops().get("exp").get("input").dataTypes().contains(DataType.INT32));
        assertTrue(limits.ops().get("relu").get("input").dataTypes().contains(DataType.INT8));
        // The spec allows any data type for the element-wise binary operations, 4-bit ones included.
        assertTrue(limits.ops().get("add").get("a").dataTypes().contains(DataType.INT4));
        for (String op : new String[] {"add", "sub", "mul", "div", "max", "min", "pow", "abs", "ceil", "cos", "erf",
                "exp", "floor", "identity", "log", "neg", "reciprocal", "sin", "sqrt", "tan", "sign", "relu",
                "sigmoid", "tanh", "softsign", "reshape", "matmul", "cast"}) {
            assertTrue(limits.ops().containsKey(op), op);
        }
        // Every op family adds its own entries; the loop above checks the base ones are there.
        assertTrue(limits.ops().size() >= 28, "ops advertised: " + limits.ops().size());
    }
}
