package dev.webnn.engine.compiler;

import dev.webnn.engine.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Which buffer holds each float value. A buffer is reused once every value in it is dead; a reshape or relabel
 * shares its input's buffer; an element-wise node whose input dies with it writes over that input. Graph inputs
 * get buffers too, so kernels may write over them without touching the caller's tensors.
 */
public final class MemoryPlan {
    private final int[] bufferOf;
    private final boolean[] sharesStorage;
    private final Set<Node> insideNext;
    private final List<DataType> bufferTypes;
    private final long[] bufferElements;

    private MemoryPlan(int[] bufferOf, boolean[] sharesStorage, Set<Node> insideNext, List<DataType> bufferTypes,
                       long[] bufferElements) {
        this.bufferOf = bufferOf;
        this.sharesStorage = sharesStorage;
        this.insideNext = insideNext;
        this.bufferTypes = bufferTypes;
        this.bufferElements = bufferElements;
    }

    /**
     * Whether the plan has the node run inside the step of the node after it ({@link Capabilities#runsInsideNext}):
     * what the backend must then do, since its buffers were planned so.
     */
    public boolean runsInsideNext(Node node) {
        return insideNext.contains(node);
    }

    /**
     * The value's buffer, or -1 for a constant, a value of a type kept outside the plan, or one made and read within
     * a single fused step ({@link Capabilities#runsInsideNext}).
     */
    public int bufferOf(Value v) {
        return v.id() < bufferOf.length ? bufferOf[v.id()] : -1;
    }

    /**
     * Whether another value is the value's storage under another shape: a reshape of it, or what it reshapes, which
     * has no step of its own. A value that shares with none may be given storage of its own in place of its buffer (a
     * bound tensor, so that a graph reads its input and writes its output without copies): no step reads or writes it
     * through another value. An element-wise node writing over its input is no sharing (its step also runs from one
     * array into another), nor is a buffer reused once the value is dead.
     */
    public boolean sharesStorage(Value v) {
        return v.id() < sharesStorage.length && sharesStorage[v.id()];
    }

    public int bufferCount() {
        return bufferTypes.size();
    }

    public DataType bufferType(int buffer) {
        return bufferTypes.get(buffer);
    }

    public long bufferElements(int buffer) {
        return bufferElements[buffer];
    }

    /** What the plan's buffers take together. */
    public long totalBytes() {
        long bytes = 0;
        for (int i = 0; i < bufferElements.length; i++) {
            bytes += bufferTypes.get(i).byteLength(bufferElements[i]);
        }
        return bytes;
    }

    static boolean planned(Value v) {
        DataType t = v.descriptor().dataType();
        return !v.isConstant() && (t == DataType.FLOAT32 || t == DataType.FLOAT16);
    }

