package dev.webnn.engine.backend.opencl;

import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.graph.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A graph partitioned between the device and the CPU, fused, and with device memory planned. Ops run where they were
 * lowered (element-wise chains fused into one kernel or into the epilogue of the GEMM or convolution before them);
 * the others run on the CPU with the reference kernels. Values cross between the two only where an op on one side
 * reads a value made on the other, once per dispatch each.
 */
final class ClPlan {
    /** A kernel launch or a CPU op, in execution order. */
    sealed interface Step permits Launch, Host {
    }

    record Launch(KernelSpec spec) implements Step {
    }

    record Host(Operation operation) implements Step {
    }

    /** Where an operand's bytes live: operands sharing a buffer (reshape) have one root. */
    enum Kind { INPUT, CONSTANT, INTERMEDIATE }

    final Graph graph;
    final List<Step> steps = new ArrayList<>();
    /** Each operand's root: the operand whose buffer it shares (itself unless it is a reshape's output). */
    final Map<Operand, Operand> roots = new IdentityHashMap<>();
    final Map<Operand, Kind> kinds = new IdentityHashMap<>();
    /** Intermediate roots that live in a pooled buffer: root to pool slot. */
    final Map<Operand, Integer> poolSlots = new IdentityHashMap<>();
    final List<Long> poolSizes = new ArrayList<>();
    /** Output name to the intermediate root computed straight into that output's tensor. */
    final Map<String, Operand> boundOutputs = new LinkedHashMap<>();
    /** Outputs copied at the end: name to operand. */
    final Map<String, Operand> copiedOutputs = new LinkedHashMap<>();
    int deviceOps;
    int hostOps;

    private ClPlan(Graph graph) {
        this.graph = graph;
    }

    /** @param timer for tuning tile shapes on the device, or null */
    static ClPlan build(Graph graph, ClDevice.Info device, Fusable.KernelTimer timer) {
        ClPlan plan = new ClPlan(graph);
        plan.partition(device, timer);
        plan.planMemory(device);
        return plan;
    }

    Operand root(Operand operand) {
        return roots.getOrDefault(operand, operand);
    }

    private record Fused(Fusable fusable, EwChain epilogue) {
    }

    private void partition(ClDevice.Info device, Fusable.KernelTimer timer) {
        for (Operand input : graph.inputs().values()) {
            kinds.put(input, Kind.INPUT);
        }
        for (Operand constant : graph.constants().keySet()) {
            kinds.put(constant, Kind.CONSTANT);
        }
        Map<Operand, Integer> consumers = new IdentityHashMap<>();
        for (Operation operation : graph.operations()) {
            operation.inputs().stream().filter(o -> o != null).distinct().forEach(o -> consumers.merge(o, 1, Integer::sum));
        }
        java.util.Set<Operand> outputs = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        outputs.addAll(graph.outputs().values());

        List<Object> items = new ArrayList<>();
        Map<Operand, Object> extendable = new IdentityHashMap<>();
        for (Operation operation : graph.operations()) {
            Object lowered = Lowering.lower(operation, device);
            for (Operand output : operation.outputs()) {
                kinds.put(output, Kind.INTERMEDIATE);
            }
            if (lowered == null) {
                items.add(new Host(operation));
                hostOps++;
                continue;
            }
            deviceOps++;
            if (lowered == Lowering.ALIAS) {
                roots.put(operation.outputs().get(0), root(operation.inputs().get(0)));
            } else if (lowered instanceof EwChain.Ew ew) {
                Object joined = null;
                for (Operand arg : ew.args()) {
                    Object item = extendable.get(arg);
                    if (item == null || consumers.getOrDefault(arg, 0) != 1 || outputs.contains(arg)) {
                        continue;
                    }
                    EwChain chain = item instanceof EwChain c ? c : ((Fused) item).epilogue;
                    if (chain.output() == arg && chain.accepts(ew)) {
                        chain.append(ew, arg);
                        extendable.remove(arg);
                        items.remove(item);
                        joined = item;
                        break;
                    }
                }
                Object item = joined != null ? joined : EwChain.of(ew);
                items.add(item);
                extendable.put(ew.output(), item);
            } else if (lowered instanceof Fusable fusable) {
                Fused fused = new Fused(fusable, EwChain.seeded(fusable.output()));
                items.add(fused);
                extendable.put(fusable.output(), fused);
            } else {
                @SuppressWarnings("unchecked")
                List<KernelSpec> kernels = (List<KernelSpec>) lowered;
                items.add(kernels);
            }
        }
        for (Object item : items) {
            switch (item) {
                case Host host -> steps.add(host);
                case EwChain chain -> steps.add(new Launch(chain.kernel()));
                case Fused fused -> fused.fusable.kernels(fused.epilogue, device, timer).forEach(k -> steps.add(new Launch(k)));
                case List<?> kernels -> kernels.forEach(k -> steps.add(new Launch((KernelSpec) k)));
                default -> throw new IllegalStateException(String.valueOf(item));
            }
        }
    }

