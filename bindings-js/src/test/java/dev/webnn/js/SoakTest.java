package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webnn.engine.DataType;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.graph.GraphBuilder;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.runtime.CompiledGraph;
import dev.webnn.engine.runtime.ContextOptions;
import dev.webnn.engine.runtime.Tensor;
import dev.webnn.engine.runtime.WebNNContext;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * Load and soak: realms, contexts, graphs and tensors created, dispatched, read and destroyed from several threads at
 * once. Every read is checked against what timeline order says it must hold, and memory (heap after collection,
 * direct buffers) and live threads are compared from start to end. {@code -Dwebnn.soak.seconds=N} sets the length
 * ({@code scripts/soak} runs it for 600 s).
 */
class SoakTest {
    /**
     * One realm's work: two contexts, a graph y = 2x + 1 each, and rounds of write, dispatch, write, dispatch and
     * reads queued without waiting, so each read must see the dispatch queued just before it. Resolves with
     * [dispatches, reads, mismatches as text].
     */
    private static final String REALM_WORK = """
            globalThis.__result = undefined;
            (async (rounds, seed) => {
              let dispatches = 0, reads = 0;
              const bad = [];
              for (let c = 0; c < 2; c++) {
                const ctx = await navigator.ml.createContext();
                const b = new MLGraphBuilder(ctx);
                const x = b.input('x', {dataType: 'float32', shape: [4]});
                const graph = await b.build({y: b.add(b.mul(x, b.constant('float32', 2)), b.constant('float32', 1))});
                const input = await ctx.createTensor({dataType: 'float32', shape: [4], writable: true});
                const outs = [];
                for (let i = 0; i < 3; i++) {
                  outs.push(await ctx.createTensor({dataType: 'float32', shape: [4], readable: true}));
                }
                const pending = [];
                for (let r = 0; r < rounds; r++) {
                  const out = outs[r % outs.length];
                  const v = seed + c * 1000 + r;
                  ctx.writeTensor(input, new Float32Array([v, v + 1, v + 2, v + 3]));
                  ctx.dispatch(graph, {x: input}, {y: out});
                  dispatches++;
                  pending.push(ctx.readTensor(out).then((bytes) => {
                    reads++;
                    const got = Array.from(new Float32Array(bytes));
                    const want = [2 * v + 1, 2 * v + 3, 2 * v + 5, 2 * v + 7];
                    if (got.join() !== want.join()) bad.push(`round ${r}: ${got} != ${want}`);
                  }));
                }
                await Promise.all(pending);
                // Destroyed in a different order each time; a read queued before destroy() must reject.
                const late = ctx.readTensor(outs[0]);
                if ((seed + c) % 2) { outs.forEach((t) => t.destroy()); graph.destroy(); }
                ctx.destroy();
                try { await late; bad.push('a read pending at destroy() resolved'); } catch (e) {
                  if (e.name !== 'InvalidStateError' && e.name !== 'AbortError') bad.push('late read: ' + e.name);
                }
              }
              return [dispatches, reads, bad.join('; ')];
            })(globalThis.__rounds, globalThis.__seed).then((r) => { globalThis.__result = r; }, (e) => { globalThis.__result = [0, 0, String(e)]; });
            """;

    record Measure(long heapBytes, long directBytes, int threads) {
        static Measure now() {
            for (int i = 0; i < 3; i++) {
                System.gc();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                    .filter(p -> p.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
            return new Measure(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), direct,
                    ManagementFactory.getThreadMXBean().getThreadCount());
        }

        @Override
        public String toString() {
            return "heap=" + heapBytes / (1 << 20) + " MiB direct=" + directBytes / 1024 + " KiB threads=" + threads;
        }
    }

    private final AtomicLong realms = new AtomicLong();
    private final AtomicLong contexts = new AtomicLong();
    private final AtomicLong dispatches = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    @Test
    void manyRealmsAndContextsUnderLoadLoseNothingAndLeakNothing() throws Exception {
        long seconds = Long.getLong("webnn.soak.seconds", 15);
        int realmThreads = Integer.getInteger("webnn.soak.realmThreads", 3);
        int javaThreads = Integer.getInteger("webnn.soak.javaThreads", 3);
        runFor(2, realmThreads, javaThreads); // Warm-up: class loading, the shared Engine, the JIT.
        realms.set(0);
        contexts.set(0);
        dispatches.set(0);
        reads.set(0);
        // Three points: the engine's caches and the JIT's state grow for a while after warm-up and then level off,
        // so a leak shows as growth in the second half, not as the difference from the start.
        Measure start = Measure.now();
        long began = System.nanoTime();
        runFor(seconds / 2, realmThreads, javaThreads);
        Measure middle = Measure.now();
        runFor(seconds - seconds / 2, realmThreads, javaThreads);
        double elapsed = (System.nanoTime() - began) / 1e9;
        Measure end = Measure.now();
        System.out.printf("[soak] %d s, %d realm threads + %d Java threads: %d realms, %d contexts, %d dispatches "
                        + "(%.0f/s), %d reads (%.0f/s)%n[soak] start  %s%n[soak] middle %s%n[soak] end    %s%n", seconds,
                realmThreads, javaThreads, realms.get(), contexts.get(), dispatches.get(), dispatches.get() / elapsed,
                reads.get(), reads.get() / elapsed, start, middle, end);
        problems.forEach(p -> System.out.println("[soak] PROBLEM " + p));
        assertEquals(List.of(), List.copyOf(problems));
        assertNull(ManagementFactory.getThreadMXBean().findDeadlockedThreads(), "deadlocked threads");
        assertTrue(dispatches.get() > 0 && reads.get() == dispatches.get(), "reads " + reads + " != dispatches "
                + dispatches);
        assertTrue(end.heapBytes() < middle.heapBytes() + (32L << 20), "the heap grew in the second half: " + middle
                + " -> " + end);
        assertTrue(end.heapBytes() < start.heapBytes() + (96L << 20), "the heap grew: " + start + " -> " + end);
        assertTrue(end.directBytes() <= start.directBytes() + (4L << 20), "direct memory grew: " + start + " -> "
                + end);
        assertTrue(end.threads() <= start.threads() + 2, "threads leaked: " + start + " -> " + end);
    }

