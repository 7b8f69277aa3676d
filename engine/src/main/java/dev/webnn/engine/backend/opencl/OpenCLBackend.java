package dev.webnn.engine.backend.opencl;

import static org.jocl.CL.CL_COMPLETE;
import static org.jocl.CL.CL_EVENT_COMMAND_EXECUTION_STATUS;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueueWithProperties;
import static org.jocl.CL.clEnqueueCopyBuffer;
import static org.jocl.CL.clEnqueueFillBuffer;
import static org.jocl.CL.clEnqueueMarkerWithWaitList;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFlush;
import static org.jocl.CL.clGetEventInfo;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clReleaseEvent;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clSetKernelArg;
import static org.jocl.CL.clReleaseMemObject;

import dev.webnn.engine.DataType;
import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.backend.Backend;
import dev.webnn.engine.backend.Executable;
import dev.webnn.engine.backend.OpSupportLimits;
import dev.webnn.engine.backend.TensorLimits;
import dev.webnn.engine.backend.TensorMemory;
import dev.webnn.engine.backend.reference.ReferenceBackend;
import dev.webnn.engine.graph.Graph;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import dev.webnn.engine.graph.Operand;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_queue_properties;

/**
 * Runs graphs on an OpenCL device. Each backend (one per MLContext) has its own in-order command queue on a device
 * shared by the process; tensors are device buffers, and data crosses to the host only on writeTensor, readTensor,
 * and around the ops that run on the CPU (see {@link ClPlan}).
 *
 * <p>Any device error (an enqueue that fails, a command that ends in error, a wait that outlasts
 * {@code webnn.opencl.timeout} seconds) marks the backend failed: the call throws, which loses the context with the
 * message, and every later device call throws at once, so nothing waits on a broken device.
 */
public final class OpenCLBackend implements Backend {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(
            Long.getLong("webnn.opencl.timeout", 120));

    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    private final ClDevice device;
    private final cl_command_queue queue;
    private final OpSupportLimits limits;
    private final Set<cl_mem> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    private long allocatedBytes;
    private volatile String failure;
    /** Bytes moved between host and device by writes and reads (tensors, constants, CPU-fallback values). */
    private final java.util.concurrent.atomic.AtomicLong uploaded = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong downloaded = new java.util.concurrent.atomic.AtomicLong();
    private volatile String injectedFailure;

    private OpenCLBackend(ClDevice device) {
        this.device = device;
        this.queue = clCreateCommandQueueWithProperties(device.context(), device.id(), new cl_queue_properties(), null);
        this.limits = limits(device.info());
    }

    /** A backend on {@link ClDevice#preferred()}. @throws WebNNException NOT_SUPPORTED when there is no device */
    public static OpenCLBackend create() {
        return on(ClDevice.preferred());
    }

    public static OpenCLBackend on(ClDevice device) {
        try {
            return new OpenCLBackend(device);
        } catch (CLException e) {
            throw new WebNNException(ErrorKind.NOT_SUPPORTED, "OpenCL device " + device.info().name()
                    + " could not be opened: " + e.getMessage());
        }
    }

    @Override
    public String name() {
        return "opencl";
    }

    public ClDevice device() {
        return device;
    }

    /**
     * Every op and type of the reference backend: what the device cannot run falls back to the CPU, so the context
     * runs it all. Which ops run where is {@link #placement()}. Tensors are capped at the device's largest buffer.
     */
    @Override
    public OpSupportLimits opSupportLimits() {
        return limits;
    }

    private static OpSupportLimits limits(ClDevice.Info info) {
        OpSupportLimits reference = new ReferenceBackend().opSupportLimits();
        return new OpSupportLimits(Math.min(reference.maxTensorByteLength(), info.maxAllocation()),
                reference.preferredInputLayout(), reference.input(), reference.constant(), reference.output(),
                reference.ops());
    }

    /**
     * For each op name of {@link #opSupportLimits()}: "device", "cpu" (every type falls back) or "device except
     * int4, uint4" (those types fall back). Recurrent ops run on the CPU; 4-bit types have no device form.
     */
    public static Map<String, String> placement() {
        Map<String, String> where = new LinkedHashMap<>();
        new ReferenceBackend().opSupportLimits().ops().forEach((op, operands) -> {
            boolean fourBit = false;
            for (TensorLimits l : operands.values()) {
                fourBit |= l.dataTypes().contains(DataType.INT4) || l.dataTypes().contains(DataType.UINT4);
            }
            boolean recurrent = op.startsWith("gru") || op.startsWith("lstm");
            where.put(op, recurrent ? "cpu" : fourBit ? "device except int4, uint4" : "device");
        });
        return where;
    }