    /** Reads and writes of one step, as operands. */
    static List<Operand> reads(Step step) {
        return switch (step) {
            case Launch launch -> launch.spec().inputs();
            case Host host -> host.operation().inputs().stream().filter(o -> o != null).toList();
        };
    }

    static List<Operand> writes(Step step) {
        return switch (step) {
            case Launch launch -> launch.spec().outputs();
            case Host host -> host.operation().outputs();
        };
    }

    /**
     * Binds outputs to their tensors where possible, then gives every other intermediate a pooled buffer, reusing a
     * buffer of the same size once its last reader has been queued (the queue runs in order).
     */
    private void planMemory(ClDevice.Info device) {
        graph.outputs().forEach((name, operand) -> {
            Operand root = root(operand);
            if (kinds.get(root) == Kind.INTERMEDIATE && !boundOutputs.containsValue(root)) {
                boundOutputs.put(name, root);
            } else {
                copiedOutputs.put(name, operand);
            }
        });
        Map<Operand, Integer> lastUse = new IdentityHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            for (Operand read : reads(steps.get(i))) {
                lastUse.put(root(read), i);
            }
        }
        for (Operand copied : copiedOutputs.values()) {
            lastUse.put(root(copied), steps.size());
        }
        TreeMap<Long, List<Integer>> free = new TreeMap<>();
        Map<Integer, List<Operand>> dying = new HashMap<>();
        long deviceBytes = 0;
        for (int i = 0; i < steps.size(); i++) {
            for (Operand written : writes(steps.get(i))) {
                Operand root = root(written);
                if (poolSlots.containsKey(root) || boundOutputs.containsValue(root)) {
                    continue;
                }
                long size = Math.max(1, root.descriptor().byteLength());
                requireAllocatable(size, device);
                List<Integer> same = free.get(size);
                int slot;
                if (same != null && !same.isEmpty()) {
                    slot = same.removeLast();
                } else {
                    slot = poolSizes.size();
                    poolSizes.add(size);
                    deviceBytes += size;
                }
                poolSlots.put(root, slot);
                dying.computeIfAbsent(lastUse.getOrDefault(root, i), k -> new ArrayList<>()).add(root);
            }
            for (Operand dead : dying.getOrDefault(i, List.of())) {
                int slot = poolSlots.get(dead);
                free.computeIfAbsent(poolSizes.get(slot), k -> new ArrayList<>()).add(slot);
            }
        }
        for (Operand constant : graph.constants().keySet()) {
            requireAllocatable(constant.descriptor().byteLength(), device);
            deviceBytes += constant.descriptor().byteLength();
        }
        if (deviceBytes > device.globalMemory()) {
            throw new WebNNException(ErrorKind.OPERATION, "The graph needs " + (deviceBytes >> 20) + " MiB of device "
                    + "memory for its constants and intermediate values, more than the " + (device.globalMemory() >> 20)
                    + " MiB of " + device.name() + ".");
        }
    }

    private static void requireAllocatable(long bytes, ClDevice.Info device) {
        if (bytes > device.maxAllocation()) {
            throw new WebNNException(ErrorKind.OPERATION, "The graph needs a buffer of " + bytes + " bytes, more than "
                    + device.name() + " can allocate at once (" + device.maxAllocation() + " bytes).");
        }
    }

    List<String> kernelSources() {
        return steps.stream().filter(s -> s instanceof Launch).map(s -> ((Launch) s).spec().source()).toList();
    }

    long pooledBytes() {
        return poolSizes.stream().mapToLong(Long::longValue).sum();
    }
}
