package dev.webnn.engine.graph;

import dev.webnn.engine.DataType;
import dev.webnn.engine.ErrorKind;
import dev.webnn.engine.MemoryBudget;
import dev.webnn.engine.OperandDescriptor;
import dev.webnn.engine.TensorData;
import dev.webnn.engine.ValidationError;
import dev.webnn.engine.WebNNException;
import dev.webnn.engine.ops.ElementwiseBinary;
import dev.webnn.engine.ops.ElementwiseUnary;
import dev.webnn.engine.ops.Matmul;
import dev.webnn.engine.ops.Op;
import dev.webnn.engine.ops.OperandNames;
import dev.webnn.engine.ops.Reshape;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import dev.webnn.engine.backend.OpSupportLimits;
import dev.webnn.engine.backend.TensorLimits;

/** Records inputs, constants and operations, validating each as it is added. Not thread-safe. */
public final class GraphBuilder {
    private final long maxTensorByteLength;
    private final int maxInputRank;
    private final int maxConstantRank;
    /** Per op name, then operand name; empty for a builder bound to no context. */
    private final Map<String, Map<String, TensorLimits>> opLimits;
    private final BooleanSupplier contextUsable;
    private final MemoryBudget budget;
    private final int maxOperands;
    private final int maxOperations;
    private final List<Operand> operands = new ArrayList<>();
    private final List<Operation> operations = new ArrayList<>();
    private final Map<Operand, Operation> producers = new HashMap<>();
    private final Map<Operand, ByteBuffer> constants = new HashMap<>();
    private boolean built;

    /** A builder bound to no context, for Java users and tests: any rank, the given byte limit. */
    public GraphBuilder(long maxTensorByteLength) {
        this.maxTensorByteLength = maxTensorByteLength;
        this.maxInputRank = Integer.MAX_VALUE;
        this.maxConstantRank = Integer.MAX_VALUE;
        this.opLimits = Map.of();
        this.contextUsable = () -> true;
        this.budget = MemoryBudget.unlimited();
        this.maxOperands = Integer.MAX_VALUE;
        this.maxOperations = Integer.MAX_VALUE;
    }