    @Override
    public Executable compile(Graph graph) {
        requireHealthy();
        // The reference backend's compile-time refusals hold here too, for the ops on either side.
        new ReferenceBackend().compile(graph);
        ClPlan plan = ClPlan.build(graph, device.info(), this::time);
        return call("compiling kernels", () -> new ClExecutable(this, plan));
    }

    /** A zero-filled device buffer; freed on release, with the context, or once the tensor is unreachable. */
    @Override
    public TensorMemory allocateDevice(OperandDescriptor descriptor) {
        long bytes = Math.max(1, descriptor.byteLength());
        cl_mem mem = buffer(bytes, true);
        ClTensorMemory memory = new ClTensorMemory(this, mem, descriptor.byteLength());
        // The action refers to the buffer, not to the memory object, so that object can be collected.
        CLEANER.register(memory, () -> free(mem, bytes));
        return memory;
    }

    /** A device buffer; zero-filled when asked. Refuses what the device cannot hold, with the numbers. */
    cl_mem buffer(long bytes, boolean zeroed) {
        requireHealthy();
        ClDevice.Info info = device.info();
        synchronized (owned) {
            if (bytes > info.maxAllocation() || allocatedBytes + bytes > info.globalMemory()) {
                throw new WebNNException(ErrorKind.UNKNOWN, "Cannot allocate " + bytes + " bytes on " + info.name()
                        + ": this context already holds " + allocatedBytes + " of its " + info.globalMemory()
                        + " bytes, and one buffer may have at most " + info.maxAllocation() + ".");
            }
            allocatedBytes += bytes;
        }
        cl_mem mem = call("allocating " + bytes + " bytes", () -> {
            cl_mem m = clCreateBuffer(device.context(), CL_MEM_READ_WRITE, bytes, null, null);
            if (zeroed) {
                clEnqueueFillBuffer(queue, m, Pointer.to(new byte[] {0}), 1, 0, bytes, 0, null, null);
            }
            return m;
        });
        synchronized (owned) {
            owned.add(mem);
        }
        return mem;
    }

    void free(cl_mem mem, long bytes) {
        synchronized (owned) {
            if (!owned.remove(mem)) {
                return;
            }
            allocatedBytes -= bytes;
        }
        try {
            clReleaseMemObject(mem);
        } catch (CLException e) {
            // Freeing on a failed device: the memory goes with the device.
        }
    }