    private void runFor(long seconds, int realmThreads, int javaThreads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < realmThreads; i++) {
            int id = i;
            workers.add(new Thread(() -> guarded(() -> realmLoop(id, deadline)), "soak-realm-" + i));
        }
        for (int i = 0; i < javaThreads; i++) {
            int id = i;
            workers.add(new Thread(() -> guarded(() -> javaLoop(id, deadline)), "soak-java-" + i));
        }
        workers.forEach(Thread::start);
        for (Thread t : workers) {
            // Each worker checks the deadline between units of work; a unit that never ends is a deadlock or a hang.
            t.join(TimeUnit.SECONDS.toMillis(seconds + 120));
            if (t.isAlive()) {
                problems.add(t.getName() + " did not finish (deadlock or hang): " + List.of(t.getStackTrace()));
            }
        }
    }

    private void guarded(ThrowingRunnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            problems.add(Thread.currentThread().getName() + " failed: " + t);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private void realmLoop(int id, long deadline) throws JsError {
        Random random = new Random(id);
        while (System.nanoTime() < deadline) {
            try (Realm realm = JsFixture.realm(RealmOptions.defaults())) {
                realms.incrementAndGet();
                // Parameters go in as globals: one source text for every realm, as a test runner's would be.
                Value global = realm.context().getBindings("js");
                global.putMember("__rounds", 5 + random.nextInt(20));
                global.putMember("__seed", random.nextInt(1000));
                realm.evalScript("soak.js", REALM_WORK);
                LoopResult result = realm.runEventLoop(() -> !global.getMember("__result").isNull(), 60_000);
                if (result != LoopResult.DONE) {
                    problems.add("a realm ended " + result);
                    continue;
                }
                Value r = global.getMember("__result");
                contexts.addAndGet(2);
                dispatches.addAndGet(r.getArrayElement(0).asLong());
                reads.addAndGet(r.getArrayElement(1).asLong());
                String bad = r.getArrayElement(2).asString();
                if (!bad.isEmpty()) {
                    problems.add("realm: " + bad);
                }
            }
        }
    }

    /** Engine-level load: one context per round, dispatches queued back to back, every read checked. */
    private void javaLoop(int id, long deadline) throws Exception {
        OperandDescriptor d = OperandDescriptor.of(DataType.FLOAT32, 64);
        Random random = new Random(100 + id);
        while (System.nanoTime() < deadline) {
            WebNNContext context = WebNNContext.create(ContextOptions.DEFAULT);
            contexts.incrementAndGet();
            try {
                GraphBuilder builder = context.newGraphBuilder();
                Operand x = builder.input("x", d);
                CompiledGraph graph = context.build(builder, Map.of("y", builder.add(x, x))).get(60, TimeUnit.SECONDS);
                Tensor in = context.createTensor(d, false, true);
                Tensor out = context.createTensor(d, true, false);
                List<java.util.concurrent.CompletableFuture<ByteBuffer>> pending = new ArrayList<>();
                List<Float> expected = new ArrayList<>();
                int rounds = 10 + random.nextInt(40);
                for (int r = 0; r < rounds; r++) {
                    float v = random.nextInt(1 << 20);
                    ByteBuffer bytes = ByteBuffer.allocate((int) d.byteLength()).order(ByteOrder.LITTLE_ENDIAN);
                    for (int i = 0; i < 64; i++) {
                        bytes.putFloat(v + i);
                    }
                    context.writeTensor(in, bytes.flip());
                    context.dispatch(graph, Map.of("x", in), Map.of("y", out));
                    dispatches.incrementAndGet();
                    pending.add(context.readTensor(out));
                    expected.add(v);
                }
                for (int r = 0; r < rounds; r++) {
                    ByteBuffer got = pending.get(r).get(60, TimeUnit.SECONDS).order(ByteOrder.LITTLE_ENDIAN);
                    reads.incrementAndGet();
                    float v = expected.get(r);
                    for (int i = 0; i < 64; i++) {
                        if (got.getFloat(i * 4) != 2 * (v + i)) {
                            problems.add("java round " + r + " element " + i + ": " + got.getFloat(i * 4) + " != "
                                    + 2 * (v + i));
                            break;
                        }
                    }
                }
                if (random.nextBoolean()) {
                    in.destroy();
                    out.destroy();
                }
            } finally {
                context.destroy();
            }
        }
    }
}
