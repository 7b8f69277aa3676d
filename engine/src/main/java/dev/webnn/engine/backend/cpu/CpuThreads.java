package dev.webnn.engine.backend.cpu;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one pool of kernel threads, sized to the cores and shared by every context: the calling thread plus
 * cores - 1 workers. Work is split into tasks that threads claim; a caller never waits on a task nobody started,
 * so several contexts running at once share the cores instead of multiplying threads.
 */
public final class CpuThreads {
    private static final int CORES = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** How long an idle worker keeps looking for work before it parks: a model's next layer comes sooner. */
    private static final long SPIN_NANOS = Long.getLong("webnn.cpu.spinMicros", 200) * 1000;
    private static final ConcurrentLinkedQueue<Runnable> QUEUE = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<Thread> PARKED = new ConcurrentLinkedQueue<>();

    static {
        for (int i = 1; i < CORES; i++) {
            Thread worker = new Thread(CpuThreads::work, "webnn-cpu-worker-" + i);
            worker.setDaemon(true);
            worker.start();
        }
    }
    /** Per thread: whether it is running a task of {@link #forEach} now. */
    private static final ThreadLocal<boolean[]> IN_TASK = ThreadLocal.withInitial(() -> new boolean[1]);
    private static volatile int parallelism = Math.max(1, Math.min(CORES,
            Integer.getInteger("webnn.cpu.threads", CORES)));

    private CpuThreads() {
    }

    /** How many threads one kernel uses at most. */
    public static int parallelism() {
        return parallelism;
    }

    /**
     * The threads a kernel called here can spread over: the caller's alone inside a task of {@link #forEach} (whose
     * nested calls run inline), so that it shapes its work for one thread, not for threads it will not get.
     */
    static int available() {
        return IN_TASK.get()[0] ? 1 : parallelism;
    }

    /** Caps the threads one kernel uses (1 to the core count); benchmarks compare 1 and 2 threads with it. */
    public static void setParallelism(int threads) {
        parallelism = Math.max(1, Math.min(CORES, threads));
    }

    /**
     * Runs body(0) … body(tasks - 1), spread over up to {@link #parallelism()} threads; returns when all are done.
     * Called from within a task, it runs them all on the calling thread: the other threads have tasks of their own.
     */
    static void forEach(int tasks, IntConsumer body) {
        int threads = Math.min(parallelism, tasks);
        if (threads <= 1 || IN_TASK.get()[0]) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.currentThread();
        Runnable claim = () -> {
            int i;
            while ((i = next.getAndIncrement()) < tasks) {
                boolean[] inTask = IN_TASK.get();
                try {
                    if (failure.get() == null) {
                        inTask[0] = true;
                        body.accept(i);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    inTask[0] = false;
                    if (done.incrementAndGet() == tasks) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        };
        for (int w = 1; w < threads; w++) {
            QUEUE.add(claim);
            Thread parked = PARKED.poll();
            if (parked != null) {
                LockSupport.unpark(parked);
            }
        }
        claim.run();
        for (int spins = 0; done.get() < tasks; spins++) {
            if (spins < 2000) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(50_000);
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    /** A worker: runs queued tasks, spins a little when there are none, then parks until one is queued. */
    private static void work() {
        Thread self = Thread.currentThread();
        while (true) {
            Runnable task = QUEUE.poll();
            if (task != null) {
                task.run();
                continue;
            }
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (QUEUE.isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            if (!QUEUE.isEmpty()) {
                continue;
            }
            PARKED.add(self);
            // A task queued before we were listed would find nobody to wake: look once more.
            if (QUEUE.isEmpty()) {
                LockSupport.park();
            }
            PARKED.remove(self);
        }
    }
}