    /** Queues a copy of little-endian bytes into the buffer and waits for it. */
    void write(cl_mem mem, long offset, ByteBuffer bytes) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        direct.put(bytes.duplicate()).flip();
        if (direct.capacity() == 0) {
            return;
        }
        uploaded.addAndGet(direct.capacity());
        call("writing a tensor", () -> {
            cl_event done = new cl_event();
            clEnqueueWriteBuffer(queue, mem, false, offset, direct.capacity(), Pointer.to(direct), 0, null, done);
            await(done);
            return null;
        });
    }

    /** The buffer's first {@code length} bytes, after every command queued before. */
    ByteBuffer read(cl_mem mem, long length) {
        ByteBuffer direct = ByteBuffer.allocateDirect((int) length).order(ByteOrder.LITTLE_ENDIAN);
        if (length > 0) {
            downloaded.addAndGet(length);
            call("reading a tensor", () -> {
                cl_event done = new cl_event();
                clEnqueueReadBuffer(queue, mem, false, 0, length, Pointer.to(direct), 0, null, done);
                await(done);
                return null;
            });
        }
        ByteBuffer heap = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        heap.put(direct).flip();
        return heap;
    }

    void copy(cl_mem from, cl_mem to, long bytes) {
        if (bytes > 0) {
            call("copying a tensor", () -> clEnqueueCopyBuffer(queue, from, to, 0, 0, bytes, 0, null, null));
        }
    }

    /** Waits until every queued command has run; for benchmarks and tests. */
    public void finish() {
        call("finishing", () -> {
            cl_event done = new cl_event();
            clEnqueueMarkerWithWaitList(queue, 0, null, done);
            await(done);
            return null;
        });
    }

    /** Seconds per launch of a kernel, timed on zero-filled scratch buffers (for tuning). */
    double time(KernelSpec spec) {
        List<Operand> operands = new ArrayList<>(spec.outputs());
        operands.addAll(spec.inputs());
        List<cl_mem> scratch = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        cl_kernel kernel = call("building a kernel", () -> device.kernel(spec.source()));
        try {
            for (Operand operand : operands) {
                long bytes = Math.max(1, operand.descriptor().byteLength());
                scratch.add(buffer(bytes, true));
                sizes.add(bytes);
            }
            Supplier<Integer> launch = () -> {
                for (int i = 0; i < scratch.size(); i++) {
                    clSetKernelArg(kernel, i, Sizeof.cl_mem, Pointer.to(scratch.get(i)));
                }
                return clEnqueueNDRangeKernel(queue, kernel, spec.global().length, null, spec.global(), spec.local(), 0,
                        null, null);
            };
            call("timing a kernel", launch);
            finish();
            int runs = 3;
            long start = System.nanoTime();
            for (int r = 0; r < runs; r++) {
                call("timing a kernel", launch);
            }
            finish();
            return (System.nanoTime() - start) / 1e9 / runs;
        } finally {
            clReleaseKernel(kernel);
            for (int i = 0; i < scratch.size(); i++) {
                free(scratch.get(i), sizes.get(i));
            }
        }
    }

    long uploadedBytes() {
        return uploaded.get();
    }

    long downloadedBytes() {
        return downloaded.get();
    }

    cl_command_queue queue() {
        return queue;
    }

    /**
     * Polls the event instead of blocking in the driver, so that a device that stops answering fails the call after
     * the timeout rather than hanging the context's timeline.
     */
    private void await(cl_event event) {
        try {
            clFlush(queue);
            int[] status = new int[1];
            long start = System.nanoTime();
            long spins = 0;
            while (true) {
                clGetEventInfo(event, CL_EVENT_COMMAND_EXECUTION_STATUS, Sizeof.cl_int, Pointer.to(status), null);
                if (status[0] == CL_COMPLETE) {
                    return;
                }
                if (status[0] < 0) {
                    throw new CLException("a queued command failed with OpenCL error " + status[0], status[0]);
                }
                if (System.nanoTime() - start > TIMEOUT_NANOS) {
                    throw new CLException("the device did not finish within " + TimeUnit.NANOSECONDS.toSeconds(
                            TIMEOUT_NANOS) + " s");
                }
                if (++spins > 200) {
                    LockSupport.parkNanos(spins > 2000 ? 200_000 : 10_000);
                } else {
                    Thread.onSpinWait();
                }
            }
        } finally {
            clReleaseEvent(event);
        }
    }

    /** Runs device calls; a device error fails this backend for good, with a message naming what was being done. */
    <T> T call(String what, Supplier<T> action) {
        requireHealthy();
        String injected = injectedFailure;
        if (injected != null) {
            injectedFailure = null;
            failure = "the OpenCL device failed while " + what + ": " + injected;
            throw new WebNNException(ErrorKind.UNKNOWN, failure + ".");
        }
        try {
            return action.get();
        } catch (CLException e) {
            failure = "the OpenCL device failed while " + what + ": " + e.getMessage();
            throw new WebNNException(ErrorKind.UNKNOWN, failure + ".");
        }
    }

    void requireHealthy() {
        String failed = failure;
        if (failed != null) {
            throw new WebNNException(ErrorKind.UNKNOWN, "Unusable since " + failed + ".");
        }
    }

    /** For tests: the next device call fails as a lost device would, with this reason. */
    void simulateDeviceFailure(String reason) {
        injectedFailure = reason;
    }

    @Override
    public void close() {
        failure = "the OpenCL backend was closed";
        synchronized (owned) {
            for (cl_mem mem : owned) {
                try {
                    clReleaseMemObject(mem);
                } catch (CLException e) {
                    // The device is gone; so is the memory.
                }
            }
            owned.clear();
            allocatedBytes = 0;
        }
        try {
            clReleaseCommandQueue(queue);
        } catch (CLException e) {
            // Same.
        }
    }
}