    /**
     * A builder for a context: inputs and constants are held to the backend's byte and rank limits.
     *
     * @param contextUsable false once the owning context is destroyed or lost, after which every
     *                      method throws InvalidStateError as the spec's "can build" check requires
     */
    public GraphBuilder(OpSupportLimits limits, BooleanSupplier contextUsable) {
        this(limits, contextUsable, MemoryBudget.unlimited(), Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * A builder for a context with resource limits: constants are allocated from {@code budget}, and the builder
     * holds at most {@code maxOperands} operands and {@code maxOperations} operations.
     */
    public GraphBuilder(OpSupportLimits limits, BooleanSupplier contextUsable, MemoryBudget budget, int maxOperands,
                        int maxOperations) {
        this.maxTensorByteLength = limits.maxTensorByteLength();
        this.maxInputRank = limits.input().maxRank();
        this.maxConstantRank = limits.constant().maxRank();
        this.opLimits = limits.ops();
        this.contextUsable = Objects.requireNonNull(contextUsable, "contextUsable");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.maxOperands = maxOperands;
        this.maxOperations = maxOperations;
    }

    public boolean isBuilt() {
        return built;
    }

    public Operand input(String name, OperandDescriptor descriptor) {
        requireCanBuild();
        if (name == null || name.isEmpty()) {
            throw new ValidationError("", "An input name must not be empty.");
        }
        requireWithinLimit("", Objects.requireNonNull(descriptor, "descriptor"));
        requireRank("input", descriptor, maxInputRank);
        requireRoomFor("", 1);
        return newOperand(descriptor, Operand.Kind.INPUT, name);
    }

    /** Copies the bytes, which must be exactly the descriptor's byte length, little-endian. */
    public Operand constant(OperandDescriptor descriptor, ByteBuffer littleEndianBytes) {
        requireCanBuild();
        requireWithinLimit("", Objects.requireNonNull(descriptor, "descriptor"));
        requireRank("constant", descriptor, maxConstantRank);
        long expected = descriptor.byteLength();
        if (littleEndianBytes == null || littleEndianBytes.remaining() != expected) {
            throw new ValidationError("", "A constant of " + descriptor + " needs " + expected + " bytes but got "
                    + (littleEndianBytes == null ? 0 : littleEndianBytes.remaining()) + ".");
        }
        if (expected > TensorData.MAX_ELEMENTS) {
            throw new ValidationError("", "A constant of " + descriptor + " is too large for this engine.");
        }
        requireRoomFor("", 1);
        ByteBuffer copy = ByteBuffer.wrap(budget.allocate((int) expected, "A constant of " + descriptor).array());
        copy.put(littleEndianBytes.duplicate()).flip();
        Operand operand = newOperand(descriptor, Operand.Kind.CONSTANT, null);
        constants.put(operand, copy.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
        return operand;
    }

    /**
     * A rank-0 constant. Floats are rounded to the type; integers wrap as two's complement, with
     * non-integral doubles truncated and NaN or infinities taken as 0 (WebIDL's ConvertToInt).
     *
     * @param value a Double, Long, Integer or BigInteger (uint64 up to 2^64-1)
     */
    public Operand constant(DataType type, Number value) {
        requireCanBuild();
        Objects.requireNonNull(type, "type");
        if (!(value instanceof Double || value instanceof Long || value instanceof Integer
                || value instanceof BigInteger)) {
            throw new ValidationError("", "A scalar constant must be a Double, Long, Integer or BigInteger.");
        }
        OperandDescriptor descriptor = OperandDescriptor.of(type);
        TensorData data = type.isFloat()
                ? TensorData.ofFloats(descriptor, new double[] {value.doubleValue()})
                : TensorData.ofIntegers(descriptor, new long[] {integerBits(value)});
        return constant(descriptor, data.toBytes());
    }

    /** The low 64 bits of the integer value; wrapping to narrower types happens in TensorData. */
    private static long integerBits(Number value) {
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return 0;
            }
            return new BigDecimal(d).toBigInteger().longValue();
        }
        if (value instanceof BigInteger big) {
            return big.longValue();
        }
        return value.longValue();
    }

    /**
     * Validates and appends an operation.
     *
     * @param inputs positional operands; null for an absent optional operand
     * @return the new output operands
     */
    public List<Operand> addOperation(Op op, List<Operand> inputs, String label) {
        requireCanBuild();
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(inputs, "inputs");
        String safeLabel = label == null ? "" : label;
        if (operations.size() >= maxOperations) {
            throw new ValidationError(safeLabel, "The graph already has " + operations.size()
                    + " operations, the most this context allows.");
        }
        List<OperandDescriptor> descriptors = new ArrayList<>(inputs.size());
        for (Operand input : inputs) {
            if (input != null && input.builder() != this) {
                throw new ValidationError(safeLabel, "An input of " + op.opName() + " belongs to another graph builder.");
            }
            descriptors.add(input == null ? null : input.descriptor());
        }
        List<OperandDescriptor> outputDescriptors = op.validate(safeLabel, descriptors);
        for (OperandDescriptor d : outputDescriptors) {
            requireWithinLimit(safeLabel, d);
        }
        requireRanksSupported(op, safeLabel, descriptors, outputDescriptors);
        requireRoomFor(safeLabel, outputDescriptors.size());
        List<Operand> outputs = new ArrayList<>(outputDescriptors.size());
        for (OperandDescriptor d : outputDescriptors) {
            outputs.add(newOperand(d, Operand.Kind.OPERATION_OUTPUT, null));
        }
        Operation operation = new Operation(op, inputs, outputs, safeLabel);
        operations.add(operation);
        for (Operand output : outputs) {
            producers.put(output, operation);
        }
        return List.copyOf(outputs);
    }

    public Operand add(Operand a, Operand b) {
        return binary(ElementwiseBinary.Kind.ADD, a, b);
    }

    public Operand sub(Operand a, Operand b) {
        return binary(ElementwiseBinary.Kind.SUB, a, b);
    }

    public Operand mul(Operand a, Operand b) {
        return binary(ElementwiseBinary.Kind.MUL, a, b);
    }

    public Operand div(Operand a, Operand b) {
        return binary(ElementwiseBinary.Kind.DIV, a, b);
    }

    public Operand max(Operand a, Operand b) {
        return binary(ElementwiseBinary.Kind.MAX, a, b);
    }

    public Operand min(Operand a, Operand b) {
        return binary(ElementwiseBinary.Kind.MIN, a, b);
    }

    public Operand pow(Operand a, Operand b) {
        return binary(ElementwiseBinary.Kind.POW, a, b);
    }

    public Operand relu(Operand input) {
        return single(new ElementwiseUnary(ElementwiseUnary.Kind.RELU), input);
    }

    public Operand reshape(Operand input, long... newShape) {
        return single(new Reshape(newShape), input);
    }

    public Operand matmul(Operand a, Operand b) {
        return single(new Matmul(), a, b);
    }

    private Operand binary(ElementwiseBinary.Kind kind, Operand a, Operand b) {
        return single(new ElementwiseBinary(kind), a, b);
    }

    private Operand single(Op op, Operand... inputs) {
        return addOperation(op, java.util.Arrays.asList(inputs), "").get(0);
    }

    /**
     * Freezes the builder into a graph holding only what the named outputs depend on. Every kept
     * operation is validated again, as the spec asks before handing a graph to a backend.
     */
    public Graph build(Map<String, Operand> outputs) {
        requireCanBuild();
        if (outputs == null || outputs.isEmpty()) {
            throw new ValidationError("", "build() needs at least one output.");
        }
        for (Map.Entry<String, Operand> e : outputs.entrySet()) {
            String name = e.getKey();
            Operand operand = e.getValue();
            if (name == null || name.isEmpty()) {
                throw new ValidationError("", "An output name must not be empty.");
            }
            if (operand == null || operand.builder() != this) {
                throw new ValidationError("", "The output '" + name + "' does not belong to this graph builder.");
            }
            if (operand.kind() != Operand.Kind.OPERATION_OUTPUT) {
                throw new ValidationError("", "The output '" + name + "' is an " + operand.kind().name().toLowerCase()
                        + " operand, not the result of an operation.");
            }
        }
        Set<Operand> reachable = reachableFrom(outputs.values());
        List<Operation> kept = new ArrayList<>();
        for (Operation operation : operations) {
            if (operation.outputs().stream().anyMatch(reachable::contains)) {
                List<OperandDescriptor> descriptors = new ArrayList<>();
                for (Operand input : operation.inputs()) {
                    descriptors.add(input == null ? null : input.descriptor());
                }
                operation.op().validate(operation.label(), descriptors);
                kept.add(operation);
            }
        }
        Map<String, Operand> graphInputs = new LinkedHashMap<>();
        Map<Operand, ByteBuffer> graphConstants = new LinkedHashMap<>();
        for (Operand operand : operands) {
            if (!reachable.contains(operand)) {
                continue;
            }
            if (operand.kind() == Operand.Kind.INPUT) {
                // Names are checked here rather than in input(): the pinned WPT suite builds several inputs
                // named alike in one builder and expects only the graph that uses two of them to fail.
                if (graphInputs.putIfAbsent(operand.name(), operand) != null) {
                    throw new ValidationError("", "Two inputs of this graph are named '" + operand.name() + "'.");
                }
            } else if (operand.kind() == Operand.Kind.CONSTANT) {
                graphConstants.put(operand, constants.get(operand));
            }
        }
        Graph graph = new Graph(graphInputs, new LinkedHashMap<>(outputs), kept, graphConstants);
        built = true;
        return graph;
    }

    private Set<Operand> reachableFrom(Iterable<Operand> roots) {
        Set<Operand> seen = new HashSet<>();
        Deque<Operand> pending = new ArrayDeque<>();
        roots.forEach(pending::push);
        while (!pending.isEmpty()) {
            Operand operand = pending.pop();
            if (!seen.add(operand)) {
                continue;
            }
            Operation producer = producers.get(operand);
            if (producer != null) {
                seen.addAll(producer.outputs());
                for (Operand input : producer.inputs()) {
                    if (input != null) {
                        pending.push(input);
                    }
                }
            }
        }
        return seen;
    }

    private Operand newOperand(OperandDescriptor descriptor, Operand.Kind kind, String name) {
        Operand operand = new Operand(operands.size(), descriptor, this, kind, name);
        operands.add(operand);
        return operand;
    }

    /**
     * Throws InvalidStateError unless this builder can still build: not built yet, and its context usable. The
     * spec's first step of every builder method, before anything about the arguments is checked.
     */
    public void requireCanBuild() {
        if (built) {
            throw new WebNNException(ErrorKind.INVALID_STATE, "This graph builder has already built a graph.");
        }
        if (!contextUsable.getAsBoolean()) {
            throw new WebNNException(ErrorKind.INVALID_STATE, "The context of this graph builder is lost or destroyed.");
        }
    }

    private void requireRoomFor(String label, int newOperands) {
        if (newOperands > maxOperands - operands.size()) {
            throw new ValidationError(label, "The graph already has " + operands.size()
                    + " operands, and this context allows at most " + maxOperands + ".");
        }
    }

    private static void requireRank(String what, OperandDescriptor d, int maxRank) {
        if (d.rank() > maxRank) {
            throw new ValidationError("", "An " + what + " of rank " + d.rank() + " exceeds this context's maximum rank "
                    + maxRank + ".");
        }
    }

    /**
     * Holds every operand of the op, inputs and outputs, to the rank range the backend advertises for it in
     * opSupportLimits(): the spec lets a backend support fewer ranks than an op allows, and what it advertises
     * is what it runs, so a chain of ops whose output grows past the range (gather after gather) fails here with
     * a TypeError rather than in the backend.
     */
    private void requireRanksSupported(Op op, String label, List<OperandDescriptor> inputs,
                                       List<OperandDescriptor> outputs) {
        Map<String, TensorLimits> limits = opLimits.get(op.opName());
        if (limits == null) {
            return;
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) != null) {
                requireRankIn(op, label, OperandNames.input(op, i), inputs.get(i), limits);
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            requireRankIn(op, label, OperandNames.output(op, i), outputs.get(i), limits);
        }
    }

    private static void requireRankIn(Op op, String label, String operandName, OperandDescriptor d,
                                      Map<String, TensorLimits> limits) {
        TensorLimits range = limits.get(operandName);
        if (range != null && (d.rank() < range.minRank() || d.rank() > range.maxRank())) {
            throw new ValidationError(label, op.opName() + "'s '" + operandName + "' has rank " + d.rank()
                    + ", outside the ranks " + range.minRank() + " to " + range.maxRank() + " this context supports.");
        }
    }

    private void requireWithinLimit(String label, OperandDescriptor d) {
        // A descriptor made with OperandDescriptor.of skipped the dimension checks; no operand may skip them.
        long bytes = OperandDescriptor.checked(label, d.dataType(), d.shape()).byteLength();
        if (bytes > maxTensorByteLength) {
            throw new ValidationError(label, d + " needs " + bytes + " bytes, more than the context's limit of "
                    + maxTensorByteLength + ".");
        }
    }
}
