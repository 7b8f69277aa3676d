package dev.webnn.engine.backend.opencl;

import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clSetKernelArg;

import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.backend.Executable;
import dev.webnn.engine.backend.TensorMemory;
import dev.webnn.engine.backend.reference.ReferenceBackend;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.graph.Operation;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/** A {@link ClPlan} with its kernels created and its constants and pooled buffers on the device. */
final class ClExecutable implements Executable {
    private final OpenCLBackend backend;
    private final ClPlan plan;
    /** One kernel object per launch step (null for CPU steps); used only on the context's timeline. */
    private final cl_kernel[] kernels;
    private final Map<Operand, cl_mem> constants = new IdentityHashMap<>();
    private final cl_mem[] pool;
    private boolean released;

    ClExecutable(OpenCLBackend backend, ClPlan plan) {
        this.backend = backend;
        this.plan = plan;
        this.kernels = new cl_kernel[plan.steps.size()];
        this.pool = new cl_mem[plan.poolSizes.size()];
        ClDevice device = backend.device();
        device.prebuild(plan.kernelSources());
        for (int i = 0; i < kernels.length; i++) {
            if (plan.steps.get(i) instanceof ClPlan.Launch launch) {
                kernels[i] = device.kernel(launch.spec().source());
            }
        }
        // Constants go to the device once, and only those a kernel reads or an output copies (a graph may output a
        // reshaped constant); CPU ops read the graph's own copy.
        java.util.Set<Operand> deviceRead = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (ClPlan.Step step : plan.steps) {
            if (step instanceof ClPlan.Launch launch) {
                launch.spec().inputs().forEach(operand -> deviceRead.add(plan.root(operand)));
            }
        }
        plan.copiedOutputs.values().forEach(operand -> deviceRead.add(plan.root(operand)));
        plan.graph.constants().forEach((operand, bytes) -> {
            if (deviceRead.contains(operand)) {
                cl_mem mem = backend.buffer(Math.max(1, bytes.remaining()), false);
                constants.put(operand, mem);
                backend.write(mem, 0, bytes);
            }
        });
    }

    ClPlan plan() {
        return plan;
    }

    /** Host buffers in and out: staged through temporary device buffers. */
    @Override
    public void execute(Map<String, ByteBuffer> inputs, Map<String, ByteBuffer> outputs) {
        Map<String, TensorMemory> in = new LinkedHashMap<>();
        Map<String, TensorMemory> out = new LinkedHashMap<>();
        try {
            plan.graph.inputs().forEach((name, operand) -> {
                TensorMemory memory = backend.allocateDevice(operand.descriptor());
                in.put(name, memory);
                memory.write(inputs.get(name));
            });
            plan.graph.outputs().forEach((name, operand) -> out.put(name, backend.allocateDevice(operand.descriptor())));
            dispatch(in, out);
            out.forEach((name, memory) -> outputs.get(name).duplicate().put(memory.read()));
        } finally {
            in.values().forEach(TensorMemory::release);
            out.values().forEach(TensorMemory::release);
        }
    }

    @Override
    public void dispatch(Map<String, TensorMemory> inputs, Map<String, TensorMemory> outputs) {
        if (released) {
            throw new WebNNException(ErrorKind.INVALID_STATE, "The graph was destroyed.");
        }
        Run run = new Run();
        plan.graph.inputs().forEach((name, operand) -> run.bindDevice(operand, device(inputs.get(name))));
        constants.forEach(run::bindDevice);
        plan.boundOutputs.forEach((name, root) -> run.mem.put(root, device(outputs.get(name))));
        for (int i = 0; i < plan.poolSizes.size(); i++) {
            if (pool[i] == null) {
                pool[i] = backend.buffer(plan.poolSizes.get(i), false);
            }
        }
        plan.poolSlots.forEach((root, slot) -> run.mem.put(root, pool[slot]));
        for (int i = 0; i < kernels.length; i++) {
            ClPlan.Step step = plan.steps.get(i);
            if (step instanceof ClPlan.Launch launch) {
                run.launch(kernels[i], launch.spec());
            } else {
                run.host(((ClPlan.Host) step).operation());
            }
        }
        plan.boundOutputs.forEach((name, root) -> run.onDevice(root));
        plan.copiedOutputs.forEach((name, operand) -> {
            Operand root = plan.root(operand);
            run.onDevice(root);
            backend.copy(run.mem.get(root), device(outputs.get(name)), operand.descriptor().byteLength());
        });
    }

