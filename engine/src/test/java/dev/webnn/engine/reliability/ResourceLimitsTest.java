package dev.webnn.engine.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webnn.engine.DataType;
import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ValidationError;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.runtime.ContextLimits;
import dev.webnn.engine.runtime.ContextOptions;
import dev.webnn.engine.runtime.Tensor;
import dev.webnn.engine.runtime.WebNNContext;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** maxTensorByteLength, the per-context memory budget, the graph size cap, and memory coming back. */
class ResourceLimitsTest {
    private static final int MIB = 1 << 20;
    private static final OperandDescriptor QUARTER_MIB_F32 = OperandDescriptor.of(DataType.FLOAT32, MIB / 16);

    private static WebNNContext contextWithBudget(long bytes) {
        return WebNNContext.create(ContextOptions.DEFAULT, ContextLimits.DEFAULT.withMemoryBudget(bytes));
    }

    private static WebNNException assertKind(ErrorKind kind, Executable call) {
        WebNNException e = assertThrows(WebNNException.class, call);
        assertEquals(kind, e.kind(), e.getMessage());
        return e;
    }

    /** Waits for memory released on the timeline or by the collector; the collector is asked, never assumed. */
    private static void awaitInUse(long expected, LongSupplier inUse) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inUse.getAsLong() != expected && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(expected, inUse.getAsLong());
    }

    @Test
    void tensorsOverMaxTensorByteLengthAreTypeErrorsBeforeAllocation() {
        WebNNContext context = WebNNContext.create(ContextOptions.DEFAULT);
        try {
            long limit = context.opSupportLimits().maxTensorByteLength();
            // 2^30 float32 elements are 4 GiB: far beyond the heap, so only a check before allocation survives it.
            OperandDescriptor huge = OperandDescriptor.of(DataType.FLOAT32, 1L << 30);
            assertTrue(huge.byteLength() > limit);
            assertThrows(ValidationError.class, () -> context.createTensor(huge, true, true));
            assertThrows(ValidationError.class, () -> context.createConstantTensor(huge, ByteBuffer.allocate(4)));
            GraphBuilder builder = context.newGraphBuilder();
            assertThrows(ValidationError.class, () -> builder.input("x", huge));
            // An operation whose output would pass the limit is refused the same way.
            Operand x = builder.input("x", OperandDescriptor.of(DataType.FLOAT32, 1L << 20));
            Operand column = builder.reshape(x, 1L << 20, 1);
            Operand row = builder.reshape(x, 1, 1L << 20);
            ValidationError e = assertThrows(ValidationError.class, () -> builder.matmul(column, row));
            assertTrue(e.getMessage().contains("bytes"), e.getMessage());
            assertEquals(0, context.memoryInUse());
        } finally {
            context.destroy();
        }
    }

    @Test
    void tensorsBeyondTheBudgetAreUnknownErrorsAndDestroyReturnsTheirMemory() throws Exception {
        WebNNContext context = contextWithBudget(MIB);
        try {
            Tensor a = context.createTensor(QUARTER_MIB_F32, true, true);
            Tensor b = context.createTensor(QUARTER_MIB_F32, true, true);
            Tensor c = context.createConstantTensor(QUARTER_MIB_F32, ByteBuffer.allocate(MIB / 4));
            Tensor d = context.createTensor(QUARTER_MIB_F32, true, true);
            assertEquals(MIB, context.memoryInUse());
            WebNNException e = assertKind(ErrorKind.UNKNOWN, () -> context.createTensor(QUARTER_MIB_F32, true, true));
            assertTrue(e.getMessage().contains("memory budget of " + MIB), e.getMessage());
            a.destroy();
            awaitInUse(3L * MIB / 4, context::memoryInUse);
            Tensor again = context.createTensor(QUARTER_MIB_F32, true, true);
            assertEquals(0, context.readTensor(again).get(10, TimeUnit.SECONDS).getFloat(0));
            b.destroy();
            d.destroy();
            a.destroy();
            awaitInUse(MIB / 2, context::memoryInUse);
            assertEquals(MIB / 2, context.memoryInUse(), "still held: " + c + again);
        } finally {
            context.destroy();
        }
        awaitInUse(0, context::memoryInUse);
    }

    @Test
    void graphConstantsCountAgainstTheBudget() throws Exception {
        WebNNContext context = contextWithBudget(MIB);
        try {
            Tensor held = context.createTensor(QUARTER_MIB_F32, true, true);
            GraphBuilder builder = context.newGraphBuilder();
            builder.constant(QUARTER_MIB_F32, ByteBuffer.allocate(MIB / 4));
            builder.constant(QUARTER_MIB_F32, ByteBuffer.allocate(MIB / 4));
            builder.constant(QUARTER_MIB_F32, ByteBuffer.allocate(MIB / 4));
            assertKind(ErrorKind.UNKNOWN, () -> builder.constant(DataType.FLOAT32, 1.0));
            assertEquals(MIB, context.memoryInUse());
            assertTrue(!held.isDestroyed());
        } finally {
            context.destroy();
        }
    }

    @Test
    void unreachableTensorsAndConstantsAreReturnedByTheCollector() throws Exception {
        WebNNContext context = contextWithBudget(MIB);
        try {
            for (int round = 0; round < 3; round++) {
                fillAndDrop(context);
                // Nothing fillAndDrop made is reachable any more, so the collector gives it all back.
                awaitInUse(0, context::memoryInUse);
            }
        } finally {
            context.destroy();
        }
    }

    private static void fillAndDrop(WebNNContext context) {
        context.createTensor(QUARTER_MIB_F32, true, true);
        context.createTensor(QUARTER_MIB_F32, true, true);
        GraphBuilder builder = context.newGraphBuilder();
        builder.constant(QUARTER_MIB_F32, ByteBuffer.allocate(MIB / 4));
        builder.constant(QUARTER_MIB_F32, ByteBuffer.allocate(MIB / 4));
        assertEquals(MIB, context.memoryInUse());
    }

    @Test
    void theBudgetRetriesAfterCollectingBeforeItFails() {
        WebNNContext context = contextWithBudget(MIB);
        try {
            // Each round leaves a whole budget's worth of unreachable tensors: allocation must ask the collector.
            for (int round = 0; round < 8; round++) {
                for (int i = 0; i < 4; i++) {
                    context.createTensor(QUARTER_MIB_F32, false, false);
                }
            }
        } finally {
            context.destroy();
        }
    }

    @Test
    void aGraphBuilderHoldsAtMostTheContextsOperandsAndOperations() {
        WebNNContext context = WebNNContext.create(ContextOptions.DEFAULT,
                ContextLimits.DEFAULT.withGraphSize(4, 2));
        try {
            OperandDescriptor scalar = OperandDescriptor.of(DataType.FLOAT32);
            GraphBuilder builder = context.newGraphBuilder();
            Operand x = builder.input("x", scalar);
            Operand y = builder.add(x, x);
            Operand z = builder.add(y, x);
            ValidationError ops = assertThrows(ValidationError.class, () -> builder.add(z, x));
            assertTrue(ops.getMessage().contains("2 operations"), ops.getMessage());
            builder.input("w", scalar);
            ValidationError operands = assertThrows(ValidationError.class, () -> builder.input("v", scalar));
            assertTrue(operands.getMessage().contains("at most 4"), operands.getMessage());
            assertThrows(ValidationError.class, () -> builder.constant(DataType.FLOAT32, 1.0));
        } finally {
            context.destroy();
        }
    }
}
