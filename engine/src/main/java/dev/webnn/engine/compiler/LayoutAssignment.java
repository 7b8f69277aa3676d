package dev.webnn.engine.compiler;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ops.ElementwiseBinary;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses where values are stored NHWC. Image kernels that prefer NHWC get it; element-wise nodes between them
 * keep whatever layout they are given (constant operands are reordered at compile time), so a chain of
 * conv2d, pooling and element-wise ops runs with no reordering between them. A reorder remains only where a value
 * enters that region from row-major code or leaves it to other ops or to a graph output, and none at all where
 * both orders coincide (H * W or C is 1), or where the kernel reorders as it copies anyway (a padded conv2d that
 * reads its row-major input, or stores its output row-major for consumers that would not keep NHWC).
 */
final class LayoutAssignment {
    private final Program program;
    private final Map<Value, Value> nhwcOf = new HashMap<>();
    private final Map<Value, Value> rowMajorOf = new HashMap<>();

    private LayoutAssignment(Program program) {
        this.program = program;
    }

    static void run(Program program, Capabilities capabilities) {
        LayoutAssignment pass = new LayoutAssignment(program);
        for (Node node : new ArrayList<>(program.nodes)) {
            if (node.kind() != Node.Kind.OP) {
                continue;
            }
            if (capabilities.prefersNhwc(node)) {
                node.nhwc = true;
                Value in = node.inputs.get(0);
                boolean readsAsIs = in.layout != Layout.NHWC && !pass.nhwcOf.containsKey(in)
                        && capabilities.readsRowMajorInput(node);
                if (!readsAsIs) {
                    program.replaceInput(node, 0, pass.toNhwc(node, in));
                }
                node.output().layout = capabilities.writesRowMajorOutput(node) ? Layout.ROW_MAJOR : Layout.NHWC;
                continue;
            }
            if (capabilities.acceptsAnyLayout(node) && pass.keepsNhwc(node)) {
                continue;
            }
            for (int i = 0; i < node.inputs.size(); i++) {
                Value in = node.inputs.get(i);
                if (in != null && in.layout == Layout.NHWC) {
                    program.replaceInput(node, i, pass.toRowMajor(node, in));
                }
            }
        }
        for (Map.Entry<String, Value> e : new ArrayList<>(program.outputs.entrySet())) {
            Value out = e.getValue();
            if (out.layout == Layout.NHWC) {
                Value rowMajor = pass.toRowMajor(null, out);
                out.outputNames.remove(e.getKey());
                rowMajor.outputNames.add(e.getKey());
                program.outputs.put(e.getKey(), rowMajor);
            }
        }
    }

    /**
     * An element-wise node whose NHWC inputs can stay NHWC: a one-operand op passes the layout on; a binary op
     * does when every other operand is a constant (reordered here) or NHWC too.
     */
    private boolean keepsNhwc(Node node) {
        List<Value> tensors = node.inputs.stream().filter(v -> v != null).toList();
        if (tensors.stream().noneMatch(v -> v.layout == Layout.NHWC)) {
            return false;
        }
        if (tensors.size() == 1) {
            node.output().layout = tensors.get(0).layout;
            return true;
        }
        if (!(node.op() instanceof ElementwiseBinary) || node.output().descriptor().rank() != 4) {
            return false;
        }
        for (Value v : tensors) {
            boolean available = v.layout == Layout.NHWC || nhwcOf.containsKey(v)
                    || (v.isConstant() && v.descriptor().rank() <= 4);
            if (!available) {
                return false;
            }
        }
        for (int i = 0; i < node.inputs.size(); i++) {
            Value v = node.inputs.get(i);
            if (v != null && v.layout != Layout.NHWC) {
                program.replaceInput(node, i, toNhwc(node, v));
            }
        }
        node.output().layout = Layout.NHWC;
        return true;
    }

    private Value toNhwc(Node consumer, Value in) {
        if (in.layout == Layout.NHWC) {
            return in;
        }
        if (in.isConstant()) {
            return nhwcOf.computeIfAbsent(in, this::reorderedConstant);
        }
        return nhwcOf.computeIfAbsent(in, v -> convert(consumer, v, Layout.NHWC));
    }

    private Value toRowMajor(Node consumer, Value in) {
        return rowMajorOf.computeIfAbsent(in, v -> convert(consumer, v, Layout.ROW_MAJOR));
    }

    /** A node before {@code consumer} (or at the end) that gives {@code in}'s data in {@code layout}. */
    private Value convert(Node consumer, Value in, Layout layout) {
        Value out = program.newValue(in.descriptor());
        out.layout = layout;
        long[] shape = in.descriptor().shape();
        boolean sameBytes = shape[1] == 1 || shape[2] * shape[3] == 1;
        Node.Kind kind = sameBytes ? Node.Kind.RELABEL : layout == Layout.NHWC ? Node.Kind.TO_NHWC
                : Node.Kind.TO_ROW_MAJOR;
        int position = consumer == null ? program.nodes.size() : program.nodes.indexOf(consumer);
        program.add(position, new Node(kind, null, List.of(in), List.of(out), ""));
        // Either order of the same data serves later readers that want it.
        (layout == Layout.NHWC ? rowMajorOf : nhwcOf).putIfAbsent(out, in);
        return out;
    }

    /** The constant, padded to rank 4 with leading ones, stored NHWC. */
    private Value reorderedConstant(Value in) {
        OperandDescriptor d = in.descriptor();
        long[] shape = new long[4];
        Arrays.fill(shape, 1);
        long[] given = d.shape();
        System.arraycopy(given, 0, shape, 4 - given.length, given.length);
        int elementBytes = d.dataType().bits() / 8;
        int n = (int) shape[0];
        int c = (int) shape[1];
        int h = (int) shape[2];
        int w = (int) shape[3];
        ByteBuffer src = in.constantBytes();
        ByteBuffer dst = ByteBuffer.allocate(src.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int from = (((b * c + ch) * h + y) * w + x) * elementBytes;
                        int to = (((b * h + y) * w + x) * c + ch) * elementBytes;
                        for (int k = 0; k < elementBytes; k++) {
                            dst.put(to + k, src.get(from + k));
                        }
                    }
                }
            }
        }
        Value out = program.newConstant(OperandDescriptor.of(d.dataType(), shape), dst);
        out.layout = Layout.NHWC;
        return out;
    }
}
