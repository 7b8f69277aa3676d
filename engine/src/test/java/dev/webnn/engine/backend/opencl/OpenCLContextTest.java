package dev.webnn.engine.backend.opencl;

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
import dev.webnn.engine.backend.Backends;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.ops.Gru;
import dev.webnn.engine.runtime.CompiledGraph;
import dev.webnn.engine.runtime.ContextOptions;
import dev.webnn.engine.runtime.Tensor;
import dev.webnn.engine.runtime.WebNNContext;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenCL backend behind an MLContext: selection, device-resident tensors, transfers, device failure. */
class OpenCLContextTest {
    private static final OperandDescriptor F32_4 = OperandDescriptor.of(DataType.FLOAT32, 4);
    private static final ContextOptions GPU = new ContextOptions("gpu", "default", true);

    private WebNNContext context;

    @BeforeEach
    void needsOpenCL() {
        ClDevice.Discovery discovery = ClDevice.discover();
        Assumptions.assumeFalse(discovery.devices().isEmpty(),
                () -> "Skipped: no OpenCL platform on this machine (" + discovery.problem() + ").");
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(Backends.PROPERTY);
        if (context != null) {
            context.destroy();
        }
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(60, TimeUnit.SECONDS);
    }

    @Test
    void gpuHintsAndHighPerformanceTakeOpenCLAndTheRestTheCpu() {
        for (ContextOptions options : new ContextOptions[] {GPU, new ContextOptions("cpu", "high-performance", true)}) {
            WebNNContext c = WebNNContext.create(options);
            assertEquals("opencl", c.backend().name());
            c.destroy();
        }
        for (ContextOptions options : new ContextOptions[] {ContextOptions.DEFAULT,
                new ContextOptions("gpu", "high-performance", false), new ContextOptions("npu", "low-power", true)}) {
            WebNNContext c = WebNNContext.create(options);
            assertEquals(Backends.cpu().name(), c.backend().name(), options.toString());
            c.destroy();
        }
    }

    @Test
    void aForcedBackendWinsAndAnUnknownOneIsAClearError() {
        System.setProperty(Backends.PROPERTY, "reference");
        WebNNContext c = WebNNContext.create(GPU);
        assertEquals("reference", c.backend().name());
        c.destroy();
        System.setProperty(Backends.PROPERTY, "opencl");
        c = WebNNContext.create(new ContextOptions("cpu", "default", false));
        assertEquals("opencl", c.backend().name());
        c.destroy();
        System.setProperty(Backends.PROPERTY, "tpu");
        WebNNException e = assertThrows(WebNNException.class, () -> WebNNContext.create(GPU));
        assertEquals(ErrorKind.NOT_SUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("tpu"), e.getMessage());
    }

    /** y = relu(x * x) + 1 */
    private CompiledGraph squarePlusOne() throws Exception {
        GraphBuilder b = context.newGraphBuilder();
        Operand x = b.input("x", F32_4);
        Operand y = b.add(b.relu(b.mul(x, x)), b.constant(DataType.FLOAT32, 1.0));
        return await(context.build(b, Map.of("y", y)));
    }

    @Test
    void tensorsStayOnTheDeviceBetweenDispatches() throws Exception {
        context = WebNNContext.create(GPU);
        OpenCLBackend backend = (OpenCLBackend) context.backend();
        CompiledGraph graph = squarePlusOne();
        Tensor x = context.createTensor(F32_4, false, true);
        Tensor y = context.createTensor(F32_4, true, true);
        Tensor z = context.createTensor(F32_4, true, false);
        context.writeTensor(x, f32(1, -2, 3, 0.5f));
        await(context.readTensor(y));
        long up = backend.uploadedBytes();
        long down = backend.downloadedBytes();
        context.dispatch(graph, Map.of("x", x), Map.of("y", y));
        context.dispatch(graph, Map.of("x", y), Map.of("y", z));
        float[] result = readF32(await(context.readTensor(z)));
        assertArrayEquals(new float[] {5, 26, 101, 2.5625f}, result, 1e-5f);
        assertEquals(up, backend.uploadedBytes(), "no uploads between dispatches");
        assertEquals(down + 16, backend.downloadedBytes(), "only readTensor downloads");
    }

