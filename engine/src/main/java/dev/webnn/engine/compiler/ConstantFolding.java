package dev.webnn.engine.compiler;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.backend.reference.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates, once at compile time, every op whose operands are all constants, with the reference kernel so the
 * folded value is exactly what the oracle computes. Graph outputs are left to run, so they stay op results.
 */
final class ConstantFolding {
    private ConstantFolding() {
    }

    static void run(Program program) {
        for (Node node : new ArrayList<>(program.nodes)) {
            if (node.kind() != Node.Kind.OP || !foldable(node)) {
                continue;
            }
            List<TensorData> in = new ArrayList<>();
            for (Value v : node.inputs) {
                in.add(v == null ? null : TensorData.decode(v.descriptor(), v.constantBytes()));
            }
            List<OperandDescriptor> outDescriptors = new ArrayList<>();
            for (Value v : node.outputs) {
                outDescriptors.add(v.descriptor());
            }
            List<TensorData> results = ReferenceBackend.runKernel(node.op(), in, outDescriptors);
            program.remove(node);
            for (int i = 0; i < results.size(); i++) {
                node.outputs.get(i).constant = results.get(i).toBytes();
            }
        }
    }

    private static boolean foldable(Node node) {
        boolean any = false;
        for (Value v : node.inputs) {
            if (v == null) {
                continue;
            }
            if (!v.isConstant()) {
                return false;
            }
            any = true;
        }
        for (Value v : node.outputs) {
            if (v.isGraphOutput()) {
                return false;
            }
        }
        return any;
    }
}