    private static cl_mem device(TensorMemory memory) {
        if (memory instanceof ClTensorMemory cl && cl.mem() != null) {
            return cl.mem();
        }
        throw new WebNNException(ErrorKind.INVALID_STATE, "The tensor is not in this OpenCL context's memory.");
    }

    /** Where each value is during one dispatch: on the device, on the host, or both. */
    private final class Run {
        final Map<Operand, cl_mem> mem = new IdentityHashMap<>();
        final Map<Operand, TensorData> host = new IdentityHashMap<>();
        final Map<Operand, Boolean> deviceValid = new IdentityHashMap<>();

        void bindDevice(Operand root, cl_mem buffer) {
            mem.put(root, buffer);
            deviceValid.put(root, true);
        }

        /** Uploads a value computed on the CPU before a kernel reads it. */
        void onDevice(Operand root) {
            if (!deviceValid.getOrDefault(root, false)) {
                TensorData value = host.get(root);
                if (value == null) {
                    throw new IllegalStateException("No value for " + root);
                }
                backend.write(mem.get(root), 0, value.toBytes());
                deviceValid.put(root, true);
            }
        }

        void launch(cl_kernel kernel, KernelSpec spec) {
            for (long size : spec.global()) {
                if (size == 0) {
                    return;
                }
            }
            List<Operand> buffers = new ArrayList<>(spec.outputs());
            buffers.addAll(spec.inputs());
            for (Operand input : spec.inputs()) {
                onDevice(plan.root(input));
            }
            backend.call("launching a kernel", () -> {
                for (int arg = 0; arg < buffers.size(); arg++) {
                    clSetKernelArg(kernel, arg, Sizeof.cl_mem, Pointer.to(mem.get(plan.root(buffers.get(arg)))));
                }
                return clEnqueueNDRangeKernel(backend.queue(), kernel, spec.global().length, null, spec.global(),
                        spec.local(), 0, null, null);
            });
            for (Operand output : spec.outputs()) {
                Operand root = plan.root(output);
                deviceValid.put(root, true);
                host.remove(root);
            }
        }

        /** Runs an op on the CPU with the reference kernel, reading its inputs back from the device if needed. */
        void host(Operation operation) {
            List<TensorData> values = new ArrayList<>();
            for (Operand input : operation.inputs()) {
                values.add(input == null ? null : hostValue(input));
            }
            List<dev.webnn.engine.OperandDescriptor> outputs = new ArrayList<>();
            operation.outputs().forEach(output -> outputs.add(output.descriptor()));
            List<TensorData> results = ReferenceBackend.runKernel(operation.op(), values, outputs);
            for (int i = 0; i < results.size(); i++) {
                Operand root = plan.root(operation.outputs().get(i));
                host.put(root, results.get(i).reshaped(root.descriptor()));
                deviceValid.put(root, false);
            }
        }

        TensorData hostValue(Operand operand) {
            Operand root = plan.root(operand);
            TensorData value = host.get(root);
            if (value == null && plan.kinds.get(root) == ClPlan.Kind.CONSTANT) {
                value = TensorData.decode(root.descriptor(), plan.graph.constants().get(root));
                host.put(root, value);
            } else if (value == null) {
                value = TensorData.decode(root.descriptor(), backend.read(mem.get(root), root.descriptor().byteLength()));
                host.put(root, value);
            }
            return value.reshaped(operand.descriptor());
        }
    }

    @Override
    public void release() {
        if (released) {
            return;
        }
        released = true;
        for (cl_kernel kernel : kernels) {
            if (kernel != null) {
                try {
                    clReleaseKernel(kernel);
                } catch (CLException e) {
                    // The device is gone.
                }
            }
        }
        constants.forEach((operand, mem) -> backend.free(mem, Math.max(1, operand.descriptor().byteLength())));
        for (int i = 0; i < pool.length; i++) {
            if (pool[i] != null) {
                backend.free(pool[i], plan.poolSizes.get(i));
            }
        }
    }
}