    @Test
    void aGraphThatOutputsAReshapedConstantReadsTheConstant() throws Exception {
        context = WebNNContext.create(GPU);
        GraphBuilder b = context.newGraphBuilder();
        Operand c = b.constant(OperandDescriptor.of(DataType.FLOAT32, 2, 3), f32(1, 2, 3, 4, 5, 6));
        Operand flat = b.reshape(c, 6);
        CompiledGraph graph = await(context.build(b, Map.of("flat", flat)));
        Tensor out = context.createTensor(OperandDescriptor.of(DataType.FLOAT32, 6), true, false);
        context.dispatch(graph, Map.of(), Map.of("flat", out));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, readF32(await(context.readTensor(out))));
    }

    @Test
    void anOpOnTheCpuCostsOneDownloadAndOneUpload() throws Exception {
        context = WebNNContext.create(GPU);
        OpenCLBackend backend = (OpenCLBackend) context.backend();
        GraphBuilder b = context.newGraphBuilder();
        OperandDescriptor in = OperandDescriptor.of(DataType.FLOAT32, 2, 1, 3);
        Operand x = b.relu(b.input("x", in));
        Operand w = b.constant(OperandDescriptor.of(DataType.FLOAT32, 1, 6, 3), f32(new float[18]));
        Operand r = b.constant(OperandDescriptor.of(DataType.FLOAT32, 1, 6, 2), f32(new float[12]));
        Operand h = b.addOperation(new Gru(2, 2), Arrays.asList(x, w, r, null, null, null), "").getFirst();
        Operand out = b.relu(h);
        CompiledGraph graph = await(context.build(b, Map.of("out", out)));
        Tensor xt = context.createTensor(in, false, true);
        Tensor outT = context.createTensor(OperandDescriptor.of(DataType.FLOAT32, 1, 1, 2), true, false);
        context.writeTensor(xt, f32(1, 2, 3, 4, 5, 6));
        await(context.readTensor(outT));
        long up = backend.uploadedBytes();
        long down = backend.downloadedBytes();
        context.dispatch(graph, Map.of("x", xt), Map.of("out", outT));
        await(context.readTensor(outT));
        // relu's result (24 bytes) goes down for gru; gru's result (8 bytes) comes up for the last relu.
        assertEquals(down + 24 + 8, backend.downloadedBytes());
        assertEquals(up + 8, backend.uploadedBytes());
    }

    @Test
    void aDeviceFailureLosesTheContextAndRejectsPendingReads() throws Exception {
        context = WebNNContext.create(GPU);
        OpenCLBackend backend = (OpenCLBackend) context.backend();
        CompiledGraph graph = squarePlusOne();
        Tensor x = context.createTensor(F32_4, false, true);
        Tensor y = context.createTensor(F32_4, true, false);
        context.writeTensor(x, f32(1, 2, 3, 4));
        await(context.readTensor(y));
        backend.simulateDeviceFailure("the device was removed (simulated)");
        context.dispatch(graph, Map.of("x", x), Map.of("y", y));
        // The timeline may fail the dispatch before this read is queued: then the read is refused at once, with the
        // same kind of error a queued read is rejected with.
        Throwable readError;
        try {
            CompletableFuture<ByteBuffer> pending = context.readTensor(y);
            readError = assertThrows(ExecutionException.class, () -> pending.get(60, TimeUnit.SECONDS)).getCause();
        } catch (WebNNException lostBeforeTheRead) {
            readError = lostBeforeTheRead;
        }
        String message = context.lost().get(60, TimeUnit.SECONDS);
        assertTrue(message.contains("the device was removed"), message);
        assertEquals(ErrorKind.INVALID_STATE, assertInstanceOf(WebNNException.class, readError).kind());
        assertThrows(WebNNException.class, () -> context.createTensor(F32_4, true, true));
    }

    @Test
    void allocationsBeyondTheDeviceAreAClearError() {
        context = WebNNContext.create(GPU);
        OpenCLBackend backend = (OpenCLBackend) context.backend();
        long tooBig = backend.device().info().maxAllocation() + 4;
        assertTrue(backend.opSupportLimits().maxTensorByteLength() <= backend.device().info().maxAllocation());
        WebNNException e = assertThrows(WebNNException.class,
                () -> backend.allocateDevice(OperandDescriptor.of(DataType.UINT8, tooBig)));
        assertEquals(ErrorKind.UNKNOWN, e.kind());
        assertTrue(e.getMessage().contains("Cannot allocate " + tooBig + " bytes"), e.getMessage());
    }
}
