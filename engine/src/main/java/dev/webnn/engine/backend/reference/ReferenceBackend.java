package dev.webnn.engine.backend.reference;

import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.backend.Backend;
import dev.webnn.engine.backend.Executable;
import dev.webnn.engine.backend.OpSupportLimits;
import dev.webnn.engine.backend.TensorLimits;
import dev.webnn.engine.graph.Graph;
import dev.webnn.engine.graph.Operand;
import dev.webnn.engine.graph.Operation;
import dev.webnn.engine.ops.Op;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The oracle backend: slow, plain code whose results other backends are checked against. Values
 * are computed in double (float types) or exact 64-bit integer arithmetic and rounded or wrapped
 * once, when each op's result is stored in its output type.
 */
public final class ReferenceBackend implements Backend {
    /** The largest byte length one Java array (and one ByteBuffer) can hold. */
    public static final long MAX_TENSOR_BYTE_LENGTH = Integer.MAX_VALUE;

    private static final KernelTable KERNELS = KernelTable.standard();
    private static final OpSupportLimits LIMITS = buildLimits();

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public OpSupportLimits opSupportLimits() {
        return LIMITS;
    }

    @Override
    public Executable compile(Graph graph) {
        for (Operation operation : graph.operations()) {
            if (!KERNELS.supports(operation.op())) {
                throw new WebNNException(ErrorKind.OPERATION,
                        "The reference backend cannot run " + operation.op().opName() + ".");
            }
            List<OperandDescriptor> inputDescriptors = new ArrayList<>();
            for (Operand input : operation.inputs()) {
                inputDescriptors.add(input == null ? null : input.descriptor());
            }
            String refusal = KERNELS.refusalReason(operation.op(), inputDescriptors);
            if (refusal != null) {
                throw new WebNNException(ErrorKind.OPERATION,
                        "The reference backend cannot run this graph: " + refusal);
            }
            for (Operand output : operation.outputs()) {
                TensorData.elementCountOf(output.descriptor());
            }
        }
        for (Operand input : graph.inputs().values()) {
            TensorData.elementCountOf(input.descriptor());
        }
        return (inputs, outputs) -> execute(graph, inputs, outputs);
    }

    /**
     * Runs one op's reference kernel on decoded values. Faster backends call it for the ops and types they do not
     * accelerate, so their results never stray from the oracle's.
     */
    public static List<TensorData> runKernel(Op op, List<TensorData> inputs, List<OperandDescriptor> outputs) {
        return KERNELS.run(op, inputs, outputs);
    }

    private static void execute(Graph graph, Map<String, ByteBuffer> inputs, Map<String, ByteBuffer> outputs) {
        Map<Operand, TensorData> values = new HashMap<>();
        graph.inputs().forEach((name, operand) ->
                values.put(operand, TensorData.decode(operand.descriptor(), required(inputs, "input", name))));
        graph.constants().forEach((operand, bytes) ->
                values.put(operand, TensorData.decode(operand.descriptor(), bytes)));
        for (Operation operation : graph.operations()) {
            List<TensorData> operationInputs = new ArrayList<>();
            for (Operand input : operation.inputs()) {
                operationInputs.add(input == null ? null : values.get(input));
            }
            List<OperandDescriptor> outputDescriptors = new ArrayList<>();
            for (Operand output : operation.outputs()) {
                outputDescriptors.add(output.descriptor());
            }
            List<TensorData> results = KERNELS.run(operation.op(), operationInputs, outputDescriptors);
            for (int i = 0; i < results.size(); i++) {
                values.put(operation.outputs().get(i), results.get(i));
            }
        }
        graph.outputs().forEach((name, operand) -> values.get(operand).encodeTo(required(outputs, "output", name)));
    }

    private static ByteBuffer required(Map<String, ByteBuffer> buffers, String role, String name) {
        ByteBuffer buffer = buffers.get(name);
        if (buffer == null) {
            throw new WebNNException(ErrorKind.TYPE, "No buffer was given for the " + role + " '" + name + "'.");
        }
        return buffer;
    }

    private static OpSupportLimits buildLimits() {
        TensorLimits anyTensor = new TensorLimits(KernelTable.ALL_TYPES, 0, KernelTable.MAX_RANK);
        return new OpSupportLimits(MAX_TENSOR_BYTE_LENGTH, "nchw", anyTensor, anyTensor, anyTensor, KERNELS.limits());
    }
}
