package dev.webnn.engine;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The bytes one context may hold in tensors and graph constants. Going over it is an UnknownError (the spec's
 * answer to a failed allocation), checked before anything is allocated, so a hostile script meets a specified
 * error instead of an OutOfMemoryError that could hit any thread of the process.
 *
 * <p>Each grant is returned exactly once: explicitly when its owner is destroyed, or by a {@link Cleaner} once the
 * memory it covers is unreachable. Like {@code java.nio.Bits.reserveMemory} for direct buffers, a request that does
 * not fit first asks the collector to free what is already unreachable and retries briefly before failing.
 */
public final class MemoryBudget {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final Object COLLECTION = new Object();
    private static final long MAX_WAIT_MILLIS = 32;

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public MemoryBudget(long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("a memory budget cannot be negative: " + limitBytes);
        }
        this.limit = limitBytes;
    }

    /** A budget no request exceeds, for builders bound to no context. */
    public static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE);
    }

    public long limit() {
        return limit;
    }

    /** Bytes granted and not yet returned. */
    public long used() {
        return used.get();
    }

    /**
     * Allocates a zeroed array of {@code bytes} within the budget, counted until the grant is released or the array
     * becomes unreachable. The budget is checked before the allocation; an OutOfMemoryError from the allocation
     * itself (the heap is shared with everything else in the process) becomes the same UnknownError.
     *
     * @param what what is being allocated, for the error message
     * @throws WebNNException of kind UNKNOWN when the budget or the heap cannot hold the request
     */
    public Allocation<byte[]> allocate(int bytes, String what) {
        return allocate(bytes, what, () -> new byte[bytes]);
    }

    /**
     * Like {@link #allocate(int, String)}, for a float32 tensor kept as floats (what the CPU backend computes on, so
     * that its graphs read and write the tensor itself); counted as {@code 4 * count} bytes.
     */
    public Allocation<float[]> allocateFloats(int count, String what) {
        return allocate(4L * count, what, () -> new float[count]);
    }

    private <A> Allocation<A> allocate(long bytes, String what, Supplier<A> make) {
        acquire(bytes, what);
        A array;
        try {
            array = make.get();
        } catch (OutOfMemoryError e) {
            used.addAndGet(-bytes);
            throw new WebNNException(ErrorKind.UNKNOWN, what + " needs " + bytes + " bytes, which the process "
                    + "could not allocate.");
        }
        return new Allocation<>(array, new Grant(CLEANER.register(array, new Returner(used, bytes))));
    }

    private void acquire(long bytes, String what) {
        if (tryReserve(bytes)) {
            return;
        }
        // Collecting helps only when the request would fit an empty budget. One collection runs at a time for all
        // budgets, so a script that keeps asking for too much costs one collection per request, never a storm.
        if (bytes <= limit) {
            synchronized (COLLECTION) {
                if (tryReserve(bytes)) {
                    return;
                }
                System.gc();
                // The Cleaner thread returns the grants of what the collection found unreachable shortly after.
                for (long wait = 1; wait <= MAX_WAIT_MILLIS; wait *= 2) {
                    if (tryReserve(bytes)) {
                        return;
                    }
                    try {
                        Thread.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                if (tryReserve(bytes)) {
                    return;
                }
            }
        }
        throw new WebNNException(ErrorKind.UNKNOWN, what + " needs " + bytes + " bytes, more than this context's "
                + "memory budget of " + limit + " bytes has left (" + used.get() + " in use).");
    }

    private boolean tryReserve(long bytes) {
        while (true) {
            long current = used.get();
            if (bytes > limit - current) {
                return false;
            }
            if (used.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    /** Memory counted against a budget until released or collected. */
    public static final class Grant {
        private final Cleaner.Cleanable cleanable;

        private Grant(Cleaner.Cleanable cleanable) {
            this.cleanable = cleanable;
        }

        /** Returns the bytes now. Idempotent; later collection of the memory returns nothing twice. */
        public void release() {
            cleanable.clean();
        }
    }

    /** An array allocated within the budget, with the grant that covers it. */
    public record Allocation<A>(A array, Grant grant) {
    }

    /** The cleaning action; it must not refer to the memory it watches, or that memory would never be collected. */
    private record Returner(AtomicLong used, long bytes) implements Runnable {
        @Override
        public void run() {
            used.addAndGet(-bytes);
        }
    }
}