    static MemoryPlan run(Program program, Capabilities capabilities) {
        int count = program.values.size();
        int[] parent = new int[count];
        for (int i = 0; i < count; i++) {
            parent[i] = i;
        }
        List<Node> nodes = program.nodes;
        for (Node node : nodes) {
            Value in = node.inputs.isEmpty() ? null : node.inputs.get(0);
            boolean alias = node.kind() == Node.Kind.RELABEL
                    || (node.kind() == Node.Kind.OP && capabilities.aliasesInput(node));
            if (alias && in != null && planned(in) && planned(node.output())) {
                parent[find(parent, node.output().id())] = find(parent, in.id());
            }
        }
        int[] aliasesOfRoot = new int[count];
        for (int v = 0; v < count; v++) {
            if (planned(program.values.get(v))) {
                aliasesOfRoot[find(parent, v)]++;
            }
        }
        boolean[] sharesStorage = new boolean[count];
        for (int v = 0; v < count; v++) {
            sharesStorage[v] = planned(program.values.get(v)) && aliasesOfRoot[find(parent, v)] > 1;
        }
        Set<Node> insideNext = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i + 1 < nodes.size(); i++) {
            if (nodes.get(i).kind() == Node.Kind.OP && capabilities.runsInsideNext(nodes.get(i), nodes.get(i + 1))) {
                insideNext.add(nodes.get(i));
            }
        }
        int end = nodes.size();
        int[] lastUse = new int[count];
        Arrays.fill(lastUse, -1);
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            // A node that runs inside the next one's step (and that one inside the next, ...) reads until the last.
            int readUntil = i;
            while (insideNext.contains(nodes.get(readUntil))) {
                readUntil++;
            }
            for (Value v : node.inputs) {
                if (v != null) {
                    touch(lastUse, find(parent, v.id()), readUntil);
                }
            }
            for (Value v : node.outputs) {
                touch(lastUse, find(parent, v.id()), i);
            }
        }
        for (Value v : program.outputs.values()) {
            touch(lastUse, find(parent, v.id()), end);
        }
        // In place: the output joins its input's buffer when the input's last reader is this node.
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (node.kind() != Node.Kind.OP || !capabilities.runsInPlace(node)) {
                continue;
            }
            Value out = node.output();
            for (Value in : node.inputs) {
                if (in == null || !planned(in) || in.descriptor().dataType() != out.descriptor().dataType()
                        || in.descriptor().elementCount() != out.descriptor().elementCount()) {
                    continue;
                }
                int inRoot = find(parent, in.id());
                int outRoot = find(parent, out.id());
                if (lastUse[inRoot] == i && inRoot != outRoot) {
                    parent[outRoot] = inRoot;
                    lastUse[inRoot] = Math.max(lastUse[inRoot], lastUse[outRoot]);
                    break;
                }
            }
        }
        int[] bufferOfRoot = new int[count];
        Arrays.fill(bufferOfRoot, -1);
        List<DataType> types = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<Integer> free = new ArrayList<>();
        for (Value v : program.inputs.values()) {
            allocate(v, find(parent, v.id()), bufferOfRoot, types, sizes, free, program, parent);
        }
        for (int i = 0; i < nodes.size(); i++) {
            // What a node running inside the next one's step makes stays within that step: it needs no buffer.
            for (Value v : insideNext.contains(nodes.get(i)) ? List.<Value>of() : nodes.get(i).outputs) {
                allocate(v, find(parent, v.id()), bufferOfRoot, types, sizes, free, program, parent);
            }
            for (int root = 0; root < count; root++) {
                if (lastUse[root] == i && bufferOfRoot[root] >= 0 && find(parent, root) == root) {
                    free.add(bufferOfRoot[root]);
                }
            }
        }
        int[] bufferOf = new int[count];
        for (int v = 0; v < count; v++) {
            bufferOf[v] = planned(program.values.get(v)) ? bufferOfRoot[find(parent, v)] : -1;
        }
        long[] elements = sizes.stream().mapToLong(Long::longValue).toArray();
        return new MemoryPlan(bufferOf, sharesStorage, insideNext, types, elements);
    }

    /** Gives a root its buffer the first time one of its values is produced: the smallest free one that fits. */
    private static void allocate(Value v, int root, int[] bufferOfRoot, List<DataType> types, List<Long> sizes,
                                 List<Integer> free, Program program, int[] parent) {
        if (!planned(v) || bufferOfRoot[root] >= 0) {
            return;
        }
        long need = maxElements(program, parent, root);
        DataType type = v.descriptor().dataType();
        int best = -1;
        for (int b : free) {
            if (types.get(b) != type) {
                continue;
            }
            if (best < 0 || fitsBetter(sizes.get(b), sizes.get(best), need)) {
                best = b;
            }
        }
        if (best >= 0) {
            free.remove(Integer.valueOf(best));
            sizes.set(best, Math.max(sizes.get(best), need));
        } else {
            best = types.size();
            types.add(type);
            sizes.add(need);
        }
        bufferOfRoot[root] = best;
    }

    /** Prefer the smallest buffer that fits; failing that, the largest (it grows least). */
    private static boolean fitsBetter(long candidate, long current, long need) {
        boolean candidateFits = candidate >= need;
        boolean currentFits = current >= need;
        if (candidateFits != currentFits) {
            return candidateFits;
        }
        return candidateFits ? candidate < current : candidate > current;
    }

    private static long maxElements(Program program, int[] parent, int root) {
        long max = 0;
        for (Value v : program.values) {
            if (find(parent, v.id()) == root && planned(v)) {
                max = Math.max(max, v.descriptor().elementCount());
            }
        }
        return max;
    }

    private static void touch(int[] lastUse, int root, int position) {
        lastUse[root] = Math.max(lastUse[root], position);
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }
}
