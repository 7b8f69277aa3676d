package dev.webnn.engine.runtime;

import static dev.webnn.engine.Bytes.f32;
import static dev.webnn.engine.Bytes.readF32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.backend.Backends;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Graph-level correctness on every backend this machine runs: multiple outputs that also feed other ops, a constant
 * shared by two ops, one operand used twice, inputs left as they were, and the timeline order of many dispatches
 * and reads on one context. Expected values are computed by hand.
 */
class GraphLevelTest {
    private static final OperandDescriptor F32_4 = OperandDescriptor.of(DataType.FLOAT32, 4);

    static List<String> backends() {
        return Backends.available();
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    @FunctionalInterface
    private interface ContextBody {
        void run(WebNNContext context) throws Exception;
    }

    /** Runs the body on a fresh context of the backend, destroyed afterwards whatever happens. */
    private static void onContext(String backend, ContextBody body) throws Exception {
        WebNNContext context = WebNNContext.create(ContextOptions.DEFAULT, Backends.named(backend));
        try {
            body.run(context);
        } finally {
            context.destroy();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void outputsThatFeedOtherOpsSharedConstantsAndOperandsUsedTwice(String backend) throws Exception {
        onContext(backend, context -> {
            GraphBuilder b = context.newGraphBuilder();
            Operand x = b.input("x", F32_4);
            Operand k = b.constant(F32_4, f32(2, 2, 2, 2));
            Operand a = b.add(x, k);          // an output that also feeds two ops
            Operand sq = b.mul(a, a);          // the same operand as both inputs
            Operand scaled = b.mul(sq, k);     // the constant again
            Operand relu = b.relu(b.sub(k, a));
            Map<String, Operand> outputs = new LinkedHashMap<>();
            outputs.put("a", a);
            outputs.put("sq", sq);
            outputs.put("scaled", scaled);
            outputs.put("relu", relu);
            CompiledGraph graph = await(context.build(b, outputs));
            Tensor in = context.createTensor(F32_4, true, true);
            Map<String, Tensor> outs = new LinkedHashMap<>();
            for (String name : outputs.keySet()) {
                outs.put(name, context.createTensor(F32_4, true, false));
            }
            ByteBuffer values = f32(-3, -0.5f, 0, 1.5f);
            context.writeTensor(in, values);
            context.dispatch(graph, Map.of("x", in), outs);
            assertArrayEquals(new float[] {-1, 1.5f, 2, 3.5f}, readF32(await(context.readTensor(outs.get("a")))));
            assertArrayEquals(new float[] {1, 2.25f, 4, 12.25f}, readF32(await(context.readTensor(outs.get("sq")))));
            assertArrayEquals(new float[] {2, 4.5f, 8, 24.5f}, readF32(await(context.readTensor(outs.get("scaled")))));
            assertArrayEquals(new float[] {3, 0.5f, 0, 0}, readF32(await(context.readTensor(outs.get("relu")))));
            assertArrayEquals(new float[] {-3, -0.5f, 0, 1.5f}, readF32(await(context.readTensor(in))),
                    "the input tensor is unchanged");
            assertArrayEquals(new float[] {-3, -0.5f, 0, 1.5f}, readF32(values), "the written bytes are unchanged");
        });
    }

    /**
     * Two graphs, x + 1 and x * 2, dispatched alternately 20 times ping-ponging between two tensors, all queued before
     * any read: only timeline order gives ((((0 + 1) * 2 + 1) * 2 ...)), i.e. 2^11 - 2 = 2046 after ten rounds. A
     * read queued after each round sees exactly that round's value.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void manyDispatchesKeepTimelineOrderAndReadsSeeEveryEarlierDispatch(String backend) throws Exception {
        onContext(backend, context -> {
            GraphBuilder plusOne = context.newGraphBuilder();
            Operand x1 = plusOne.input("x", F32_4);
            CompiledGraph addOne = await(context.build(plusOne, Map.of("y",
                    plusOne.add(x1, plusOne.constant(F32_4, f32(1, 1, 1, 1))))));
            GraphBuilder times = context.newGraphBuilder();
            Operand x2 = times.input("x", F32_4);
            CompiledGraph timesTwo = await(context.build(times, Map.of("y", times.add(x2, x2))));
            Tensor ping = context.createTensor(F32_4, true, true);
            Tensor pong = context.createTensor(F32_4, true, true);
            context.writeTensor(ping, f32(0, 1, -1, 0.5f));
            List<CompletableFuture<ByteBuffer>> reads = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                context.dispatch(addOne, Map.of("x", ping), Map.of("y", pong));
                context.dispatch(timesTwo, Map.of("x", pong), Map.of("y", ping));
                reads.add(context.readTensor(ping));
            }
            for (int round = 0; round < 10; round++) {
                float[] expected = {0, 1, -1, 0.5f};
                for (int i = 0; i < expected.length; i++) {
                    for (int r = 0; r <= round; r++) {
                        expected[i] = (expected[i] + 1) * 2;
                    }
                }
                assertArrayEquals(expected, readF32(await(reads.get(round))), "after round " + round);
            }
            // (v + 1) * 2 ten times is 2^10 * v + 2^11 - 2.
            assertArrayEquals(new float[] {2046, 3070, 1022, 2558}, readF32(await(context.readTensor(ping))));
        });
    }
}
