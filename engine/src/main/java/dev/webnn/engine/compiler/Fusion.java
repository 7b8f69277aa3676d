package dev.webnn.engine.compiler;

import dev.webnn.engine.ops.Clamp;
import dev.webnn.engine.ops.Conv2d;
import dev.webnn.engine.ops.ElementwiseBinary;
import dev.webnn.engine.ops.ElementwiseUnary;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.ops.ScalarActivation;
import java.util.ArrayList;

/**
 * Folds into a node what follows it when nothing else reads the intermediate: an add of a per-channel constant
 * (conv2d, matmul and gemm bias) and chains of one-operand element-wise ops (activations such as relu, clamp or
 * sigmoid, and element-wise chains after any element-wise node). The kernel then applies them while the result
 * is still in cache, and the intermediate tensors are never stored.
 */
final class Fusion {
    private Fusion() {
    }

    static void run(Program program, Capabilities capabilities) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Node node : new ArrayList<>(program.nodes)) {
                if (!program.nodes.contains(node) || node.kind() != Node.Kind.OP || node.outputs.size() != 1) {
                    continue;
                }
                Value out = node.output();
                if (out.isGraphOutput() || out.consumers.size() != 1) {
                    continue;
                }
                Node next = out.consumers.get(0);
                if (next.kind() != Node.Kind.OP || next.outputs.size() != 1) {
                    continue;
                }
                if (node.epilogue.isEmpty() && node.bias == null && capabilities.takesBias(node)
                        && next.op() instanceof ElementwiseBinary add && add.kind() == ElementwiseBinary.Kind.ADD) {
                    Value other = next.inputs.get(0) == out ? next.inputs.get(1) : next.inputs.get(0);
                    if (other != out && other.isConstant() && other.descriptor().dataType() == out.descriptor().dataType()
                            && next.output().descriptor().equals(out.descriptor())
                            && isChannelVector(other.descriptor().shape(), out.descriptor().shape(), channelAxis(node))) {
                        node.bias = other;
                        absorb(program, node, next);
                        changed = true;
                        continue;
                    }
                }
                if (isUnaryElementwise(next.op()) && next.inputs.get(0) == out
                        && capabilities.takesEpilogue(node, next.op())) {
                    node.epilogue.add(next.op());
                    absorb(program, node, next);
                    changed = true;
                }
            }
        }
    }

    /** The one-operand element-wise ops whose output has the input's type and shape. */
    static boolean isUnaryElementwise(Op op) {
        return op instanceof ElementwiseUnary || op instanceof Clamp || op instanceof ScalarActivation;
    }

    /** Where a node's per-channel bias lies: the layout's channel axis for conv2d, the last axis otherwise. */
    static int channelAxis(Node node) {
        if (node.op() instanceof Conv2d conv) {
            return conv.inputLayout().channelAxis();
        }
        return node.output().descriptor().rank() - 1;
    }

    /** Whether {@code bias}, broadcast to {@code shape}, varies at most along {@code axis}. */
    static boolean isChannelVector(long[] bias, long[] shape, int axis) {
        if (bias.length > shape.length) {
            return false;
        }
        int offset = shape.length - bias.length;
        for (int i = 0; i < bias.length; i++) {
            if (bias[i] != 1 && !(i + offset == axis && bias[i] == shape[axis])) {
                return false;
            }
        }
        return true;
    }

    private static void absorb(Program program, Node node, Node next) {
        Value fusedOut = next.output();
        program.remove(next);
        node.output().consumers.clear();
        node.outputs.set(0, fusedOut);
        fusedOut.producer = node;
    }
}
